import { safeString } from './message';
import type { RuleSelection } from './validate-client';
import { closestOf } from '../rules/closest';
import { isOn, PolicyOption, PolicyOptionError } from '../rules/policy/options';
import type { UserPoolClientPolicyProps } from '../rules/policy/props';
import { ALL_RULES, POLICY_RULES } from '../rules/registry';
import type { RuleDefinition } from '../rules/rule';

/**
 * Checks that option values are rule ids of `rules`; names the option, the
 * value, the closest id, and, for an id of another kind of rule, who runs it.
 */
export function checkRuleIds(owner: string, option: string, ids: unknown, rules: readonly RuleDefinition[], elsewhere = ''): Set<string> {
  if (ids === undefined) return new Set();
  if (!Array.isArray(ids)) throw new PolicyOptionError(`${owner ? `${owner}: ` : ''}${option} must be a list of rule ids, got ${typeof ids}.`);
  const known = rules.map((r) => r.id);
  for (const id of ids) {
    if (typeof id === 'string' && known.includes(id)) continue;
    const other = typeof id === 'string' && ALL_RULES.some((r) => r.id === id) ? ` ${id} is not one of its rules${elsewhere}.` : '';
    const closest = typeof id === 'string' && !other ? closestOf(id, known) : undefined;
    const hint = closest ? ` Did you mean '${closest}'?` : '';
    throw new PolicyOptionError(`${owner ? `${owner}: ` : ''}${option} names '${safeString(id)}', which it cannot select.${other}${hint} Use UserPoolClientRuleIds (the ids are listed in docs/rules.md).`);
  }
  return new Set(ids as string[]);
}

/** The policy rules a set of options turns on. */
export function enabledPolicyRules(props: UserPoolClientPolicyProps): RuleDefinition[] {
  return POLICY_RULES.filter((r) => (r.policyOptions ?? []).some((o) => isOn(props, o as PolicyOption)));
}

/** The rule selection of a policy: its enabled rules, at the severities it asks for. */
export function policySelection(props: UserPoolClientPolicyProps, owner = 'UserPoolClientPolicy'): RuleSelection {
  const elsewhere = ' (service rules are selected on UserPoolClientValidator)';
  return {
    rules: enabledPolicyRules(props),
    warningRules: checkRuleIds(owner, 'warningRules', props.warningRules, POLICY_RULES, elsewhere),
    disabledRules: checkRuleIds(owner, 'disabledRules', props.disabledRules, POLICY_RULES, elsewhere),
  };
}
