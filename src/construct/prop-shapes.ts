import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type { ValidatedUserPoolClientProps } from './props';
import { closestOf } from '../rules/closest';
import { AUTH_FLOW_MEMBERS, OAUTH_FLOW_MEMBERS } from '../rules/l2-model';

/**
 * The members of each props structure, by a type that fails to compile
 * when the structure gains or loses one: from JavaScript (or a cast), a
 * misspelt member would otherwise be dropped without a word (a typo in
 * `authFlows` left a client with no sign-in flow).
 */
type Members<T> = { readonly [K in keyof T]-?: true };
export const PROP_MEMBERS: Members<ValidatedUserPoolClientProps> = {
  userPool: true,
  userPoolClientName: true,
  generateSecret: true,
  authFlows: true,
  disableOAuth: true,
  oAuth: true,
  authSessionValidity: true,
  preventUserExistenceErrors: true,
  supportedIdentityProviders: true,
  idTokenValidity: true,
  refreshTokenValidity: true,
  accessTokenValidity: true,
  refreshTokenRotationGracePeriod: true,
  readAttributes: true,
  writeAttributes: true,
  enableTokenRevocation: true,
  enablePropagateAdditionalUserContextData: true,
  analytics: true,
  identityProviders: true,
  validation: true,
};
/**
 * The flow members the render writes (rules/l2-model.ts), held by type to
 * every member aws-cdk-lib has: a member it adds fails the type-check, not a
 * client (the render would drop it, and this check refuse it).
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const ALL_AUTH_FLOWS: Same<(typeof AUTH_FLOW_MEMBERS)[number][0], keyof cognito.AuthFlow> = true;
const ALL_OAUTH_FLOWS: Same<(typeof OAUTH_FLOW_MEMBERS)[number][0], keyof cognito.OAuthFlows> = true;
const membersOf = (list: ReadonlyArray<readonly [string, string]>, complete: true) => Object.fromEntries(list.map(([member]) => [member, complete]));
const AUTH_FLOWS = membersOf(AUTH_FLOW_MEMBERS, ALL_AUTH_FLOWS);
const OAUTH: Members<cognito.OAuthSettings> = { flows: true, callbackUrls: true, logoutUrls: true, scopes: true, defaultRedirectUri: true };
const OAUTH_FLOWS = membersOf(OAUTH_FLOW_MEMBERS, ALL_OAUTH_FLOWS);
const ANALYTICS: Members<cognito.AnalyticsConfiguration> = {
  application: true, applicationId: true, externalId: true, role: true, shareUserData: true,
};

/** The id of the warning on a name the props do not have (acknowledge it with `Annotations.acknowledgeWarning`). */
export const IGNORED_PROP_WARNING = 'cdk-validated-user-pool-client:ignored-prop';

/**
 * Checks the shape of the props, which TypeScript and the other languages
 * check at compile time and JavaScript does not. A provider or a scope given
 * as a string where the L2's object belongs (its list rendered empty) is
 * refused. A name no structure has is returned, as a warning that names the
 * closest one: ignored, as the L2 ignores it, because TypeScript lets a
 * wider object through a spread (a wrapper's props that extend
 * `UserPoolClientOptions`), which a drop-in replacement must accept.
 */
export function checkPropShapes(props: ValidatedUserPoolClientProps): string[] {
  const ignored = [
    ...members('props', props, PROP_MEMBERS, 'the props are those of cognito.UserPoolClientProps, plus identityProviders and validation'),
    ...members('authFlows', props.authFlows, AUTH_FLOWS),
    ...members('oAuth', props.oAuth, OAUTH),
    ...members('oAuth.flows', props.oAuth?.flows, OAUTH_FLOWS),
    ...members('analytics', props.analytics, ANALYTICS),
  ];
  (props.supportedIdentityProviders ?? []).forEach((provider, i) => {
    if (typeof (provider as { name?: unknown } | undefined)?.name !== 'string') {
      const example = 'cognito.UserPoolClientIdentityProvider.GOOGLE, or .custom(\'MyProvider\')';
      throw wrongItem(`supportedIdentityProviders[${i}]`, provider, 'cognito.UserPoolClientIdentityProvider', example);
    }
  });
  (props.oAuth?.scopes ?? []).forEach((scope, i) => {
    if (typeof (scope as { scopeName?: unknown } | undefined)?.scopeName !== 'string') {
      throw wrongItem(`oAuth.scopes[${i}]`, scope, 'cognito.OAuthScope', 'cognito.OAuthScope.OPENID, or .custom(\'api/read\')');
    }
  });
  return ignored;
}

/** What the names `value` has beyond those of `known` are, one message each (none for a value that is not an object). */
function members(where: string, value: object | undefined, known: object, allowedText?: string): string[] {
  if (value === undefined || value === null || typeof value !== 'object') return [];
  const allowed = Object.keys(known);
  // A key whose value is undefined sets nothing (a wrapper's `{ ...props, extra: options.extra }`): no warning.
  const given = Object.keys(value).filter((key) => (value as Record<string, unknown>)[key] !== undefined);
  return given.filter((key) => !allowed.includes(key)).map((key) => {
    const closest = closestOf(key, allowed);
    const name = where === 'props' ? `'${key}' is not a prop` : `${where} has '${key}', which is not one of its members`;
    return `ValidatedUserPoolClient: ${name}, and is ignored, as the L2 ignores it${closest ? `; did you mean '${closest}'?` : ''} `
      + `(${allowedText ?? `allowed: ${allowed.join(', ')}`}).`;
  });
}

function wrongItem(where: string, value: unknown, type: string, example: string): Error {
  const got = typeof value === 'string' ? `the string '${value}'` : value === null ? 'null' : typeof value;
  return new Error(`ValidatedUserPoolClient: ${where} is ${got}, not a ${type}; give one, as ${example}.`);
}
