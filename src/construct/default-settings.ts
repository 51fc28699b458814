/** The defaults of ValidatedUserPoolClient beside the API's own; the README table is generated from it. */
import { UserPoolClientDefaults as D } from './defaults';
import { API_DEFAULT_AUTH_FLOWS } from '../rules/api-model';

/** Values as the table shows them, read from UserPoolClientDefaults so they are written once. */
const code = (v: unknown) => `\`${String(v)}\``;
const flows = (list: readonly string[]) => list.map(code).join(', ');

/** One row of the README "Default settings" table. */
export interface DefaultSetting {
  readonly property: string;
  readonly ours: string;
  readonly api: string;
  readonly why: string;
  readonly source: string;
}

const API = 'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html';

/** The defaults with the API's own and the reason for any difference. */
export const DEFAULT_SETTINGS: readonly DefaultSetting[] = [
  { property: 'ClientName', ours: 'derived from the construct path (`Names.uniqueResourceName`, at most 128 characters)', api: 'required by the API; CloudFormation generates one', why: 'A stable, readable name in the console and in logs.', source: API },
  { property: 'GenerateSecret', ours: code(D.GENERATE_SECRET), api: '`false`', why: 'Same. Browser and mobile apps cannot keep a secret.', source: API },
  { property: 'AccessTokenValidity / TokenValidityUnits.AccessToken', ours: `${code(D.ACCESS_TOKEN_VALIDITY.toMinutes())} / \`minutes\``, api: '1 hour (unit `hours`)', why: 'Same duration; the unit is written so that the number is never misread.', source: API },
  { property: 'IdTokenValidity / TokenValidityUnits.IdToken', ours: `${code(D.ID_TOKEN_VALIDITY.toMinutes())} / \`minutes\``, api: '1 hour (unit `hours`)', why: 'Same duration, explicit unit.', source: API },
  { property: 'RefreshTokenValidity / TokenValidityUnits.RefreshToken', ours: `${code(D.REFRESH_TOKEN_VALIDITY.toDays())} / \`days\` (minutes when not whole days)`, api: '30 days (unit `days`)', why: 'Same duration, explicit unit.', source: API },
  { property: 'AuthSessionValidity', ours: `${code(D.AUTH_SESSION_VALIDITY.toMinutes())} (minutes)`, api: '3 minutes', why: 'Same.', source: API },
  { property: 'ExplicitAuthFlows', ours: flows(D.EXPLICIT_AUTH_FLOWS), api: flows(API_DEFAULT_AUTH_FLOWS), why: '`ALLOW_CUSTOM_AUTH` needs Lambda triggers; enabled without them it is attack surface with no use. With refresh token rotation, `ALLOW_REFRESH_TOKEN_AUTH` is left out, as rotation requires.', source: API },
  { property: 'PreventUserExistenceErrors', ours: code(D.PREVENT_USER_EXISTENCE_ERRORS ? 'ENABLED' : 'LEGACY'), api: '`LEGACY`', why: '`LEGACY` tells an attacker which user names exist (user enumeration).', source: 'https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html' },
  { property: 'EnableTokenRevocation', ours: code(D.ENABLE_TOKEN_REVOCATION), api: '`true` for new clients', why: 'Same; written so that an update cannot turn it off.', source: API },
  { property: 'EnablePropagateAdditionalUserContextData', ours: code(D.ENABLE_PROPAGATE_ADDITIONAL_USER_CONTEXT_DATA), api: '`false`', why: 'Same; it requires a client secret.', source: API },
  { property: 'RefreshTokenRotation', ours: code(`{ Feature: ${D.ENABLE_REFRESH_TOKEN_ROTATION ? 'ENABLED' : 'DISABLED'}, RetryGracePeriodSeconds: ${D.REFRESH_TOKEN_ROTATION_GRACE_PERIOD.toSeconds()} }`), api: '`Feature: DISABLED`', why: 'Same; rotation breaks clients that refresh with `REFRESH_TOKEN_AUTH`, so it is opt-in.', source: 'https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html' },
  { property: 'AllowedOAuthFlowsUserPoolClient', ours: '`true` when an OAuth flow is configured, else `false`', api: '`false`', why: 'The aws-cdk L2 enables OAuth (code and implicit) by default; here OAuth is off until configured.', source: API },
  { property: 'AllowedOAuthFlows', ours: 'none (not written) unless configured; the implicit grant only when asked for', api: 'none', why: 'The aws-cdk L2 enables the implicit grant by default, which returns tokens in the URL.', source: API },
  { property: 'AllowedOAuthScopes', ours: '`openid` when a user flow (code, implicit) is configured; none otherwise', api: 'none', why: 'Least privilege: the aws-cdk L2 grants all five reserved scopes, including `aws.cognito.signin.user.admin`.', source: API },
  { property: 'CallbackURLs / LogoutURLs / DefaultRedirectURI', ours: 'none (not written)', api: 'none', why: 'Never invented: the aws-cdk L2 injects https://example.com.', source: API },
  { property: 'SupportedIdentityProviders', ours: '`COGNITO` when OAuth is configured; none otherwise', api: 'none', why: 'A managed login page needs at least one provider.', source: API },
  { property: 'ReadAttributes / WriteAttributes', ours: 'not written unless given', api: 'all standard attributes (read also the verified flags)', why: "Cognito's default depends on the pool's schema, which an imported pool does not reveal.", source: API },
  { property: 'AnalyticsConfiguration', ours: 'none', api: 'none', why: 'Same.', source: API },
];
