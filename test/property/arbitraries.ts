import * as fc from 'fast-check';
import { CFN_PROPERTY_TYPES } from '../../src/rules/api-model';
import type { ClientContext } from '../../src/rules/client-view';
import type { UserPoolClientPolicyProps } from '../../src/rules/policy/props';
import type { PoolIndex } from '../../src/rules/pool';

/**
 * Fixed seed and run count: reproducible in CI; FC_SEED and FC_RUNS change
 * them locally (e.g. FC_RUNS=20000 npx jest test/property).
 */
export const FC_PARAMS: fc.Parameters<unknown> = {
  seed: Number(process.env.FC_SEED ?? 20261122),
  numRuns: Number(process.env.FC_RUNS ?? 400),
};
export const fewer = (divisor: number): fc.Parameters<unknown> => ({ ...FC_PARAMS, numRuns: Math.max(10, Math.floor(FC_PARAMS.numRuns! / divisor)) });

type Props = Record<string, unknown>;
const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };
const UNITS = Object.keys(UNIT_SECONDS);

/** A validity between min and max seconds, in a unit that can express it. */
function validityIn(minSeconds: number, maxSeconds: number): fc.Arbitrary<{ value: number; unit: string; seconds: number }> {
  return fc.constantFrom(...UNITS).chain((unit) => {
    const size = UNIT_SECONDS[unit];
    const lo = Math.ceil(minSeconds / size);
    const hi = Math.floor(maxSeconds / size);
    if (lo > hi) return fc.integer({ min: Math.ceil(minSeconds / 60), max: Math.floor(maxSeconds / 60) }).map((v) => ({ value: v, unit: 'minutes', seconds: v * 60 }));
    return fc.integer({ min: lo, max: hi }).map((v) => ({ value: v, unit, seconds: v * size }));
  });
}

const validities = validityIn(3600, 315360000).chain((refresh) =>
  fc.tuple(validityIn(300, Math.min(86400, refresh.seconds)), validityIn(300, Math.min(86400, refresh.seconds))).map(([access, id]) => ({
    AccessTokenValidity: access.value,
    IdTokenValidity: id.value,
    RefreshTokenValidity: refresh.value,
    TokenValidityUnits: { AccessToken: access.unit, IdToken: id.unit, RefreshToken: refresh.unit },
  })),
);

const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/);
const domain = fc.array(label, { minLength: 2, maxLength: 3 }).map((parts) => parts.join('.'));
const path = fc.stringMatching(/^(\/[A-Za-z0-9_.~-]{1,12}){0,3}$/);
const httpsUrl = fc.tuple(domain, path).map(([d, p]) => `https://${d}${p || '/'}`);
const loopbackUrl = fc.tuple(fc.constantFrom('localhost', '127.0.0.1', '[::1]'), fc.integer({ min: 1, max: 65535 }), path).map(([h, port, p]) => `http://${h}:${port}${p}`);
const appUrl = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9]{2,8}$/).filter((s) => !s.startsWith('http')), label).map(([s, h]) => `${s}://${h}`);
export const callbackUrl = fc.oneof(httpsUrl, httpsUrl, loopbackUrl, appUrl);

const STANDARD = ['address', 'birthdate', 'email', 'email_verified', 'family_name', 'gender', 'given_name', 'locale', 'middle_name', 'name', 'nickname', 'phone_number', 'phone_number_verified', 'picture', 'preferred_username', 'profile', 'updated_at', 'website', 'zoneinfo'];
const attributes = fc.uniqueArray(fc.oneof(fc.constantFrom(...STANDARD), label.map((l) => `custom:${l}`)), { minLength: 1, maxLength: 8 });
const clientName = fc.stringMatching(/^[A-Za-z0-9_ +=,.@-]{1,128}$/);
const poolId = fc.oneof(fc.constant({ Ref: 'Pool' }), fc.stringMatching(/^[a-z]{2}-[a-z]+-\d_[0-9A-Za-z]{9}$/));
const PROVIDERS = ['COGNITO', 'Google', 'Facebook', 'SignInWithApple', 'LoginWithAmazon', 'Corp SAML'];
const userFlows = fc.subarray(['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH'], { minLength: 1 });

/** Settings every kind of client shares. */
const common = fc.record({
  UserPoolId: poolId,
  ClientName: clientName,
  AuthSessionValidity: fc.integer({ min: 3, max: 15 }),
  PreventUserExistenceErrors: fc.constantFrom('ENABLED', 'LEGACY'),
  EnableTokenRevocation: fc.boolean(),
  rotation: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
  validities,
});

function assemble(c: { rotation?: number; validities: Props } & Props, flows: string[], extra: Props): Props {
  const { rotation, validities: v, ...rest } = c;
  const refresh = rotation === undefined ? ['ALLOW_REFRESH_TOKEN_AUTH'] : [];
  return {
    ...rest,
    ...v,
    ExplicitAuthFlows: [...flows, ...refresh],
    RefreshTokenRotation: rotation === undefined ? { Feature: 'DISABLED', RetryGracePeriodSeconds: 0 } : { Feature: 'ENABLED', RetryGracePeriodSeconds: rotation },
    ...extra,
  };
}

/** A browser, mobile or server-side client with the code (and maybe implicit) grant. */
const webClient = fc
  .record({
    c: common,
    flows: userFlows,
    implicit: fc.boolean(),
    secret: fc.boolean(),
    contextData: fc.boolean(),
    scopes: fc.subarray(['email', 'profile', 'phone', 'aws.cognito.signin.user.admin']),
    callbacks: fc.uniqueArray(callbackUrl, { minLength: 1, maxLength: 5 }),
    logouts: fc.uniqueArray(fc.oneof(httpsUrl, loopbackUrl), { maxLength: 3 }),
    useDefault: fc.boolean(),
    providers: fc.uniqueArray(fc.constantFrom(...PROVIDERS), { minLength: 1, maxLength: 3 }),
    read: fc.option(attributes, { nil: undefined }),
    write: fc.option(attributes, { nil: undefined }),
  })
  .map((w) => assemble(w.c, w.flows, {
    GenerateSecret: w.secret,
    EnablePropagateAdditionalUserContextData: w.secret && w.contextData,
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: w.implicit ? ['code', 'implicit'] : ['code'],
    AllowedOAuthScopes: ['openid', ...w.scopes],
    CallbackURLs: w.callbacks,
    ...(w.logouts.length ? { LogoutURLs: w.logouts } : {}),
    ...(w.useDefault ? { DefaultRedirectURI: w.callbacks[w.callbacks.length - 1] } : {}),
    SupportedIdentityProviders: w.providers,
    ...(w.read ? { ReadAttributes: w.read } : {}),
    ...(w.write ? { WriteAttributes: w.write } : {}),
  }));

/** A machine-to-machine client. */
const m2mClient = fc
  .record({ c: common, scopes: fc.uniqueArray(fc.tuple(label, label).map(([a, b]) => `${a}/${b}`), { minLength: 1, maxLength: 6 }) })
  .map((m) => assemble({ ...m.c, rotation: undefined }, [], {
    GenerateSecret: true,
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['client_credentials'],
    AllowedOAuthScopes: m.scopes,
  }));

/** A client that signs users in through the SDKs only. */
const sdkClient = fc
  .record({ c: common, flows: userFlows, secret: fc.boolean() })
  .map((s) => assemble(s.c, s.flows, { GenerateSecret: s.secret, AllowedOAuthFlowsUserPoolClient: false }));

export const validClient: fc.Arbitrary<Props> = fc.oneof(webClient, m2mClient, sdkClient);

/** Any JSON value, including large and unicode strings, as a template can hold. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc.string({ unit: 'binary', maxLength: 3000 }),
  fc.constantFrom(null, true, false, 0, -1, 1e300, '', '60', 'true', [], {}, [null], [{}], { Ref: 'X' }),
  fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { maxLength: 120 }),
);

/** Unresolved values as CDK and templates render them. */
export const intrinsic: fc.Arbitrary<unknown> = fc.oneof(
  label.map((l) => ({ Ref: l })),
  fc.tuple(label, label).map(([a, b]) => ({ 'Fn::GetAtt': [a, b] })),
  label.map((l) => ({ 'Fn::ImportValue': l })),
  fc.tuple(label, label).map(([a, b]) => ({ 'Fn::Join': ['', ['https://', { Ref: a }, `/${b}`]] })),
  label.map((l) => ({ 'Fn::If': [l, 'a', 'b'] })),
);

export const PROPERTY_NAMES = Object.keys(CFN_PROPERTY_TYPES);

/** Every policy option on, with limits most clients break. */
/**
 * Every policy option, set: the tests that hold rules to what they read (declared-properties, the memo's and the
 * plan's) run the policy's rules under it, so an option left out here would leave its rule unchecked. `Required`
 * makes a new option a compile error here until it is added.
 */
export const STRICT_POLICY: Required<Omit<UserPoolClientPolicyProps, 'disabledRules' | 'warningRules'>> = {
  requireClientName: true,
  forbidSecretOnPublicClients: true,
  maxAccessTokenMinutes: 5,
  maxIdTokenMinutes: 5,
  maxRefreshTokenDays: 1,
  forbidVerifiedFlagWrites: true,
  requireExplicitReadAttributes: true,
  requireExplicitWriteAttributes: true,
  neverWritableAttributes: ['email', 'custom:plan'],
  forbiddenAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH'],
  requireExplicitAuthFlows: true,
  forbidImplicitGrant: true,
  forbidAdminScope: true,
  forbidLoopbackUrls: true,
  allowedUrlHosts: ['example.com'],
  forbidAnalyticsUserData: true,
  requirePreventUserExistenceErrors: true,
  requireTokenRevocation: true,
  requireRefreshTokenRotation: true,
};

export const poolArb: fc.Arbitrary<PoolIndex> = fc.record({
  logicalId: fc.constant('Pool'),
  customAttributes: fc.option(fc.constant(new Set(['plan'])), { nil: undefined }),
  requiredAttributes: fc.option(fc.constant(new Set(['email'])), { nil: undefined }),
  tier: fc.constantFrom(undefined, 'LITE', 'ESSENTIALS'),
  hasDomain: fc.boolean(),
  identityProviders: fc.option(fc.constant(new Map([['Google', { logicalId: 'GoogleIdp', mappedAttributes: new Set(['email']) }]])), { nil: undefined }),
  resourceServerScopes: fc.option(fc.constant(new Map([['orders/read', 'OrdersServer']])), { nil: undefined }),
});
export const contextArb: fc.Arbitrary<ClientContext> = fc.record({
  pool: fc.option(poolArb, { nil: undefined }),
  dependencies: fc.option(fc.constant(new Set(['GoogleIdp'])), { nil: undefined }),
  region: fc.constantFrom(undefined, 'eu-west-1', 'us-east-1'),
  policy: fc.constant(STRICT_POLICY),
});

/** Valid clients with up to three properties replaced by anything a template can hold. */
export const clientArb: fc.Arbitrary<Props> = fc.tuple(
  validClient,
  fc.array(fc.tuple(fc.constantFrom(...PROPERTY_NAMES), fc.oneof(anyJson, intrinsic)), { maxLength: 3 }),
).map(([client, changes]) => ({ ...client, ...Object.fromEntries(changes) }));
