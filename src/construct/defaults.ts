import { Duration } from 'aws-cdk-lib';

/**
 * The settings `ValidatedUserPoolClient` writes when a prop is not given.
 *
 * Cognito resets every setting a CloudFormation update omits to its API
 * default, so the construct writes each one out: a template (and a
 * snapshot) then shows exactly what Cognito will do. Where the API default
 * is insecure, the secure value is chosen; `DEFAULT_SETTINGS` records both,
 * and the README table is generated from it.
 */
export class UserPoolClientDefaults {
  /** `ALLOW_USER_SRP_AUTH` and `ALLOW_REFRESH_TOKEN_AUTH` (the API default adds `ALLOW_CUSTOM_AUTH`). */
  public static readonly EXPLICIT_AUTH_FLOWS: string[] = ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
  /** No client secret. */
  public static readonly GENERATE_SECRET = false;
  /** Access tokens are valid for 1 hour. */
  public static readonly ACCESS_TOKEN_VALIDITY = Duration.hours(1);
  /** ID tokens are valid for 1 hour. */
  public static readonly ID_TOKEN_VALIDITY = Duration.hours(1);
  /** Refresh tokens are valid for 30 days. */
  public static readonly REFRESH_TOKEN_VALIDITY = Duration.days(30);
  /** Sign-in sessions (between authentication challenges) last 3 minutes. */
  public static readonly AUTH_SESSION_VALIDITY = Duration.minutes(3);
  /** Token revocation is on. */
  public static readonly ENABLE_TOKEN_REVOCATION = true;
  /** Additional user context data is not propagated. */
  public static readonly ENABLE_PROPAGATE_ADDITIONAL_USER_CONTEXT_DATA = false;
  /** Refresh token rotation is off. */
  public static readonly ENABLE_REFRESH_TOKEN_ROTATION = false;
  /** Refresh token rotation grace period when rotation is on: none. */
  public static readonly REFRESH_TOKEN_ROTATION_GRACE_PERIOD = Duration.seconds(0);
  /** User existence errors are prevented (`ENABLED`; the API default is `LEGACY`). */
  public static readonly PREVENT_USER_EXISTENCE_ERRORS = true;
  /** Analytics share no user data. */
  public static readonly SHARE_USER_DATA = false;

  private constructor() {}
}
