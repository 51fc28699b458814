import type * as cfnDiff from '@aws-cdk/cloudformation-diff';
import { LoadedTemplate, resourcePath } from './templates';
import { expandedResources } from '../engine/language-extensions';
import { findingOf } from '../engine/validate-client';
import type { Located } from '../reporting/formats';
import { noticeRule } from '../rules/registry';
import { RuleSeverity } from '../rules/rule';
import { isPlainObject } from '../rules/values';

const CLIENT = 'AWS::Cognito::UserPoolClient';

/** The templates of two versions of an input, paired: the same stack (or file) in each. */
export interface TemplatePair {
  readonly before: LoadedTemplate;
  readonly after: LoadedTemplate;
}

/**
 * Pairs the templates of the version before with those after: by their place
 * in their input (the stack's template file in a cloud assembly), or, for one
 * template on each side, with each other. Templates of the version before
 * that have no pair are returned too: nothing is said of them by omission.
 */
export function pairTemplates(
  before: readonly LoadedTemplate[],
  after: readonly LoadedTemplate[],
): { pairs: TemplatePair[]; unpaired: LoadedTemplate[] } {
  if (before.length === 1 && after.length === 1) return { pairs: [{ before: before[0], after: after[0] }], unpaired: [] };
  const byKey = new Map(after.map((t) => [t.key, t]));
  const pairs: TemplatePair[] = [];
  const unpaired: LoadedTemplate[] = [];
  for (const b of before) {
    const a = byKey.get(b.key);
    if (a) pairs.push({ before: b, after: a });
    else unpaired.push(b);
  }
  return { pairs, unpaired };
}

const REPLACING = new Set<string>(['WILL_REPLACE', 'MAY_REPLACE']);
/** A template's resources as it deploys them: the clients an `Fn::ForEach` loop makes are replaced or deleted as any other. */
const resourcesOf = (template: unknown): Readonly<Record<string, unknown>> =>
  (isPlainObject(template) && isPlainObject(template.Resources) ? expandedResources(template.Resources).resources : {});
const expanded = (template: unknown): Record<string, unknown> => ({ ...(template as Record<string, unknown>), Resources: resourcesOf(template) });
const clientIds = (template: unknown) =>
  Object.entries(resourcesOf(template)).filter(([, r]) => isPlainObject(r) && r.Type === CLIENT).map(([id]) => id);
const shown = (value: unknown) => (value === undefined ? '(not set)' : JSON.stringify(value));

/**
 * What deploying the version after over the version before does to app
 * clients, as `cdk diff`'s engine (@aws-cdk/cloudformation-diff) sees it: a
 * client replaced (a create-only property changed) or deleted (its logical
 * id gone) is a VUPC-CLIENT-REPLACED finding, on the template after.
 */
export function replacedClients(pairs: readonly TemplatePair[]): Located[] {
  if (pairs.length === 0) return [];
  // Loaded only here: the diff engine and its resource database cost a second to load, which no other run needs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { fullDiff } = require('@aws-cdk/cloudformation-diff') as typeof cfnDiff;
  const rule = noticeRule('VUPC-CLIENT-REPLACED');
  const out: Located[] = [];
  for (const { before, after } of pairs) {
    const diff = fullDiff(expanded(before.template), expanded(after.template));
    const added = clientIds(after.template).filter((id) => !(id in resourcesOf(before.template)));
    for (const [logicalId, change] of Object.entries(diff.resources.changes)) {
      if (change.oldResourceType !== CLIENT) continue;
      const path = after.constructPaths.get(logicalId) ?? before.constructPaths.get(logicalId) ?? resourcePath(after, logicalId);
      let violation;
      if (REPLACING.has(change.changeImpact)) {
        const [property, update] = Object.entries(change.propertyUpdates).find(([, u]) => REPLACING.has(u.changeImpact ?? '')) ?? ['UserPoolId', undefined];
        violation = { property, problem: `changes from ${shown(update?.oldValue)} to ${shown(update?.newValue)}, which makes CloudFormation replace the client` };
      } else if (change.changeImpact === 'WILL_DESTROY') {
        const renamed = added.length === 0 ? '' : ` (the new template adds ${added.join(', ')}: a client that moves to another logical id is a new client)`;
        violation = { property: '', problem: `app client ${logicalId} is not in the new template, so CloudFormation deletes it${renamed}` };
      } else {
        continue;
      }
      const finding = findingOf(rule, path, violation, rule.severity);
      out.push({ file: after.file, line: after.line(logicalId, violation.property || undefined), logicalId, finding });
    }
    // A client that now exists under a condition (or another one) is deleted by a deployment where the condition is false.
    const [beforeResources, afterResources] = [resourcesOf(before.template), resourcesOf(after.template)];
    for (const logicalId of clientIds(after.template)) {
      const [was, now] = [conditionOf(beforeResources[logicalId]), conditionOf(afterResources[logicalId])];
      if (!(logicalId in beforeResources) || now === undefined || now === was) continue;
      const path = after.constructPaths.get(logicalId) ?? resourcePath(after, logicalId);
      const since = was === undefined ? 'it existed unconditionally before' : `it existed under ${was} before`;
      const violation = { property: 'Condition', value: now, problem: `is new (${since}): a deployment in which ${now} is false deletes the client` };
      // A warning: the condition may hold wherever the client is deployed, which the template does not say.
      out.push({ file: after.file, line: after.line(logicalId), logicalId, finding: findingOf(rule, path, violation, RuleSeverity.WARNING) });
    }
  }
  return out;
}

const conditionOf = (resource: unknown): string | undefined => (isPlainObject(resource) && typeof resource.Condition === 'string' ? resource.Condition : undefined);
