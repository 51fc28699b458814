import type { UserPoolClientPolicyProps } from './props';

export type PolicyOptionType = 'boolean' | 'number' | 'string-list';
export type PolicyOption = keyof UserPoolClientPolicyProps;

/** The JSON type of every policy option: the one schema of the props, the JSON file and the docs. */
export const POLICY_OPTION_TYPES: { readonly [K in PolicyOption]-?: PolicyOptionType } = {
  requireClientName: 'boolean',
  forbidSecretOnPublicClients: 'boolean',
  maxAccessTokenMinutes: 'number',
  maxIdTokenMinutes: 'number',
  maxRefreshTokenDays: 'number',
  forbidVerifiedFlagWrites: 'boolean',
  requireExplicitReadAttributes: 'boolean',
  requireExplicitWriteAttributes: 'boolean',
  neverWritableAttributes: 'string-list',
  forbiddenAuthFlows: 'string-list',
  requireExplicitAuthFlows: 'boolean',
  forbidImplicitGrant: 'boolean',
  forbidAdminScope: 'boolean',
  forbidLoopbackUrls: 'boolean',
  allowedUrlHosts: 'string-list',
  forbidAnalyticsUserData: 'boolean',
  requirePreventUserExistenceErrors: 'boolean',
  requireTokenRevocation: 'boolean',
  requireRefreshTokenRotation: 'boolean',
  warningRules: 'string-list',
};

/** True when the option turns its policy on (true, a number, a non-empty list). */
export function isOn(props: UserPoolClientPolicyProps, option: PolicyOption): boolean {
  const v = props[option];
  return v === true || typeof v === 'number' || (Array.isArray(v) && v.length > 0);
}

/**
 * Checks policy props (from code or from a JSON file) and returns them typed.
 * Every problem is named with the key, the value and what is allowed.
 */
export function checkPolicyProps(input: unknown, where = 'policy'): UserPoolClientPolicyProps {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new Error(`${where} must be a JSON object of policy options; allowed keys: ${Object.keys(POLICY_OPTION_TYPES).join(', ')}.`);
  }
  for (const [key, value] of Object.entries(input)) {
    const type = POLICY_OPTION_TYPES[key as PolicyOption];
    if (type === undefined) {
      throw new Error(`${where}: '${key}' is not a policy option; allowed keys: ${Object.keys(POLICY_OPTION_TYPES).join(', ')}.`);
    }
    if (value === undefined) continue;
    const ok =
      (type === 'boolean' && typeof value === 'boolean') ||
      (type === 'number' && typeof value === 'number' && Number.isFinite(value) && value > 0) ||
      (type === 'string-list' && Array.isArray(value) && value.every((v) => typeof v === 'string' && v.length > 0));
    if (!ok) {
      const expected = type === 'number' ? 'a positive number' : type === 'boolean' ? 'true or false' : 'a list of non-empty strings';
      throw new Error(`${where}: '${key}' must be ${expected}; got ${JSON.stringify(value)}.`);
    }
  }
  return input as UserPoolClientPolicyProps;
}
