import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';

/**
 * Settings of a `ValidatedUserPoolClient`: the props of the aws-cdk L2
 * `cognito.UserPoolClient`, with the same names, types and meaning, and two
 * more (`identityProviders`, `validation`). Switching from the L2 is a
 * change of class name in TypeScript and Python.
 *
 * Only defaults differ, where the L2's is insecure or leaves a value to
 * Cognito: every setting is written to the template (Cognito resets a
 * setting an update omits). The README's "Migration details" lists each
 * difference, and `UserPoolClientDefaults` publishes the values.
 *
 * These are the props without `userPool`, as the L2's `UserPoolClientOptions`
 * are: for code that builds a client's options before it has the pool.
 */
export interface ValidatedUserPoolClientOptions {
  /**
   * Name of the app client (1-128 characters of letters, digits, whitespace and `_+=,.@-`).
   *
   * @default - derived from the construct path, so that it is stable and readable (the L2 leaves it to CloudFormation)
   */
  readonly userPoolClientName?: string;

  /**
   * Whether Cognito generates a client secret. Create-only: changing it replaces the client.
   *
   * @default false (written only when given, as the L2 does: absent and false mean the same)
   */
  readonly generateSecret?: boolean;

  /**
   * The authentication flows the client allows. `ALLOW_REFRESH_TOKEN_AUTH`
   * is added unless `refreshTokenRotationGracePeriod` is given (rotation
   * requires it to be absent), as the L2 does.
   *
   * @default - `ALLOW_USER_SRP_AUTH` and `ALLOW_REFRESH_TOKEN_AUTH`, and `ALLOW_CUSTOM_AUTH` when the pool has a DefineAuthChallenge trigger when the client is made (one added later fails the synth); only `ALLOW_REFRESH_TOKEN_AUTH` for a client whose only OAuth flow is client credentials (the L2 writes nothing, so Cognito also allows `ALLOW_CUSTOM_AUTH`)
   */
  readonly authFlows?: cognito.AuthFlow;

  /**
   * Turns OAuth off. Giving it together with `oAuth` throws, as in the L2.
   *
   * @default - OAuth is on when `oAuth` is given, off otherwise (the L2 turns it on with the code and implicit grants, all five reserved scopes and https://example.com)
   */
  readonly disableOAuth?: boolean;

  /**
   * OAuth settings: flows, scopes, callback and logout URLs, default redirect URI.
   *
   * @default - no OAuth. Given, `flows` defaults to the authorization code grant (the L2 adds the implicit grant),
   * `scopes` to profile, phone, email and openid (the L2 adds aws.cognito.signin.user.admin; none for a client
   * credentials client), and no callback URL is invented (the L2 writes https://example.com)
   */
  readonly oAuth?: cognito.OAuthSettings;

  /**
   * How long the session token of a sign-in (between challenges) is valid: 3 to 15 whole minutes.
   *
   * @default Duration.minutes(3)
   */
  readonly authSessionValidity?: Duration;

  /**
   * Whether Cognito hides whether a user exists (`ENABLED`) or says so in errors (`LEGACY`).
   *
   * @default true (the L2 writes nothing: Cognito's default is LEGACY)
   */
  readonly preventUserExistenceErrors?: boolean;

  /**
   * The identity providers users can sign in with through managed login.
   * Listed once each, with those of `identityProviders`.
   *
   * @default - every identity provider registered on the pool, then COGNITO, as in the L2
   */
  readonly supportedIdentityProviders?: cognito.UserPoolClientIdentityProvider[];

  /**
   * How long ID tokens are valid: 5 minutes to 1 day, whole minutes, and no longer than `refreshTokenValidity` (a warning otherwise: the L2 throws).
   *
   * @default Duration.minutes(60)
   */
  readonly idTokenValidity?: Duration;

  /**
   * How long refresh tokens are valid: 60 minutes to 10 years, whole minutes.
   *
   * @default Duration.days(30)
   */
  readonly refreshTokenValidity?: Duration;

  /**
   * How long access tokens are valid: 5 minutes to 1 day, whole minutes, and no longer than `refreshTokenValidity` (a warning otherwise: the L2 throws).
   *
   * @default Duration.minutes(60)
   */
  readonly accessTokenValidity?: Duration;

  /**
   * Turns refresh token rotation on, with this grace period for the previous
   * refresh token (0 to 60 whole seconds), as in the L2. Clients then refresh
   * with GetTokensFromRefreshToken or the token endpoint.
   *
   * @default - rotation is off (written as DISABLED)
   */
  readonly refreshTokenRotationGracePeriod?: Duration;

  /**
   * The attributes the client can read.
   *
   * @default - not written: Cognito lets the client read every standard attribute and the verified flags
   */
  readonly readAttributes?: cognito.ClientAttributes;

  /**
   * The attributes the client can write. Must include the pool's required attributes and every attribute an identity provider maps.
   *
   * @default - not written: Cognito lets the client write every standard attribute
   */
  readonly writeAttributes?: cognito.ClientAttributes;

  /**
   * Whether refresh tokens issued to the client can be revoked.
   *
   * @default true (the L2 writes nothing)
   */
  readonly enableTokenRevocation?: boolean;

  /**
   * Whether the client may send additional user context data (source IP,
   * device) for threat protection. Requires `generateSecret: true`.
   *
   * @default false
   */
  readonly enablePropagateAdditionalUserContextData?: boolean;

  /**
   * Analytics (Amazon Pinpoint, past its end of support: the validator warns).
   *
   * @default - no analytics
   */
  readonly analytics?: cognito.AnalyticsConfiguration;

  /**
   * Identity providers defined in the app: each is added to
   * SupportedIdentityProviders, and the client depends on it, so that
   * CloudFormation never creates the client before the provider exists. (The
   * client also depends on each provider registered on an in-app `UserPool` that it lists.)
   * They are added to `supportedIdentityProviders`, whose default lists every
   * provider of the pool and COGNITO: to offer only these, set
   * `supportedIdentityProviders: []`. Not in the L2.
   *
   * @default - none
   */
  readonly identityProviders?: cognito.IUserPoolIdentityProvider[];

  /**
   * Whether the construct validates itself at synth time with a
   * `UserPoolClientValidator` (one built-in validator per stack serves all
   * of its ValidatedUserPoolClients). A validator added to an enclosing
   * scope takes over (its options apply), so findings are never reported twice.
   * With `false` and no validator above, nothing checks the props, not even
   * the ranges the L2 checks at construction. Not in the L2.
   *
   * @default true
   */
  readonly validation?: boolean;
}

/**
 * Props of a `ValidatedUserPoolClient`: those of the aws-cdk L2 `cognito.UserPoolClient`, and two more.
 */
export interface ValidatedUserPoolClientProps extends ValidatedUserPoolClientOptions {
  /**
   * The user pool the client belongs to (defined in the app or imported).
   */
  readonly userPool: cognito.IUserPoolRef;
}
