/**
 * Conformance with the API model: for every min, max, pattern and enum that
 * botocore's model of CreateUserPoolClientRequest declares (extracted to
 * test/fixtures by scripts/extract-api-constraints.py), values at the bound
 * pass and values just past it fail, under the rule that implements it.
 */
import { InputKind } from '../../src/rules/rule';
import * as fixture from '../fixtures/create-user-pool-client-constraints.json';
import { findingsFor, patched, VALID_WEB_CLIENT } from '../helpers';

interface Shape {
  shape: string;
  type: string;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  member?: Shape;
  members?: Record<string, Shape>;
}

/** `prefix` padded with `c` to `n` characters; for n shorter than the prefix, `c` repeated. */
const fill = (prefix: string, n: number, c: string) => (n >= prefix.length ? prefix + c.repeat(n - prefix.length) : c.repeat(Math.max(n, 0)));

/** Each constrained member: the rule that implements it and a builder of valid values of a given length. */
const STRINGS: Record<string, { rule: string; valid: (n: number) => string; invalidChar?: string }> = {
  'UserPoolId': { rule: 'VUPC-POOLID-FORMAT', valid: (n) => (n >= 3 ? fill('a_', n, 'b') : 'x'.repeat(n)), invalidChar: '#' },
  'ClientName': { rule: 'VUPC-CLIENTNAME-', valid: (n) => 'a'.repeat(n), invalidChar: '/' },
  'ClientSecret': { rule: 'VUPC-SECRET-FORMAT', valid: (n) => 'a'.repeat(n), invalidChar: '!' },
  'DefaultRedirectURI': { rule: 'VUPC-URL-FORMAT', valid: (n) => fill('https://a.example.com/', n, 'p'), invalidChar: ' ' },
  'ReadAttributes[]': { rule: 'VUPC-ATTR-ITEM-LENGTH', valid: (n) => fill('custom:', n, 'a') },
  'WriteAttributes[]': { rule: 'VUPC-ATTR-ITEM-LENGTH', valid: (n) => fill('custom:', n, 'a') },
  'SupportedIdentityProviders[]': { rule: 'VUPC-IDP-FORMAT', valid: (n) => 'G'.repeat(n), invalidChar: '\u0001' },
  'CallbackURLs[]': { rule: 'VUPC-URL-FORMAT', valid: (n) => fill('https://a.example.com/', n, 'p'), invalidChar: '\t' },
  'LogoutURLs[]': { rule: 'VUPC-URL-FORMAT', valid: (n) => fill('https://a.example.com/', n, 'p'), invalidChar: ' ' },
  'AllowedOAuthScopes[]': { rule: 'VUPC-OAUTH-SCOPES-FORMAT', valid: (n) => 's'.repeat(n), invalidChar: '"' },
  'AnalyticsConfiguration.ApplicationId': { rule: 'VUPC-ANALYTICS-FORMAT', valid: (n) => 'a'.repeat(n), invalidChar: 'g' },
  'AnalyticsConfiguration.ApplicationArn': { rule: 'VUPC-ANALYTICS-FORMAT', valid: (n) => fill('arn:a:b::1:', n, 'r'), invalidChar: ' ' },
  'AnalyticsConfiguration.RoleArn': { rule: 'VUPC-ANALYTICS-FORMAT', valid: (n) => (n >= 32 ? fill('arn:aws:iam::123456789012:role/', n, 'r') : fill('arn:a:b::1:', n, 'r')), invalidChar: ' ' },
  'AnalyticsConfiguration.ExternalId': { rule: 'VUPC-ANALYTICS-FORMAT', valid: (n) => 'x'.repeat(n) },
};
const INTEGERS: Record<string, string> = {
  'AccessTokenValidity': 'VUPC-ACCESS-RAW',
  'IdTokenValidity': 'VUPC-ID-RAW',
  'RefreshTokenValidity': 'VUPC-REFRESH-',
  'AuthSessionValidity': 'VUPC-AUTHSESSION-RANGE',
  'RefreshTokenRotation.RetryGracePeriodSeconds': 'VUPC-ROTATION-GRACE-RANGE',
};
const ENUMS: Record<string, string> = {
  'ExplicitAuthFlows[]': 'VUPC-AUTHFLOW-ENUM',
  'AllowedOAuthFlows[]': 'VUPC-OAUTH-FLOWS-ENUM',
  'TokenValidityUnits.AccessToken': 'VUPC-TVU-ENUM',
  'TokenValidityUnits.IdToken': 'VUPC-TVU-ENUM',
  'TokenValidityUnits.RefreshToken': 'VUPC-TVU-ENUM',
  'PreventUserExistenceErrors': 'VUPC-PUEE-ENUM',
  'RefreshTokenRotation.Feature': 'VUPC-ROTATION-FEATURE-ENUM',
};
const LISTS: Record<string, { rule: string; item: (i: number) => string }> = {
  CallbackURLs: { rule: 'VUPC-URL-COUNT', item: (i) => `https://a.example.com/${i}` },
  LogoutURLs: { rule: 'VUPC-URL-COUNT', item: (i) => `https://a.example.com/${i}` },
  AllowedOAuthFlows: { rule: 'VUPC-OAUTH-FLOWS-ENUM', item: () => 'code' },
  AllowedOAuthScopes: { rule: 'VUPC-OAUTH-SCOPES-FORMAT', item: (i) => `api/s${i}` },
};
/**
 * Where the validator knowingly departs from the model, and why.
 * RefreshTokenValidity 0: the model allows it, but the CloudFormation schema's minimum is 1 and
 * the API silently turns 0 into 30 days (VUPC-REFRESH-ZERO).
 * RoleArn of 20 characters: the model accepts any ARN; an IAM role ARN is at least 32 characters
 * (arn:aws:iam::<12 digits>:role/x), and Cognito must be given a role.
 * UserPoolId of 1 character: within the model's length, but its own pattern needs at least 3 (a_b).
 */
const DEPARTURES = new Set(['RefreshTokenValidity=0', 'AnalyticsConfiguration.RoleArn=20', 'UserPoolId=1']);

/** Sets a value at `Name`, `Name.Member` or `Name[]` (a one-entry list) over a valid client. */
function clientWith(path: string, value: unknown): Record<string, unknown> {
  const base = patched(VALID_WEB_CLIENT, {
    TokenValidityUnits: { AccessToken: 'seconds', IdToken: 'seconds', RefreshToken: 'seconds' },
    AccessTokenValidity: 3600,
    IdTokenValidity: 3600,
    RefreshTokenValidity: 86400,
    DefaultRedirectURI: undefined,
  });
  if (path.endsWith('[]')) return patched(base, { [path.slice(0, -2)]: [value] });
  const [name, member] = path.split('.');
  if (!member) return patched(base, { [name]: value });
  return patched(base, { [name]: { ...(base[name] as object), [member]: value } });
}

function findingsAt(path: string, value: unknown, rulePrefix: string) {
  const property = path.replace('[]', '');
  // The model constrains API requests (in a template, ClientSecret is read-only and ignored).
  const findings = findingsFor(clientWith(path, value), {}, { input: InputKind.API_REQUEST });
  return findings.filter((f) => f.ruleId.startsWith(rulePrefix) && f.property.startsWith(property));
}

/** Flattens the fixture into constrained paths. */
function constrainedPaths(): Array<[string, Shape]> {
  const out: Array<[string, Shape]> = [];
  for (const [name, shape] of Object.entries(fixture.members as Record<string, Shape>)) {
    out.push([name, shape]);
    if (shape.member) out.push([`${name}[]`, shape.member]);
    for (const [m, s] of Object.entries(shape.members ?? {})) out.push([`${name}.${m}`, s]);
  }
  return out.filter(([, s]) => s.min !== undefined || s.max !== undefined || s.pattern !== undefined || s.enum !== undefined);
}

const cases: Array<[string, unknown, 'passes' | 'fails', string]> = [];
for (const [path, shape] of constrainedPaths()) {
  if (shape.enum) {
    const rule = ENUMS[path];
    for (const v of shape.enum) cases.push([path, v, 'passes', rule]);
    cases.push([path, `${shape.enum[0]}_X`, 'fails', rule], [path, shape.enum[0].toLowerCase() === shape.enum[0] ? shape.enum[0].toUpperCase() : shape.enum[0].toLowerCase(), 'fails', rule]);
  } else if (shape.type === 'integer') {
    const rule = INTEGERS[path];
    cases.push([path, shape.min!, DEPARTURES.has(`${path}=${shape.min}`) ? 'fails' : 'passes', rule], [path, shape.min! - 1, 'fails', rule]);
    cases.push([path, shape.max!, 'passes', rule], [path, shape.max! + 1, 'fails', rule]);
  } else if (shape.type === 'list') {
    const list = LISTS[path];
    const n = shape.max!;
    cases.push([path, Array.from({ length: n }, (_, i) => list.item(i)), 'passes', list.rule], [path, Array.from({ length: n + 1 }, (_, i) => list.item(i)), 'fails', list.rule]);
  } else if (shape.type === 'string') {
    const s = STRINGS[path];
    const min = Math.max(shape.min ?? 1, 1);
    const max = shape.max ?? 64;
    cases.push([path, s.valid(min), DEPARTURES.has(`${path}=${min}`) ? 'fails' : 'passes', s.rule], [path, s.valid(max), 'passes', s.rule]);
    if (shape.min !== undefined && shape.min > 0) cases.push([path, s.valid(shape.min - 1), 'fails', s.rule]);
    if (shape.max !== undefined) cases.push([path, s.valid(shape.max + 1), 'fails', s.rule]);
    if (shape.pattern && s.invalidChar) cases.push([path, `${s.valid(min + 1).slice(0, -1)}${s.invalidChar}`, 'fails', s.rule]);
  }
}

test('the fixture is the extract of the API model', () => {
  expect(fixture.provenance.source).toMatch(/^botocore \d+\.\d+\.\d+, cognito-idp\/2016-04-18/);
  expect(fixture.required).toEqual(['UserPoolId', 'ClientName']);
  expect(cases.length).toBeGreaterThan(80);
});

test.each(cases.map(([path, value, outcome, rule]) => [path, typeof value === 'string' && value.length > 40 ? `${value.length} characters` : JSON.stringify(value)?.slice(0, 40), outcome, rule, value] as const))(
  '%s = %s %s (%s)',
  (path, _shown, outcome, rule, value) => {
    const found = findingsAt(path, value, rule);
    if (outcome === 'passes') expect(found).toEqual([]);
    else expect(found.length).toBeGreaterThan(0);
  },
);
