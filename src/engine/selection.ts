import { safeString } from './message';
import type { RuleSelection } from './validate-client';
import { closestOf } from '../rules/closest';
import { isOn, PolicyOption, PolicyOptionError } from '../rules/policy/options';
import type { UserPoolClientPolicyProps } from '../rules/policy/props';
import { ALL_RULES, findRule, POLICY_RULES, SERVICE_RULES } from '../rules/registry';
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

/**
 * Refuses a policy that turns on no rule (an empty file, a file of rule
 * lists only): given to the plugin or the command line, which no other
 * policy cascades into, it would check nothing and pass every client in
 * silence. `instead` says what else to do there.
 */
export function checkPolicyTurnsOnRules(owner: string, props: UserPoolClientPolicyProps, instead: string): void {
  if (enabledPolicyRules(props).length > 0) return;
  const options = [...new Set(POLICY_RULES.flatMap((r) => r.policyOptions ?? []))];
  throw new PolicyOptionError(`${owner}: the policy turns on no rule, so it would check nothing: set at least one of its options (${options.join(', ')}), or ${instead}.`);
}

/** The rule selection of a policy: its enabled rules, at the severities it asks for. */
export function policySelection(props: UserPoolClientPolicyProps, owner = 'UserPoolClientPolicy'): RuleSelection {
  const elsewhere = ' (service rules are selected on UserPoolClientValidator)';
  const warningRules = checkRuleIds(owner, 'warningRules', props.warningRules, POLICY_RULES, elsewhere);
  const disabledRules = checkRuleIds(owner, 'disabledRules', props.disabledRules, POLICY_RULES, elsewhere);
  checkNoOverlap(owner, disabledRules, warningRules);
  return { rules: enabledPolicyRules(props), warningRules, disabledRules };
}

/**
 * A rule both disabled and turned into warnings is a contradiction the
 * doors resolved differently (a warning from the aspect, nothing from the
 * plugin and the command line): refused, naming the rule and both options.
 */
export function checkNoOverlap(owner: string, disabled: ReadonlySet<string>, warnings: ReadonlySet<string>, names = ['disabledRules', 'warningRules']): void {
  const both = [...disabled].filter((id) => warnings.has(id));
  if (both.length === 0) return;
  throw new PolicyOptionError(`${owner ? `${owner}: ` : ''}${both.join(', ')} ${both.length > 1 ? 'are' : 'is'} in both ${names[0]} and ${names[1]}; `
    + `a rule is either not run or reported as a warning. Keep ${both.length > 1 ? 'each' : 'it'} in one of the two.`);
}

/**
 * Refuses option names a class does not take: TypeScript catches them, an
 * app in JavaScript does not, and an option that is ignored is a check that
 * silently does not run (`polcy`, `disabledRule`).
 */
export function checkKnownKeys(owner: string, props: object, allowed: readonly string[]): void {
  for (const key of Object.keys(props)) {
    if (allowed.includes(key)) continue;
    const closest = closestOf(key, allowed);
    throw new PolicyOptionError(`${owner}: '${key}' is not an option${closest ? `; did you mean '${closest}'?` : '.'} Allowed: ${allowed.join(', ')}.`);
  }
}

/** What a run ran, for judging its waivers: see `ranInRun`. */
export interface RunRules {
  /** Rule ids not run (service and policy). */
  readonly disabled: ReadonlySet<string>;
  /** The policy, when one ran: its enabled rules ran. */
  readonly policy?: UserPoolClientPolicyProps;
  /** False when the service rules did not run. @default true */
  readonly serviceRules?: boolean;
  /** The options of the rules that compare two versions of a client that were given. */
  readonly compared?: { readonly [option: string]: boolean };
}

/** Whether a check with this selection ran a rule (for judging waivers of it). */
export function ranBySelection(selection: RuleSelection): (ruleId: string) => boolean {
  const rules = selection.rules ?? SERVICE_RULES;
  return (id) => !selection.disabledRules?.has(id) && rules.some((r) => r.id === id && r.comparesVersions === undefined);
}

/**
 * Whether a rule ran, as the registry says: not disabled; a policy rule when
 * the policy turns it on; a service rule when the service rules ran; a rule
 * comparing versions when its option was given. One answer for every door
 * that judges waivers (the command line, the plugin).
 */
export function ranInRun(run: RunRules): (ruleId: string) => boolean {
  const policyRules = new Set(run.policy ? enabledPolicyRules(run.policy) : []);
  return (id) => {
    const rule = findRule(id);
    if (!rule || run.disabled.has(id)) return false;
    if (POLICY_RULES.includes(rule)) return policyRules.has(rule);
    if (run.serviceRules === false) return false;
    return rule.comparesVersions === undefined || run.compared?.[rule.comparesVersions] === true;
  };
}
