import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { UserPoolClientPolicy, UserPoolClientValidationPlugin, UserPoolClientValidator } from '../../src';
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
    ['a URL host ending with a dot', { allowedUrlHosts: ['app.example.org.'] }, "allowedUrlHosts has 'app.example.org.', which ends with a dot", "did you mean 'app.example.org'?"],
    // Before, the * was read as a label and 'app.wildcard.example.com' suggested.
    ['a * inside a host', { allowedUrlHosts: ['app.*.example.com'] }, "allowedUrlHosts has 'app.*.example.com', which has a * that is not a leading *.; allowedUrlHosts lists", 'subdomain patterns (*.example.com)'],
    // Before, '::1' was said to have a port, and '[::1]' (the loopback Cognito allows http for) could not be listed.
    ['an IPv6 address without brackets', { allowedUrlHosts: ['::1'] }, "allowedUrlHosts has '::1', which is an IPv6 address without its brackets", "did you mean '[::1]'?"],
    ['a negative duration', { maxAccessTokenMinutes: -5 }, 'maxAccessTokenMinutes is -5, outside what Cognito allows (5 to 1440 minutes)', 'did you mean 5?'],
    ['a duration past Cognito\'s range', { maxRefreshTokenDays: 5000 }, 'maxRefreshTokenDays is 5000, outside what Cognito allows (0.0417 to 3650 days)', 'did you mean 3650?'],
    ['a duration that is not a number', { maxIdTokenMinutes: '60' }, 'maxIdTokenMinutes must be a number of minutes from 5 to 1440; got "60"', ''],
    ['a number too large to read (1e400 in a policy file)', { maxIdTokenMinutes: JSON.parse('1e400') }, 'maxIdTokenMinutes must be a number of minutes from 5 to 1440; got Infinity (a number out of range)', ''],
    ['a flag that is not a boolean', { forbidImplicitGrant: 'yes' }, 'forbidImplicitGrant must be true or false; got "yes"', ''],
    ['an unknown option', { forbidImplicitGrants: true }, "'forbidImplicitGrants' is not a policy option; did you mean 'forbidImplicitGrant'? Allowed keys: requireClientName, ", ''],
    ['a service rule in the policy\'s rule lists', { forbidImplicitGrant: true, warningRules: ['VUPC-CALLBACK-HTTPS'] }, "warningRules names 'VUPC-CALLBACK-HTTPS', which it cannot select. VUPC-CALLBACK-HTTPS is not one of its rules (service rules are selected on UserPoolClientValidator)", ''],
    ['a misspelt policy rule id', { forbidImplicitGrant: true, disabledRules: ['VUPC-POLICY-NO-IMPLICIT-GRANTS'] }, "disabledRules names 'VUPC-POLICY-NO-IMPLICIT-GRANTS'", "Did you mean 'VUPC-POLICY-NO-IMPLICIT-GRANT'?"],
    // An empty list checked nothing, and in a cascade silently turned off a farther policy's list.
    ['an empty list of hosts', { allowedUrlHosts: [] }, 'allowedUrlHosts is an empty list, which checks nothing; list at least one value, or leave the option out', 'use disabledRules'],
    ['an empty list of auth flows', { forbiddenAuthFlows: [] }, 'forbiddenAuthFlows is an empty list, which checks nothing', ''],
    ['a rule both disabled and downgraded', { forbidImplicitGrant: true, disabledRules: ['VUPC-POLICY-NO-IMPLICIT-GRANT'], warningRules: ['VUPC-POLICY-NO-IMPLICIT-GRANT'] },
      'VUPC-POLICY-NO-IMPLICIT-GRANT is in both disabledRules and warningRules; a rule is either not run or reported as a warning.', ''],
    ['\'__proto__\' (an own key of parsed JSON)', JSON.parse('{"__proto__": {"forbidImplicitGrant": true}}'), "'__proto__' is not a policy option", ''],
  ])('%s', (_, props, message, suggestion) => {
    let error: Error | undefined;
    try {
      new UserPoolClientPolicy(props as never);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toContain(`UserPoolClientPolicy: ${message}`);
    expect(error?.message).toContain(suggestion);
    if (message.includes('a * that is not')) expect(error?.message).not.toContain('did you mean');
  });

  test.each([
    ['standard and custom attributes', { neverWritableAttributes: ['email', 'custom:tenant', 'dev:custom:role'] }],
    ['hosts and subdomain patterns', { allowedUrlHosts: ['app.example.com', '*.example.com', 'localhost'] }],
    ['the three loopback hosts', { allowedUrlHosts: ['localhost', '127.0.0.1', '[::1]'] }],
    ['every auth flow the API model knows', { forbiddenAuthFlows: [...POLICY_OPTIONS.forbiddenAuthFlows.values!] }],
    ['durations at both ends of Cognito\'s ranges', { maxAccessTokenMinutes: 5, maxIdTokenMinutes: 1440, maxRefreshTokenDays: 3650 }],
    ['a policy rule taken out of recommended()', { disabledRules: ['VUPC-POLICY-CLIENT-NAME'], warningRules: ['VUPC-POLICY-NO-IMPLICIT-GRANT'] }],
  ])('accepts %s', (_, props) => {
    expect(() => UserPoolClientPolicy.recommended(props)).not.toThrow();
  });

  test('the options are the policy\'s own copy: a list the caller changes afterwards changes nothing', () => {
    const hosts = ['app.example.com'];
    const policy = new UserPoolClientPolicy({ allowedUrlHosts: hosts });
    hosts.push('evil.example.net');
    expect(policy.props.allowedUrlHosts).toEqual(['app.example.com']);
    expect(() => policy.props.allowedUrlHosts!.push('evil.example.net')).toThrow(TypeError);
    expect(Object.isFrozen(policy.props)).toBe(true);
  });

  test('the plugin names a policy rule id as the policy\'s to select', () => {
    expect(() => new UserPoolClientValidationPlugin({ disabledRules: ['VUPC-POLICY-CLIENT-NAME'] }))
      .toThrow(/VUPC-POLICY-CLIENT-NAME is not one of its rules \(policy rules are selected on the UserPoolClientPolicy given as policy\)/);
  });

  test('a validator names a policy rule id as the policy\'s to select', () => {
    expect(() => new UserPoolClientValidator({ disabledRules: ['VUPC-POLICY-CLIENT-NAME'] })).toThrow(/VUPC-POLICY-CLIENT-NAME is not one of its rules \(policy rules are selected on UserPoolClientPolicy\)/);
  });

  test('a validator refuses a rule both disabled and downgraded', () => {
    expect(() => new UserPoolClientValidator({ disabledRules: ['VUPC-CALLBACK-HTTPS'], warningRules: ['VUPC-CALLBACK-HTTPS'] }))
      .toThrow('UserPoolClientValidator: VUPC-CALLBACK-HTTPS is in both disabledRules and warningRules');
  });

  test('recommended(): a list adds to the baseline\'s, an option given as undefined changes nothing', () => {
    const flows = UserPoolClientPolicy.recommended({ forbiddenAuthFlows: ['ALLOW_CUSTOM_AUTH'] }).props.forbiddenAuthFlows;
    // Before, the list replaced the baseline's, and the password flows it forbids passed.
    expect(flows).toEqual(expect.arrayContaining(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_CUSTOM_AUTH']));
    // Before, the spread wrote undefined over the baseline's true, and the rule was off.
    expect(UserPoolClientPolicy.recommended({ forbidImplicitGrant: undefined }).props.forbidImplicitGrant).toBe(true);
    expect(UserPoolClientPolicy.recommended({ maxAccessTokenMinutes: 15 }).props.maxAccessTokenMinutes).toBe(15);
  });

  test('a policy object may name its JSON schema (a policy file read with require); it is no option', () => {
    const policy = new UserPoolClientPolicy({ $schema: './policy.schema.json', forbidImplicitGrant: true } as never);
    expect(policy.props).toEqual({ forbidImplicitGrant: true });
  });

  test('recommended() takes a policy rule out with disabledRules', () => {
    expect(UserPoolClientPolicy.recommended({ disabledRules: ['VUPC-POLICY-CLIENT-NAME'] }).props.disabledRules).toEqual(['VUPC-POLICY-CLIENT-NAME']);
  });
});

describe('the JSON schema is generated from the same definitions, and strict', () => {
  const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', 'docs', 'policy.schema.json'), 'utf8'));

  test('no unknown keys; one property per option, and the schema\'s own name', () => {
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties).sort()).toEqual([...Object.keys(POLICY_OPTIONS), '$schema'].sort());
  });

  test('enums, patterns and Cognito\'s ranges', () => {
    expect(schema.properties.forbiddenAuthFlows.items.enum).toContain('ALLOW_USER_PASSWORD_AUTH');
    // Policy rules only, as the construct takes them: one file serves every door.
    expect(schema.properties.warningRules.items.enum).toContain('VUPC-POLICY-NO-IMPLICIT-GRANT');
    expect(schema.properties.warningRules.items.enum).not.toContain('VUPC-CALLBACK-HTTPS');
    expect(schema.properties.allowedUrlHosts.minItems).toBe(1);
    expect(schema.properties.$schema).toEqual(expect.objectContaining({ type: 'string' }));
    expect(schema.properties.maxAccessTokenMinutes).toMatchObject({ minimum: 5, maximum: 1440 });
    const host = new RegExp(schema.properties.allowedUrlHosts.items.pattern);
    expect(['app.example.com', '*.example.com'].map((h) => host.test(h))).toEqual([true, true]);
    expect(['https://app.example.com', 'app.example.com/cb', 'app.example.com:443'].map((h) => host.test(h))).toEqual([false, false, false]);
    const attribute = new RegExp(schema.properties.neverWritableAttributes.items.pattern, 'u');
    expect(['email', 'custom:tenant', 'tenant', 'custom:'].map((a) => attribute.test(a))).toEqual([true, true, false, false]);
  });
});

describe('UserPoolClientPolicy.fromFile: the policy file every door reads, in every language', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vupc-tests-policy-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  test('reads the options, its $schema and a byte order mark aside, as the command line does', () => {
    const policy = UserPoolClientPolicy.fromFile(file('policy.json', '\uFEFF{"$schema": "../docs/policy.schema.json", "forbidImplicitGrant": true, "allowedUrlHosts": ["*.example.com"]}'));
    expect(policy.props).toEqual({ forbidImplicitGrant: true, allowedUrlHosts: ['*.example.com'] });
  });

  test('names the file in every error: missing, not JSON, a bad option', () => {
    expect(() => UserPoolClientPolicy.fromFile(join(dir, 'missing.json'))).toThrow(`UserPoolClientPolicy.fromFile: ${join(dir, 'missing.json')}: cannot be read as a JSON policy (no such file).`);
    expect(() => UserPoolClientPolicy.fromFile(file('broken.json', '{"forbidImplicitGrant": tru'))).toThrow(/^UserPoolClientPolicy.fromFile: .*broken.json: cannot be read as a JSON policy/);
    expect(() => UserPoolClientPolicy.fromFile(file('typo.json', '{"forbidImplicitGrnat": true}')))
      .toThrow(/^UserPoolClientPolicy.fromFile: .*typo.json: 'forbidImplicitGrnat' is not a policy option; did you mean 'forbidImplicitGrant'\?/);
  });
});
