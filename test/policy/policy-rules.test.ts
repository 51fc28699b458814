import { UserPoolClientPolicyProps } from '../../src';
import { policySelection } from '../../src/engine/selection';
import { POLICY_RULES } from '../../src/rules/registry';
import { findingsFor, patched, VALID_WEB_CLIENT } from '../helpers';
import { VALID_M2M_CLIENT } from '../rules/cases';

interface PolicyCase {
  readonly rule: string;
  readonly name: string;
  readonly policy: UserPoolClientPolicyProps;
  readonly patch: Record<string, unknown>;
  readonly base?: Record<string, unknown>;
}
type Props = Record<string, unknown>;
const p = (rule: string, name: string, policy: UserPoolClientPolicyProps, patch: Props = {}, base?: Props): PolicyCase => ({
  rule: `VUPC-POLICY-${rule}`,
  name,
  policy,
  patch,
  base,
});

const FAILING: PolicyCase[] = [
  p('CLIENT-NAME', 'no name', { requireClientName: true }, { ClientName: undefined }),
  p('SECRET-PUBLIC-CLIENT', 'a secret on an implicit-grant client', { forbidSecretOnPublicClients: true }, { GenerateSecret: true, AllowedOAuthFlows: ['implicit'] }),
  p('SECRET-PUBLIC-CLIENT', 'a secret on a native app', { forbidSecretOnPublicClients: true }, { GenerateSecret: true, CallbackURLs: ['myapp://cb', 'http://localhost:3000/cb'], DefaultRedirectURI: undefined }),
  p('TOKEN-LIFETIME', 'access token over 15 minutes', { maxAccessTokenMinutes: 15 }, { AccessTokenValidity: 16 }),
  p('TOKEN-LIFETIME', 'refresh token over 7 days', { maxRefreshTokenDays: 7 }, { RefreshTokenValidity: 8 }),
  p('TOKEN-LIFETIME', 'the API default ID token over 30 minutes', { maxIdTokenMinutes: 30 }, { IdTokenValidity: undefined }),
  p('WRITE-VERIFIED-FLAGS', 'email_verified writable', { forbidVerifiedFlagWrites: true }, { WriteAttributes: ['email', 'email_verified'] }),
  p('READ-EXPLICIT', 'no read attributes', { requireExplicitReadAttributes: true }, { ReadAttributes: undefined }),
  p('WRITE-EXPLICIT', 'no write attributes', { requireExplicitWriteAttributes: true }, { WriteAttributes: undefined }),
  p('WRITE-FORBIDDEN', 'custom:tenant writable', { neverWritableAttributes: ['custom:tenant'] }, { WriteAttributes: ['name', 'custom:tenant'] }),
  p('WRITE-FORBIDDEN', 'a reserved standard attribute writable by default', { neverWritableAttributes: ['email'] }, { WriteAttributes: undefined }),
  p('AUTHFLOW-FORBIDDEN', 'the password flow', { forbiddenAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] }, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
  p('AUTHFLOW-FORBIDDEN', 'custom auth from the default list', { forbiddenAuthFlows: ['ALLOW_CUSTOM_AUTH'] }, { ExplicitAuthFlows: undefined }),
  p('AUTHFLOW-EXPLICIT', 'no flows', { requireExplicitAuthFlows: true }, { ExplicitAuthFlows: undefined }),
  p('NO-IMPLICIT-GRANT', 'implicit', { forbidImplicitGrant: true }, { AllowedOAuthFlows: ['code', 'implicit'] }),
  p('ADMIN-SCOPE', 'the admin scope', { forbidAdminScope: true }, { AllowedOAuthScopes: ['openid', 'aws.cognito.signin.user.admin'] }),
  p('NO-LOOPBACK-URLS', 'a localhost callback', { forbidLoopbackUrls: true }),
  p('URL-HOSTS', 'a host outside the list', { allowedUrlHosts: ['*.example.com'] }, { LogoutURLs: ['https://evil.example.org/'] }),
  p('URL-HOSTS', 'the apex of a wildcard', { allowedUrlHosts: ['*.example.com'] }, { LogoutURLs: ['https://example.com/'] }),
  p('ANALYTICS-USER-DATA', 'user data shared', { forbidAnalyticsUserData: true }, { AnalyticsConfiguration: { ApplicationArn: 'arn:aws:mobiletargeting:eu-west-1:123456789012:apps/abc', UserDataShared: true } }),
  p('PREVENT-USER-EXISTENCE-ERRORS', 'LEGACY', { requirePreventUserExistenceErrors: true }, { PreventUserExistenceErrors: 'LEGACY' }),
  p('PREVENT-USER-EXISTENCE-ERRORS', 'not set', { requirePreventUserExistenceErrors: true }, { PreventUserExistenceErrors: undefined }),
  p('TOKEN-REVOCATION', 'revocation off', { requireTokenRevocation: true }, { EnableTokenRevocation: false }),
  p('REFRESH-TOKEN-ROTATION', 'rotation off', { requireRefreshTokenRotation: true }),
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
  p('AUTHFLOW-EXPLICIT', 'flows set', { requireExplicitAuthFlows: true }),
  p('NO-IMPLICIT-GRANT', 'code', { forbidImplicitGrant: true }),
  p('ADMIN-SCOPE', 'openid and email', { forbidAdminScope: true }),
  p('NO-LOOPBACK-URLS', 'public URLs only', { forbidLoopbackUrls: true }, { CallbackURLs: ['https://app.example.com/callback'] }),
  p('URL-HOSTS', 'a subdomain and an exact host', { allowedUrlHosts: ['*.example.com', 'localhost'] }),
  p('URL-HOSTS', 'an app scheme is not a host', { allowedUrlHosts: ['app.example.com'] }, { CallbackURLs: ['myapp://callback'], LogoutURLs: undefined, DefaultRedirectURI: undefined }),
  p('ANALYTICS-USER-DATA', 'no user data', { forbidAnalyticsUserData: true }, { AnalyticsConfiguration: { ApplicationArn: 'arn:aws:mobiletargeting:eu-west-1:123456789012:apps/abc', UserDataShared: false } }),
  p('PREVENT-USER-EXISTENCE-ERRORS', 'ENABLED', { requirePreventUserExistenceErrors: true }),
  p('TOKEN-REVOCATION', 'revocation not set (on by default)', { requireTokenRevocation: true }, { EnableTokenRevocation: undefined }),
  p('REFRESH-TOKEN-ROTATION', 'rotation on', { requireRefreshTokenRotation: true }, { RefreshTokenRotation: { Feature: 'ENABLED' }, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] }),
  p('REFRESH-TOKEN-ROTATION', 'a machine client has no refresh token', { requireRefreshTokenRotation: true }, {}, VALID_M2M_CLIENT),
];

const run = (c: PolicyCase) => findingsFor(patched(c.base ?? VALID_WEB_CLIENT, c.patch), { policy: c.policy }, policySelection(c.policy));

test.each(FAILING.map((c) => [c.rule, c.name, c] as const))('%s fails: %s', (rule, _name, c) => {
  const mine = run(c).filter((f) => f.ruleId === rule);
  expect(mine.length).toBeGreaterThan(0);
  mine.forEach((f) => expect(f.message).toMatch(new RegExp(`^\\[${rule}\\] Test/Client: .* Fix: `)));
});

test.each(PASSING.map((c) => [c.rule, c.name, c] as const))('%s passes: %s', (rule, _name, c) => {
  expect(run(c).map((f) => f.ruleId)).not.toContain(rule);
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
