import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Aspects, AspectPriority } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { UserPoolClientValidator } from '../../src';
import { runCli } from '../../src/cli/run';
import { formatMessage, showValue } from '../../src/engine/message';
import { findRule } from '../../src/rules/registry';
import { readDynamicReferences, stringParts, textAsWritten, UNKNOWN } from '../../src/rules/values';
import { testStack } from '../helpers';

/**
 * CloudFormation's dynamic references (`{{resolve:ssm:…}}`,
 * `{{resolve:secretsmanager:…}}`) are replaced by the values they name when
 * the stack deploys, in any string of any resource property. Before, they
 * were read as literal text: an AWS Solutions guidance template (corpus 106)
 * failed VUPC-CALLBACK-ABSOLUTE on `https://{{resolve:secretsmanager:…}}`.
 */

function cli(...args: string[]) {
  let out = '';
  const code = runCli(args, { out: (t) => (out += t), err: (t) => (out += t) });
  return { code, out };
}
const write = (text: string, name = 'template.yaml') => {
  const file = join(mkdtempSync(join(tmpdir(), 'vupc-dynref-')), name);
  writeFileSync(file, text);
  return file;
};
const findings = (file: string) => (JSON.parse(cli('--format', 'json', file).out) as { findings: Array<{ ruleId: string; severity: string; property: string; message: string }> }).findings;

const TEMPLATE = (client: string) => `Parameters:
  Stage: {Type: String}
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
  Domain:
    Type: AWS::Cognito::UserPoolDomain
    Properties: {UserPoolId: !Ref Pool, Domain: example-dynref}
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      AllowedOAuthFlowsUserPoolClient: true
      AllowedOAuthFlows: [code]
      AllowedOAuthScopes: [openid]
      SupportedIdentityProviders: [COGNITO]
${client}`;

describe('reading a string', () => {
  test('a dynamic reference is a value known at deployment, alone or within text', () => {
    expect(readDynamicReferences('https://app.example.com/cb')).toBe('https://app.example.com/cb');
    expect(readDynamicReferences('{{resolve:ssm:/app/name}}')).toEqual({ Ref: '{{resolve:ssm:/app/name}}' });
    expect(readDynamicReferences('https://{{resolve:secretsmanager:domain}}/cb')).toEqual({
      'Fn::Join': ['', ['https://', { Ref: '{{resolve:secretsmanager:domain}}' }, '/cb']],
    });
    // Text that only looks like the start of one is text.
    expect(readDynamicReferences('a{{resolve:ssm:unclosed')).toBe('a{{resolve:ssm:unclosed');
  });

  test('text that never closes is read in linear time, whatever variables it holds (a typo must not stall a synth)', () => {
    // Before, each `${…}` doubled the time: 26 of them took 29 s.
    const text = `{{resolve:ssm:/app/${'${Stage}'.repeat(5000)}`;
    const start = Date.now();
    expect(readDynamicReferences(text)).toBe(text);
    // In an Fn::Sub the variables are unknown parts (no dynamic reference closes).
    expect(stringParts({ 'Fn::Sub': text })).toEqual(['{{resolve:ssm:/app/', UNKNOWN]);
    expect(Date.now() - start).toBeLessThan(1000);
    expect(readDynamicReferences('{{resolve:ssm:/a/$x/}b}}')).toEqual({ Ref: '{{resolve:ssm:/a/$x/}b}}' });
  });

  test('inside Fn::Join and Fn::Sub a dynamic reference is an unknown part, whatever variables its name holds', () => {
    expect(stringParts({ 'Fn::Join': ['', ['https://', '{{resolve:ssm:/h}}', '/cb']] })).toEqual(['https://', UNKNOWN, '/cb']);
    expect(stringParts({ 'Fn::Sub': 'https://{{resolve:ssm:/${Stage}/host}}/cb' })).toEqual(['https://', UNKNOWN, '/cb']);
    expect(stringParts({ 'Fn::Sub': ['{{resolve:ssm:/app/${Stage}}}#x', { Stage: 'prod' }] })).toEqual([UNKNOWN, '#x']);
    // A variable given as text may hold one too.
    expect(stringParts({ 'Fn::Sub': ['https://${Host}/cb', { Host: '{{resolve:ssm:/h}}' }] })).toEqual(['https://', UNKNOWN, '/cb']);
  });

  test('findings show such a value as it was written', () => {
    const read = readDynamicReferences('https://{{resolve:ssm:/h}}/cb#tab');
    expect(textAsWritten(read)).toBe('https://{{resolve:ssm:/h}}/cb#tab');
    expect(showValue(read)).toBe("'https://{{resolve:ssm:/h}}/cb#tab'");
    // A secret is masked as the string it was written as.
    const finding = formatMessage(findRule('VUPC-PROPERTY-READ-ONLY')!, 'T#Client', { property: 'ClientSecret', value: readDynamicReferences('x{{resolve:secretsmanager:s}}'), problem: 'is read-only' });
    expect(finding).toMatch(/ClientSecret '\*+' is read-only/);
    // A real join, or a Ref to a parameter, is shown as the template has it.
    expect(textAsWritten({ 'Fn::Join': ['', ['https://', { Ref: 'Host' }]] })).toBeUndefined();
    expect(textAsWritten({ 'Fn::Join': ['', ['a', 'b']] })).toBeUndefined();
  });
});

describe('the command line', () => {
  test('dynamic references raise no error where the value they name decides (as the guidance template writes them)', () => {
    const file = write(TEMPLATE(`      ClientName: '{{resolve:ssm:/app/client-name}}'
      AccessTokenValidity: '{{resolve:ssm:/app/access-hours}}'
      TokenValidityUnits: {AccessToken: hours}
      CallbackURLs:
        - 'https://{{resolve:secretsmanager:cloudfront-primary-domain-name}}'
        - '{{resolve:ssm:/app/callback-url}}'
        - !Sub 'https://{{resolve:ssm:/\${Stage}/host}}/cb'
        - !Join ['', ['https://', '{{resolve:ssm:/h}}', '/cb']]
      DefaultRedirectURI: '{{resolve:ssm:/app/callback-url}}'
      LogoutURLs: ['{{resolve:ssm:/app/logout-url}}']
`));
    const run = cli(file);
    expect(run.out).toContain('0 errors, 0 warnings in 1 app client of 1 template.');
    expect(run.code).toBe(0);
  });

  test('what the literal text decides is still checked, and the value is shown as written', () => {
    const file = write(TEMPLATE(`      ClientName: '{{resolve:ssm:/app/name}}/web'
      CallbackURLs: ['https://{{resolve:ssm:/app/host}}/cb#tab']
`));
    const found = findings(file);
    expect(found.map((f) => [f.ruleId, f.severity, f.property])).toEqual([
      ['VUPC-CLIENTNAME-PATTERN', 'error', 'ClientName'],
      ['VUPC-CALLBACK-NO-FRAGMENT', 'error', 'CallbackURLs[0]'],
    ]);
    expect(found[0].message).toContain("ClientName '{{resolve:ssm:/app/name}}/web' has '/' in its literal text");
    expect(found[1].message).toContain("CallbackURLs[0] 'https://{{resolve:ssm:/app/host}}/cb#tab' contains a fragment");
  });

  test('a policy still checks the hosts the literal text decides (a regression the first reading of dynamic references made)', () => {
    const file = write(TEMPLATE(`      CallbackURLs:
        - 'https://evil.example.net/{{resolve:ssm:/app/path}}'
        - 'http://localhost:{{resolve:ssm:/app/port}}/cb'
        - 'https://app.example.com/{{resolve:ssm:/app/path}}'
        - 'https://{{resolve:ssm:/app/tenant}}.evil.example.net/cb'
        - 'https://{{resolve:ssm:/app/tenant}}.example.com/cb'
`));
    const policy = write(JSON.stringify({ allowedUrlHosts: ['app.example.com'], forbidLoopbackUrls: true }), 'policy.json');
    const report = JSON.parse(cli('--format', 'json', '--policy', policy, file).out) as { findings: Array<{ ruleId: string; property: string; message: string }> };
    expect(report.findings.map((f) => [f.ruleId, f.property])).toEqual([
      ['VUPC-POLICY-NO-LOOPBACK-URLS', 'CallbackURLs[1]'],
      ['VUPC-POLICY-URL-HOSTS', 'CallbackURLs[0]'],
      ['VUPC-POLICY-URL-HOSTS', 'CallbackURLs[1]'],
      ['VUPC-POLICY-URL-HOSTS', 'CallbackURLs[3]'],
      ['VUPC-POLICY-URL-HOST-UNKNOWN', 'CallbackURLs[4]'],
    ]);
    expect(report.findings[3].message).toContain('uses a host ending with .evil.example.net, which none of allowedUrlHosts (app.example.com) can be');
    // The end of the host rules loopback out, but not every allowed host: only the one option is named.
    expect(report.findings[4].message).toContain('known only when the stack deploys, so allowedUrlHosts could not check it');
  });

  test('a provider name or resource server identifier written as one leaves the pool\'s providers and scopes partly unknown, as a Ref does', () => {
    // Before, they were read as literal names: VUPC-IDP-EXISTS and VUPC-OAUTH-SCOPE-EXISTS failed the client.
    const file = write(`Resources:
  Pool:
    Type: AWS::Cognito::UserPool
  Domain:
    Type: AWS::Cognito::UserPoolDomain
    Properties: {UserPoolId: !Ref Pool, Domain: abc}
  Idp:
    Type: AWS::Cognito::UserPoolIdentityProvider
    Properties:
      UserPoolId: !Ref Pool
      ProviderName: '{{resolve:ssm:/app/idp-name}}'
      ProviderType: OIDC
      ProviderDetails: {client_id: x, client_secret: '{{resolve:secretsmanager:idp:SecretString:secret}}', authorize_scopes: openid, oidc_issuer: 'https://issuer.example.com'}
  Server:
    Type: AWS::Cognito::UserPoolResourceServer
    Properties: {UserPoolId: !Ref Pool, Identifier: '{{resolve:ssm:/app/api}}', Name: api, Scopes: [{ScopeName: read, ScopeDescription: read}]}
  Client:
    Type: AWS::Cognito::UserPoolClient
    DependsOn: [Idp, Server]
    Properties:
      UserPoolId: !Ref Pool
      AllowedOAuthFlowsUserPoolClient: true
      AllowedOAuthFlows: [code]
      AllowedOAuthScopes: [openid, orders/read]
      SupportedIdentityProviders: [COGNITO, MyOidc]
      CallbackURLs: ['https://app.example.com/cb']
`);
    const found = findings(file);
    expect(found.map((f) => [f.ruleId, f.severity, f.property])).toEqual([
      ['VUPC-POOL-RESOURCES-UNKNOWN', 'info', 'SupportedIdentityProviders'],
      ['VUPC-POOL-RESOURCES-UNKNOWN', 'info', 'AllowedOAuthScopes'],
    ]);
    expect(found[0].message).toContain("the ProviderName of its identity provider Idp is '{{resolve:ssm:/app/idp-name}}', known only at deploy time");
  });

  test('an API request sends its strings as they are: there the text is the value', () => {
    const request = write(JSON.stringify({ UserPoolId: 'us-east-1_AbC123', ClientName: 'app', CallbackURLs: ['{{resolve:ssm:/app/callback-url}}'] }), 'request.json');
    expect(findings(request).map((f) => [f.ruleId, f.property])).toContainEqual(['VUPC-CALLBACK-ABSOLUTE', 'CallbackURLs[0]']);
  });
});

describe('the aspects', () => {
  test('a dynamic reference in a client of the construct tree is read the same way', () => {
    const { stack, pool } = testStack();
    pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'example-dynref' } });
    const client = (id: string, url: string) => new cognito.CfnUserPoolClient(stack, id, {
      userPoolId: pool.userPoolId,
      allowedOAuthFlowsUserPoolClient: true,
      allowedOAuthFlows: ['code'],
      allowedOAuthScopes: ['openid'],
      supportedIdentityProviders: ['COGNITO'],
      callbackUrLs: [url],
    });
    client('Fine', 'https://{{resolve:secretsmanager:domain}}');
    client('Fragment', 'https://{{resolve:secretsmanager:domain}}/cb#tab');
    Aspects.of(stack).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
    const errors = Annotations.fromStack(stack).findError('*', Match.anyValue()).map((m) => [m.id, String(m.entry.data).split(':')[0]]);
    expect(errors).toEqual([['/Stack/Fragment', '[VUPC-CALLBACK-NO-FRAGMENT] Stack/Fragment']]);
  });
});
