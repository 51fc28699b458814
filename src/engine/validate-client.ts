import type { Finding } from './finding';
import { formatMessage } from '../reporting/message';
import { ClientContext, ClientView } from '../rules/client-view';
import { CHECKED_SERVICE_RULES } from '../rules/registry';
import { RuleDefinition, RuleSeverity, Violation } from '../rules/rule';
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
}

function severityOf(rule: RuleDefinition, selection: RuleSelection): RuleSeverity {
  return rule.severity === RuleSeverity.ERROR && selection.warningRules?.has(rule.id) ? RuleSeverity.WARNING : rule.severity;
}

/**
 * Runs the rules over one client. Pure: the same input gives the same
 * findings in the same order. It never throws: a rule that fails on input
 * nobody foresaw becomes a warning that names it, not a crashed synth.
 */
export function validateClient(resource: ClientResource, context: ClientContext = {}, selection: RuleSelection = {}): Finding[] {
  const findings: Finding[] = [];
  const rules = selection.rules ?? CHECKED_SERVICE_RULES;
  const emit = (rule: RuleDefinition, violation: Violation, severity = severityOf(rule, selection)) =>
    findings.push({
      ruleId: rule.id,
      severity,
      path: resource.path,
      property: violation.property,
      message: formatMessage(rule, resource.path, violation, context.propNames),
    });

  const raw = resource.properties ?? {};
  if (!isPlainObject(raw)) {
    const typeRule = rules.find((r) => r.id === 'VUPC-PROPERTY-TYPE');
    if (typeRule && !isIntrinsic(raw) && !selection.disabledRules?.has(typeRule.id)) {
      emit(typeRule, { property: 'Properties', value: raw, problem: 'is not an object' });
    }
    return findings;
  }
  const known = context.resolveKnown ? context.resolveKnown(raw) : raw;
  const client = new ClientView(withoutNoValue(known) as Record<string, unknown>, context);
  let current: RuleDefinition = rules[0];
  const report = (violation: Violation) => emit(current, violation);
  for (const rule of rules) {
    if (!rule.check || selection.disabledRules?.has(rule.id)) continue;
    current = rule;
    try {
      rule.check(client, report);
    } catch (e) {
      emit(rule, { property: '*', problem: `could not be evaluated (${(e as Error)?.message ?? e}); please report this`, fix: 'Check this rule by hand.' }, RuleSeverity.WARNING);
    }
  }
  return findings;
}
