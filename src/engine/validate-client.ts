import type { Finding } from './finding';
import { Found, RuleMemo } from './rule-memo';
import { RulePlan } from './rule-plan';
import { fixOf, formatMessage } from '../reporting/message';
import { ClientContext, ClientView } from '../rules/client-view';
import { CHECKED_SERVICE_RULES } from '../rules/registry';
import { InputKind, RuleDefinition, RuleSeverity, Violation } from '../rules/rule';
import { isIntrinsic, isPlainObject, withoutNoValue } from '../rules/values';

/** An AWS::Cognito::UserPoolClient as a template will hold it. */
export interface ClientResource {
  /** Construct path (CDK) or `<template>#<logical id>` (command line). */
  readonly path: string;
  /** The resource's `Properties`, exactly as rendered (intrinsics included). */
  readonly properties: unknown;
}

/** How the rules are applied. */
export interface RuleSelection {
  /** Rule ids not to run. */
  readonly disabledRules?: ReadonlySet<string>;
  /** Rule ids whose errors are reported as warnings. */
  readonly warningRules?: ReadonlySet<string>;
  /** The rules to run; the service rules by default. */
  readonly rules?: readonly RuleDefinition[];
  /** What the client was read from (rules that hold for other inputs do not run). @default InputKind.TEMPLATE */
  readonly input?: InputKind;
}

function severityOf(rule: RuleDefinition, selection: RuleSelection): RuleSeverity {
  return rule.severity === RuleSeverity.ERROR && selection.warningRules?.has(rule.id) ? RuleSeverity.WARNING : rule.severity;
}

/** A client's properties as the rules read them, or the value that stood where an object belongs. */
export type ReadClient = { readonly properties: Record<string, unknown> } | { readonly notAnObject: unknown };

/**
 * Reads a client's properties once for any number of rule runs: references
 * the template resolves are replaced (`context.resolveKnown`) and
 * `Ref: AWS::NoValue` is dropped, as CloudFormation does.
 */
export function readClient(properties: unknown, context: ClientContext = {}): ReadClient {
  const raw = properties ?? {};
  if (!isPlainObject(raw)) return { notAnObject: raw };
  const known = context.resolveKnown ? context.resolveKnown(raw) : raw;
  return { properties: withoutNoValue(known) as Record<string, unknown> };
}

/**
 * Runs the rules over one client. Pure: the same input gives the same
 * findings in the same order. It never throws: a rule that fails on input
 * nobody foresaw becomes a warning that names it, not a crashed synth.
 */
export function validateClient(resource: ClientResource, context: ClientContext = {}, selection: RuleSelection = {}): Finding[] {
  return runRules(resource.path, readClient(resource.properties, context), context, selection);
}

/**
 * Runs the selected rules over a client read with `readClient`; `path`
 * names it in findings (a function is called only if there are any). With a
 * memo, the configuration rules do not run again on a configuration an
 * earlier client had: what they found then is reported for this client.
 */
export function runRules(
  path: string | (() => string),
  client: ReadClient,
  context: ClientContext,
  selection: RuleSelection,
  memo?: RuleMemo,
): Finding[] {
  const findings: Finding[] = [];
  const rules = selection.rules ?? CHECKED_SERVICE_RULES;
  // A construct path costs a walk up the tree: it is worked out only for a client with findings.
  let text: string | undefined;
  const emit = (rule: RuleDefinition, violation: Violation, severity = severityOf(rule, selection)) => {
    text ??= typeof path === 'string' ? path : path();
    findings.push({
      ruleId: rule.id,
      severity,
      path: text,
      property: violation.property,
      message: formatMessage(rule, text, violation, context.propNames),
      fix: fixOf(rule, violation, context.propNames),
    });
  };

  if (!('properties' in client)) {
    const raw = client.notAnObject;
    const typeRule = rules.find((r) => r.id === 'VUPC-PROPERTY-TYPE');
    if (typeRule && !isIntrinsic(raw) && !selection.disabledRules?.has(typeRule.id)) {
      emit(typeRule, { property: 'Properties', value: raw, problem: 'is not an object' });
    }
    return findings;
  }
  const properties = client.properties;
  const view = new ClientView(properties, context);
  const plan = RulePlan.of(rules, selection.disabledRules, selection.input);
  const schedule = plan.schedule(properties);
  const found: Found[] = [];
  let rule = -1;
  const report = (violation: Violation) => found.push({ rule, violation });
  /** Runs rules; false when one threw (what they found is then not remembered). */
  const run = (positions: readonly number[]): boolean => {
    let complete = true;
    for (rule of positions) {
      try {
        plan.rules[rule].check!(view, report);
      } catch (e) {
        complete = false;
        found.push({ rule, violation: { property: '*', problem: `could not be evaluated (${(e as Error)?.message ?? e}); please report this`, fix: 'Check this rule by hand.' }, failed: true });
      }
    }
    return complete;
  };
  // What the configuration rules find depends on the configuration alone: many clients share one.
  const slot = memo && schedule.configurationRules.length > 0 ? memo.slot(plan, properties, context) : undefined;
  if (slot?.value) {
    found.push(...slot.value);
  } else if (run(schedule.configurationRules) && slot) {
    memo!.remember(plan, context, slot, found.slice());
  }
  const configurationFindings = found.length;
  run(schedule.otherRules);
  // Both lists are in plan order; interleave them so findings come in rule order.
  if (configurationFindings > 0 && found.length > configurationFindings) found.sort((a, b) => a.rule - b.rule);
  for (const f of found) emit(plan.rules[f.rule], f.violation, f.failed ? RuleSeverity.WARNING : undefined);
  return findings;
}
