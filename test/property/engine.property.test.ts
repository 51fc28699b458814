import * as fc from 'fast-check';
import { anyJson, callbackUrl, FC_PARAMS, intrinsic, PROPERTY_NAMES, validClient } from './arbitraries';
import { CFN_PROPERTY_TYPES, PropertyType, READ_ONLY_PROPERTIES } from '../../src/rules/api-model';
import { stringParts } from '../../src/rules/values';
import { findingsFor } from '../helpers';

type Props = Record<string, unknown>;
const errorsOf = (props: unknown) => findingsFor(props).filter((f) => f.severity === 'error');
const isIntrinsic = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && /^(Ref|Condition|Fn::)/.test(Object.keys(v)[0]);

/** An oracle for "this value can never be valid for this property", written apart from the engine. */
function wrongType(value: unknown, type: PropertyType): boolean {
  if (isIntrinsic(value)) return false;
  if (type === 'string') return !['string', 'number', 'boolean'].includes(typeof value);
  if (type === 'integer') return !(Number.isInteger(value) || (typeof value === 'string' && /^-?\d{1,16}$/.test(value.trim())));
  if (type === 'boolean') return !(typeof value === 'boolean' || value === 'true' || value === 'false');
  if (type === 'string-list') return !Array.isArray(value) || value.some((v) => wrongType(v, 'string'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return true;
  return Object.entries(value).some(([k, v]) => type[k] !== undefined && wrongType(v, type[k]));
}

test('valid configurations produce no error', () => {
  fc.assert(fc.property(validClient, (props) => {
    expect(errorsOf(props)).toEqual([]);
  }), FC_PARAMS);
});

/** Mutations that each break one documented rule of a valid client. */
const MUTATIONS: Array<[string, fc.Arbitrary<(p: Props) => Props | undefined>]> = [
  ['VUPC-CLIENTNAME-LENGTH', fc.integer({ min: 129, max: 400 }).map((n) => (p) => ({ ...p, ClientName: 'a'.repeat(n) }))],
  ['VUPC-CLIENTNAME-PATTERN', fc.constantFrom('/', '#', '!', '?', 'é', '\u00a0').map((c) => (p) => ({ ...p, ClientName: `app${c}name` }))],
  ['VUPC-POOLID-FORMAT', fc.stringMatching(/^[a-z0-9-]{1,20}$/).map((s) => (p) => ({ ...p, UserPoolId: s }))],
  ['VUPC-ACCESS-DURATION', fc.integer({ min: 1, max: 4 }).map((n) => (p) => ({ ...p, AccessTokenValidity: n, TokenValidityUnits: { ...(p.TokenValidityUnits as Props), AccessToken: 'minutes' } }))],
  ['VUPC-ID-DURATION', fc.integer({ min: 25, max: 1000 }).map((n) => (p) => ({ ...p, IdTokenValidity: n, TokenValidityUnits: { ...(p.TokenValidityUnits as Props), IdToken: 'hours' } }))],
  ['VUPC-REFRESH-DURATION', fc.integer({ min: 3651, max: 100000 }).map((n) => (p) => ({ ...p, RefreshTokenValidity: n, TokenValidityUnits: { ...(p.TokenValidityUnits as Props), RefreshToken: 'days' } }))],
  ['VUPC-TVU-ENUM', fc.constantFrom('weeks', 'Minutes', 'HOURS', 'sec', '').map((u) => (p) => ({ ...p, TokenValidityUnits: { ...(p.TokenValidityUnits as Props), RefreshToken: u } }))],
  ['VUPC-AUTHSESSION-RANGE', fc.oneof(fc.integer({ min: -5, max: 2 }), fc.integer({ min: 16, max: 10000 })).map((n) => (p) => ({ ...p, AuthSessionValidity: n }))],
  ['VUPC-PUEE-ENUM', fc.string({ minLength: 1, maxLength: 10 }).filter((s) => s !== 'LEGACY' && s !== 'ENABLED').map((s) => (p) => ({ ...p, PreventUserExistenceErrors: s }))],
  ['VUPC-AUTHFLOW-ENUM', fc.stringMatching(/^ALLOW_[A-Z_]{3,12}$/).filter((s) => !/^ALLOW_(USER_SRP|USER|CUSTOM|USER_PASSWORD|ADMIN_USER_PASSWORD|REFRESH_TOKEN|CLIENT_TOKEN)_AUTH$/.test(s)).map((f) => (p) => ({ ...p, ExplicitAuthFlows: [...(p.ExplicitAuthFlows as string[]), f] }))],
  ['VUPC-OAUTH-FLOWS-ENUM', fc.constantFrom('token', 'authorization_code', 'CODE', 'password').map((f) => (p) => (p.AllowedOAuthFlows ? { ...p, AllowedOAuthFlows: [...(p.AllowedOAuthFlows as string[]).slice(0, 1), f] } : undefined))],
  ['VUPC-OAUTH-CC-SECRET', fc.constant((p: Props) => ((p.AllowedOAuthFlows as string[] | undefined)?.includes('client_credentials') ? { ...p, GenerateSecret: false } : undefined))],
  ['VUPC-CONTEXT-DATA-SECRET', fc.constant((p: Props) => ((p.AllowedOAuthFlows as string[] | undefined)?.includes('client_credentials') ? undefined : { ...p, GenerateSecret: false, EnablePropagateAdditionalUserContextData: true }))],
  ['VUPC-CALLBACK-HTTPS', fc.stringMatching(/^[a-z]{3,10}\.(com|org|net)$/).map((host) => (p) => (p.CallbackURLs ? { ...p, CallbackURLs: [...(p.CallbackURLs as string[]), `http://${host}/cb`] } : undefined))],
  ['VUPC-CALLBACK-NO-FRAGMENT', callbackUrl.map((u) => (p) => (p.CallbackURLs ? { ...p, CallbackURLs: [...(p.CallbackURLs as string[]).filter((x) => x !== u), `${u}#frag`] } : undefined))],
  ['VUPC-URL-FORMAT', fc.constantFrom(' ', '\t', '\n').map((c) => (p) => (p.CallbackURLs ? { ...p, CallbackURLs: [...(p.CallbackURLs as string[]), `https://a.example.com/a${c}b`] } : undefined))],
  ['VUPC-DEFAULT-REDIRECT-IN-CALLBACKS', fc.constant((p: Props) => (p.CallbackURLs ? { ...p, DefaultRedirectURI: 'https://not-listed.example.com/cb' } : undefined))],
  ['VUPC-OAUTH-CALLBACK-REQUIRED', fc.constant((p: Props) => ((p.AllowedOAuthFlows as string[] | undefined)?.includes('code') ? { ...p, CallbackURLs: [], DefaultRedirectURI: undefined } : undefined))],
  ['VUPC-OAUTH-CC-ONLY', fc.constant((p: Props) => ((p.AllowedOAuthFlows as string[] | undefined)?.includes('client_credentials') ? { ...p, AllowedOAuthFlows: ['client_credentials', 'code'], CallbackURLs: ['https://a.example.com/cb'] } : undefined))],
  ['VUPC-ROTATION-GRACE-RANGE', fc.integer({ min: 61, max: 100000 }).map((n) => (p) => ({ ...p, RefreshTokenRotation: { ...(p.RefreshTokenRotation as Props), RetryGracePeriodSeconds: n } }))],
  ['VUPC-PROPERTY-UNKNOWN', fc.stringMatching(/^[A-Z][A-Za-z]{2,20}$/).filter((k) => !PROPERTY_NAMES.includes(k)).map((k) => (p) => ({ ...p, [k]: 'x' }))],
];

test.each(MUTATIONS.map(([rule, mutation]) => [rule, mutation] as const))('breaking %s is reported with its id', (rule, mutation) => {
  fc.assert(fc.property(validClient, mutation, (props, mutate) => {
    const mutated = mutate(props);
    fc.pre(mutated !== undefined);
    expect(errorsOf(mutated).map((f) => f.ruleId)).toContain(rule);
  }), { ...FC_PARAMS, numRuns: Math.ceil(FC_PARAMS.numRuns! / 4) });
});

test('any JSON in any property: no throw, and an error whenever the type cannot be valid', () => {
  fc.assert(fc.property(validClient, fc.constantFrom(...PROPERTY_NAMES), anyJson, (props, name, value) => {
    const findings = findingsFor({ ...props, [name]: value });
    expect(findings.filter((f) => /could not be evaluated/.test(f.message))).toEqual([]);
    for (const f of findings) expect(f.message).toMatch(/^\[VUPC-[A-Z0-9-]+\] Test\/Client: \S/);
    // Read-only properties are ignored whatever they hold (VUPC-PROPERTY-READ-ONLY warns).
    if (value !== null && !READ_ONLY_PROPERTIES.has(name) && wrongType(value, CFN_PROPERTY_TYPES[name])) {
      expect(findings.some((f) => f.severity === 'error' && f.property.startsWith(name))).toBe(true);
    }
  }), FC_PARAMS);
});

test('whole Properties of any JSON shape never crash the engine', () => {
  fc.assert(fc.property(anyJson, (value) => {
    expect(() => findingsFor(value)).not.toThrow();
  }), FC_PARAMS);
});

test('an unresolved value in any property is never an error', () => {
  // A value with literal text (an Fn::Join of 'https://' and a Ref) is judged on that text: see the tests of built strings below.
  const unknown = intrinsic.filter((v) => stringParts(v) === undefined);
  fc.assert(fc.property(validClient, fc.constantFrom(...PROPERTY_NAMES.filter((n) => n !== 'ClientSecret')), unknown, (props, name, token) => {
    expect(errorsOf({ ...props, [name]: token })).toEqual([]);
  }), FC_PARAMS);
});

test('an unresolved entry in a list is never an error', () => {
  fc.assert(fc.property(validClient, fc.constantFrom('CallbackURLs', 'LogoutURLs', 'AllowedOAuthScopes', 'SupportedIdentityProviders', 'ExplicitAuthFlows', 'ReadAttributes', 'WriteAttributes'), intrinsic, (props, name, token) => {
    const list = Array.isArray(props[name]) ? (props[name] as unknown[]) : [];
    fc.pre(list.length > 0);
    expect(errorsOf({ ...props, [name]: [...list, token] })).toEqual([]);
  }), FC_PARAMS);
});

test('the same input gives the same findings in the same order', () => {
  fc.assert(fc.property(validClient, fc.constantFrom(...PROPERTY_NAMES), anyJson, (props, name, value) => {
    const input = { ...props, [name]: value };
    expect(JSON.stringify(findingsFor(input))).toBe(JSON.stringify(findingsFor(JSON.parse(JSON.stringify(input)))));
  }), { ...FC_PARAMS, numRuns: Math.ceil(FC_PARAMS.numRuns! / 4) });
});

describe('a string built at deploy time is judged only on what its literal text decides', () => {
  /** Redirect URLs of every kind, valid or not. */
  const anyUrl = fc.oneof(
    callbackUrl,
    callbackUrl.map((u) => u.replace(/^https:/, 'http:')),
    callbackUrl.map((u) => `${u}#/route`),
    callbackUrl.map((u) => u.replace('/', '/ ')),
    fc.constantFrom('/callback', 'app.example.com/cb', 'http://0x7f.1/cb', 'http://LOCALHOST:3000/cb', 'http://[::1]:8080/', 'myapp://cb#x'),
  );
  /** A string cut into parts, some of them unknown (a Ref), at least one literal and one unknown. */
  const built = anyUrl.chain((url) => fc.tuple(
    fc.constant(url),
    fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, url.length - 1) }), { maxLength: 3 }),
    fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  ));

  test('a rule reports a built URL only when it reports the URL the parts make, whatever the unknown parts are', () => {
    fc.assert(fc.property(validClient, built, (props, [url, cuts, unknown]) => {
      const bounds = [0, ...[...cuts].sort((a, b) => a - b), url.length];
      const segments = bounds.slice(1).map((end, i) => url.slice(bounds[i], end)).filter((t) => t.length > 0);
      fc.pre(segments.length > 1 && segments.some((_, i) => unknown[i]) && segments.some((_, i) => !unknown[i]));
      const parts = segments.map((text, i) => (unknown[i] ? { Ref: `Part${i}` } : text));
      const on = (value: unknown) => findingsFor({ ...props, CallbackURLs: [value], DefaultRedirectURI: undefined, LogoutURLs: [value] })
        .filter((f) => /^(CallbackURLs|LogoutURLs)\[0\]/.test(f.property)).map((f) => `${f.ruleId} ${f.property}`);
      const concrete = new Set(on(url));
      for (const finding of on({ 'Fn::Join': ['', parts] })) expect(concrete).toContain(finding);
    }), FC_PARAMS);
  });
});
