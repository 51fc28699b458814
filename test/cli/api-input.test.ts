import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { pathToFileURL } from 'url';
import { runCli } from '../../src/cli/run';
import { ALL_RULES } from '../../src/rules/registry';
import { InputKind } from '../../src/rules/rule';

/** The API's own door: CreateUserPoolClient/UpdateUserPoolClient requests and DescribeUserPoolClient responses. */

const API = join(__dirname, 'fixtures', 'api');
const REQUEST = join(API, 'create-request.json');
const RESPONSE = join(API, 'describe-response.json');
const SECRET = 'this1234is5678my91011example1213client1415secret';

function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = runCli(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}
const write = (content: unknown, name = 'client.json') => {
  const file = join(mkdtempSync(join(tmpdir(), 'vupc-api-')), name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
};
const json = (...args: string[]) => JSON.parse(cli('--format', 'json', ...args).out) as { findings: Array<{ ruleId: string; severity: string; path: string; logicalId: string; property: string; message: string }>; inputs: Array<{ notices: string[] }> };
const ruleIds = (...args: string[]) => json(...args).findings.map((f) => f.ruleId);

describe('the AWS CLI reference example (MyTestClient)', () => {
  test('as a CreateUserPoolClient request: checked as one, the client named by file, JSON path and name', () => {
    const report = json(REQUEST);
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.logicalId, f.path])).toEqual([
      ['VUPC-ANALYTICS-PINPOINT-END-OF-SUPPORT', 'warning', '$', `${REQUEST}#$ (MyTestClient)`],
    ]);
  });

  test('as a DescribeUserPoolClient response: Cognito\'s own additions (ClientId, secret, dates, the service-linked role) are no finding', () => {
    const report = json(RESPONSE);
    expect(report.findings.map((f) => [f.ruleId, f.logicalId, f.path])).toEqual([
      ['VUPC-ANALYTICS-PINPOINT-END-OF-SUPPORT', '$.UserPoolClient', `${RESPONSE}#$.UserPoolClient (MyTestClient, 123abc456defEXAMPLE)`],
    ]);
  });

  test('text: the summary counts API inputs apart from templates', () => {
    expect(cli(REQUEST, RESPONSE, join(__dirname, 'fixtures', 'no-clients.json')).out).toMatch(/0 errors, 2 warnings in 2 app clients of 1 template and 2 API inputs\.\n$/);
  });

  test('the secret of a response is never echoed, in any format', () => {
    for (const format of ['text', 'json', 'sarif']) expect(cli('--format', format, '--recommended', RESPONSE).out).not.toContain(SECRET);
  });

  test('the organisation policy applies too', () => {
    expect(ruleIds('--recommended', REQUEST)).toEqual(expect.arrayContaining(['VUPC-POLICY-AUTHFLOW-FORBIDDEN', 'VUPC-POLICY-NO-IMPLICIT-GRANT']));
    expect(cli('--recommended', REQUEST).code).toBe(1);
  });

  test('SARIF locates the finding in the file', () => {
    const sarif = JSON.parse(cli('--format', 'sarif', REQUEST).out);
    // An absolute path is a file: URI.
    const uri = pathToFileURL(REQUEST).href;
    expect(sarif.runs[0].results[0].locations[0]).toMatchObject({ physicalLocation: { artifactLocation: { uri } }, logicalLocations: [{ name: '$' }] });
  });
});

describe('which rules apply to which input kind', () => {
  const excluded = (kind: InputKind) => ALL_RULES.filter((r) => r.inputs && !r.inputs.includes(kind)).map((r) => r.id);

  test('each kind leaves out only the rules that cannot hold for it', () => {
    expect(excluded(InputKind.TEMPLATE)).toEqual(['VUPC-SECRET-XOR', 'VUPC-SECRET-FORMAT', 'VUPC-REFRESH-ZERO-REPLACED']);
    // The order CloudFormation creates resources in means nothing to a request made when the pool's resources exist;
    // the CloudFormation schema's minimum of 1 is not the API's (it replaces 0 with 30 days, a warning of its own).
    const templateOnly = ['VUPC-PROPERTY-READ-ONLY', 'VUPC-SECRET-NOT-IN-CFN', 'VUPC-REFRESH-ZERO', 'VUPC-IDP-DEPENDENCY', 'VUPC-OAUTH-SCOPE-DEPENDENCY'];
    expect(excluded(InputKind.API_REQUEST)).toEqual(templateOnly);
    // A response shows a client Cognito accepted: what only users report it refusing, it did not refuse there.
    expect(excluded(InputKind.API_RESPONSE).sort()).toEqual([
      ...templateOnly, 'VUPC-SECRET-XOR', 'VUPC-SECRET-FORMAT', 'VUPC-REFRESH-ZERO-REPLACED', 'VUPC-ANALYTICS-ARN-NO-ROLE', 'VUPC-OAUTH-OPENID-REQUIRED',
    ].sort());
  });

  const withRole = { ApplicationArn: 'arn:aws:mobiletargeting:us-west-2:123456789012:apps/abc', RoleArn: 'arn:aws:iam::123456789012:role/r' };
  test('a role beside an application ARN: a warning in a request, Cognito\'s own in a response', () => {
    expect(ruleIds(write({ UserPoolId: 'us-west-2_EXAMPLE', ClientName: 'a', AnalyticsConfiguration: withRole }))).toContain('VUPC-ANALYTICS-ARN-NO-ROLE');
    expect(ruleIds(write({ UserPoolClient: { UserPoolId: 'us-west-2_EXAMPLE', ClientName: 'a', AnalyticsConfiguration: withRole } }))).not.toContain('VUPC-ANALYTICS-ARN-NO-ROLE');
  });

  test('a custom ClientSecret in a request: its format is checked and the value masked', () => {
    const report = json(write({ UserPoolId: 'us-west-2_EXAMPLE', ClientName: 'a', ClientSecret: 'short-secret!' }));
    const finding = report.findings.find((f) => f.ruleId === 'VUPC-SECRET-FORMAT')!;
    expect(finding.property).toBe('ClientSecret');
    expect(finding.message).not.toContain('short-secret!');
  });

  test('a custom ClientSecret gives a public client a secret as GenerateSecret does: forbidSecretOnPublicClients reports it, masked', () => {
    // Before, only GenerateSecret: true was read, and a CreateUserPoolClient request with its own secret passed the policy.
    const secret = 'abcdefghijklmnopqrstuvwxyz012345';
    const spa = { UserPoolId: 'us-west-2_EXAMPLE', ClientName: 'spa', AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['implicit'], AllowedOAuthScopes: ['openid'], CallbackURLs: ['https://app.example.com/cb'], SupportedIdentityProviders: ['COGNITO'] };
    const policy = write({ forbidSecretOnPublicClients: true }, 'policy.json');
    const custom = json('--policy', policy, write({ ...spa, ClientSecret: secret })).findings.filter((f) => f.ruleId === 'VUPC-POLICY-SECRET-PUBLIC-CLIENT');
    expect(custom.map((f) => f.property)).toEqual(['ClientSecret']);
    expect(custom[0].message).not.toContain(secret);
    expect(custom[0].message).toContain('Remove ClientSecret');
    expect(ruleIds('--policy', policy, write({ ...spa, GenerateSecret: true }))).toContain('VUPC-POLICY-SECRET-PUBLIC-CLIENT');
    expect(ruleIds('--policy', policy, write(spa))).not.toContain('VUPC-POLICY-SECRET-PUBLIC-CLIENT');
  });

  test('a value outside an enum names the closest allowed one (the API\'s names are case-sensitive)', () => {
    const client = {
      UserPoolId: 'us-west-2_EXAMPLE',
      ClientName: 'a',
      ClientId: 'abc',
      PreventUserExistenceErrors: 'Enabled',
      TokenValidityUnits: { AccessToken: 'Minutes' },
      ExplicitAuthFlows: ['ALLOW_USER_SRP', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlows: ['token'],
    };
    const report = json(write({ UserPoolClient: client }));
    const messages = Object.fromEntries(report.findings.filter((f) => f.ruleId.endsWith('-ENUM')).map((f) => [f.property, f.message]));
    expect(messages.PreventUserExistenceErrors).toContain("'Enabled' is not one of 'LEGACY', 'ENABLED' (did you mean 'ENABLED'?).");
    expect(messages['TokenValidityUnits.AccessToken']).toContain("(did you mean 'minutes'?)");
    expect(messages['ExplicitAuthFlows[0]']).toContain("(did you mean 'ALLOW_USER_SRP_AUTH'?)");
    // Nothing is close to 'token': no guess.
    expect(messages['AllowedOAuthFlows[0]']).toMatch(/'token' is not one of 'code', 'implicit', 'client_credentials'\. /);
  });

  test('an UpdateUserPoolClient request names its client by ClientId, which is not configuration', () => {
    const report = json(write({ UserPoolId: 'us-west-2_EXAMPLE', ClientId: 'abc123', AuthSessionValidity: 30 }));
    expect(report.findings.map((f) => [f.ruleId, f.path])).toEqual([['VUPC-AUTHSESSION-RANGE', expect.stringMatching(/#\$ \(abc123\)$/)]]);
  });
});

describe('many clients in one input', () => {
  const bad = (name: string) => ({ UserPoolClient: { UserPoolId: 'us-west-2_EXAMPLE', ClientName: name, ClientId: `id-${name}`, AuthSessionValidity: 30 } });

  test('a JSON list: each client under its index', () => {
    expect(json(write([bad('a'), { UserPoolId: 'us-west-2_EXAMPLE', ClientName: 'b', AuthSessionValidity: 20 }])).findings.map((f) => f.logicalId)).toEqual(['$[0].UserPoolClient', '$[1]']);
  });

  test('JSON Lines: each client under its line', () => {
    const file = write(`${JSON.stringify(bad('a'))}\n\n${JSON.stringify(bad('b'))}\n`, 'clients.jsonl');
    const report = JSON.parse(cli('--format', 'json', file).out);
    expect(report.findings.map((f: { logicalId: string; line: number }) => [f.logicalId, f.line])).toEqual([['line 1: $.UserPoolClient', 1], ['line 3: $.UserPoolClient', 3]]);
  });

  test('standard input, through the real entry point: describe-user-pool-client | validate-user-pool-clients -', () => {
    const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '..', '..', 'src', 'cli', 'main.ts'), '--format', 'json', '-'], {
      input: readFileSync(RESPONSE), encoding: 'utf8', env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '..', '..', 'scripts', 'tsconfig.json') },
    });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).findings).toEqual([expect.objectContaining({ ruleId: 'VUPC-ANALYTICS-PINPOINT-END-OF-SUPPORT', file: '<stdin>', logicalId: '$.UserPoolClient' })]);
  });
});

test('a list over its maximum says when entries repeat; a refresh validity of 0 says what becomes of it', () => {
  const request = write({ UserPoolId: 'us-west-2_EXAMPLE', ClientName: 'a', AllowedOAuthFlows: ['code', 'implicit', 'code', 'implicit'], RefreshTokenValidity: 0 });
  const found = json(request).findings;
  expect(found.find((f) => f.ruleId === 'VUPC-OAUTH-FLOWS-ENUM')!.message).toContain('AllowedOAuthFlows has 4 entries (2 distinct: some repeat), more than the maximum of 3');
  // Before, "RefreshTokenValidity 0 is 0".
  expect(found.find((f) => f.ruleId === 'VUPC-REFRESH-ZERO-REPLACED')!.message).toContain('RefreshTokenValidity 0 is replaced by Cognito with 30 days.');
});

test('findings in a pretty-printed response (or a list of them) have the line of the property they name', () => {
  // Before, only JSON Lines had lines: a response as the AWS CLI prints it had none, in JSON and SARIF alike.
  const described = JSON.parse(readFileSync(RESPONSE, 'utf8')).UserPoolClient;
  const second = { ...described, ClientId: 'second', CallbackURLs: ['https://a.example.com/cb', 'http://b.example.com/cb'] };
  const text = JSON.stringify([{ UserPoolClient: described }, { UserPoolClient: second }], null, 2);
  const file = write(text, 'list.json');
  const lineOf = (needle: string, from = 0) => text.slice(0, text.indexOf(needle, from)).split('\n').length;
  const found = JSON.parse(cli('--format', 'json', file).out).findings as Array<{ ruleId: string; property: string; logicalId: string; line?: number }>;
  const https = found.find((f) => f.ruleId === 'VUPC-CALLBACK-HTTPS')!;
  expect([https.logicalId, https.property, https.line]).toEqual(['$[1].UserPoolClient', 'CallbackURLs[1]', lineOf('"http://b.example.com/cb"')]);
  const pinpoint = found.filter((f) => f.ruleId === 'VUPC-ANALYTICS-PINPOINT-END-OF-SUPPORT').map((f) => f.line);
  expect(pinpoint).toEqual([lineOf('"AnalyticsConfiguration"'), lineOf('"AnalyticsConfiguration"', text.indexOf('"second"'))]);
  const sarif = JSON.parse(cli('--format', 'sarif', file).out).runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'VUPC-CALLBACK-HTTPS');
  expect(sarif.locations[0].physicalLocation.region.startLine).toBe(https.line);
});

describe('bad API JSON: exit 2, naming what is wrong and what is allowed', () => {
  test.each([
    ['a wrong type', { UserPoolId: 'us-west-2_EXAMPLE', ClientName: 'a', AccessTokenValidity: '60' }, '$.AccessTokenValidity must be an integer; got "60".'],
    ['an unknown member', { UserPoolId: 'us-west-2_EXAMPLE', ClientName: 'a', CallbackUrls: ['https://a.example.com'] }, "$ has 'CallbackUrls', which is not a member of a CreateUserPoolClient request (did you mean 'CallbackURLs'?). Members: "],
    ['an unknown nested member', { UserPoolClient: { UserPoolId: 'x', TokenValidityUnits: { Access: 'minutes' } } }, "$.UserPoolClient.TokenValidityUnits has 'Access', which is not a member of this structure"],
    ['a list response where a describe response was expected', { UserPoolClients: [{ ClientId: 'a', ClientName: 'a', UserPoolId: 'x' }] }, '$ is a ListUserPoolClients response, which holds only each client\'s id and name: describe each client'],
    ['a create request without its client name', { UserPoolId: 'us-west-2_EXAMPLE' }, '$ has no ClientName, which a CreateUserPoolClient request requires.'],
    ['GenerateSecret in an update request', { UserPoolId: 'us-west-2_EXAMPLE', ClientId: 'a', GenerateSecret: true }, "$ has 'GenerateSecret', which is not a member of an UpdateUserPoolClient request"],
    // Before, "got null": JSON.stringify writes Infinity so.
    ['a number too large for a double', '{"UserPoolId": "us-west-2_EXAMPLE", "ClientName": "a", "AccessTokenValidity": 1e400}',
      '$.AccessTokenValidity must be an integer; got a number too large to be one.'],
    ['an empty file', '', 'is empty; expected a CloudFormation template in JSON or YAML, or API JSON (app client requests or responses).'],
  ])('%s', (_, content, message) => {
    const file = write(content);
    const r = cli(file);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file}: ${message}`);
  });

  test('--input-kind api on a template, --input-kind template on API JSON', () => {
    const template = write({ Resources: {} });
    expect(cli('--input-kind', 'api', template).err).toContain("$ has 'Resources', which is not a member of a CreateUserPoolClient request");
    expect(cli('--input-kind', 'template', REQUEST).err).toContain('has no Resources section, so it is not a CloudFormation template');
    expect(cli('--input-kind', 'yaml', REQUEST).err).toContain("--input-kind must be auto, template or api; got 'yaml'.");
  });
});

describe('the update trap: --current and --print-complete-update', () => {
  const update = (extra: Record<string, unknown> = {}) => write({ UserPoolId: 'us-west-2_EXAMPLE', ClientId: '123abc456defEXAMPLE', ClientName: 'MyTestClient', CallbackURLs: ['https://example.com/new'], ...extra }, 'update.json');
  const resets = (...args: string[]) => json(...args).findings.filter((f) => f.ruleId === 'VUPC-UPDATE-FULL-STATE');

  test('each setting the client has that the request omits is a warning naming it and its current value', () => {
    const found = resets('--current', RESPONSE, update());
    // Access and ID tokens of 60 minutes last as long as the API's default (1 hour): a reset changes nothing, and a unit is
    // no setting of its own (reported with the validity it counts).
    expect(found.map((f) => f.property)).toEqual([
      'RefreshTokenValidity', 'ReadAttributes', 'WriteAttributes', 'ExplicitAuthFlows',
      'SupportedIdentityProviders', 'AllowedOAuthFlows', 'AllowedOAuthScopes', 'AllowedOAuthFlowsUserPoolClient', 'AnalyticsConfiguration',
      'PreventUserExistenceErrors', 'EnablePropagateAdditionalUserContextData', 'AuthSessionValidity',
    ]);
    // EnableTokenRevocation is true, its default: nothing is lost.
    expect(found.every((f) => f.severity === 'warning')).toBe(true);
    expect(found[0].message).toContain('RefreshTokenValidity 10 is set on the current client and missing from this UpdateUserPoolClient request, which resets it to its default');
    expect(found[0].message).toContain('--print-complete-update prints the complete request');
  });

  test('the complete request keeps every setting, and checked again it loses nothing', () => {
    const r = cli('--current', RESPONSE, '--print-complete-update', update());
    expect(r.code).toBe(0);
    const complete = JSON.parse(r.out);
    expect(complete).toMatchObject({ ClientId: '123abc456defEXAMPLE', CallbackURLs: ['https://example.com/new'], RefreshTokenValidity: 10, AuthSessionValidity: 4 });
    // The service-linked role Cognito reports beside the application ARN is not sent back.
    expect(complete.AnalyticsConfiguration).toEqual({ ApplicationArn: expect.stringMatching(/^arn:aws:mobiletargeting:/), UserDataShared: true });
    expect(complete).not.toHaveProperty('ClientSecret');
    const again = write(complete, 'complete.json');
    expect(resets('--current', RESPONSE, again)).toEqual([]);
    expect(json('--current', RESPONSE, again).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('--print-complete-update reports what else the request holds on standard error, and an error fails it; it takes no --format or --baseline', () => {
    // Before, it exited 0 whatever the request held: a script sent a request Cognito refuses.
    const r = cli('--current', RESPONSE, '--print-complete-update', update({ CallbackURLs: ['http://example.com/cb'] }));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).CallbackURLs).toEqual(['http://example.com/cb']);
    expect(r.err).toContain('[VUPC-CALLBACK-HTTPS]');
    // The settings the update would reset are in the printed request: not reported.
    expect(r.err).not.toContain('VUPC-UPDATE-FULL-STATE');
    // The printed request is what is checked: a setting it takes from --current is no error of the request it completes.
    const described = JSON.parse(readFileSync(RESPONSE, 'utf8')).UserPoolClient;
    const web = write({ UserPoolClient: { ...described, AllowedOAuthFlows: ['code'], CallbackURLs: ['https://app.example.com/cb'], SupportedIdentityProviders: ['COGNITO'] } }, 'web.json');
    const partial = write({ UserPoolId: 'us-west-2_EXAMPLE', ClientId: '123abc456defEXAMPLE', ClientName: 'web2', AllowedOAuthFlows: ['code'], AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['openid', 'email'] }, 'partial.json');
    const completed = cli('--current', web, '--print-complete-update', partial);
    expect(JSON.parse(completed.out).CallbackURLs).toEqual(['https://app.example.com/cb']);
    expect([completed.code, completed.err]).toEqual([0, expect.not.stringContaining('VUPC-OAUTH-CALLBACK-REQUIRED')]);
    for (const other of [['--format', 'json'], ['--baseline', RESPONSE]]) {
      const refused = cli('--current', RESPONSE, '--print-complete-update', ...other, update());
      expect([refused.code, refused.out]).toEqual([2, '']);
      expect(refused.err).toContain(`--print-complete-update prints the update request itself; ${other[0]} does not apply to it.`);
    }
  });

  test('a structure the request gives in part: each member it omits is reset too, and the complete request keeps them', () => {
    const described = JSON.parse(readFileSync(RESPONSE, 'utf8')).UserPoolClient;
    // Refresh tokens of 720 hours (30 days): a request that sets only the access token's unit would make them 720 days.
    const current = write({
      UserPoolClient: {
        ...described,
        RefreshTokenValidity: 720,
        TokenValidityUnits: { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'hours' },
        RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 30 },
      },
    }, 'hours.json');
    const request = update({ AccessTokenValidity: 30, TokenValidityUnits: { AccessToken: 'minutes' }, RefreshTokenRotation: { Feature: 'ENABLED' } });
    const found = resets('--current', current, request).map((f) => f.property);
    // 720 hours are the default 30 days: the reset the request makes (validity and unit omitted) changes nothing.
    expect(found.filter((p) => p === 'RefreshTokenValidity' || p.startsWith('TokenValidityUnits'))).toEqual([]);
    expect(found.filter((p) => p.includes('.'))).toEqual(['RefreshTokenRotation.RetryGracePeriodSeconds']);
    const complete = JSON.parse(cli('--current', current, '--print-complete-update', request).out);
    expect(complete.TokenValidityUnits).toEqual({ AccessToken: 'minutes', IdToken: 'hours', RefreshToken: 'hours' });
    expect(complete.RefreshTokenRotation).toEqual({ Feature: 'ENABLED', RetryGracePeriodSeconds: 30 });
    expect(resets('--current', current, write(complete, 'complete.json'))).toEqual([]);
    // Analytics moving to another kind of target is replaced whole: an ARN takes no role or external id of the id form.
    const byId = write({ UserPoolClient: { ...described, AnalyticsConfiguration: { ApplicationId: 'a'.repeat(32), RoleArn: 'arn:aws:iam::123456789012:role/r', ExternalId: 'x', UserDataShared: true } } }, 'by-id.json');
    const toArn = update({ AnalyticsConfiguration: { ApplicationArn: 'arn:aws:mobiletargeting:us-west-2:123456789012:apps/abc' } });
    expect(JSON.parse(cli('--current', byId, '--print-complete-update', toArn).out).AnalyticsConfiguration).toEqual({ ApplicationArn: 'arn:aws:mobiletargeting:us-west-2:123456789012:apps/abc' });
  });

  test('a validity the request gives without its unit is read in the API\'s default unit: said, and the complete request keeps that meaning', () => {
    // Before, the complete request took the current client's minutes for the request's bare 10, which the API reads as 10 hours.
    const request = update({ AccessTokenValidity: 10 });
    const unit = resets('--current', RESPONSE, request).filter((f) => f.property.startsWith('TokenValidityUnits'));
    expect(unit.map((f) => f.property)).toEqual(['TokenValidityUnits.AccessToken']);
    expect(unit[0].message).toContain("so the request's AccessTokenValidity 10 is read in hours (the API's default unit), not in minutes");
    expect(unit[0].message).toContain('Add TokenValidityUnits.AccessToken: minutes to the request if 10 minutes is meant');
    const r = cli('--current', RESPONSE, '--print-complete-update', request);
    expect(r.code).toBe(0);
    const complete = JSON.parse(r.out);
    expect([complete.AccessTokenValidity, complete.TokenValidityUnits]).toEqual([10, { AccessToken: 'hours', IdToken: 'minutes', RefreshToken: 'days' }]);
    expect(resets('--current', RESPONSE, write(complete, 'complete.json'))).toEqual([]);
    // Boundary: the request names the unit, or the current client counts in the default unit: nothing to say, nothing changed.
    expect(resets('--current', RESPONSE, update({ AccessTokenValidity: 10, TokenValidityUnits: { AccessToken: 'minutes' } }))
      .filter((f) => f.property.startsWith('TokenValidityUnits'))).toEqual([]);
    const hours = write({ UserPoolClient: { ...JSON.parse(readFileSync(RESPONSE, 'utf8')).UserPoolClient, TokenValidityUnits: { AccessToken: 'hours' }, AccessTokenValidity: 2 } }, 'hours.json');
    expect(resets('--current', hours, request).filter((f) => f.property.startsWith('TokenValidityUnits') || f.property === 'AccessTokenValidity')).toEqual([]);
    expect(JSON.parse(cli('--current', hours, '--print-complete-update', request).out).TokenValidityUnits).toEqual({ AccessToken: 'hours' });
  });

  test('a validity omitted from the request that lasts as long as the API\'s default loses nothing: no warning', () => {
    const described = JSON.parse(readFileSync(RESPONSE, 'utf8')).UserPoolClient;
    const units = { AccessToken: 'minutes', IdToken: 'seconds', RefreshToken: 'days' };
    const settings = { RefreshTokenValidity: 30, AccessTokenValidity: 60, IdTokenValidity: 3600, TokenValidityUnits: units };
    const atDefault = write({ UserPoolClient: { ...described, ...settings } }, 'at-default.json');
    expect(resets('--current', atDefault, update()).map((f) => f.property).filter((p) => p.includes('Token'))).toEqual([]);
    // Boundary: a minute more is a lifetime the reset changes.
    const longer = write({ UserPoolClient: { ...described, AccessTokenValidity: 61 } }, 'longer.json');
    expect(resets('--current', longer, update()).map((f) => f.property).filter((p) => p.includes('Token'))).toEqual(['RefreshTokenValidity', 'AccessTokenValidity']);
  });

  test('a structure the request omits whose every member is at its default loses nothing: no warning', () => {
    // Before, RefreshTokenRotation {DISABLED, 0} and units at hours and days were each reported as lost, though a reset gives the same values.
    const described = JSON.parse(readFileSync(RESPONSE, 'utf8')).UserPoolClient;
    const current = write({
      UserPoolClient: {
        ...described,
        TokenValidityUnits: { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' },
        AccessTokenValidity: 1,
        IdTokenValidity: 1,
        RefreshTokenRotation: { Feature: 'DISABLED', RetryGracePeriodSeconds: 0 },
      },
    }, 'defaults.json');
    const found = resets('--current', current, update()).map((f) => f.property);
    expect(found).not.toContain('RefreshTokenRotation');
    expect(found).not.toContain('TokenValidityUnits');
    // A member that is not at its default is still reported, under the structure's name.
    const rotating = write({ UserPoolClient: { ...described, RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 } } }, 'rotating.json');
    expect(resets('--current', rotating, update()).map((f) => f.property)).toContain('RefreshTokenRotation');
  });

  test('an update request cannot say whether the client has a secret: rules that need to know wait for --current', () => {
    const file = update({ EnablePropagateAdditionalUserContextData: true });
    expect(ruleIds(file)).not.toContain('VUPC-CONTEXT-DATA-SECRET');
    const withoutSecret = write({ UserPoolClient: { ...JSON.parse(readFileSync(RESPONSE, 'utf8')).UserPoolClient, ClientSecret: undefined } }, 'public.json');
    expect(ruleIds('--current', withoutSecret, file)).toContain('VUPC-CONTEXT-DATA-SECRET');
    expect(ruleIds('--current', RESPONSE, file)).not.toContain('VUPC-CONTEXT-DATA-SECRET');
  });

  test('a request for another client, or a --current that is not a describe response, exits 2', () => {
    expect(cli('--current', RESPONSE, update({ ClientId: 'other' })).err).toContain('updates client other of us-west-2_EXAMPLE, but --current describes 123abc456defEXAMPLE of us-west-2_EXAMPLE');
    // The complete request is never made from another client's settings.
    const other = cli('--current', RESPONSE, '--print-complete-update', update({ ClientId: 'other' }));
    expect([other.code, other.out]).toEqual([2, '']);
    expect(other.err).toContain('updates client other of us-west-2_EXAMPLE, but --current describes 123abc456defEXAMPLE');
    const otherPool = cli('--current', RESPONSE, '--print-complete-update', update({ UserPoolId: 'eu-west-1_Other' }));
    expect([otherPool.code, otherPool.out]).toEqual([2, '']);
    expect(otherPool.err).toContain('of eu-west-1_Other, but --current describes 123abc456defEXAMPLE of us-west-2_EXAMPLE');
    expect(cli('--current', REQUEST, update()).err).toContain('--current takes one DescribeUserPoolClient response');
    expect(cli('--print-complete-update', update()).err).toContain('--print-complete-update needs --current');
    // --current with no update request among the inputs would compare nothing: said, not passed over.
    const nothing = cli('--current', RESPONSE, REQUEST);
    expect([nothing.code, nothing.err]).toEqual([2, expect.stringContaining('--current compares UpdateUserPoolClient requests with the client they change; the inputs hold none')]);
  });
});

describe('API JSON as the SDKs and shell loops write it', () => {
  const described = () => JSON.parse(readFileSync(RESPONSE, 'utf8')).UserPoolClient;

  test('a request in YAML (the AWS CLI\'s --cli-input-yaml) is checked as a request; a YAML template stays a template', () => {
    const yaml = write('UserPoolId: us-west-2_EXAMPLE\nClientName: yaml-client\nCallbackURLs:\n  - http://partner.example.com/cb\nAllowedOAuthFlowsUserPoolClient: true\n'
      + 'AllowedOAuthFlows: [code]\nAllowedOAuthScopes: [openid]\nSupportedIdentityProviders: [COGNITO]\n', 'request.yaml');
    const run = JSON.parse(cli('--format', 'json', yaml).out);
    expect(run.inputs[0].api).toBe('request');
    expect(run.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('VUPC-CALLBACK-HTTPS');
    const template = write('Resources:\n  Client:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: us-west-2_EXAMPLE\n', 'template.yaml');
    expect(JSON.parse(cli('--format', 'json', template).out).inputs[0].api).toBeUndefined();
  });

  test('a skeleton\'s empty name and id name nothing in findings', () => {
    const skeleton = write({ UserPoolId: '', ClientId: '', ClientName: '' }, 'skeleton.json');
    expect(cli(skeleton).out).toContain('(unnamed client)');
    expect(cli(skeleton).out).not.toContain('(, )');
  });

  test('a UserPoolClientType on its own (--query UserPoolClient) is a describe response, not an update request', () => {
    const file = write(described(), 'query.json');
    const run = json(file);
    expect(run.findings.filter((f) => f.ruleId === 'VUPC-UPDATE-FULL-STATE')).toEqual([]);
    expect(JSON.parse(cli('--format', 'json', file).out).inputs[0].api).toBe('response');
  });

  test('the SDKs\' request metadata beside UserPoolClient is left aside (boto3, the JavaScript SDK v3)', () => {
    expect(cli(write({ UserPoolClient: described(), ResponseMetadata: { HTTPStatusCode: 200 } }, 'boto3.json')).code).not.toBe(2);
    expect(cli(write({ UserPoolClient: described(), $metadata: { httpStatusCode: 200 } }, 'jsv3.json')).code).not.toBe(2);
  });

  test('pretty-printed responses one after another (a loop without jq -c) are read, each with its line', () => {
    const one = JSON.stringify({ UserPoolClient: described() }, null, 2);
    const file = write(`${one}\n${one.replace('MyTestClient', 'Second')}\n`, 'loop.json');
    const run = JSON.parse(cli('--format', 'json', file).out);
    expect(run.inputs[0].clients).toBe(2);
  });

  test('pretty-printed responses one after another, one of them broken or cut off: the error names that one, not the position after the first', () => {
    const one = JSON.stringify({ UserPoolClient: described() }, null, 2);
    const lines = one.split('\n').length;
    const broken = write(`${one}\n${one.replace('"AccessTokenValidity": 60,', '"AccessTokenValidity": 60')}\n`, 'loop.json');
    for (const kind of ['auto', 'api']) {
      const run = cli('--input-kind', kind, broken);
      expect(run.code).toBe(2);
      expect(run.err).toMatch(new RegExp(`loop\\.json: the JSON document that starts on line ${lines + 1} is not valid JSON on line \\d+ \\(Expected ',' or '}'`));
    }
    const cut = cli(write(`${one}\n${one.slice(0, one.length / 2)}`, 'cut.json'));
    expect(cut.code).toBe(2);
    expect(cut.err).toContain(`the JSON document that starts on line ${lines + 1} is cut off: it ends before its closing brace or bracket`);
    expect(cut.err).not.toContain(SECRET);
  });

  test('a secret given with the wrong type, or near a JSON syntax error, is not echoed', () => {
    const secret = 'MyS3cretValue0123456789abcdef';
    for (const args of [
      [write({ UserPoolId: 'us-west-2_EXAMPLE', ClientName: 'a', ClientSecret: [secret] }, 'list-secret.json')],
      [write({ UserPoolClient: { ...described(), AnalyticsConfiguration: [{ ApplicationId: 'a'.repeat(32), ExternalId: secret }] } }, 'list-analytics.json')],
      ['--format', 'sarif', write({ UserPoolId: 'us-west-2_EXAMPLE', ClientName: 'a', ClientSecret: [secret] }, 'list-secret.json')],
    ]) {
      const run = cli(...args);
      expect(run.code).toBe(2);
      expect(run.out + run.err).not.toContain(secret);
      expect(run.out + run.err).toContain('*'.repeat(secret.length));
    }
    const unquoted = write(`{"UserPoolId": "us-west-2_EXAMPLE", "ClientName": "a", "ClientSecret": ${secret}}`, 'unquoted.json');
    const run = cli(unquoted);
    expect(run.code).toBe(2);
    expect(run.err).toContain('is not valid JSON (Unexpected token');
    expect(run.err).not.toContain(secret.slice(1, 8));
  });
});

describe('the pool around API clients, from the API\'s outputs', () => {
  const pool = (extra: Record<string, unknown> = {}) => write({
    UserPool: {
      Id: 'us-west-2_EXAMPLE',
      UserPoolTier: 'ESSENTIALS',
      SchemaAttributes: [{ Name: 'sub', Required: true }, { Name: 'email', Required: true }, { Name: 'custom:tenant', Required: false }, { Name: 'dev:custom:score', Required: false }],
      ...extra,
    },
  }, 'pool.json');
  const providers = () => write({ Providers: [{ ProviderName: 'Google', ProviderType: 'Google' }, { ProviderName: 'MyOIDC', ProviderType: 'OIDC' }] }, 'providers.json');
  const servers = () => write({ ResourceServers: [{ Identifier: 'solar-system-data', Name: 'Solar', Scopes: [{ ScopeName: 'asteroids.add', ScopeDescription: 'add' }] }] }, 'servers.json');
  const poolRules = ['VUPC-IDP-EXISTS', 'VUPC-OAUTH-SCOPE-EXISTS', 'VUPC-OAUTH-NEEDS-DOMAIN', 'VUPC-ATTR-EXISTS', 'VUPC-WRITE-REQUIRED'];
  const found = (...args: string[]) => json(...args).findings.filter((f) => poolRules.includes(f.ruleId)).map((f) => [f.ruleId, f.property]);

  test('without it, the rules about the pool are skipped, as for an imported pool, and the report says so', () => {
    expect(found(REQUEST)).toEqual([]);
    expect(JSON.parse(cli('--format', 'json', REQUEST).out).inputs[0].notices).toEqual([expect.stringMatching(/^the rules about the user pool .* did not run: give --user-pool/)]);
    expect(cli(REQUEST).out).toContain(`NOTE ${REQUEST}: the rules about the user pool`);
    // With them, only what a ListIdentityProviders response cannot say is left to say.
    expect(JSON.parse(cli('--format', 'json', '--user-pool', pool(), '--identity-providers', providers(), '--resource-servers', servers(), REQUEST).out).inputs[0].notices)
      .toEqual([expect.stringMatching(/^the attribute mapping of identity providers Google, MyOIDC is not in a ListIdentityProviders response/)]);
  });

  test('a provider listed and described is one provider with the described mapping, in either order; listed only, its mapping is unknown and said', () => {
    // Before, the list entry (which has no mapping) given after the description hid the description's mapping: no VUPC-WRITE-MAPPED.
    const google = write({ IdentityProvider: { UserPoolId: 'us-west-2_EXAMPLE', ProviderName: 'Google', ProviderType: 'Google', AttributeMapping: { email: 'email', picture: 'picture' } } }, 'google.json');
    const described = JSON.parse(readFileSync(RESPONSE, 'utf8')).UserPoolClient;
    const client = write({ UserPoolClient: { ...described, SupportedIdentityProviders: ['Google'], WriteAttributes: ['email'] } }, 'client.json');
    for (const order of [[providers(), google], [google, providers()]]) {
      const run = json('--user-pool', pool(), ...order.flatMap((f) => ['--identity-providers', f]), client);
      expect(run.findings.filter((f) => f.ruleId === 'VUPC-WRITE-MAPPED').map((f) => f.message)).toEqual([expect.stringContaining("'Google' maps picture")]);
      expect(run.inputs[0].notices.filter((n) => n.includes('attribute mapping'))).toEqual([expect.stringMatching(/^the attribute mapping of identity provider MyOIDC is not in/)]);
    }
    const listed = json('--user-pool', pool(), '--identity-providers', providers(), client);
    expect(listed.findings.filter((f) => f.ruleId === 'VUPC-WRITE-MAPPED')).toEqual([]);
    expect(listed.inputs[0].notices.filter((n) => n.includes('attribute mapping'))).toEqual([
      'the attribute mapping of identity providers Google, MyOIDC is not in a ListIdentityProviders response, so VUPC-WRITE-MAPPED did not run for them: '
        + 'give their DescribeIdentityProvider responses (aws cognito-idp describe-identity-provider) with --identity-providers',
    ]);
    // A described provider without a mapping maps nothing: not named as unknown (before, the note asked for the description given).
    const plain = write({ IdentityProvider: { ProviderName: 'MyOIDC', ProviderType: 'OIDC' } }, 'oidc.json');
    const described2 = json('--user-pool', pool(), '--identity-providers', providers(), '--identity-providers', google, '--identity-providers', plain, client);
    expect(described2.inputs[0].notices.filter((n) => n.includes('attribute mapping'))).toEqual([]);
    // Two descriptions of one provider that disagree: which one is true is not guessed.
    const other = write({ IdentityProvider: { ProviderName: 'Google', ProviderType: 'Google', AttributeMapping: { email: 'email' } } }, 'google2.json');
    const both = cli('--user-pool', pool(), '--identity-providers', google, '--identity-providers', other, client);
    expect([both.code, both.err]).toEqual([2, expect.stringContaining(`--identity-providers describes identity provider Google with another AttributeMapping than ${google} does`)]);
  });

  test('what the pool lacks is said in the API\'s terms: its describe response\'s fields, the operation that adds it', () => {
    // Before, an API client was told its pool had no AWS::Cognito::UserPoolDomain, and to define one.
    const described = JSON.parse(readFileSync(RESPONSE, 'utf8')).UserPoolClient;
    const client = write({ UserPoolClient: { ...described, SupportedIdentityProviders: ['COGNITO', 'Okta'] } }, 'client.json');
    const run = json('--user-pool', pool(), '--identity-providers', providers(), client).findings;
    const domain = run.find((f) => f.ruleId === 'VUPC-OAUTH-NEEDS-DOMAIN')!.message;
    expect(domain).toContain('has no domain (its DescribeUserPool response gives no Domain or CustomDomain)');
    expect(domain).toContain('Fix: Add a domain to the pool (aws cognito-idp create-user-pool-domain)');
    expect(run.find((f) => f.ruleId === 'VUPC-IDP-EXISTS')!.message).toContain('Fix: Create the identity provider in the pool (aws cognito-idp create-identity-provider)');
    expect(JSON.stringify(run)).not.toContain('AWS::Cognito::');
    // The same rules on a template keep CloudFormation's terms.
    const template = write({
      Resources: {
        Pool: { Type: 'AWS::Cognito::UserPool' },
        C: {
          Type: 'AWS::Cognito::UserPoolClient',
          Properties: {
            UserPoolId: { Ref: 'Pool' },
            AllowedOAuthFlowsUserPoolClient: true,
            AllowedOAuthFlows: ['code'],
            AllowedOAuthScopes: ['openid'],
            CallbackURLs: ['https://a.example.com/cb'],
          },
        },
      },
    }, 'template.json');
    expect(json(template).findings.find((f) => f.ruleId === 'VUPC-OAUTH-NEEDS-DOMAIN')!.message).toContain('no AWS::Cognito::UserPoolDomain refers to it');
  });

  test('a DescribeUserPool response lists no providers or resource servers: without their options they are unknown, not absent', () => {
    // The request lists Facebook and custom scopes, which the pool may well have: no finding claims they are missing.
    const poolAlone = json('--user-pool', pool(), REQUEST);
    expect(poolAlone.findings.filter((f) => f.ruleId === 'VUPC-IDP-EXISTS' || f.ruleId === 'VUPC-OAUTH-SCOPE-EXISTS')).toEqual([]);
    expect(poolAlone.inputs[0].notices).toEqual([
      expect.stringMatching(/^the pool's identity providers were not given \(--identity-providers\), so the rules about the providers a client lists did not run$/),
      expect.stringMatching(/^the pool's resource servers were not given \(--resource-servers\)/),
    ]);
    // Given one of them, the other stays unknown.
    expect(found('--user-pool', pool(), '--identity-providers', providers(), REQUEST)).toEqual([['VUPC-IDP-EXISTS', 'SupportedIdentityProviders[1]'], ['VUPC-OAUTH-NEEDS-DOMAIN', 'AllowedOAuthFlows']]);
    expect(json('--user-pool', pool(), '--identity-providers', providers(), REQUEST).inputs[0].notices)
      .toEqual([expect.stringMatching(/^the attribute mapping of identity providers/), expect.stringMatching(/resource servers were not given/)]);
  });

  test('one page of a list response is refused: what is on the next pages would be reported as missing', () => {
    const page = write({ Providers: [{ ProviderName: 'Google', ProviderType: 'Google' }], NextToken: 'abc' }, 'providers-page.json');
    const run = cli('--user-pool', pool(), '--identity-providers', page, REQUEST);
    expect(run.code).toBe(2);
    expect(run.err).toContain('--identity-providers holds one page of a ListIdentityProviders response (NextToken is set): give every page');
  });

  test('providers or resource servers of another pool than --user-pool are refused: they would stand in for what the pool lacks', () => {
    const described = write({ IdentityProvider: { UserPoolId: 'eu-west-1_OTHER', ProviderName: 'Facebook', ProviderType: 'Facebook', ProviderDetails: { client_secret: 'idp-secret-value' } } }, 'facebook.json');
    const provider = cli('--user-pool', pool(), '--identity-providers', described, REQUEST);
    expect(provider.code).toBe(2);
    expect(provider.err).toContain(`${described}: --identity-providers holds an identity provider of user pool eu-west-1_OTHER (ProviderName Facebook), `
      + 'not of the --user-pool pool us-west-2_EXAMPLE: give the ListIdentityProviders response of us-west-2_EXAMPLE.');
    expect(provider.err).not.toContain('idp-secret-value');
    const listed = write({ ResourceServers: [{ UserPoolId: 'eu-west-1_OTHER', Identifier: 'solar-system-data', Name: 'Solar', Scopes: [] }] }, 'servers.json');
    const server = cli('--user-pool', pool(), '--resource-servers', listed, REQUEST);
    expect(server.code).toBe(2);
    expect(server.err).toContain('--resource-servers holds a resource server of user pool eu-west-1_OTHER (Identifier solar-system-data)');
    // Those of the pool itself are read as before.
    expect(cli('--user-pool', pool(), '--resource-servers', write({ ResourceServers: [{ UserPoolId: 'us-west-2_EXAMPLE', Identifier: 'solar-system-data', Name: 'Solar', Scopes: [] }] }), REQUEST).err).toBe('');
  });

  test('a client of another pool than --user-pool is checked without it, and every format says so', () => {
    const other = write({ ...JSON.parse(readFileSync(REQUEST, 'utf8')), UserPoolId: 'eu-west-1_OTHER' }, 'other-pool.json');
    const notice = /^\$ \(MyTestClient\) is a client of pool eu-west-1_OTHER, not of the --user-pool pool us-west-2_EXAMPLE: the rules about the user pool did not run for it$/;
    expect(JSON.parse(cli('--format', 'json', '--user-pool', pool(), other).out).inputs[0].notices).toEqual([expect.stringMatching(notice)]);
    expect(cli('--user-pool', pool(), other).out).toContain('is a client of pool eu-west-1_OTHER, not of the --user-pool pool');
    expect(cli('--format', 'sarif', '--user-pool', pool(), other).out).toContain('is a client of pool eu-west-1_OTHER');
    expect(found('--user-pool', pool(), other)).toEqual([]);
    expect(cli('import', '--user-pool', pool(), other).out).toContain('is a client of pool eu-west-1_OTHER, not of the --user-pool pool');
  });

  test('with the pool, its providers and resource servers: the cross-resource rules run, naming the pool by its id', () => {
    expect(found('--user-pool', pool(), '--identity-providers', providers(), '--resource-servers', servers(), REQUEST)).toEqual([
      ['VUPC-IDP-EXISTS', 'SupportedIdentityProviders[1]'],
      ['VUPC-OAUTH-NEEDS-DOMAIN', 'AllowedOAuthFlows'],
    ]);
    expect(json('--user-pool', pool(), '--identity-providers', providers(), REQUEST).findings.find((f) => f.ruleId === 'VUPC-IDP-EXISTS')!.message)
      .toContain("'Facebook' is not an identity provider of user pool us-west-2_EXAMPLE (it has: COGNITO, Google, MyOIDC)");
  });

  test('a pool with a domain, and custom attributes named as the API names them', () => {
    const client = write({ UserPoolId: 'us-west-2_EXAMPLE', ClientName: 'a', WriteAttributes: ['email', 'custom:tenant', 'custom:role'], ReadAttributes: ['dev:custom:score'] });
    expect(found('--user-pool', pool({ Domain: 'acme-auth' }), client)).toEqual([['VUPC-ATTR-EXISTS', 'WriteAttributes[2]']]);
  });

  test('a client of another pool is not checked against it', () => {
    const client = write({ UserPoolId: 'us-west-2_OTHER', ClientName: 'a', SupportedIdentityProviders: ['Facebook'] });
    expect(found('--user-pool', pool(), '--identity-providers', providers(), client)).toEqual([]);
  });

  test('a pool\'s description given as an input is pointed to its option', () => {
    expect(cli(pool()).err).toContain('it looks like the API\'s description of the pool around clients: give it with --user-pool');
    expect(cli(providers()).err).toContain('give it with --identity-providers');
  });

  test('bad pool input exits 2', () => {
    expect(cli('--identity-providers', providers(), REQUEST).err).toContain('--identity-providers and --resource-servers need --user-pool');
    expect(cli('--user-pool', REQUEST, REQUEST).err).toContain('--user-pool takes a DescribeUserPool response');
    // Two pools in one file (a list, or responses one after another): the second would go unread.
    const described = JSON.parse(readFileSync(pool(), 'utf8'));
    for (const file of [write([described, described]), write(`${JSON.stringify(described)}\n${JSON.stringify(described)}\n`)]) {
      const run = cli('--user-pool', file, REQUEST);
      expect(run.code).toBe(2);
      expect(run.err).toContain('--user-pool takes one DescribeUserPool response; the file holds 2 JSON values');
    }
    expect(cli('--user-pool', pool(), '--identity-providers', servers(), REQUEST).err).toContain('--identity-providers takes ListIdentityProviders responses');
  });
});
