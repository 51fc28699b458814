import { InputError } from './input-error';
import { readPolicyJson } from '../engine/policy-file';
import { checkNoOverlap, checkPolicyTurnsOnRules, checkRuleIds, enabledPolicyRules } from '../engine/selection';
import type { TemplateRun } from '../engine/validate-template';
import { checkPolicyProps } from '../rules/policy/options';
import type { UserPoolClientPolicyProps } from '../rules/policy/props';
import { RECOMMENDED_POLICY, withAdditions } from '../rules/policy/recommended';
import { ALL_RULES, POLICY_RULES } from '../rules/registry';
import type { InputKind } from '../rules/rule';

const SERVICE_RULES_ELSEWHERE = ' (a policy file selects policy rules, as UserPoolClientPolicy does; choose service rules with --disable-rule and --warning-rule)';

/** The options that choose what runs (for `parseArgs`), in every command that checks clients. */
export const RULE_OPTIONS = {
  'policy': { type: 'string', multiple: true },
  'recommended': { type: 'boolean' },
  'disable-rule': { type: 'string', multiple: true },
  'warning-rule': { type: 'string', multiple: true },
} as const;

/** What runs: the policy options (rule lists apart), and rules not run or reported as warnings, any kind. */
export interface RuleChoice {
  readonly policy?: UserPoolClientPolicyProps;
  readonly disabled: Set<string>;
  readonly warnings: Set<string>;
}

/** The choice those options make; `usage` makes the error for an unknown rule id on the command line. */
export function ruleChoiceOf(
  v: { readonly 'policy'?: string[]; readonly 'recommended'?: boolean; readonly 'disable-rule'?: string[]; readonly 'warning-rule'?: string[] },
  usage: (message: string) => Error,
): RuleChoice {
  const ruleIds = (option: string, ids: string[] | undefined) => {
    try {
      return checkRuleIds('', `--${option}`, ids ?? [], ALL_RULES);
    } catch (e) {
      throw usage((e as Error).message);
    }
  };
  const disabled = ruleIds('disable-rule', v['disable-rule']);
  const warnings = ruleIds('warning-rule', v['warning-rule']);
  let policy: UserPoolClientPolicyProps | undefined = v.recommended ? { ...RECOMMENDED_POLICY } : undefined;
  // Each file adds to what comes before it (a company's file, then a team's), as a file adds to --recommended.
  for (const path of v.policy ?? []) {
    const file = readPolicyFile(path);
    policy = policy ? withAdditions(policy, file.options) : file.options;
    file.disabled.forEach((id) => disabled.add(id));
    file.warnings.forEach((id) => warnings.add(id));
  }
  try {
    if (policy) checkPolicyTurnsOnRules(`--policy ${(v.policy ?? []).join(', ')}`, policy, 'add --recommended');
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  try {
    checkNoOverlap('', disabled, warnings, v.policy === undefined || v.policy.length === 0 ? ['--disable-rule', '--warning-rule'] : ['the rules disabled (--disable-rule, the policy\'s disabledRules)', 'those reported as warnings']);
  } catch (e) {
    throw usage((e as Error).message);
  }
  return { policy, disabled, warnings };
}

/** What runs on the clients of each template, read as `inputOf` says (a template, an API request or response). */
export function runsOf(choice: RuleChoice, inputOf: (template: number) => InputKind | undefined): (template: number) => Omit<TemplateRun, 'pathOf'> {
  const selected = { disabledRules: choice.disabled, warningRules: choice.warnings };
  const policyRules = choice.policy && enabledPolicyRules(choice.policy);
  return (i) => {
    const input = inputOf(i);
    return {
      service: { ...selected, input },
      policy: choice.policy && policyRules ? { props: choice.policy, selection: { ...selected, input, rules: policyRules } } : undefined,
    };
  };
}

/**
 * A policy file: the policy options and rule lists, checked as the
 * construct checks them, so that one file serves the aspect, the plugin and
 * the command line. Service rules are chosen with --disable-rule and
 * --warning-rule (or on UserPoolClientValidator).
 */
function readPolicyFile(file: string): { options: UserPoolClientPolicyProps; disabled: Set<string>; warnings: Set<string> } {
  let json: unknown;
  try {
    json = readPolicyJson(file);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  try {
    const { disabledRules, warningRules, ...policy } = checkPolicyProps(json, file);
    return {
      options: policy,
      disabled: checkRuleIds(file, 'disabledRules', disabledRules, POLICY_RULES, SERVICE_RULES_ELSEWHERE),
      warnings: checkRuleIds(file, 'warningRules', warningRules, POLICY_RULES, SERVICE_RULES_ELSEWHERE),
    };
  } catch (e) {
    throw new InputError((e as Error).message);
  }
}
