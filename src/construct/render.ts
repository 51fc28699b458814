import { Duration, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { DEFAULT_AUTH_FLOWS, UserPoolClientDefaults as D } from './defaults';
import type { ValidatedUserPoolClientOptions } from './props';
import { AUTH_FLOW_MEMBERS, OAUTH_FLOW_MEMBERS, SCOPES_NEEDING_OPENID } from '../rules/l2-model';

/** Thrown for props that cannot be rendered at all; everything else is the validator's. */
function invalid(prop: string, problem: string, allowed: string): Error {
  return new Error(`ValidatedUserPoolClient: ${prop} ${problem}; ${allowed}.`);
}

type Unit = 'seconds' | 'minutes';

/** A Duration as a whole number of `unit`; tokens must already be in that unit. */
function whole(prop: string, duration: Duration, unit: Unit): number {
  // From JavaScript (or a cast), a bare number or a string can stand where a Duration belongs.
  if (!(duration instanceof Duration) && typeof (duration as { toMinutes?: unknown } | null)?.toMinutes !== 'function') {
    // An object is named by its type, never shown: it may hold anything (a secret passed by mistake).
    const got = typeof duration === 'number' ? `the number ${duration}` : typeof duration === 'string' ? `the string '${duration}'`
      : duration === null ? 'null' : `${Array.isArray(duration) ? 'a list' : `an ${typeof duration}`}`;
    throw invalid(prop, `is ${got}, not a Duration`, `give it as Duration.${unit}(...)${typeof duration === 'number' ? ' (a bare number has no unit)' : ''}`);
  }
  let amount: number;
  try {
    amount = unit === 'minutes' ? duration.toMinutes({ integral: false }) : duration.toSeconds({ integral: false });
  } catch {
    throw invalid(prop, `comes from a token in another unit than ${unit}`, `give it as Duration.${unit}(...)`);
  }
  if (!Token.isUnresolved(amount) && !Number.isInteger(amount)) {
    const closest = Math.max(1, Math.round(amount));
    throw invalid(prop, `is ${duration.toHumanString()}, not a whole number of ${unit}`, `give whole ${unit} (the closest: Duration.${unit}(${closest}))`);
  }
  return amount;
}

const REFRESH = 'ALLOW_REFRESH_TOKEN_AUTH';
const CUSTOM = 'ALLOW_CUSTOM_AUTH';

/**
 * The auth flows, as the L2 writes them when `authFlows` has a member (even a
 * false one); otherwise (absent or `{}`, which the L2 leaves to Cognito's
 * default with ALLOW_CUSTOM_AUTH) SRP sign-in, and custom auth too when the
 * pool has a custom-auth trigger (`customAuth`: the L2's client signed in so,
 * and dropping it would break that sign-in), or no user sign-in for a client
 * whose only OAuth flow is client credentials. ALLOW_REFRESH_TOKEN_AUTH
 * unless rotation is on (it requires the flow to be off).
 */
function explicitAuthFlows(flows: cognito.AuthFlow | undefined, rotation: boolean, machineOnly: boolean, customAuth: boolean): string[] {
  const given = flows !== undefined && Object.keys(flows).length > 0;
  const names = given
    ? AUTH_FLOW_MEMBERS.filter(([k]) => flows![k]).map(([, n]) => n)
    : machineOnly ? [] : [...DEFAULT_AUTH_FLOWS.filter((f) => f !== REFRESH), ...(customAuth ? [CUSTOM] : [])];
  return rotation ? names : [...names, REFRESH];
}

/** The OAuth flows of a client, as CloudFormation names them (none when OAuth is off). */
function oauthFlowsOf(props: ValidatedUserPoolClientOptions): string[] {
  return !props.disableOAuth && props.oAuth !== undefined ? oauthFlowNames(props.oAuth.flows ?? { authorizationCodeGrant: true }) : [];
}
/** A machine-to-machine client: its only OAuth flow is client credentials, and it signs in no user. */
const isMachineOnly = (flows: readonly string[]) => flows.length > 0 && flows.every((f) => f === 'client_credentials');

/**
 * True when the client takes the default auth flows for user sign-in
 * (`authFlows` not given, or `{}`, on a client that is not machine-to-machine):
 * they then depend on the pool's custom-auth trigger.
 */
export const takesDefaultUserFlows = (props: ValidatedUserPoolClientOptions) =>
  (props.authFlows === undefined || Object.keys(props.authFlows).length === 0) && !isMachineOnly(oauthFlowsOf(props));

/** The OAuth flows in the L2's order. */
function oauthFlowNames(flows: cognito.OAuthFlows): string[] {
  return OAUTH_FLOW_MEMBERS.filter(([member]) => flows[member]).map(([, flow]) => flow);
}

/** The L2's default scopes without aws.cognito.signin.user.admin, which lets a token change and delete its user. */
const DEFAULT_SCOPES = [cognito.OAuthScope.PROFILE, cognito.OAuthScope.PHONE, cognito.OAuthScope.EMAIL, cognito.OAuthScope.OPENID];

/** The scope names, deduplicated, with openid added after phone, email or profile, as the L2 does. */
function oauthScopeNames(scopes: readonly cognito.OAuthScope[]): string[] {
  const names = new Set(scopes.map((s) => s.scopeName));
  if (SCOPES_NEEDING_OPENID.some((s) => names.has(s))) names.add(cognito.OAuthScope.OPENID.scopeName);
  return [...names];
}

function analytics(a: cognito.AnalyticsConfiguration | undefined): cognito.CfnUserPoolClient.AnalyticsConfigurationProperty | undefined {
  if (a === undefined) return undefined;
  return {
    applicationArn: a.application?.attrArn,
    applicationId: a.applicationId,
    roleArn: a.role?.roleRef.roleArn,
    externalId: a.externalId,
    userDataShared: a.shareUserData ?? D.SHARE_USER_DATA,
  };
}

/** Each value once, the first of those with the same key kept where it stands. */
function onceEach(values: readonly string[], keyOf: (value: string) => string): string[] {
  const seen = new Set<string>();
  return values.filter((v) => !seen.has(keyOf(v)) && seen.add(keyOf(v)));
}

const nonEmpty = <T>(list: T[] | undefined): T[] | undefined => (list && list.length > 0 ? list : undefined);
const minutes = (prop: string, d: Duration) => whole(prop, d, 'minutes');

/**
 * A token lifetime and its unit: a given one in minutes, as the L2 writes
 * it; the default in Cognito's default unit for the token (hours, or days
 * for refresh tokens), which is how the L2 leaves a lifetime it was not
 * given. So a number an escape hatch sets (`addPropertyOverride`, the L1's
 * setter) means what it meant with the L2, not minutes.
 */
function lifetime(prop: string, given: Duration | undefined, byDefault: number, apiUnit: 'hours' | 'days'): { value: number; unit: string } {
  return given === undefined ? { value: byDefault, unit: apiUnit } : { value: minutes(prop, given), unit: 'minutes' };
}

/**
 * The CloudFormation properties of a ValidatedUserPoolClient: what the L2
 * writes for the same props, with every setting it leaves to Cognito written
 * out (see DEFAULT_SETTINGS). `poolProviders` are the identity provider
 * names listed when none are given (the pool's registered ones, then
 * COGNITO); `providerKey` gives a provider named by a reference the name it
 * will have, so that no provider is listed twice. `customAuth` says whether
 * the pool has a custom-auth trigger (it matters only for the default auth flows).
 */
export function renderClientProperties(
  userPoolId: string,
  clientName: string,
  props: ValidatedUserPoolClientOptions,
  poolProviders: readonly string[],
  providerKey: (name: string) => string = (name) => name,
  customAuth = false,
): cognito.CfnUserPoolClientProps {
  if (props.disableOAuth && props.oAuth) {
    throw invalid('oAuth', 'is given while disableOAuth is true', 'remove one of them (as in the aws-cdk UserPoolClient)');
  }
  const oAuthOn = !props.disableOAuth && props.oAuth !== undefined;
  const flows = oauthFlowsOf(props);
  const machineOnly = isMachineOnly(flows);
  const scopes = oAuthOn ? oauthScopeNames(props.oAuth!.scopes ?? (machineOnly ? [] : DEFAULT_SCOPES)) : undefined;
  const rotation = props.refreshTokenRotationGracePeriod;
  const access = lifetime('accessTokenValidity', props.accessTokenValidity, D.ACCESS_TOKEN_VALIDITY.toHours(), 'hours');
  const id = lifetime('idTokenValidity', props.idTokenValidity, D.ID_TOKEN_VALIDITY.toHours(), 'hours');
  const refresh = lifetime('refreshTokenValidity', props.refreshTokenValidity, D.REFRESH_TOKEN_VALIDITY.toDays(), 'days');
  const providers = [
    ...(props.supportedIdentityProviders?.map((p) => p.name) ?? poolProviders),
    ...(props.identityProviders ?? []).map((p) => p.providerName),
  ];

  return {
    userPoolId,
    clientName,
    // Create-only: written only when given, as the L2 does (writing false onto a client without it replaces the client).
    generateSecret: props.generateSecret,
    accessTokenValidity: access.value,
    idTokenValidity: id.value,
    refreshTokenValidity: refresh.value,
    tokenValidityUnits: { accessToken: access.unit, idToken: id.unit, refreshToken: refresh.unit },
    authSessionValidity: minutes('authSessionValidity', props.authSessionValidity ?? D.AUTH_SESSION_VALIDITY),
    readAttributes: props.readAttributes?.attributes(),
    writeAttributes: props.writeAttributes?.attributes(),
    explicitAuthFlows: explicitAuthFlows(props.authFlows, rotation !== undefined, machineOnly, customAuth),
    supportedIdentityProviders: nonEmpty(onceEach(providers, providerKey)),
    allowedOAuthFlowsUserPoolClient: oAuthOn,
    allowedOAuthFlows: nonEmpty(flows),
    allowedOAuthScopes: scopes,
    callbackUrLs: oAuthOn ? nonEmpty(props.oAuth!.callbackUrls) : undefined,
    logoutUrLs: oAuthOn ? props.oAuth!.logoutUrls : undefined,
    defaultRedirectUri: oAuthOn ? props.oAuth!.defaultRedirectUri : undefined,
    analyticsConfiguration: analytics(props.analytics),
    preventUserExistenceErrors: (props.preventUserExistenceErrors ?? D.PREVENT_USER_EXISTENCE_ERRORS) ? 'ENABLED' : 'LEGACY',
    enableTokenRevocation: props.enableTokenRevocation ?? D.ENABLE_TOKEN_REVOCATION,
    enablePropagateAdditionalUserContextData: props.enablePropagateAdditionalUserContextData ?? D.ENABLE_PROPAGATE_ADDITIONAL_USER_CONTEXT_DATA,
    refreshTokenRotation: rotation === undefined
      ? { feature: 'DISABLED', retryGracePeriodSeconds: 0 }
      : { feature: 'ENABLED', retryGracePeriodSeconds: whole('refreshTokenRotationGracePeriod', rotation, 'seconds') },
  };
}
