import type { Finding } from './finding';
import { RuleMemo } from './rule-memo';
import { TemplateIndex, TemplateResource, TYPES } from './template-index';
import { RuleSelection, runRules } from './validate-client';
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
  const memo = new RuleMemo();
  const out: TemplateFinding[] = [];
  for (const [logicalId, resource] of clientsOf(template)) {
    const service = run.service && !run.skip?.(logicalId, 'service') ? run.service : undefined;
    const policy = run.policy && !run.skip?.(logicalId, 'policy') ? run.policy : undefined;
    if (!service && !policy) continue;
    const { client, context } = index.read(logicalId, resource, [], { region: run.region });
    const path = run.pathOf(logicalId);
    const findings: Finding[] = [];
    if (service) findings.push(...runRules(path, client, context, service, memo));
    if (policy) findings.push(...runRules(path, client, { ...context, policy: policy.props }, policy.selection, memo));
    findings.forEach((finding) => out.push({ logicalId, finding }));
  }
  return out;
}
