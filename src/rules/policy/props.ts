/**
 * Organisation policies for app clients. Every policy is off unless set;
 * the values are plain data (numbers, strings, lists) so the same policy can
 * be written as JSON for the command line (`--policy FILE`, schema in
 * docs/policy.schema.json).
 */
export interface UserPoolClientPolicyProps {
  /**
   * Every client sets ClientName (CloudFormation otherwise generates one).
   *
   * @default false
   */
  readonly requireClientName?: boolean;

  /**
   * Public clients (implicit grant, or callbacks that are only app schemes or loopback URLs) have no secret.
   *
   * @default false
   */
  readonly forbidSecretOnPublicClients?: boolean;

  /**
   * Longest allowed access token validity, in minutes.
   *
   * @default - no limit
   */
  readonly maxAccessTokenMinutes?: number;

  /**
   * Longest allowed ID token validity, in minutes.
   *
   * @default - no limit
   */
  readonly maxIdTokenMinutes?: number;

  /**
   * Longest allowed refresh token validity, in days.
   *
   * @default - no limit
   */
  readonly maxRefreshTokenDays?: number;

  /**
   * No client may write email_verified or phone_number_verified.
   *
   * @default false
   */
  readonly forbidVerifiedFlagWrites?: boolean;

  /**
   * Every client sets ReadAttributes (otherwise it reads every standard attribute).
   *
   * @default false
   */
  readonly requireExplicitReadAttributes?: boolean;

  /**
   * Every client sets WriteAttributes (otherwise it writes every standard attribute).
   *
   * @default false
   */
  readonly requireExplicitWriteAttributes?: boolean;

  /**
   * Attributes no client may write, e.g. `custom:tenant` or `custom:role`.
   *
   * @default - none
   */
  readonly neverWritableAttributes?: string[];

  /**
   * Auth flows no client may allow, e.g. `ALLOW_USER_PASSWORD_AUTH`, `ALLOW_ADMIN_USER_PASSWORD_AUTH`.
   *
   * @default - none
   */
  readonly forbiddenAuthFlows?: string[];

  /**
   * Every client sets ExplicitAuthFlows (otherwise Cognito's default includes ALLOW_CUSTOM_AUTH).
   *
   * @default false
   */
  readonly requireExplicitAuthFlows?: boolean;

  /**
   * No client allows the implicit grant.
   *
   * @default false
   */
  readonly forbidImplicitGrant?: boolean;

  /**
   * No client allows the aws.cognito.signin.user.admin scope (acknowledge it where a client needs it).
   *
   * @default false
   */
  readonly forbidAdminScope?: boolean;

  /**
   * No callback or logout URL points to localhost, 127.0.0.1 or [::1] (apply it to production stages).
   *
   * @default false
   */
  readonly forbidLoopbackUrls?: boolean;

  /**
   * The only hosts http(s) callback, logout and default redirect URLs may use.
   * `*.example.com` allows every subdomain of example.com. The loopback hosts
   * are three, each listed on its own: `localhost`, `127.0.0.1`, `[::1]`.
   *
   * @default - any host
   */
  readonly allowedUrlHosts?: string[];

  /**
   * No client shares user data with analytics (UserDataShared).
   *
   * @default false
   */
  readonly forbidAnalyticsUserData?: boolean;

  /**
   * Every client sets PreventUserExistenceErrors to ENABLED.
   *
   * @default false
   */
  readonly requirePreventUserExistenceErrors?: boolean;

  /**
   * No client turns token revocation off.
   *
   * @default false
   */
  readonly requireTokenRevocation?: boolean;

  /**
   * Every client that issues refresh tokens rotates them.
   *
   * @default false
   */
  readonly requireRefreshTokenRotation?: boolean;

  /**
   * Rule ids reported as warnings instead of errors: policy rule ids (in a
   * command-line policy file, any rule id).
   *
   * @default - every policy reports errors
   */
  readonly warningRules?: string[];

  /**
   * Rule ids not run: policy rule ids, e.g. to take one rule out of
   * `recommended()` (in a command-line policy file, any rule id).
   *
   * @default - every rule the options turn on runs
   */
  readonly disabledRules?: string[];
}
