import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * Where an app client sends analytics events (Amazon Pinpoint). Give either
 * `applicationArn` (a project in the same Region), or `applicationId` with
 * `role` and `externalId`.
 *
 * Amazon Pinpoint reached end of support on 2026-10-30; the validator warns
 * about every client that still configures analytics.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-pinpoint-integration.html
 */
export interface UserPoolClientAnalytics {
  /**
   * ARN of an Amazon Pinpoint project in the same Region as the user pool.
   *
   * @default - none; give `applicationId` instead
   */
  readonly applicationArn?: string;

  /**
   * Id of an Amazon Pinpoint project (32 hexadecimal characters), for a project Cognito reaches through `role`.
   *
   * @default - none; give `applicationArn` instead
   */
  readonly applicationId?: string;

  /**
   * The IAM role Cognito assumes to publish to the project given by `applicationId`.
   *
   * @default - none
   */
  readonly role?: iam.IRole;

  /**
   * The external id Cognito uses when it assumes `role`.
   *
   * @default - none
   */
  readonly externalId?: string;

  /**
   * Whether Cognito includes user data in the events it publishes.
   *
   * @default false
   */
  readonly shareUserData?: boolean;
}

/**
 * Settings of a `ValidatedUserPoolClient`. Every setting Cognito would
 * otherwise default silently is written to the template; see
 * `UserPoolClientDefaults` and the README's "Default settings".
 */
export interface ValidatedUserPoolClientOptions {
  /**
   * Name of the app client (1-128 characters of letters, digits, whitespace and `_+=,.@-`).
   *
   * @default - derived from the construct path, so it is stable across deployments
   * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#CognitoUserPools-CreateUserPoolClient-request-ClientName
   */
  readonly userPoolClientName?: string;

  /**
   * Whether Cognito generates a client secret. Changing it replaces the client.
   *
   * @default false
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-client-apps.html
   */
  readonly generateSecret?: boolean;

  /**
   * How long access tokens are valid: 5 minutes to 1 day, whole minutes, not longer than `refreshTokenValidity`.
   *
   * @default Duration.hours(1)
   * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_TokenValidityUnitsType.html
   */
  readonly accessTokenValidity?: Duration;

  /**
   * How long ID tokens are valid: 5 minutes to 1 day, whole minutes, not longer than `refreshTokenValidity`.
   *
   * @default Duration.hours(1)
   * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_TokenValidityUnitsType.html
   */
  readonly idTokenValidity?: Duration;

  /**
   * How long refresh tokens are valid: 60 minutes to 10 years, whole minutes
   * (written in days when it is whole days).
   *
   * @default Duration.days(30)
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html
   */
  readonly refreshTokenValidity?: Duration;

  /**
   * How long the session token of a sign-in (between challenges) is valid: 3 to 15 whole minutes.
   *
   * @default Duration.minutes(3)
   * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#CognitoUserPools-CreateUserPoolClient-request-AuthSessionValidity
   */
  readonly authSessionValidity?: Duration;

  /**
   * The attributes the client can read.
   *
   * @default - not written: Cognito lets the client read every standard attribute and the verified flags
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html
   */
  readonly readAttributes?: cognito.ClientAttributes;

  /**
   * The attributes the client can write. Must include the pool's required attributes and every attribute an identity provider maps.
   *
   * @default - not written: Cognito lets the client write every standard attribute
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html
   */
  readonly writeAttributes?: cognito.ClientAttributes;

  /**
   * The authentication flows the client allows. `ALLOW_REFRESH_TOKEN_AUTH`
   * is added unless refresh token rotation is enabled (rotation requires it
   * to be absent).
   *
   * @default { userSrp: true } (ALLOW_USER_SRP_AUTH and ALLOW_REFRESH_TOKEN_AUTH)
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html
   */
  readonly authFlows?: cognito.AuthFlow;

  /**
   * The identity providers users can sign in with through managed login.
   *
   * @default - `COGNITO` when OAuth is enabled and no `identityProviders` are given; none otherwise
   * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#CognitoUserPools-CreateUserPoolClient-request-SupportedIdentityProviders
   */
  readonly supportedIdentityProviders?: cognito.UserPoolClientIdentityProvider[];

  /**
   * Identity providers defined in the app: each is added to
   * SupportedIdentityProviders, and the client depends on it, so that
   * CloudFormation never creates the client before the provider exists.
   *
   * (The client also depends on every provider registered on an in-app
   * `UserPool`, whatever names `supportedIdentityProviders` lists.)
   *
   * @default - none
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation.html
   */
  readonly identityProviders?: cognito.IUserPoolIdentityProvider[];

  /**
   * The OAuth 2.0 grants the client allows. `clientCredentials` must stand
   * alone and needs `generateSecret: true`; `authorizationCodeGrant` and
   * `implicitCodeGrant` need `callbackUrls`.
   *
   * @default - no OAuth flow
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-app-idp-settings.html
   */
  readonly oAuthFlows?: cognito.OAuthFlows;

  /**
   * The OAuth scopes the client may request.
   *
   * @default - `openid` when a user flow (code or implicit) is configured; none otherwise
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-app-idp-settings.html
   */
  readonly oAuthScopes?: cognito.OAuthScope[];

  /**
   * Whether the client may use the OAuth features of the user pool (`AllowedOAuthFlowsUserPoolClient`).
   *
   * @default - true when `oAuthFlows` enables a flow, false otherwise
   * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#CognitoUserPools-CreateUserPoolClient-request-AllowedOAuthFlowsUserPoolClient
   */
  readonly oAuthEnabled?: boolean;

  /**
   * Where Cognito may redirect users after sign-in: absolute URLs, no
   * fragment, https except for localhost, 127.0.0.1 and [::1]; app schemes
   * (myapp://callback) are allowed. At most 100.
   *
   * @default - none
   * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#CognitoUserPools-CreateUserPoolClient-request-CallbackURLs
   */
  readonly callbackUrls?: string[];

  /**
   * Where Cognito may redirect users after sign-out. At most 100.
   *
   * @default - none
   * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#CognitoUserPools-CreateUserPoolClient-request-LogoutURLs
   */
  readonly logoutUrls?: string[];

  /**
   * The redirect URI used when a request names none; must be one of `callbackUrls`.
   *
   * @default - none
   * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html#CognitoUserPools-CreateUserPoolClient-request-DefaultRedirectURI
   */
  readonly defaultRedirectUri?: string;

  /**
   * Analytics (Amazon Pinpoint, past its end of support).
   *
   * @default - no analytics
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-pinpoint-integration.html
   */
  readonly analytics?: UserPoolClientAnalytics;

  /**
   * Whether Cognito hides whether a user exists (`ENABLED`) or says so in errors (`LEGACY`).
   *
   * @default true (the API default is LEGACY)
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html
   */
  readonly preventUserExistenceErrors?: boolean;

  /**
   * Whether refresh tokens issued to the client can be revoked.
   *
   * @default true
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/token-revocation.html
   */
  readonly enableTokenRevocation?: boolean;

  /**
   * Whether the client may send additional user context data (source IP,
   * device) for threat protection. Requires `generateSecret: true`.
   *
   * @default false
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-adaptive-authentication.html
   */
  readonly enablePropagateAdditionalUserContextData?: boolean;

  /**
   * Whether refresh tokens are rotated (a new refresh token on every refresh).
   * Clients must then refresh with GetTokensFromRefreshToken or the token
   * endpoint; `ALLOW_REFRESH_TOKEN_AUTH` is left out of the auth flows.
   *
   * @default false
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html
   */
  readonly enableRefreshTokenRotation?: boolean;

  /**
   * How long the previous refresh token stays valid after rotation: 0 to 60 whole seconds.
   *
   * @default Duration.seconds(0)
   * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html
   */
  readonly refreshTokenRotationGracePeriod?: Duration;

  /**
   * Whether the construct validates itself at synth time with a
   * `UserPoolClientValidator` (one built-in validator per stack serves all
   * of its ValidatedUserPoolClients). A validator added to an enclosing
   * scope takes over (its options apply), so findings are never reported twice.
   *
   * @default true
   */
  readonly validation?: boolean;
}

/**
 * Props of a `ValidatedUserPoolClient`.
 */
export interface ValidatedUserPoolClientProps extends ValidatedUserPoolClientOptions {
  /**
   * The user pool the client belongs to (defined in the app or imported).
   */
  readonly userPool: cognito.IUserPool;
}
