import type { UserPoolClientPolicyProps } from './props';

/**
 * The recommended baseline (`UserPoolClientPolicy.recommended()`, `--recommended`):
 * no implicit grant, PreventUserExistenceErrors ENABLED, token revocation on,
 * no self-service writes to the verified flags, explicit auth flows without
 * the password flows, and a client name. Frozen: it is shared.
 */
export const RECOMMENDED_POLICY: UserPoolClientPolicyProps = Object.freeze({
  requireClientName: true,
  forbidImplicitGrant: true,
  requirePreventUserExistenceErrors: true,
  requireTokenRevocation: true,
  forbidVerifiedFlagWrites: true,
  requireExplicitAuthFlows: true,
  forbiddenAuthFlows: Object.freeze(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH']) as string[],
});

/**
 * Options added to a policy's (`recommended(additions)`, `--recommended`
 * with `--policy`): a list adds its values to the policy's list (a password
 * flow the baseline forbids stays forbidden), any other option replaces the
 * policy's, and an option given as undefined changes nothing.
 */
export function withAdditions(base: UserPoolClientPolicyProps, additions: UserPoolClientPolicyProps): UserPoolClientPolicyProps {
  const out: Record<string, unknown> = { ...base };
  for (const [option, value] of Object.entries(additions)) {
    if (value === undefined) continue;
    const before = out[option];
    out[option] = Array.isArray(before) && Array.isArray(value) ? [...new Set([...before, ...value])] : value;
  }
  return out as UserPoolClientPolicyProps;
}
