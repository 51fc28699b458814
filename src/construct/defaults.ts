import { Duration } from 'aws-cdk-lib';
import { LIBRARY_DEFAULT_VALUES as L } from '../rules/api-model';

/** The flows written when `authFlows` is not given (frozen: the public constant below is the same list). */
export const DEFAULT_AUTH_FLOWS: readonly string[] = L.ExplicitAuthFlows;

/**
 * The settings `ValidatedUserPoolClient` writes when a prop is not given.
 *
 * Cognito resets every setting a CloudFormation update omits to its API
 * default, so the construct writes each one out: a template (and a
 * snapshot) then shows exactly what Cognito will do. Where the API default
 * (or the aws-cdk L2's) is insecure, the secure value is chosen; the
 * README's "Default settings" and "Migration details" tables list them all,
 * with the reason for each.
 */
export class UserPoolClientDefaults {
  /**
   * `ALLOW_USER_SRP_AUTH` and `ALLOW_REFRESH_TOKEN_AUTH` (the API default adds `ALLOW_CUSTOM_AUTH`).
   * The list is frozen: changing it throws, and would change no client.
   */
  public static readonly EXPLICIT_AUTH_FLOWS: string[] = DEFAULT_AUTH_FLOWS as string[];
  /** Access tokens are valid for 1 hour. */
  public static readonly ACCESS_TOKEN_VALIDITY = Duration.minutes(L.AccessTokenValidity);
  /** ID tokens are valid for 1 hour. */
  public static readonly ID_TOKEN_VALIDITY = Duration.minutes(L.IdTokenValidity);
  /** Refresh tokens are valid for 30 days. */
  public static readonly REFRESH_TOKEN_VALIDITY = Duration.days(L.RefreshTokenValidity / (24 * 60));
  /** Sign-in sessions (between authentication challenges) last 3 minutes. */
  public static readonly AUTH_SESSION_VALIDITY = Duration.minutes(L.AuthSessionValidity);
  /** Token revocation is on. */
  public static readonly ENABLE_TOKEN_REVOCATION: boolean = L.EnableTokenRevocation;
  /** Additional user context data is not propagated. */
  public static readonly ENABLE_PROPAGATE_ADDITIONAL_USER_CONTEXT_DATA: boolean = L.EnablePropagateAdditionalUserContextData;
  /** User existence errors are prevented (`ENABLED`; the API default is `LEGACY`). */
  public static readonly PREVENT_USER_EXISTENCE_ERRORS: boolean = L.PreventUserExistenceErrors === 'ENABLED';
  /** Analytics share no user data. */
  public static readonly SHARE_USER_DATA: boolean = L.UserDataShared;

  private constructor() {}
}

// Constants: from JavaScript, an assignment to one would change the default of every client created after it.
Object.freeze(UserPoolClientDefaults);
