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
