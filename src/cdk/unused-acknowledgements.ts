import { Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { acknowledgingScopesAbove, takeUnused, UnusedAcknowledgement } from './acknowledgements';
import { report } from './annotations';
import { findingOf } from '../engine/validate-client';
import { noticeRule } from '../rules/registry';

/**
 * Reports the acknowledgements that accepted no finding (VUPC-ACKNOWLEDGEMENT-UNUSED),
 * as ESLint reports unused disable directives. CDK validates after every
 * aspect of a synthesis has run, so every finding below a scope has been
 * reported by then: a stack's validation judges the acknowledgements made on
 * it and its constructs; an app's or a stage's validation (which CDK runs
 * after its nested stages are synthesized and before its own stacks are)
 * judges those made on the app or stage, and reports them on its first
 * stack, as an app or a stage has no metadata of its own in the cloud assembly.
 */

const ID = 'VUPC-ACKNOWLEDGEMENT-UNUSED';
/** Stacks, stages and apps where a check runs with the report switched off (disabledRules). */
const off = new WeakSet<IConstruct>();
const watched = new WeakSet<IConstruct>();

/** Notes that the checks of `node` do not report unused acknowledgements, for its stack and the scopes above. */
export function noUnusedReport(node: IConstruct): void {
  for (const scope of node.node.scopes) off.add(scope);
}

/** Judges the acknowledgements of the stack, and of the apps and stages above it, at their validation. */
export function watchAcknowledgements(stack: Stack): void {
  watch(stack, () => {
    const unused = takeUnused(stack);
    if (!off.has(stack)) for (const u of unused) report(u.construct, unusedFinding(u));
  });
  for (const scope of acknowledgingScopesAbove(stack)) {
    watch(scope, () => {
      const unused = takeUnused(scope);
      const stage = Stage.isStage(scope) ? scope : scope.node.root;
      const first = scope.node.findAll().find((c): c is Stack => Stack.isStack(c) && Stage.of(c) === stage);
      if (first && !off.has(scope)) for (const u of unused) report(first, unusedFinding(u));
    });
  }
}

function watch(scope: IConstruct, judge: () => void): void {
  if (watched.has(scope)) return;
  watched.add(scope);
  scope.node.addValidation({ validate: () => (judge(), []) });
}

function unusedFinding(u: UnusedAcknowledgement) {
  const rule = noticeRule(ID);
  const where = u.construct.node.path || '<app>';
  return findingOf(rule, where, { property: '', problem: `the acknowledgement of ${u.ruleId} made on ${where} ("${u.reason}") accepted no finding in this synthesis` }, rule.severity);
}
