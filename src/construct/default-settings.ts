/** The defaults of ValidatedUserPoolClient beside the aws-cdk L2's and the API's; the README tables are generated from it. */
import { DEFAULT_AUTH_FLOWS, UserPoolClientDefaults as D } from './defaults';
import { API_DEFAULT_AUTH_FLOWS, API_DEFAULT_VALUES as API_DEFAULT } from '../rules/api-model';

/** Values as the table shows them, read from UserPoolClientDefaults so they are written once. */
const code = (v: unknown) => `\`${String(v)}\``;
const flows = (list: readonly string[]) => list.map(code).join(', ');

/** One row of the README "Default settings" table. */
export interface DefaultSetting {
  /** The CloudFormation properties the row is about. */
  readonly properties: readonly string[];
  /** What ValidatedUserPoolClient writes when the prop is not given. */
  readonly ours: string;
  /** What the aws-cdk L2 `UserPoolClient` writes then. */
  readonly l2: string;
  /** Cognito's default when the property is absent. */
  readonly api: string;
  readonly why: string;
  readonly source: string;
  /**
   * What switching a client from the L2 changes in its template, all in
   * place: `adds` writes a property the L2 leaves to Cognito; `replaces` writes
   * another value than an L2 default; `both`, either. Absent: switching
   * changes nothing here.
   */
  readonly migration?: { readonly kind: 'adds' | 'replaces' | 'both'; readonly effect: string };
}

const API = 'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html';
const minutes = (d: { toMinutes(): number }) => `\`${d.toMinutes()}\``;

/** The defaults with the L2's and the API's own, the reason for any difference, and what switching from the L2 changes. */
export const DEFAULT_SETTINGS: readonly DefaultSetting[] = [
  {
    properties: ['ClientName'],
    ours: 'derived from the construct path (`Names.uniqueResourceName`, at most 128 characters)',
    l2: 'not written: CloudFormation generates a name',
    api: 'required by the API',
    why: 'A stable, readable name in the console and in logs.',
    source: API,
    migration: { kind: 'adds', effect: 'the client is renamed (its id and secret stay)' },
  },
  {
    properties: ['GenerateSecret'],
    ours: 'written only when `generateSecret` is given, as the L2 does',
    l2: 'written only when given',
    api: code(API_DEFAULT.GenerateSecret),
    why: 'Create-only: absent and `false` mean the same, and writing `false` onto a client created without it would replace the client (a new client id).',
    source: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cognito-userpoolclient.html',
  },
  {
    properties: ['AccessTokenValidity', 'IdTokenValidity', 'RefreshTokenValidity', 'TokenValidityUnits'],
    ours: `\`${D.ACCESS_TOKEN_VALIDITY.toHours()}\` hour, \`${D.ID_TOKEN_VALIDITY.toHours()}\` hour and \`${D.REFRESH_TOKEN_VALIDITY.toDays()}\` days, each with its unit (\`hours\`, \`hours\`, \`days\`); a lifetime given in minutes with unit \`minutes\`, as the L2 writes it`,
    l2: 'only those given, in minutes',
    api: '1 hour, 1 hour, 30 days',
    why: "The same durations, written out so that an update cannot reset them. Those not given are in Cognito's default unit of each token, as the L2 leaves them, so that a number set with an escape hatch (`addPropertyOverride`, the L1's setter) keeps the meaning it had with the L2.",
    source: 'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_TokenValidityUnitsType.html',
    migration: { kind: 'both', effect: 'the validities not given are written, and the unit of each (no change in effect)' },
  },
  {
    properties: ['AuthSessionValidity'],
    ours: `${minutes(D.AUTH_SESSION_VALIDITY)} (minutes)`,
    l2: 'only when given',
    api: `${API_DEFAULT.AuthSessionValidity} minutes`,
    why: 'The same, written out.',
    source: API,
    migration: { kind: 'adds', effect: 'written (no change in effect)' },
  },
  {
    properties: ['ExplicitAuthFlows'],
    ours: `${flows(DEFAULT_AUTH_FLOWS)} when \`authFlows\` is not given (or \`{}\`), with \`ALLOW_CUSTOM_AUTH\` too when the pool (a \`UserPool\` of the app) has a DefineAuthChallenge trigger when the client is made (one added later fails the synth, naming the client); only \`ALLOW_REFRESH_TOKEN_AUTH\` for a client whose only OAuth flow is client credentials; \`ALLOW_REFRESH_TOKEN_AUTH\` left out when \`refreshTokenRotationGracePeriod\` is given, as the L2 does`,
    l2: 'not written when `authFlows` is not given or `{}`',
    api: flows(API_DEFAULT_AUTH_FLOWS),
    why: '`ALLOW_CUSTOM_AUTH` needs Lambda triggers: without them it is attack surface with no use; with them (passwordless sign-in, say) the L2\'s client signed in so, and keeps doing so. A machine-to-machine client signs in no user; `ALLOW_REFRESH_TOKEN_AUTH` is the smallest list Cognito has been seen to accept (it refused a list without it with "REFRESH_TOKEN_AUTH should always be allowed", aws/aws-cdk#7625), and an empty list has no documented meaning.',
    source: API,
    migration: { kind: 'adds', effect: '`ALLOW_CUSTOM_AUTH` is no longer allowed on a pool without a custom-auth trigger, nor SRP sign-in for a client credentials client; on a pool imported with `UserPool.fromUserPoolId`, whose triggers the app cannot see, set `authFlows.custom` if the client signs in with custom authentication' },
  },
  {
    properties: ['PreventUserExistenceErrors'],
    ours: code(D.PREVENT_USER_EXISTENCE_ERRORS ? 'ENABLED' : 'LEGACY'),
    l2: 'only when given',
    api: code(API_DEFAULT.PreventUserExistenceErrors),
    why: '`LEGACY` tells an attacker which user names exist (user enumeration).',
    source: 'https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html',
    migration: { kind: 'adds', effect: 'sign-in and recovery errors no longer reveal whether a user exists' },
  },
  {
    properties: ['EnableTokenRevocation'],
    ours: code(D.ENABLE_TOKEN_REVOCATION),
    l2: 'only when given',
    api: `${code(API_DEFAULT.EnableTokenRevocation)} for new clients`,
    why: 'Written so that an update cannot turn it off.',
    source: 'https://docs.aws.amazon.com/cognito/latest/developerguide/token-revocation.html',
    migration: { kind: 'adds', effect: 'written (no change for clients created with it on)' },
  },
  {
    properties: ['EnablePropagateAdditionalUserContextData'],
    ours: code(D.ENABLE_PROPAGATE_ADDITIONAL_USER_CONTEXT_DATA),
    l2: 'only when given',
    api: code(API_DEFAULT.EnablePropagateAdditionalUserContextData),
    why: 'The same, written out; it requires a client secret.',
    source: API,
    migration: { kind: 'adds', effect: 'written (no change in effect)' },
  },
  {
    properties: ['RefreshTokenRotation'],
    ours: '`{ Feature: DISABLED, RetryGracePeriodSeconds: 0 }` unless `refreshTokenRotationGracePeriod` is given, which turns rotation on, as in the L2',
    l2: 'only when `refreshTokenRotationGracePeriod` is given',
    api: '`Feature: DISABLED`',
    why: 'The same, written out; rotation breaks clients that refresh with `REFRESH_TOKEN_AUTH`, so it is opt-in.',
    source: 'https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html',
    migration: { kind: 'adds', effect: 'written (no change in effect)' },
  },
  {
    properties: ['AllowedOAuthFlowsUserPoolClient'],
    ours: '`true` when `oAuth` is given and `disableOAuth` is not, `false` otherwise',
    l2: '`true` unless `disableOAuth`',
    api: code(API_DEFAULT.AllowedOAuthFlowsUserPoolClient),
    why: 'The L2 turns OAuth on with settings no app can use as they are (https://example.com) and the implicit grant; here OAuth is off until configured.',
    source: API,
    migration: { kind: 'replaces', effect: 'a client without `oAuth` has OAuth turned off (SDK sign-in works as before)' },
  },
  {
    properties: ['AllowedOAuthFlows'],
    ours: '`code` when `oAuth` is given without `flows`; none without `oAuth`',
    l2: '`implicit`, `code` unless `oAuth.flows` is given',
    api: 'none',
    why: 'The implicit grant returns tokens in the URL, and issues no refresh token.',
    source: 'https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html',
    migration: { kind: 'replaces', effect: 'the implicit grant is no longer allowed unless `oAuth.flows` asks for it' },
  },
  {
    properties: ['AllowedOAuthScopes'],
    ours: '`profile`, `phone`, `email`, `openid` when `oAuth` is given without `scopes` (none for a client credentials client); none without `oAuth`',
    l2: '`profile`, `phone`, `email`, `openid`, `aws.cognito.signin.user.admin` unless `oAuth.scopes` is given',
    api: 'none',
    why: '`aws.cognito.signin.user.admin` lets an access token change and delete its user; reserved scopes cannot be granted to client credentials.',
    source: 'https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html',
    migration: { kind: 'replaces', effect: '`aws.cognito.signin.user.admin` is no longer granted unless `oAuth.scopes` asks for it' },
  },
  {
    properties: ['CallbackURLs'],
    ours: 'only those given',
    l2: '`https://example.com` when the code or implicit grant is on and none are given',
    api: 'none',
    why: 'Never invented: a callback to a domain the app does not own hands authorization codes to it. The validator asks for one when the code grant is on.',
    source: API,
    migration: { kind: 'replaces', effect: '`https://example.com` is no longer a callback URL' },
  },
  {
    properties: ['SupportedIdentityProviders'],
    ours: 'the identity providers registered on the pool, then `COGNITO`, as the L2 does; given ones and `identityProviders` each written once',
    l2: 'the same; given ones as given, duplicates included',
    api: 'none',
    why: 'A provider listed twice is a mistake Cognito may refuse. The providers stay listed after a switch; federated sign-in also needs OAuth, which a client without `oAuth` no longer has (VUPC-IDP-WITHOUT-OAUTH says so).',
    source: 'https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation.html',
    migration: { kind: 'replaces', effect: 'a provider given twice is listed once' },
  },
  {
    properties: ['ReadAttributes', 'WriteAttributes', 'LogoutURLs', 'DefaultRedirectURI'],
    ours: 'only those given, as the L2 does',
    l2: 'only those given',
    api: 'all standard attributes (read also the verified flags); no URL',
    why: "Cognito's attribute default depends on the pool's schema, which an imported pool does not reveal.",
    source: API,
  },
  {
    properties: ['AnalyticsConfiguration'],
    ours: '`UserDataShared: false` unless `analytics.shareUserData` is given; otherwise as the L2 writes it',
    l2: 'only what is given',
    api: 'none',
    why: 'Written out: no user data goes to analytics unless asked for.',
    source: 'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AnalyticsConfigurationType.html',
    migration: { kind: 'replaces', effect: '`UserDataShared: false` is written (no change in effect)' },
  },
];
