import { safeString } from './message';
import type { RuleSelection } from './validate-client';
import { isOn, PolicyOption } from '../rules/policy/options';
import type { UserPoolClientPolicyProps } from '../rules/policy/props';
import { POLICY_RULES } from '../rules/registry';
import type { RuleDefinition } from '../rules/rule';

/** Checks that option values are rule ids of `rules`; names the option and what is allowed. */
export function checkRuleIds(owner: string, option: string, ids: unknown, rules: readonly RuleDefinition[]): Set<string> {
  if (ids === undefined) return new Set();
  if (!Array.isArray(ids)) throw new Error(`${owner}: ${option} must be a list of rule ids, got ${typeof ids}.`);
  const known = new Set(rules.map((r) => r.id));
  for (const id of ids) {
    if (typeof id !== 'string' || !known.has(id)) {
      throw new Error(`${owner}: ${option} names '${safeString(id)}', which is not one of its rule ids; use UserPoolClientRuleIds (the ids are listed in docs/rules.md).`);
    }
  }
  return new Set(ids as string[]);
}

/** The policy rules a set of options turns on. */
export function enabledPolicyRules(props: UserPoolClientPolicyProps): RuleDefinition[] {
  return POLICY_RULES.filter((r) => (r.policyOptions ?? []).some((o) => isOn(props, o as PolicyOption)));
}

/** The rule selection of a policy: its enabled rules, at the severities it asks for. */
export function policySelection(props: UserPoolClientPolicyProps, owner = 'UserPoolClientPolicy'): RuleSelection {
  return { rules: enabledPolicyRules(props), warningRules: checkRuleIds(owner, 'warningRules', props.warningRules, POLICY_RULES) };
}
