import { readFileSync } from 'fs';
import { join } from 'path';
import { UserPoolClientPolicy, UserPoolClientValidator } from '../../src';
import { POLICY_OPTIONS } from '../../src/rules/policy/options';

/** Every policy option is checked where it is given: names the option, the value and the closest valid one. */
describe('policy options are validated at construction', () => {
  test.each([
    ['a typo in an auth flow', { forbiddenAuthFlows: ['ALLOW_USER_PASSWORD'] }, "forbiddenAuthFlows has 'ALLOW_USER_PASSWORD', which is not an auth flow; allowed: ADMIN_NO_SRP_AUTH, ", "did you mean 'ALLOW_USER_PASSWORD_AUTH'?"],
    ['a custom attribute without its prefix', { neverWritableAttributes: ['tenant'] }, "neverWritableAttributes has 'tenant', which is neither a standard attribute nor a custom attribute", "did you mean 'custom:tenant'?"],
    ['a misspelt standard attribute', { neverWritableAttributes: ['emial'] }, "neverWritableAttributes has 'emial'", "did you mean 'email'?"],
    ['a URL host with a scheme', { allowedUrlHosts: ['https://app.example.com'] }, "allowedUrlHosts has 'https://app.example.com', which has a scheme", "did you mean 'app.example.com'?"],
    ['a URL host with a path', { allowedUrlHosts: ['app.example.com/cb'] }, "allowedUrlHosts has 'app.example.com/cb', which has a path", "did you mean 'app.example.com'?"],
    ['a URL host with a port', { allowedUrlHosts: ['*.example.com:8443'] }, "allowedUrlHosts has '*.example.com:8443', which has a port", "did you mean '*.example.com'?"],
    ['a negative duration', { maxAccessTokenMinutes: -5 }, 'maxAccessTokenMinutes is -5, outside what Cognito allows (5 to 1440 minutes)', 'did you mean 5?'],
    ['a duration past Cognito\'s range', { maxRefreshTokenDays: 5000 }, 'maxRefreshTokenDays is 5000, outside what Cognito allows (0.0417 to 3650 days)', 'did you mean 3650?'],
    ['a duration that is not a number', { maxIdTokenMinutes: '60' }, 'maxIdTokenMinutes must be a number of minutes from 5 to 1440; got "60"', ''],
    ['a number too large to read (1e400 in a policy file)', { maxIdTokenMinutes: JSON.parse('1e400') }, 'maxIdTokenMinutes must be a number of minutes from 5 to 1440; got Infinity (a number out of range)', ''],
    ['a flag that is not a boolean', { forbidImplicitGrant: 'yes' }, 'forbidImplicitGrant must be true or false; got "yes"', ''],
    ['an unknown option', { forbidImplicitGrants: true }, "'forbidImplicitGrants' is not a policy option; did you mean 'forbidImplicitGrant'? Allowed keys: requireClientName, ", ''],
    ['a service rule in the policy\'s rule lists', { forbidImplicitGrant: true, warningRules: ['VUPC-CALLBACK-HTTPS'] }, "warningRules names 'VUPC-CALLBACK-HTTPS', which it cannot select. VUPC-CALLBACK-HTTPS is not one of its rules (service rules are selected on UserPoolClientValidator)", ''],
    ['a misspelt policy rule id', { forbidImplicitGrant: true, disabledRules: ['VUPC-POLICY-NO-IMPLICIT-GRANTS'] }, "disabledRules names 'VUPC-POLICY-NO-IMPLICIT-GRANTS'", "Did you mean 'VUPC-POLICY-NO-IMPLICIT-GRANT'?"],
  ])('%s', (_, props, message, suggestion) => {
    let error: Error | undefined;
    try {
      new UserPoolClientPolicy(props as never);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toContain(`UserPoolClientPolicy: ${message}`);
    expect(error?.message).toContain(suggestion);
  });

  test.each([
    ['standard and custom attributes', { neverWritableAttributes: ['email', 'custom:tenant', 'dev:custom:role'] }],
    ['hosts and subdomain patterns', { allowedUrlHosts: ['app.example.com', '*.example.com', 'localhost'] }],
    ['every auth flow the API model knows', { forbiddenAuthFlows: [...POLICY_OPTIONS.forbiddenAuthFlows.values!] }],
    ['durations at both ends of Cognito\'s ranges', { maxAccessTokenMinutes: 5, maxIdTokenMinutes: 1440, maxRefreshTokenDays: 3650 }],
    ['a policy rule taken out of recommended()', { disabledRules: ['VUPC-POLICY-CLIENT-NAME'], warningRules: ['VUPC-POLICY-NO-IMPLICIT-GRANT'] }],
  ])('accepts %s', (_, props) => {
    expect(() => UserPoolClientPolicy.recommended(props)).not.toThrow();
  });

  test('a validator names a policy rule id as the policy\'s to select', () => {
    expect(() => new UserPoolClientValidator({ disabledRules: ['VUPC-POLICY-CLIENT-NAME'] })).toThrow(/VUPC-POLICY-CLIENT-NAME is not one of its rules \(policy rules are selected on UserPoolClientPolicy\)/);
  });

  test('recommended() takes a policy rule out with disabledRules', () => {
    expect(UserPoolClientPolicy.recommended({ disabledRules: ['VUPC-POLICY-CLIENT-NAME'] }).props.disabledRules).toEqual(['VUPC-POLICY-CLIENT-NAME']);
  });
});

describe('the JSON schema is generated from the same definitions, and strict', () => {
  const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'docs', 'policy.schema.json'), 'utf8'));

  test('no unknown keys; one property per option', () => {
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(POLICY_OPTIONS).sort());
  });

  test('enums, patterns and Cognito\'s ranges', () => {
    expect(schema.properties.forbiddenAuthFlows.items.enum).toContain('ALLOW_USER_PASSWORD_AUTH');
    expect(schema.properties.warningRules.items.enum).toContain('VUPC-CALLBACK-HTTPS');
    expect(schema.properties.maxAccessTokenMinutes).toMatchObject({ minimum: 5, maximum: 1440 });
    const host = new RegExp(schema.properties.allowedUrlHosts.items.pattern);
    expect(['app.example.com', '*.example.com'].map((h) => host.test(h))).toEqual([true, true]);
    expect(['https://app.example.com', 'app.example.com/cb', 'app.example.com:443'].map((h) => host.test(h))).toEqual([false, false, false]);
    const attribute = new RegExp(schema.properties.neverWritableAttributes.items.pattern, 'u');
    expect(['email', 'custom:tenant', 'tenant', 'custom:'].map((a) => attribute.test(a))).toEqual([true, true, false, false]);
  });
});
