import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { ValidatedUserPoolClient, ValidatedUserPoolClientOptions } from '../../src';
import { quietCdkBuiltinValidation, testApp } from '../helpers';

quietCdkBuiltinValidation();

/**
 * Every invalid input to the construct gets a message that names the prop:
 * from the validator (which judges everything a template can express), with
 * the CloudFormation property and the prop side by side.
 */
function findings(options: ValidatedUserPoolClientOptions, poolProps: cognito.UserPoolProps = {}) {
  const stack = new Stack(testApp(), 'Stack', { env: { region: 'eu-west-1', account: '123456789012' } });
  const pool = new cognito.UserPool(stack, 'Pool', poolProps);
  pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'example-invalid-props' } });
  new ValidatedUserPoolClient(stack, 'Client', { userPool: pool, ...options });
  const a = Annotations.fromStack(stack);
  return [...a.findError('*', Match.anyValue()), ...a.findWarning('*', Match.anyValue())].map((m) => String(m.entry.data));
}

const web = (oAuth: cognito.OAuthSettings = {}): ValidatedUserPoolClientOptions => ({ oAuth: { flows: { authorizationCodeGrant: true }, callbackUrls: ['https://app.example.com/cb'], ...oAuth } });
const m2m = (oAuth: cognito.OAuthSettings = {}, more: ValidatedUserPoolClientOptions = {}): ValidatedUserPoolClientOptions => ({
  generateSecret: true,
  oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.custom('api/read')], ...oAuth },
  ...more,
});

const CASES: Array<[string, ValidatedUserPoolClientOptions, string, string, cognito.UserPoolProps?]> = [
  ['an empty name', { userPoolClientName: '' }, 'VUPC-CLIENTNAME-LENGTH', 'ClientName (prop userPoolClientName)'],
  ['a name with a slash', { userPoolClientName: 'web/app' }, 'VUPC-CLIENTNAME-PATTERN', "ClientName (prop userPoolClientName) 'web/app'"],
  ['an access token of 4 minutes', { accessTokenValidity: Duration.minutes(4) }, 'VUPC-ACCESS-DURATION', 'AccessTokenValidity (prop accessTokenValidity) 4 in minutes is 4 minutes, outside 5 minutes to 1 day'],
  ['an access token of 0 minutes: the fix speaks of the prop\'s Duration, in words', { accessTokenValidity: Duration.minutes(0) }, 'VUPC-ACCESS-RAW',
    'Fix: Give accessTokenValidity a Duration from 5 minutes to 1 day.'],
  ['an ID token of 25 hours', { idTokenValidity: Duration.hours(25) }, 'VUPC-ID-DURATION', 'IdTokenValidity (prop idTokenValidity) 1500 in minutes is 25 hours'],
  ['a refresh token of 59 minutes', { refreshTokenValidity: Duration.minutes(59), accessTokenValidity: Duration.minutes(5), idTokenValidity: Duration.minutes(5) }, 'VUPC-REFRESH-DURATION', 'RefreshTokenValidity (prop refreshTokenValidity) 59'],
  ['a refresh token of 3651 days', { refreshTokenValidity: Duration.days(3651) }, 'VUPC-REFRESH-DURATION', 'RefreshTokenValidity (prop refreshTokenValidity) 5257440 in minutes is 3651 days'],
  ['an access token longer than the refresh token', { accessTokenValidity: Duration.hours(3), refreshTokenValidity: Duration.hours(2) }, 'VUPC-TOKEN-LE-REFRESH', 'AccessTokenValidity (prop accessTokenValidity) 180 (3 hours) is longer than the refresh token validity (2 hours)'],
  ['an auth session of 2 minutes', { authSessionValidity: Duration.minutes(2) }, 'VUPC-AUTHSESSION-RANGE', 'AuthSessionValidity (prop authSessionValidity) 2'],
  ['a grace period of 61 seconds', { refreshTokenRotationGracePeriod: Duration.seconds(61) }, 'VUPC-ROTATION-GRACE-RANGE', 'RefreshTokenRotation.RetryGracePeriodSeconds (prop refreshTokenRotationGracePeriod) 61'],
  ['the code grant with an empty callbackUrls', web({ callbackUrls: [] }), 'VUPC-OAUTH-CALLBACK-REQUIRED', 'CallbackURLs (prop oAuth.callbackUrls) is empty while code is an allowed OAuth flow'],
  ['a plain-http callback', web({ callbackUrls: ['http://app.example.com/cb'] }), 'VUPC-CALLBACK-HTTPS', "CallbackURLs[0] (prop oAuth.callbackUrls) 'http://app.example.com/cb'"],
  ['101 callback URLs', web({ callbackUrls: Array.from({ length: 101 }, (_, i) => `https://app.example.com/${i}`) }), 'VUPC-URL-COUNT', 'CallbackURLs (prop oAuth.callbackUrls) has 101 entries'],
  ['a plain-http logout URL', web({ logoutUrls: ['http://app.example.com/'] }), 'VUPC-LOGOUT-URL-SCHEME', "LogoutURLs[0] (prop oAuth.logoutUrls) 'http://app.example.com/'"],
  ['a default redirect outside the callbacks', web({ defaultRedirectUri: 'https://other.example.com/cb' }), 'VUPC-DEFAULT-REDIRECT-IN-CALLBACKS', "DefaultRedirectURI (prop oAuth.defaultRedirectUri) 'https://other.example.com/cb'"],
  ['client credentials with the code grant', m2m({ flows: { clientCredentials: true, authorizationCodeGrant: true }, callbackUrls: ['https://a.example.com/cb'] }), 'VUPC-OAUTH-CC-ONLY', 'AllowedOAuthFlows (prop oAuth.flows)'],
  ['client credentials without a secret', m2m({}, { generateSecret: false }), 'VUPC-OAUTH-CC-SECRET', 'GenerateSecret (prop generateSecret) false leaves the client without a secret'],
  ['client credentials, secret not given', m2m({}, { generateSecret: undefined }), 'VUPC-OAUTH-CC-SECRET', 'GenerateSecret (prop generateSecret) is not set, which leaves the client without a secret'],
  ['openid with client credentials', m2m({ scopes: [cognito.OAuthScope.OPENID] }), 'VUPC-OAUTH-CC-SCOPES', "AllowedOAuthScopes[0] (prop oAuth.scopes) 'openid'"],
  ['a scope with a space', web({ scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.custom('my scope')] }), 'VUPC-OAUTH-SCOPES-FORMAT', "AllowedOAuthScopes[1] (prop oAuth.scopes) 'my scope'"],
  ['a provider name of 33 characters', { supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.custom('x'.repeat(33))] }, 'VUPC-IDP-FORMAT', 'SupportedIdentityProviders[0] (prop supportedIdentityProviders, identityProviders)'],
  ['an access token of 4 minutes: the fix speaks of the prop, not the unit the construct writes', { accessTokenValidity: Duration.minutes(4) }, 'VUPC-ACCESS-DURATION', 'Fix: Give accessTokenValidity a Duration between 5 minutes and 1 day.'],
  ['a custom attribute the pool lacks', { readAttributes: new cognito.ClientAttributes().withCustomAttributes('tenant') }, 'VUPC-ATTR-EXISTS', "ReadAttributes[0] (prop readAttributes) 'custom:tenant'"],
  ['write attributes without a required attribute', { writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ givenName: true }) }, 'VUPC-WRITE-REQUIRED', 'WriteAttributes (prop writeAttributes) ["given_name"] omits email', { standardAttributes: { email: { required: true } } }],
  ['analytics by id without a role', { analytics: { applicationId: '0123456789abcdef0123456789abcdef' } }, 'VUPC-ANALYTICS-ID-NEEDS-ROLE', 'AnalyticsConfiguration.RoleArn (prop analytics) is missing'],
  ['analytics by a malformed id', { analytics: { applicationId: 'my-project' } }, 'VUPC-ANALYTICS-FORMAT', "AnalyticsConfiguration.ApplicationId (prop analytics) 'my-project'"],
  ['context data without a secret', { enablePropagateAdditionalUserContextData: true }, 'VUPC-CONTEXT-DATA-SECRET', 'EnablePropagateAdditionalUserContextData (prop enablePropagateAdditionalUserContextData) true'],
  ['choice-based sign-in on a Lite pool', { authFlows: { user: true } }, 'VUPC-AUTHFLOW-USER-AUTH-TIER', "ExplicitAuthFlows[0] (prop authFlows) 'ALLOW_USER_AUTH'", { featurePlan: cognito.FeaturePlan.LITE }],
];

// Every row gets its pool props, so that jest does not take the last parameter for `done`.
test.each(CASES.map(([name, options, rule, text, pool]) => [name, options, rule, text, pool ?? {}] as const))('%s', (_name, options, rule, text, poolProps) => {
  const mine = findings(options, poolProps).filter((m) => m.startsWith(`[${rule}] Stack/Client/Resource: `));
  expect(mine.length).toBeGreaterThan(0);
  expect(mine[0]).toContain(text);
});

test('a property an override writes is named without a prop (the prop did not set it), one the props write with it', () => {
  const stack = new Stack(testApp(), 'Stack', { env: { region: 'eu-west-1', account: '123456789012' } });
  const pool = new cognito.UserPool(stack, 'Pool');
  const client = new ValidatedUserPoolClient(stack, 'Client', { userPool: pool, disableOAuth: true, accessTokenValidity: Duration.minutes(2) });
  client.resource.addPropertyOverride('AuthSessionValidity', 30);
  const errors = Annotations.fromStack(stack).findError('*', Match.anyValue()).map((m) => String(m.entry.data));
  expect(errors).toEqual(expect.arrayContaining([
    expect.stringContaining('[VUPC-AUTHSESSION-RANGE] Stack/Client/Resource: AuthSessionValidity 30 is'),
    expect.stringMatching(/^\[VUPC-ACCESS-[A-Z]+\] Stack\/Client\/Resource: AccessTokenValidity \(prop accessTokenValidity\)/),
  ]));
});

test('a bare number where a Duration belongs (JavaScript, or a cast) is named as such, with the unit to give', () => {
  const stack = new Stack(testApp(), 'Stack');
  const pool = new cognito.UserPool(stack, 'Pool');
  expect(() => new ValidatedUserPoolClient(stack, 'Bad', { userPool: pool, accessTokenValidity: 30 as unknown as Duration }))
    .toThrow('ValidatedUserPoolClient: accessTokenValidity is the number 30, not a Duration; give it as Duration.minutes(...) (a bare number has no unit).');
  expect(() => new ValidatedUserPoolClient(stack, 'Text', { userPool: pool, refreshTokenValidity: '30d' as unknown as Duration }))
    .toThrow("ValidatedUserPoolClient: refreshTokenValidity is the string '30d', not a Duration; give it as Duration.minutes(...).");
  // An object is named by its type, not shown (before, its content was echoed, whatever it held).
  expect(() => new ValidatedUserPoolClient(stack, 'Object', { userPool: pool, accessTokenValidity: { apiKey: 'hunter2' } as unknown as Duration }))
    .toThrow(/^ValidatedUserPoolClient: accessTokenValidity is an object, not a Duration; give it as Duration.minutes\(...\)\.$/);
  expect(() => new ValidatedUserPoolClient(stack, 'Seconds', { userPool: pool, accessTokenValidity: Duration.seconds(90) }))
    .toThrow('accessTokenValidity is 1 minute 30 seconds, not a whole number of minutes; give whole minutes (the closest: Duration.minutes(2)).');
});

/**
 * From JavaScript, or through a spread of a wider object, a name the props do not have is a warning that names
 * what was meant, and is ignored, as the L2 ignores it. (Before, the typo in authFlows left the client with only
 * ALLOW_REFRESH_TOKEN_AUTH without a word; refusing it, as the construct did after that, broke wrappers whose props
 * extend UserPoolClientOptions and are spread into the client's, which the L2 accepts.)
 */
test.each([
  ['a misspelt prop', { accesTokenValidity: Duration.minutes(5) }, "ValidatedUserPoolClient: 'accesTokenValidity' is not a prop, and is ignored, as the L2 ignores it; did you mean 'accessTokenValidity'? (the props are those of cognito.UserPoolClientProps"],
  ['a wrapper\'s own prop, spread in', { callbackUrls: ['https://a.example.com/cb'] }, "ValidatedUserPoolClient: 'callbackUrls' is not a prop, and is ignored, as the L2 ignores it"],
  ['a misspelt auth flow', { authFlows: { userSrpp: true } }, "authFlows has 'userSrpp', which is not one of its members, and is ignored, as the L2 ignores it; did you mean 'userSrp'? (allowed: userPassword, adminUserPassword, custom, userSrp, user)"],
  ['a misspelt OAuth flow', { oAuth: { flows: { authorizationCodeGrnt: true } } }, "oAuth.flows has 'authorizationCodeGrnt', which is not one of its members, and is ignored, as the L2 ignores it; did you mean 'authorizationCodeGrant'?"],
  ['a misspelt OAuth setting', { oAuth: { callbackUrl: ['https://a.example.com/cb'] } }, "oAuth has 'callbackUrl', which is not one of its members, and is ignored, as the L2 ignores it; did you mean 'callbackUrls'?"],
  ['a misspelt analytics member', { analytics: { sharedUserData: true } }, "analytics has 'sharedUserData', which is not one of its members, and is ignored, as the L2 ignores it; did you mean 'shareUserData'?"],
])('%s is a warning on the construct', (_name, options, message) => {
  const stack = new Stack(testApp(), 'Stack');
  const pool = new cognito.UserPool(stack, 'Pool');
  const client = new ValidatedUserPoolClient(stack, 'Odd', { userPool: pool, ...(options as unknown as ValidatedUserPoolClientOptions) });
  const warnings = Annotations.fromStack(stack).findWarning(`/${client.node.path}`, Match.stringLikeRegexp('ignored-prop'));
  expect(warnings).toHaveLength(1);
  expect(warnings[0].entry.data).toContain(message);
});

test('a name the props do not have whose value is undefined sets nothing, and is no warning', () => {
  const stack = new Stack(testApp(), 'Stack');
  const pool = new cognito.UserPool(stack, 'Pool');
  new ValidatedUserPoolClient(stack, 'Quiet', { userPool: pool, ...({ callbackUrls: undefined } as unknown as ValidatedUserPoolClientOptions) });
  expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('ignored-prop'))).toHaveLength(0);
});

/** From JavaScript, or with a cast, a value of the wrong kind, which the construct would misread, is refused. */
test.each([
  // Before, a string provider rendered SupportedIdentityProviders: [] without a word.
  ['a provider given as a string', { supportedIdentityProviders: ['GOOGLE'] }, "supportedIdentityProviders[0] is the string 'GOOGLE', not a cognito.UserPoolClientIdentityProvider; give one, as cognito.UserPoolClientIdentityProvider.GOOGLE"],
  ['a scope given as a string', { oAuth: { scopes: ['openid'] } }, "oAuth.scopes[0] is the string 'openid', not a cognito.OAuthScope; give one, as cognito.OAuthScope.OPENID"],
])('%s is refused', (_name, options, message) => {
  const stack = new Stack(testApp(), 'Stack');
  const pool = new cognito.UserPool(stack, 'Pool');
  expect(() => new ValidatedUserPoolClient(stack, 'Bad', { userPool: pool, ...(options as unknown as ValidatedUserPoolClientOptions) })).toThrow(message);
});
