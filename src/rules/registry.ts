import { ANALYTICS_RULES } from './client/analytics';
import { ATTRIBUTE_RULES } from './client/attributes';
import { AUTH_FLOW_RULES } from './client/auth-flows';
import { COVERAGE_RULES, VERSION_RULES } from './client/coverage';
import { IDENTITY_PROVIDER_RULES } from './client/identity-providers';
import { OAUTH_RULES } from './client/oauth';
import { PROPERTY_RULES } from './client/properties';
import { SECRET_RULES } from './client/secret';
import { SETTINGS_RULES } from './client/settings';
import { TOKEN_VALIDITY_RULES } from './client/token-validity';
import { URL_RULES } from './client/urls';
import { USER_POOL_RULES } from './client/user-pool';
import { POLICY_RULES } from './policy/policy-rules';
import type { RuleDefinition } from './rule';

/**
 * Every service rule, in the order findings are reported. This list is the
 * single source of truth: the validator, the plugin, the command line, the
 * generated `UserPoolClientRuleIds` class and docs/rules.md all read it.
 */
export const SERVICE_RULES: readonly RuleDefinition[] = [
  ...PROPERTY_RULES,
  ...SECRET_RULES,
  ...TOKEN_VALIDITY_RULES,
  ...ATTRIBUTE_RULES,
  ...AUTH_FLOW_RULES,
  ...OAUTH_RULES,
  ...URL_RULES,
  ...IDENTITY_PROVIDER_RULES,
  ...ANALYTICS_RULES,
  ...SETTINGS_RULES,
  ...USER_POOL_RULES,
  ...VERSION_RULES,
  ...COVERAGE_RULES,
];

/** Every rule of the library, in the order of the rules document. */
export const ALL_RULES: readonly RuleDefinition[] = [...SERVICE_RULES, ...POLICY_RULES];

const byId = new Map<string, RuleDefinition>();
for (const rule of ALL_RULES) {
  if (byId.has(rule.id)) throw new Error(`Duplicate rule id ${rule.id}`);
  byId.set(rule.id, rule);
}

export function findRule(id: string): RuleDefinition | undefined {
  return byId.get(id);
}

/** A rule the library itself reports (see `RuleDefinition.notice`). */
type NoticeRuleId = 'VUPC-NOT-VALIDATED' | 'VUPC-CONDITIONS-CAPPED' | 'VUPC-POOL-NOT-FOUND' | 'VUPC-CLIENT-REPLACED' | 'VUPC-ACKNOWLEDGEMENT-UNUSED' | 'VUPC-STAGE-NOT-CHECKED';
export function noticeRule(id: NoticeRuleId): RuleDefinition {
  return byId.get(id)!;
}

/** Rules that produce findings (the others are documentation). */
export const CHECKED_SERVICE_RULES = SERVICE_RULES.filter((r) => r.check !== undefined);

export { POLICY_RULES };
