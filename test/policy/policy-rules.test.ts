import { UserPoolClientPolicyProps } from '../../src';
import { policySelection } from '../../src/engine/selection';
import { L2_PROP_NAMES } from '../../src/reporting/prop-names';
import { CFN_PROPERTY_TYPES } from '../../src/rules/api-model';
import { POLICY_RULES } from '../../src/rules/registry';
import { findingsFor, patched, VALID_WEB_CLIENT } from '../helpers';
import { VALID_M2M_CLIENT } from '../rules/cases';

interface PolicyCase {
  readonly rule: string;
  readonly name: string;
  readonly policy: UserPoolClientPolicyProps;
  readonly patch: Record<string, unknown>;
  readonly base?: Record<string, unknown>;
  /** For a failing case: every property (with its index or member) the rule's findings name, in their order. */
  readonly reports?: string | readonly string[];
}
type Props = Record<string, unknown>;
const p = (rule: string, name: string, policy: UserPoolClientPolicyProps, patch: Props = {}, base?: Props): PolicyCase => ({
  rule: `VUPC-POLICY-${rule}`,
  name,
  policy,
  patch,
  base,
});

/** A failing case, with the properties its findings must name. */
const f = (rule: string, name: string, reports: string | string[], policy: UserPoolClientPolicyProps, patch: Props = {}, base?: Props): PolicyCase =>
  ({ ...p(rule, name, policy, patch, base), reports });

const FAILING: PolicyCase[] = [
  f('CLIENT-NAME', 'no name', 'ClientName', { requireClientName: true }, { ClientName: undefined }),
  f('SECRET-PUBLIC-CLIENT', 'a secret on an implicit-grant client', 'GenerateSecret', { forbidSecretOnPublicClients: true }, { GenerateSecret: true, AllowedOAuthFlows: ['implicit'] }),
  f('SECRET-PUBLIC-CLIENT', 'a secret on a native app', 'GenerateSecret', { forbidSecretOnPublicClients: true }, { GenerateSecret: true, CallbackURLs: ['myapp://cb', 'http://localhost:3000/cb'], DefaultRedirectURI: undefined }),
  f('TOKEN-LIFETIME', 'access token over 15 minutes', 'AccessTokenValidity', { maxAccessTokenMinutes: 15 }, { AccessTokenValidity: 16 }),
  f('TOKEN-LIFETIME', 'refresh token over 7 days', 'RefreshTokenValidity', { maxRefreshTokenDays: 7 }, { RefreshTokenValidity: 8 }),
  f('TOKEN-LIFETIME', 'the API default ID token over 30 minutes', 'IdTokenValidity', { maxIdTokenMinutes: 30 }, { IdTokenValidity: undefined }),
  f('WRITE-VERIFIED-FLAGS', 'email_verified writable', 'WriteAttributes[1]', { forbidVerifiedFlagWrites: true }, { WriteAttributes: ['email', 'email_verified'] }),
  f('READ-EXPLICIT', 'no read attributes', 'ReadAttributes', { requireExplicitReadAttributes: true }, { ReadAttributes: undefined }),
  f('WRITE-EXPLICIT', 'no write attributes', 'WriteAttributes', { requireExplicitWriteAttributes: true }, { WriteAttributes: undefined }),
  f('WRITE-FORBIDDEN', 'custom:tenant writable', 'WriteAttributes[1]', { neverWritableAttributes: ['custom:tenant'] }, { WriteAttributes: ['name', 'custom:tenant'] }),
  f('WRITE-FORBIDDEN', 'a reserved standard attribute writable by default', 'WriteAttributes', { neverWritableAttributes: ['email'] }, { WriteAttributes: undefined }),
  f('AUTHFLOW-FORBIDDEN', 'the password flow', 'ExplicitAuthFlows[0]', { forbiddenAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
  f('AUTHFLOW-FORBIDDEN', 'custom auth from the default list', 'ExplicitAuthFlows', { forbiddenAuthFlows: ['ALLOW_CUSTOM_AUTH'] }, { ExplicitAuthFlows: undefined }),
  f('AUTHFLOW-FORBIDDEN', 'the password flows by their legacy names', ['ExplicitAuthFlows[0]', 'ExplicitAuthFlows[1]'],
    { forbiddenAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH'] }, { ExplicitAuthFlows: ['USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'] }),
  f('AUTHFLOW-FORBIDDEN', 'a flow forbidden by its legacy name', 'ExplicitAuthFlows[0]', { forbiddenAuthFlows: ['USER_PASSWORD_AUTH'] }, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
  f('AUTHFLOW-EXPLICIT', 'no flows', 'ExplicitAuthFlows', { requireExplicitAuthFlows: true }, { ExplicitAuthFlows: undefined }),
  f('NO-IMPLICIT-GRANT', 'implicit', 'AllowedOAuthFlows[1]', { forbidImplicitGrant: true }, { AllowedOAuthFlows: ['code', 'implicit'] }),
  f('ADMIN-SCOPE', 'the admin scope', 'AllowedOAuthScopes[1]', { forbidAdminScope: true }, { AllowedOAuthScopes: ['openid', 'aws.cognito.signin.user.admin'] }),
  f('NO-LOOPBACK-URLS', 'a localhost callback', 'CallbackURLs[1]', { forbidLoopbackUrls: true }),
  f('URL-HOSTS', 'a host outside the list', ['CallbackURLs[1]', 'LogoutURLs[0]'], { allowedUrlHosts: ['*.example.com'] }, { LogoutURLs: ['https://evil.example.org/'] }),
  // Before, a URL built at deploy time was never checked, even where its literal text decides the host.
  f('NO-LOOPBACK-URLS', 'a built URL whose literal text is a loopback host', 'CallbackURLs[1]', { forbidLoopbackUrls: true },
    { CallbackURLs: ['https://app.example.com/cb', { 'Fn::Sub': 'http://localhost:${Port}/cb' }] }),
  f('URL-HOSTS', 'a built URL whose literal text is a host outside the list', ['CallbackURLs[0]', 'LogoutURLs[0]'], { allowedUrlHosts: ['app.example.com'] },
    { CallbackURLs: [{ 'Fn::Sub': 'https://evil.example.org/${Path}' }], LogoutURLs: [{ 'Fn::Join': ['', ['https://evil.example.org/', { Ref: 'Path' }]] }], DefaultRedirectURI: undefined }),
  f('URL-HOSTS', 'a built host whose literal end no allowed host has', 'CallbackURLs[0]', { allowedUrlHosts: ['app.example.com', '*.example.org'] },
    { CallbackURLs: [{ 'Fn::Sub': 'https://${Tenant}.evil.example.net/cb' }], LogoutURLs: undefined, DefaultRedirectURI: undefined }),
  f('URL-HOST-UNKNOWN', 'a built host whose literal end an allowed host may have', 'CallbackURLs[0]', { allowedUrlHosts: ['*.example.com'] },
    { CallbackURLs: [{ 'Fn::Sub': 'https://${Tenant}.example.com/cb' }], LogoutURLs: undefined, DefaultRedirectURI: undefined }),
  f('URL-HOST-UNKNOWN', 'hosts known only at deployment', ['CallbackURLs[0]', 'CallbackURLs[1]', 'LogoutURLs', 'DefaultRedirectURI'], { allowedUrlHosts: ['app.example.com'] },
    { CallbackURLs: [{ Ref: 'Url' }, { 'Fn::Sub': 'https://${Host}/cb' }, 'https://app.example.com/cb'], LogoutURLs: { Ref: 'LogoutUrls' }, DefaultRedirectURI: { Ref: 'Url' } }),
  f('URL-HOSTS', 'the apex of a wildcard', ['CallbackURLs[1]', 'LogoutURLs[0]'], { allowedUrlHosts: ['*.example.com'] }, { LogoutURLs: ['https://example.com/'] }),
  f('ANALYTICS-USER-DATA', 'user data shared', 'AnalyticsConfiguration.UserDataShared', { forbidAnalyticsUserData: true }, { AnalyticsConfiguration: { ApplicationArn: 'arn:aws:mobiletargeting:eu-west-1:123456789012:apps/abc', UserDataShared: true } }),
  f('PREVENT-USER-EXISTENCE-ERRORS', 'LEGACY', 'PreventUserExistenceErrors', { requirePreventUserExistenceErrors: true }, { PreventUserExistenceErrors: 'LEGACY' }),
  f('PREVENT-USER-EXISTENCE-ERRORS', 'not set', 'PreventUserExistenceErrors', { requirePreventUserExistenceErrors: true }, { PreventUserExistenceErrors: undefined }),
  f('TOKEN-REVOCATION', 'revocation off', 'EnableTokenRevocation', { requireTokenRevocation: true }, { EnableTokenRevocation: false }),
  f('REFRESH-TOKEN-ROTATION', 'rotation off', 'RefreshTokenRotation.Feature', { requireRefreshTokenRotation: true }),
];

const PASSING: PolicyCase[] = [
  p('CLIENT-NAME', 'a name', { requireClientName: true }),
  p('SECRET-PUBLIC-CLIENT', 'a secret on a server-side web app', { forbidSecretOnPublicClients: true }, { GenerateSecret: true, CallbackURLs: ['https://app.example.com/callback'], DefaultRedirectURI: undefined }),
  p('SECRET-PUBLIC-CLIENT', 'a secret on a machine client', { forbidSecretOnPublicClients: true }, {}, VALID_M2M_CLIENT),
  p('TOKEN-LIFETIME', 'exactly the maximums', { maxAccessTokenMinutes: 60, maxIdTokenMinutes: 60, maxRefreshTokenDays: 30 }),
  p('WRITE-VERIFIED-FLAGS', 'no verified flag', { forbidVerifiedFlagWrites: true }),
  p('READ-EXPLICIT', 'read attributes set', { requireExplicitReadAttributes: true }),
  p('WRITE-EXPLICIT', 'write attributes set', { requireExplicitWriteAttributes: true }),
  p('WRITE-FORBIDDEN', 'a custom attribute is not writable by default', { neverWritableAttributes: ['custom:tenant'] }, { WriteAttributes: undefined }),
  p('AUTHFLOW-FORBIDDEN', 'SRP only', { forbiddenAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }),
  p('AUTHFLOW-FORBIDDEN', 'a legacy name of a flow the policy allows', { forbiddenAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }, { ExplicitAuthFlows: ['CUSTOM_AUTH_FLOW_ONLY'] }),
  p('AUTHFLOW-EXPLICIT', 'flows set', { requireExplicitAuthFlows: true }),
  p('NO-IMPLICIT-GRANT', 'code', { forbidImplicitGrant: true }),
  p('ADMIN-SCOPE', 'openid and email', { forbidAdminScope: true }),
  p('NO-LOOPBACK-URLS', 'public URLs only', { forbidLoopbackUrls: true }, { CallbackURLs: ['https://app.example.com/callback'] }),
  p('URL-HOSTS', 'a subdomain and an exact host', { allowedUrlHosts: ['*.example.com', 'localhost'] }),
  // Host names are case-insensitive, wildcards too (before, '*.Example.com' matched nothing).
  p('URL-HOSTS', 'the three loopback hosts, each listed', { allowedUrlHosts: ['*.example.com', 'localhost', '127.0.0.1', '[::1]'] },
    { CallbackURLs: ['https://app.example.com/cb', 'http://localhost:3000/cb', 'http://127.0.0.1:8080/cb', 'http://[::1]:8080/cb'], LogoutURLs: undefined, DefaultRedirectURI: undefined }),
  p('URL-HOSTS', 'hosts listed in capitals', { allowedUrlHosts: ['*.Example.COM', 'LOCALHOST'] }),
  p('URL-HOSTS', 'a built URL whose host is allowed, or is not known before deployment', { allowedUrlHosts: ['app.example.com'] },
    { CallbackURLs: [{ 'Fn::Sub': 'https://app.example.com/${Path}' }, { 'Fn::Sub': 'https://${Host}/cb' }], LogoutURLs: undefined, DefaultRedirectURI: undefined }),
  p('URL-HOSTS', 'a built host whose literal end an allowed host may have', { allowedUrlHosts: ['*.example.com'] },
    { CallbackURLs: [{ 'Fn::Sub': 'https://${Tenant}.example.com/cb' }, { 'Fn::Sub': 'https://${Tenant}.com/cb' }], LogoutURLs: undefined, DefaultRedirectURI: undefined }),
  p('URL-HOST-UNKNOWN', 'a built host whose literal end decides both options', { allowedUrlHosts: ['app.example.com'], forbidLoopbackUrls: true },
    { CallbackURLs: [{ 'Fn::Sub': 'https://${Tenant}.evil.example.net/cb' }], LogoutURLs: undefined, DefaultRedirectURI: undefined }),
  p('URL-HOST-UNKNOWN', 'hosts the literal text decides, and an app scheme', { forbidLoopbackUrls: true },
    { CallbackURLs: [{ 'Fn::Sub': 'https://app.example.com/${Path}' }, { 'Fn::Sub': 'myapp://${Path}' }, 'https://app.example.com/cb'], LogoutURLs: undefined, DefaultRedirectURI: undefined }),
  p('URL-HOSTS', 'an app scheme is not a host', { allowedUrlHosts: ['app.example.com'] }, { CallbackURLs: ['myapp://callback'], LogoutURLs: undefined, DefaultRedirectURI: undefined }),
  p('ANALYTICS-USER-DATA', 'no user data', { forbidAnalyticsUserData: true }, { AnalyticsConfiguration: { ApplicationArn: 'arn:aws:mobiletargeting:eu-west-1:123456789012:apps/abc', UserDataShared: false } }),
  p('PREVENT-USER-EXISTENCE-ERRORS', 'ENABLED', { requirePreventUserExistenceErrors: true }),
  p('TOKEN-REVOCATION', 'revocation not set (on by default)', { requireTokenRevocation: true }, { EnableTokenRevocation: undefined }),
  p('REFRESH-TOKEN-ROTATION', 'rotation on', { requireRefreshTokenRotation: true }, { RefreshTokenRotation: { Feature: 'ENABLED' }, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] }),
  p('REFRESH-TOKEN-ROTATION', 'a machine client has no refresh token', { requireRefreshTokenRotation: true }, {}, VALID_M2M_CLIENT),
];

const run = (c: PolicyCase) => findingsFor(patched(c.base ?? VALID_WEB_CLIENT, c.patch), { policy: c.policy }, policySelection(c.policy));

test.each(FAILING.map((c) => [c.rule, c.name, c] as const))('%s fails: %s', (rule, _name, c) => {
  const mine = run(c).filter((finding) => finding.ruleId === rule);
  expect(mine.map((finding) => finding.property)).toEqual([c.reports].flat());
  mine.forEach((finding) => expect(finding.message).toMatch(new RegExp(`^\\[${rule}\\] Test/Client: .* Fix: `)));
});

test.each(PASSING.map((c) => [c.rule, c.name, c] as const))('%s passes: %s', (rule, _name, c) => {
  expect(run(c).map((finding) => finding.ruleId)).not.toContain(rule);
});

test('every policy rule has a failing and a passing case', () => {
  const ids = POLICY_RULES.map((r) => r.id);
  expect(ids.filter((id) => !FAILING.some((c) => c.rule === id) || !PASSING.some((c) => c.rule === id))).toEqual([]);
});

test('a policy runs only the rules its options turn on, and nothing without options', () => {
  expect(run(p('NO-IMPLICIT-GRANT', '', {}, { AllowedOAuthFlows: ['implicit'], ClientName: undefined }))).toEqual([]);
});

test('policy severities are configurable', () => {
  const policy = { forbidImplicitGrant: true, warningRules: ['VUPC-POLICY-NO-IMPLICIT-GRANT'] };
  const [finding] = findingsFor(patched(VALID_WEB_CLIENT, { AllowedOAuthFlows: ['implicit'] }), { policy }, policySelection(policy));
  expect(finding.severity).toBe('warning');
});

test('messages say why: a public client\'s reason, and a lifetime that is not set as not set', () => {
  const message = (c: PolicyCase) => run(c).find((finding) => finding.ruleId === c.rule)!.message;
  const native = FAILING.find((c) => c.name === 'a secret on a native app')!;
  // Before: "GenerateSecret true is true on a public client", with no word on why the client counts as public.
  expect(message(native)).toContain("GenerateSecret true makes a secret for a public client (its callbacks are all app-scheme or loopback URLs, so it runs on the user's device: myapp://cb, http://localhost:3000/cb)");
  const implicit = FAILING.find((c) => c.name === 'a secret on an implicit-grant client')!;
  expect(message(implicit)).toContain('(it allows the implicit grant, which hands tokens to the browser)');
  // Before: "IdTokenValidity (1 hour, the API default) is longer than ...", as if it were set.
  const unset = FAILING.find((c) => c.name === 'the API default ID token over 30 minutes')!;
  expect(message(unset)).toContain('IdTokenValidity is not set, so the API default of 1 hour applies, longer than the policy maximum of 30 minutes');
  const set = FAILING.find((c) => c.name === 'access token over 15 minutes')!;
  expect(message(set)).toContain('AccessTokenValidity 16 (16 minutes) is longer than the policy maximum of 15 minutes');
});

test('a fix names construct props only for a client made with them: a template (or an L1) is told its CloudFormation property and value', () => {
  const policy = { requireClientName: true, requirePreventUserExistenceErrors: true };
  const client = patched(VALID_WEB_CLIENT, { ClientName: undefined, PreventUserExistenceErrors: 'LEGACY' });
  const fixes = (propNames?: typeof L2_PROP_NAMES) =>
    findingsFor(client, { policy }, policySelection(policy), propNames).map((finding) => [finding.ruleId, finding.fix]);
  // Before, both were told the L2's prop, and an L1's preventUserExistenceErrors (a string) to be true.
  expect(fixes()).toEqual([
    ['VUPC-POLICY-CLIENT-NAME', 'Set ClientName.'],
    ['VUPC-POLICY-PREVENT-USER-EXISTENCE-ERRORS', 'Set PreventUserExistenceErrors: ENABLED.'],
  ]);
  expect(fixes(L2_PROP_NAMES)).toEqual([
    ['VUPC-POLICY-CLIENT-NAME', 'Set userPoolClientName.'],
    ['VUPC-POLICY-PREVENT-USER-EXISTENCE-ERRORS', 'Set preventUserExistenceErrors: true.'],
  ]);
});

test('a client made with construct props is told the props to change, in every policy rule; removing a secret says it replaces the client', () => {
  // Before, most policy fixes named CloudFormation properties (ReadAttributes, EnableTokenRevocation, UserDataShared...), which an L2 or
  // ValidatedUserPoolClient user cannot write, and the fix of a public client's secret did not say that changing it replaces the client.
  const cfnNames = [...Object.keys(CFN_PROPERTY_TYPES), 'UserDataShared', 'Feature'];
  const l2Findings = (c: PolicyCase) =>
    findingsFor(patched(c.base ?? VALID_WEB_CLIENT, c.patch), { policy: c.policy }, policySelection(c.policy), L2_PROP_NAMES);
  const named = FAILING.flatMap((c) => l2Findings(c)
    .filter((finding) => finding.ruleId === c.rule)
    .flatMap((finding) => cfnNames.filter((name) => new RegExp(`\\b${name}\\b`).test(finding.fix!)).map((name) => `${c.rule}: ${name}`)));
  expect([...new Set(named)]).toEqual([]);
  const secret = FAILING.find((c) => c.name === 'a secret on an implicit-grant client')!;
  for (const propNames of [undefined, L2_PROP_NAMES]) {
    const [finding] = findingsFor(patched(VALID_WEB_CLIENT, secret.patch), { policy: secret.policy }, policySelection(secret.policy), propNames)
      .filter((found) => found.ruleId === secret.rule);
    expect(finding.fix).toContain('replaces');
  }
});
