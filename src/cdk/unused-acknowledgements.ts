import { Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { acknowledgingScopesAbove, takeUnused, UnusedAcknowledgement } from './acknowledgements';
import { report } from './annotations';
import { selectionsRunOn } from './synthesis-cache';
import { ranBySelection } from '../engine/selection';
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
 * stack, as an app or a stage has no metadata of its own in the cloud
 * assembly (an app whose stacks are all in nested stages: on the first stack
 * of the stage synthesized last).
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
    const unused = takeUnused(stack, ranUnder(stack));
    if (!off.has(stack)) for (const u of unused) report(u.construct, unusedFinding(u));
  });
  for (const scope of acknowledgingScopesAbove(stack)) {
    const stage = Stage.isStage(scope) ? scope : scope.node.root;
    const own = firstStackOf(stage);
    // An app whose stacks are all in nested stages has none of its own to carry the report: the stage synthesized
    // last (the last top-level one; its nested stages are synthesized before it) judges at its validation.
    const judge = own ? { at: scope, on: own } : lastStageWithStack(stage);
    if (!judge) continue;
    watch(judge.at, () => {
      const unused = takeUnused(scope, ranUnder(scope));
      if (!off.has(scope)) for (const u of unused) report(judge.on, unusedFinding(u));
    }, scope);
  }
}

/** Whether the checks ran a rule on a client of `scope` (a stack, or any stack below an app or a stage) in this synthesis. */
function ranUnder(scope: IConstruct): (ruleId: string) => boolean {
  const stacks = Stack.isStack(scope) ? [scope] : scope.node.findAll().filter((c): c is Stack => Stack.isStack(c));
  const ran = stacks.flatMap((s) => [...selectionsRunOn(s)].map(ranBySelection));
  return (id) => ran.some((r) => r(id));
}

/** The first stack of the stage itself (not of a stage nested in it). */
function firstStackOf(stage: IConstruct): Stack | undefined {
  return stage.node.findAll().find((c): c is Stack => Stack.isStack(c) && Stage.of(c) === stage);
}

/** The top-level stage of `stage` synthesized last, with its first stack. */
function lastStageWithStack(stage: IConstruct): { at: IConstruct; on: Stack } | undefined {
  const top = stage.node.findAll().filter((c) => c !== stage && Stage.isStage(c) && Stage.of(c) === stage);
  const last = top[top.length - 1];
  const on = last && firstStackOf(last);
  return on ? { at: last, on } : undefined;
}

/** Adds `judge` to the validation of `at`, once for each scope judged. */
function watch(at: IConstruct, judge: () => void, judged: IConstruct = at): void {
  if (watched.has(judged)) return;
  watched.add(judged);
  at.node.addValidation({ validate: () => (judge(), []) });
}

/** The finding of an acknowledgement that accepted nothing, where it was made. */
export function unusedFinding(u: UnusedAcknowledgement) {
  const rule = noticeRule(ID);
  const where = u.construct.node.path || '<app>';
  const at = u.at ? ` at ${u.at}` : '';
  return findingOf(rule, where, { property: '', problem: `the acknowledgement of ${u.ruleId} made on ${where}${at} ("${u.reason}") accepted no finding in this synthesis` }, rule.severity);
}
