import { Code, CORE_NAMES, ImportedClient, Member, MODULES, Override } from './code';
import { API_DEFAULT_AUTH_FLOWS, API_DEFAULT_VALUES, API_VALIDITY_DEFAULTS, LIBRARY_DEFAULT_VALUES as LIB, UNIT_SECONDS } from '../../rules/api-model';
import { humanDuration } from '../../rules/client/token-validity';
import {
  AUTH_FLOW_MEMBERS, IDENTITY_PROVIDER_CONSTANTS, OAUTH_FLOW_MEMBERS, OAUTH_SCOPE_CONSTANTS, SCOPES_NEEDING_OPENID, STANDARD_ATTRIBUTE_MEMBERS,
} from '../../rules/l2-model';
import { isPlainObject } from '../../rules/values';

/**
 * How a described app client is declared as a `ValidatedUserPoolClient`
 * that synthesizes to the same settings: each setting through the props the
 * aws-cdk L2 has for it where they can say it, and as a property override
 * of the L1 (with the reason) where they cannot. Settings the client
 * leaves to Cognito are written with the value Cognito gives them, so that
 * the construct's own defaults change nothing; a comment marks each value
 * that is not this library's default.
 */

const literal = (value: string | number | boolean): Code => ({ literal: value });
const list = (items: readonly Code[]): Code => ({ list: items });
const strings = (values: readonly string[]): Code => list(values.map(literal));

type Settings = Readonly<Record<string, unknown>>;
const stringList = (value: unknown): string[] | undefined => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined);

/** The validity props, with the token each is of and this library's default (in minutes). */
const VALIDITIES = [
  { property: 'AccessTokenValidity', token: 'AccessToken', prop: 'accessTokenValidity', library: LIB.AccessTokenValidity },
  { property: 'IdTokenValidity', token: 'IdToken', prop: 'idTokenValidity', library: LIB.IdTokenValidity },
  { property: 'RefreshTokenValidity', token: 'RefreshToken', prop: 'refreshTokenValidity', library: LIB.RefreshTokenValidity },
] as const;
const REFRESH_FLOW = 'ALLOW_REFRESH_TOKEN_AUTH';

/** What the plan of one client is made from. */
export interface DescribedClient {
  /** Its settings under the resource's property names (see `ApiClient.properties`). */
  readonly properties: Settings;
  readonly clientId?: string;
  /** True for a response (a deployed client), false for a CreateUserPoolClient request. */
  readonly deployed: boolean;
  /** True when a request sets its own ClientSecret (never shown). */
  readonly customSecret?: boolean;
  readonly findings: readonly string[];
}

/** Plans the declaration of one described client; `taken` holds the function names and construct ids already used in the file. */
export function planClient(client: DescribedClient, taken: Set<string>): ImportedClient {
  const p = client.properties;
  const name = typeof p.ClientName === 'string' ? p.ClientName : 'Client';
  const constructId = unique(pascalCase(name), taken);
  const props: Member[] = [{ name: 'userPool', value: { variable: 'userPool' } }, { name: 'userPoolClientName', value: literal(name) }];
  const overrides: Override[] = [];
  const notes: string[] = [];

  if (p.GenerateSecret === true || client.customSecret) {
    props.push({ name: 'generateSecret', value: literal(true) });
    notes.push(client.deployed
      ? 'Its secret stays with the deployed client: `cdk import` adopts the client, secret included (a new client gets a new secret).'
      : 'The request sets its own ClientSecret, which CloudFormation cannot: the client gets a secret Cognito generates.');
  }

  const rotation = isPlainObject(p.RefreshTokenRotation) ? p.RefreshTokenRotation : undefined;
  const rotationOn = rotation?.Feature === 'ENABLED';
  authFlows(p, rotationOn, props, overrides);
  oAuth(p, props, overrides);
  supportedIdentityProviders(p, props);
  validities(p, props, overrides);
  for (const [property, prop] of [['ReadAttributes', 'readAttributes'], ['WriteAttributes', 'writeAttributes']] as const) attributes(p, property, prop, props, overrides);
  sessionAndErrors(p, props);
  refreshTokenRotation(rotation, props, overrides);
  analytics(p, constructId, props, overrides, notes);

  return {
    functionName: camelCase(constructId),
    constructId,
    label: [name, client.clientId].filter((v) => v !== undefined).join(', '),
    userPoolId: typeof p.UserPoolId === 'string' ? p.UserPoolId : undefined,
    notes,
    props,
    overrides,
    retain: client.deployed,
    findings: client.findings,
  };
}

function authFlows(p: Settings, rotationOn: boolean, props: Member[], overrides: Override[]): void {
  const flows = stringList(p.ExplicitAuthFlows) ?? [...API_DEFAULT_AUTH_FLOWS];
  const members = AUTH_FLOW_MEMBERS.filter(([, flow]) => flows.includes(flow)).map(([member]) => member);
  const unknown = flows.filter((f) => f !== REFRESH_FLOW && !AUTH_FLOW_MEMBERS.some(([, flow]) => flow === f));
  // The construct adds ALLOW_REFRESH_TOKEN_AUTH exactly when rotation is off, as the L2 does.
  const refreshAsConstruct = flows.includes(REFRESH_FLOW) === !rotationOn;
  if (unknown.length === 0 && refreshAsConstruct) {
    // A member (false here) says the flows are given: none but refresh, not the default SRP sign-in.
    const given = members.length > 0 ? members.map((m) => ({ name: m, value: literal(true) })) : [{ name: 'userSrp', value: literal(false) }];
    // A client-credentials client's default is refresh alone (no user sign-in flow), which `userSrp: false` says.
    const oauth = stringList(p.AllowedOAuthFlows) ?? [];
    const machineOnly = oauth.length > 0 && oauth.every((f) => f === 'client_credentials');
    const same = machineOnly ? members.length === 0 : sameSet(flows, LIB.ExplicitAuthFlows);
    const defaults = machineOnly ? 'refresh only, for a client-credentials client' : 'SRP and refresh';
    props.push({ name: 'authFlows', value: { struct: 'cognito.AuthFlow', members: given }, ...(same ? {} : { comment: `not this library's default (${defaults})` }) });
    return;
  }
  overrides.push({
    path: 'ExplicitAuthFlows',
    value: flows,
    why: unknown.length > 0
      ? `${unknown.join(', ')} ${unknown.length > 1 ? 'are' : 'is'} not in cognito.AuthFlow (legacy names): the flows are set as they are.`
      : `ALLOW_REFRESH_TOKEN_AUTH is ${rotationOn ? 'allowed with' : 'not allowed without'} refresh token rotation, which the props cannot say.`,
  });
}

function oAuth(p: Settings, props: Member[], overrides: Override[]): void {
  const flows = stringList(p.AllowedOAuthFlows);
  const scopes = stringList(p.AllowedOAuthScopes);
  const urls = { callbackUrls: stringList(p.CallbackURLs), logoutUrls: stringList(p.LogoutURLs) };
  if (p.AllowedOAuthFlowsUserPoolClient !== true) {
    props.push({ name: 'disableOAuth', value: literal(true) });
    // Cognito keeps OAuth settings of a client with OAuth off (they do nothing); the construct writes none then.
    const kept: Array<[string, unknown]> = [
      ['AllowedOAuthFlows', flows], ['AllowedOAuthScopes', scopes], ['CallbackURLs', urls.callbackUrls], ['LogoutURLs', urls.logoutUrls],
      ['DefaultRedirectURI', p.DefaultRedirectURI],
    ];
    const why = 'OAuth is off (AllowedOAuthFlowsUserPoolClient is not true), and the client keeps this setting, which does nothing: the props write none with OAuth off.';
    for (const [path, value] of kept) if (value !== undefined) overrides.push({ path, value, why });
    return;
  }
  const members: Member[] = [];
  const given = OAUTH_FLOW_MEMBERS.filter(([, flow]) => flows?.includes(flow)).map(([member]) => ({ name: member, value: literal(true) }));
  members.push({ name: 'flows', value: { struct: 'cognito.OAuthFlows', members: given } });
  const scopeNames = scopes ?? [];
  // The construct completes phone, email and profile with openid (as the L2): a client without it is set as it is.
  const completed = SCOPES_NEEDING_OPENID.some((s) => scopeNames.includes(s)) && !scopeNames.includes('openid');
  if (completed) {
    overrides.push({ path: 'AllowedOAuthScopes', value: scopeNames, why: 'phone, email or profile without openid: the props add openid, as the L2 does.' });
  } else {
    members.push({ name: 'scopes', value: list(scopeNames.map(scope)) });
  }
  if (urls.callbackUrls && urls.callbackUrls.length > 0) members.push({ name: 'callbackUrls', value: strings(urls.callbackUrls) });
  if (urls.logoutUrls) members.push({ name: 'logoutUrls', value: strings(urls.logoutUrls) });
  if (typeof p.DefaultRedirectURI === 'string') members.push({ name: 'defaultRedirectUri', value: literal(p.DefaultRedirectURI) });
  props.push({ name: 'oAuth', value: { struct: 'cognito.OAuthSettings', members } });
}

/** The sign-in session, user existence errors, token revocation and user context data: each with Cognito's value when not set. */
function sessionAndErrors(p: Settings, props: Member[]): void {
  const session = numberOr(p.AuthSessionValidity, API_DEFAULT_VALUES.AuthSessionValidity);
  props.push({ name: 'authSessionValidity', value: duration('minutes', session), ...differs(session, LIB.AuthSessionValidity, `${LIB.AuthSessionValidity} minutes`) });
  const prevent = (p.PreventUserExistenceErrors ?? API_DEFAULT_VALUES.PreventUserExistenceErrors) === 'ENABLED';
  props.push({ name: 'preventUserExistenceErrors', value: literal(prevent), ...differs(prevent, LIB.PreventUserExistenceErrors === 'ENABLED', 'ENABLED') });
  for (const [property, prop, library] of [
    ['EnableTokenRevocation', 'enableTokenRevocation', LIB.EnableTokenRevocation],
    ['EnablePropagateAdditionalUserContextData', 'enablePropagateAdditionalUserContextData', LIB.EnablePropagateAdditionalUserContextData],
  ] as const) {
    const value = typeof p[property] === 'boolean' ? (p[property] as boolean) : (API_DEFAULT_VALUES[property] as boolean);
    props.push({ name: prop, value: literal(value), ...differs(value, library, String(library)) });
  }
}

/** Rotation on is the L2's grace period; off is the construct's default, with a grace period kept only by an override. */
function refreshTokenRotation(rotation: Settings | undefined, props: Member[], overrides: Override[]): void {
  if (rotation?.Feature === 'ENABLED') {
    const grace = numberOr(rotation.RetryGracePeriodSeconds, 0);
    props.push({ name: 'refreshTokenRotationGracePeriod', value: duration('seconds', grace), comment: "not this library's default (rotation off)" });
  } else if (typeof rotation?.RetryGracePeriodSeconds === 'number' && rotation.RetryGracePeriodSeconds !== 0) {
    overrides.push({
      path: 'RefreshTokenRotation.RetryGracePeriodSeconds',
      value: rotation.RetryGracePeriodSeconds,
      why: 'Rotation is off, with a grace period kept: the props write a grace period only with rotation on.',
    });
  }
}

function scope(name: string): Code {
  const constant = OAUTH_SCOPE_CONSTANTS[name];
  if (constant) return { constant: `cognito.OAuthScope.${constant}` };
  // A resource server's scope (or any other) by its full name: the same string in the template.
  return { call: 'cognito.OAuthScope.custom', args: [literal(name)] };
}

function supportedIdentityProviders(p: Settings, props: Member[]): void {
  // None given is none, not the construct's default (the pool's providers and COGNITO).
  const names = stringList(p.SupportedIdentityProviders) ?? [];
  const providers = names.map((n): Code => (IDENTITY_PROVIDER_CONSTANTS[n]
    ? { constant: `cognito.UserPoolClientIdentityProvider.${IDENTITY_PROVIDER_CONSTANTS[n]}` }
    : { call: 'cognito.UserPoolClientIdentityProvider.custom', args: [literal(n)] }));
  props.push({ name: 'supportedIdentityProviders', value: list(providers), ...(names.length === 0 ? { comment: 'none: managed login offers no sign-in' } : {}) });
}

function validities(p: Settings, props: Member[], overrides: Override[]): void {
  const units = isPlainObject(p.TokenValidityUnits) ? p.TokenValidityUnits : {};
  for (const v of VALIDITIES) {
    const value = p[v.property];
    const api = API_VALIDITY_DEFAULTS[v.token];
    const unit = typeof units[v.token] === 'string' ? (units[v.token] as string) : api.unit;
    // Absent, the validity is the API's default, said in the API's unit.
    const [amount, inUnit] = typeof value === 'number' ? [value, unit] : [api.seconds / UNIT_SECONDS[api.unit], api.unit];
    const seconds = amount * (UNIT_SECONDS[inUnit] ?? NaN);
    if (Number.isInteger(seconds / 60)) {
      props.push({ name: v.prop, value: duration(inUnit, amount), ...differs(seconds, v.library * 60, humanDuration(v.library * 60)) });
      continue;
    }
    // The construct writes validities in whole minutes: another amount keeps its unit.
    overrides.push({ path: v.property, value: amount, why: `${amount} ${inUnit} is not a whole number of minutes, which the props write.` });
    overrides.push({ path: `TokenValidityUnits.${v.token}`, value: inUnit, why: `The unit of ${v.property}.` });
  }
}

function attributes(p: Settings, property: 'ReadAttributes' | 'WriteAttributes', prop: string, props: Member[], overrides: Override[]): void {
  const names = stringList(p[property]);
  // Absent: Cognito lets the client read (or write) every attribute, as the construct does when the prop is not given.
  if (names === undefined) return;
  const standard = names.filter((n) => STANDARD_ATTRIBUTE_MEMBERS[n]);
  const custom = names.filter((n) => n.startsWith('custom:') && n.length > 'custom:'.length).map((n) => n.slice('custom:'.length));
  if (standard.length + custom.length !== names.length) {
    overrides.push({ path: property, value: names, why: 'ClientAttributes names only standard and custom: attributes, and this list holds developer-only ones (dev:): it is set as it is.' });
    return;
  }
  let value: Code = { create: 'cognito.ClientAttributes', args: [] };
  if (standard.length > 0) {
    value = { on: value, method: 'withStandardAttributes', args: [], kwargs: standard.map((n) => ({ name: STANDARD_ATTRIBUTE_MEMBERS[n], value: literal(true) })) };
  }
  if (custom.length > 0) value = { on: value, method: 'withCustomAttributes', args: custom.map(literal) };
  props.push({ name: prop, value });
}

function analytics(p: Settings, constructId: string, props: Member[], overrides: Override[], notes: string[]): void {
  const a = isPlainObject(p.AnalyticsConfiguration) ? p.AnalyticsConfiguration : undefined;
  if (!a) return;
  if (typeof a.ApplicationArn === 'string') {
    // Beside an application ARN, a role is the service-linked role Cognito fills in (a request may not send it).
    const { RoleArn, ...configuration } = a;
    if (RoleArn !== undefined) notes.push('The analytics RoleArn beside ApplicationArn is the service-linked role Cognito fills in, so it is not set.');
    overrides.push({
      path: 'AnalyticsConfiguration',
      value: configuration,
      why: 'cognito.AnalyticsConfiguration takes the pinpoint.CfnApp of an app, not the ARN of an existing application.',
    });
    return;
  }
  const members: Member[] = [];
  if (typeof a.ApplicationId === 'string') members.push({ name: 'applicationId', value: literal(a.ApplicationId) });
  if (typeof a.ExternalId === 'string') members.push({ name: 'externalId', value: literal(a.ExternalId) });
  if (typeof a.RoleArn === 'string') {
    members.push({ name: 'role', value: { call: 'iam.Role.fromRoleArn', args: [{ variable: 'scope' }, literal(`${constructId}AnalyticsRole`), literal(a.RoleArn)] } });
  }
  const share = a.UserDataShared === true;
  members.push({ name: 'shareUserData', value: literal(share), ...differs(share, LIB.UserDataShared, String(LIB.UserDataShared)) });
  props.push({ name: 'analytics', value: { struct: 'cognito.AnalyticsConfiguration', members } });
}

function duration(unit: string, amount: number): Code {
  return { call: `Duration.${unit}`, args: [literal(amount)] };
}

function numberOr(value: unknown, otherwise: unknown): number {
  return typeof value === 'number' ? value : (otherwise as number);
}

/** A comment when a value is not this library's default. */
function differs(value: unknown, library: unknown, shown: string): { comment?: string } {
  return value === library ? {} : { comment: `not this library's default (${shown})` };
}


function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v) => b.includes(v));
}

/** Letters and digits of a name, each word capitalised: a construct id (and, lower-cased first, a function name). */
function pascalCase(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const id = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('') || 'Client';
  return /^[0-9]/.test(id) ? `Client${id}` : id;
}

/** Words no function may be named in TypeScript or Python. */
const RESERVED = new Set([
  'and', 'as', 'assert', 'async', 'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'def', 'default', 'del',
  'delete', 'do', 'elif', 'else', 'enum', 'except', 'export', 'extends', 'false', 'finally', 'for', 'from', 'function', 'global', 'if',
  'implements', 'import', 'in', 'instanceof', 'interface', 'is', 'lambda', 'let', 'new', 'nonlocal', 'not', 'null', 'or', 'package',
  'pass', 'private', 'protected', 'public', 'raise', 'return', 'static', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof',
  'var', 'void', 'while', 'with', 'yield', 'none',
]);

/**
 * Names a function may not take in a generated module though they are no keywords: strict mode forbids `eval` and
 * `arguments`, CommonJS's wrapper binds `require`, `module` and `exports` (a function of that name breaks the module),
 * and the global constants would be hidden.
 */
const MODULE_SCOPE = new Set(['eval', 'arguments', 'require', 'module', 'exports', 'undefined', 'nan', 'infinity', 'globalthis']);

/** The names the generated file imports (`cognito`, `iam`, ...): a function of the same name would hide them. */
const IMPORTED = new Set([...Object.keys(MODULES.typescript), ...CORE_NAMES].map((n) => n.toLowerCase()));

function camelCase(id: string): string {
  const name = id.charAt(0).toLowerCase() + id.slice(1);
  const lower = name.toLowerCase();
  return RESERVED.has(lower) || MODULE_SCOPE.has(lower) || IMPORTED.has(lower) ? `${name}Client` : name;
}

function unique(id: string, taken: Set<string>): string {
  let out = id;
  for (let i = 2; taken.has(out.toLowerCase()); i++) out = `${id}${i}`;
  taken.add(out.toLowerCase());
  return out;
}
