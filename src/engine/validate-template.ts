import type { Finding } from './finding';
import { TemplateIndex, TemplateResource, TYPES } from './template-index';
import { RuleSelection, validateClient } from './validate-client';
import type { UserPoolClientPolicyProps } from '../policy/props';
import { isPlainObject } from '../rules/values';

/** What to run over a template. */
export interface TemplateRun {
  /** The service rules' selection; false to skip them. */
  readonly service: RuleSelection | false;
  /** The policy and its rule selection, if any. */
  readonly policy?: { readonly props: UserPoolClientPolicyProps; readonly selection: RuleSelection };
  /** The Region the template deploys to, when known. */
  readonly region?: string;
  /** Where each client is, for messages (a construct path, or `<file>#<logical id>`). */
  readonly pathOf: (logicalId: string) => string;
  /** Clients (by logical id) whose service or policy rules something else already ran. */
  readonly skip?: (logicalId: string, kind: 'service' | 'policy') => boolean;
}

export interface TemplateFinding {
  readonly logicalId: string;
  readonly finding: Finding;
}

/** The app clients of a template, in template order. */
export function clientsOf(template: unknown): Array<[string, TemplateResource]> {
  const resources = isPlainObject(template) && isPlainObject(template.Resources) ? template.Resources : {};
  return Object.entries(resources).filter((e): e is [string, TemplateResource] => isPlainObject(e[1]) && e[1].Type === TYPES.client);
}

/**
 * Runs the rules over every app client of a CloudFormation template (the
 * door of the validation plugin and the command line). The template is
 * indexed once; findings come in template order, then rule order.
 */
export function validateTemplate(template: unknown, run: TemplateRun): TemplateFinding[] {
  const resources = isPlainObject(template) && isPlainObject(template.Resources) ? (template.Resources as Record<string, TemplateResource>) : {};
  const index = TemplateIndex.of(resources);
  const out: TemplateFinding[] = [];
  for (const [logicalId, resource] of clientsOf(template)) {
    const context = index.contextOf(logicalId, resource, [], { region: run.region });
    const subject = { path: run.pathOf(logicalId), properties: resource.Properties };
    const findings: Finding[] = [];
    if (run.service && !run.skip?.(logicalId, 'service')) findings.push(...validateClient(subject, context, run.service));
    if (run.policy && !run.skip?.(logicalId, 'policy')) findings.push(...validateClient(subject, { ...context, policy: run.policy.props }, run.policy.selection));
    findings.forEach((finding) => out.push({ logicalId, finding }));
  }
  return out;
}
