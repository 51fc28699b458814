import { Duration, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { UserPoolClientDefaults as D } from './defaults';
import type { UserPoolClientAnalytics, ValidatedUserPoolClientOptions } from './props';

/** Thrown for props that cannot be rendered at all; everything else is the validator's. */
function invalid(prop: string, problem: string, allowed: string): Error {
  return new Error(`ValidatedUserPoolClient: ${prop} ${problem}; ${allowed}.`);
}

type Unit = 'seconds' | 'minutes';

/** A Duration as a whole number of `unit`; tokens must already be in that unit. */
function whole(prop: string, duration: Duration, unit: Unit): number {
  let amount: number;
  try {
    amount = unit === 'minutes' ? duration.toMinutes({ integral: false }) : duration.toSeconds({ integral: false });
  } catch {
    throw invalid(prop, `comes from a token in another unit than ${unit}`, `give it as Duration.${unit}(...)`);
  }
  if (!Token.isUnresolved(amount) && !Number.isInteger(amount)) {
    throw invalid(prop, `is ${duration.toHumanString()}, not a whole number of ${unit}`, `give whole ${unit}`);
  }
  return amount;
}

/** The refresh token validity in days when it is whole days, in minutes otherwise. */
function refreshValidity(duration: Duration): { value: number; unit: 'days' | 'minutes' } {
  const minutes = whole('refreshTokenValidity', duration, 'minutes');
  if (!Token.isUnresolved(minutes) && minutes % 1440 === 0) return { value: minutes / 1440, unit: 'days' };
  return { value: minutes, unit: 'minutes' };
}

const FLOW_NAMES: Array<[keyof cognito.AuthFlow, string]> = [
  ['adminUserPassword', 'ALLOW_ADMIN_USER_PASSWORD_AUTH'],
  ['custom', 'ALLOW_CUSTOM_AUTH'],
  ['userPassword', 'ALLOW_USER_PASSWORD_AUTH'],
  ['userSrp', 'ALLOW_USER_SRP_AUTH'],
  ['user', 'ALLOW_USER_AUTH'],
];

function explicitAuthFlows(flows: cognito.AuthFlow | undefined, rotation: boolean): string[] {
  const names = flows === undefined ? D.EXPLICIT_AUTH_FLOWS.filter((f) => f !== 'ALLOW_REFRESH_TOKEN_AUTH') : FLOW_NAMES.filter(([k]) => flows[k] === true).map(([, n]) => n);
  return rotation ? names : [...names, 'ALLOW_REFRESH_TOKEN_AUTH'];
}

function oauthFlows(flows: cognito.OAuthFlows | undefined): string[] {
  const out: string[] = [];
  if (flows?.authorizationCodeGrant) out.push('code');
  if (flows?.implicitCodeGrant) out.push('implicit');
  if (flows?.clientCredentials) out.push('client_credentials');
  return out;
}

function analytics(a: UserPoolClientAnalytics | undefined): cognito.CfnUserPoolClient.AnalyticsConfigurationProperty | undefined {
  if (a === undefined) return undefined;
  if (a.applicationArn !== undefined && a.applicationId !== undefined) {
    throw invalid('analytics', 'gives both applicationArn and applicationId', 'give applicationArn alone, or applicationId with role and externalId');
  }
  if (a.applicationArn !== undefined && (a.role !== undefined || a.externalId !== undefined)) {
    throw invalid('analytics', 'gives role or externalId with applicationArn', 'role and externalId belong to the applicationId form');
  }
  return {
    applicationArn: a.applicationArn,
    applicationId: a.applicationId,
    roleArn: a.role?.roleArn,
    externalId: a.externalId,
    userDataShared: a.shareUserData ?? D.SHARE_USER_DATA,
  };
}

function nonEmpty<T>(list: T[] | undefined): T[] | undefined {
  return list && list.length > 0 ? list : undefined;
}

/**
 * The CloudFormation properties of a ValidatedUserPoolClient: every setting
 * Cognito would default silently is written out.
 */
export function renderClientProperties(
  userPoolId: string,
  clientName: string,
  props: ValidatedUserPoolClientOptions,
): cognito.CfnUserPoolClientProps {
  const rotation = props.enableRefreshTokenRotation ?? D.ENABLE_REFRESH_TOKEN_ROTATION;
  if (props.refreshTokenRotationGracePeriod !== undefined && !rotation) {
    throw invalid('refreshTokenRotationGracePeriod', 'is given while enableRefreshTokenRotation is false', 'set enableRefreshTokenRotation: true, or remove the grace period');
  }
  const flows = oauthFlows(props.oAuthFlows);
  const oAuthEnabled = props.oAuthEnabled ?? flows.length > 0;
  const userFlow = flows.includes('code') || flows.includes('implicit');
  const scopes = props.oAuthScopes?.map((s) => s.scopeName) ?? (userFlow ? [cognito.OAuthScope.OPENID.scopeName] : []);
  const federated = (props.identityProviders ?? []).map((p) => p.providerName);
  const named = props.supportedIdentityProviders?.map((p) => p.name);
  const defaultProviders = oAuthEnabled && federated.length === 0 ? [cognito.UserPoolClientIdentityProvider.COGNITO.name] : [];
  const providers = [...(named ?? defaultProviders), ...federated];
  const refresh = refreshValidity(props.refreshTokenValidity ?? D.REFRESH_TOKEN_VALIDITY);

  return {
    userPoolId,
    clientName,
    generateSecret: props.generateSecret ?? D.GENERATE_SECRET,
    accessTokenValidity: whole('accessTokenValidity', props.accessTokenValidity ?? D.ACCESS_TOKEN_VALIDITY, 'minutes'),
    idTokenValidity: whole('idTokenValidity', props.idTokenValidity ?? D.ID_TOKEN_VALIDITY, 'minutes'),
    refreshTokenValidity: refresh.value,
    tokenValidityUnits: { accessToken: 'minutes', idToken: 'minutes', refreshToken: refresh.unit },
    authSessionValidity: whole('authSessionValidity', props.authSessionValidity ?? D.AUTH_SESSION_VALIDITY, 'minutes'),
    readAttributes: props.readAttributes?.attributes(),
    writeAttributes: props.writeAttributes?.attributes(),
    explicitAuthFlows: explicitAuthFlows(props.authFlows, rotation),
    supportedIdentityProviders: nonEmpty(providers),
    allowedOAuthFlowsUserPoolClient: oAuthEnabled,
    allowedOAuthFlows: nonEmpty(flows),
    allowedOAuthScopes: nonEmpty(scopes),
    callbackUrLs: nonEmpty(props.callbackUrls),
    logoutUrLs: nonEmpty(props.logoutUrls),
    defaultRedirectUri: props.defaultRedirectUri,
    analyticsConfiguration: analytics(props.analytics),
    preventUserExistenceErrors: (props.preventUserExistenceErrors ?? D.PREVENT_USER_EXISTENCE_ERRORS) ? 'ENABLED' : 'LEGACY',
    enableTokenRevocation: props.enableTokenRevocation ?? D.ENABLE_TOKEN_REVOCATION,
    enablePropagateAdditionalUserContextData: props.enablePropagateAdditionalUserContextData ?? D.ENABLE_PROPAGATE_ADDITIONAL_USER_CONTEXT_DATA,
    refreshTokenRotation: {
      feature: rotation ? 'ENABLED' : 'DISABLED',
      retryGracePeriodSeconds: whole('refreshTokenRotationGracePeriod', props.refreshTokenRotationGracePeriod ?? D.REFRESH_TOKEN_ROTATION_GRACE_PERIOD, 'seconds'),
    },
  };
}

