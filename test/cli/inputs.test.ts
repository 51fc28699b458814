import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { pathToFileURL } from 'url';
import { Annotations, App, AspectPriority, Aspects, NestedStack, Stack, Stage, Validations } from 'aws-cdk-lib';
import { Annotations as CdkAnnotations, Match } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { UserPoolClientValidationPlugin, UserPoolClientValidator } from '../../src';
import { runCli } from '../../src/cli/run';
import { parseCloudFormationYaml } from '../../src/cli/yaml';
import { testApp } from '../helpers';

const tmp = () => mkdtempSync(join(tmpdir(), 'vupc-inputs-'));

function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = runCli(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

function write(content: string | Buffer, name: string, dir = tmp()): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

const CLIENT_YAML = `
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]`;

describe('YAML as CloudFormation reads it', () => {
  test('a flow sequence closed at its key\'s indentation (public template; the yaml package refuses it)', () => {
    const file = write(`Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties:
      AdminCreateUserConfig:
        InviteMessageTemplate:
          EmailMessage: !Join ["", [
            "Your username is {username}. Stack: ",
            Ref: AWS::Region,
            "/stacks"
          ]]${CLIENT_YAML}
`, 'template.yaml');
    const r = cli(file);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('0 errors, 0 warnings in 1 app client of 1 template.');
  });

  test('every short form reads as its long form, on scalars, sequences and mappings', () => {
    const parsed = parseCloudFormationYaml(`
a: !Ref Pool
b: !GetAtt Pool.ProviderURL
c: !GetAtt [Pool, Arn]
d: !GetAtt Api.Outputs.Url
e: !Sub "https://\${Domain}/cb"
f: !Sub ["https://\${D}/cb", { D: !Ref Domain }]
g: !Join [",", [a, !Ref B]]
h: !If [IsProd, x, !Ref AWS::NoValue]
i: !Select [0, !Split [",", !ImportValue shared]]
j: !FindInMap [Map, !Ref AWS::Region, Key]
k: !Equals [!Ref Env, prod]
l: !Condition IsProd
m: !Base64 text
n: !GetAZs ""
o: !Cidr [!Ref Block, 2, 8]
p: !Not [!Condition IsProd]
q: !And [!Condition A, !Or [!Condition B, !Condition C]]
r: !Transform { Name: AWS::Include, Parameters: { Location: s3://b/k } }
s: !Length [a, b]
t: !ToJsonString { a: 1 }
`);
    expect(parsed).toEqual({
      a: { Ref: 'Pool' },
      b: { 'Fn::GetAtt': ['Pool', 'ProviderURL'] },
      c: { 'Fn::GetAtt': ['Pool', 'Arn'] },
      d: { 'Fn::GetAtt': ['Api', 'Outputs.Url'] },
      e: { 'Fn::Sub': 'https://${Domain}/cb' },
      f: { 'Fn::Sub': ['https://${D}/cb', { D: { Ref: 'Domain' } }] },
      g: { 'Fn::Join': [',', ['a', { Ref: 'B' }]] },
      h: { 'Fn::If': ['IsProd', 'x', { Ref: 'AWS::NoValue' }] },
      i: { 'Fn::Select': [0, { 'Fn::Split': [',', { 'Fn::ImportValue': 'shared' }] }] },
      j: { 'Fn::FindInMap': ['Map', { Ref: 'AWS::Region' }, 'Key'] },
      k: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] },
      l: { Condition: 'IsProd' },
      m: { 'Fn::Base64': 'text' },
      n: { 'Fn::GetAZs': '' },
      o: { 'Fn::Cidr': [{ Ref: 'Block' }, 2, 8] },
      p: { 'Fn::Not': [{ Condition: 'IsProd' }] },
      q: { 'Fn::And': [{ Condition: 'A' }, { 'Fn::Or': [{ Condition: 'B' }, { Condition: 'C' }] }] },
      r: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } },
      s: { 'Fn::Length': ['a', 'b'] },
      t: { 'Fn::ToJsonString': { a: 1 } },
    });
  });

  test('YAML 1.1 scalars, as PyYAML (and cfn-lint) read them', () => {
    expect(parseCloudFormationYaml(`
AWSTemplateFormatVersion: 2010-09-09
yes: yes
on: On
off: OFF
no: no
quoted: "yes"
octal: 010
sexagesimal: 1:30
exponent: 1e3
float: 1.5
nothing: ~
empty:
`)).toEqual({
      AWSTemplateFormatVersion: '2010-09-09',
      // Keys are scalars too: `yes:` and `on:` are the key true, `off:` and `no:` the key false; the last one given wins.
      true: true,
      false: false,
      quoted: 'yes',
      octal: 8,
      sexagesimal: 90,
      exponent: '1e3',
      float: 1.5,
      nothing: null,
      empty: null,
    });
  });

  test('YAML 1.1 tags PyYAML reads are read (a timestamp or binary as the text written), as cfn-lint reads them', () => {
    expect(parseCloudFormationYaml('a: !!timestamp 2001-12-14\nb: !!binary aGVsbG8=\nc: !!str 10\nd: !!int "10"\ne: !!bool yes\n'))
      .toEqual({ a: '2001-12-14', b: 'aGVsbG8=', c: '10', d: 10, e: true });
  });

  test('a key given twice keeps its last value; a byte order mark and CRLF line ends are read', () => {
    expect(parseCloudFormationYaml('\uFEFFa: 1\r\na: 2\r\nb: [x,\r\n  y]\r\n')).toEqual({ a: 2, b: ['x', 'y'] });
    const file = write(`\uFEFFResources:\r\n${CLIENT_YAML.replace(/\n/g, '\r\n')}\r\n  Pool:\r\n    Type: AWS::Cognito::UserPool\r\n`, 'crlf.yaml');
    expect(cli(file)).toMatchObject({ code: 0, out: expect.stringContaining('in 1 app client of 1 template.') });
  });

  test('booleans written yes/no/on/off are booleans (no type error)', () => {
    const file = write(`Resources:${CLIENT_YAML}
      GenerateSecret: no
      EnableTokenRevocation: on
  Pool:
    Type: AWS::Cognito::UserPool
`, 't.yaml');
    expect(cli(file)).toMatchObject({ code: 0, out: expect.stringContaining('0 errors, 0 warnings') });
  });

  test('findings on flow-style lists point at the entry\'s line', () => {
    const file = write(`Resources:
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: eu-west-1_abc
      AllowedOAuthFlowsUserPoolClient: true
      AllowedOAuthFlows: [code]
      AllowedOAuthScopes: [openid]
      SupportedIdentityProviders: [COGNITO]
      CallbackURLs: [
        "https://app.example.com/cb",
        "http://app.example.com/cb"
      ]
`, 't.yaml');
    const r = cli('--format', 'json', file);
    const https = JSON.parse(r.out).findings.find((f: { ruleId: string }) => f.ruleId === 'VUPC-CALLBACK-HTTPS');
    expect(https).toMatchObject({ property: 'CallbackURLs[1]', line: 12 });
  });
});

describe('inputs that are not templates exit 2 with what is wrong', () => {
  test.each([
    ['a binary file', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'image.png', /image.png: is a binary file, not a CloudFormation template/],
    ['text that is not UTF-8', Buffer.from([0x52, 0x65, 0x73, 0xff, 0xfe, 0x3a]), 'latin.yaml', /latin.yaml: is not UTF-8 text/],
    ['UTF-16 text (PowerShell\'s >)', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Resources: {}\n', 'utf16le')]), 'ps.yaml', /ps.yaml: is UTF-16 text; save it as UTF-8/],
    ['JSON nested deeper than any template', `{"Resources":{"C":{"Type":"AWS::Cognito::UserPoolClient","Properties":{"CallbackURLs":${'['.repeat(5000)}${']'.repeat(5000)}}}}}`, 'deep.json',
      /deep.json: nests deeper than 100 levels/],
    ['API JSON nested deeper than any request', `{"UserPoolId":"us-east-1_a","ClientName":${'['.repeat(500)}${']'.repeat(500)}}`, 'request.json', /request.json: nests deeper than 100 levels/],
    ['package.json', JSON.stringify({ name: 'app', version: '1.0.0', scripts: {} }), 'package.json', /package.json: has no Resources section, so it is not a CloudFormation template \(its top-level keys: name, version, scripts\)/],
    // Before, the keys were cut at five with nothing to say so.
    ['a Serverless Framework service file without resources', 'service: app\nframeworkVersion: "3"\nprovider: {name: aws}\ncustom: {}\nfunctions: {}\nplugins: []\n'
      + 'package: {}\nlayers: {}\nparams: {}\n', 'serverless.yml', new RegExp('serverless.yml: has no Resources section, so it is not a CloudFormation template \\(its top-level keys: '
      + 'service, frameworkVersion, provider, custom, functions, plugins, package, layers, … \\(9 in all\\)\\); it looks like a Serverless Framework service file: '
      + 'check the template the framework generates \\(serverless package writes .serverless/cloudformation-template-update-stack.json\\)')],
    ['a Serverless Framework service file that includes its resources', 'service: app\nprovider: {name: aws}\nresources:\n  - ${file(resources/cognito.yml)}\n',
      'serverless.yml', /serverless.yml: is a Serverless Framework service file whose resources section includes other files \(\$\{file\(resources\/cognito.yml\)\}\): give those files as inputs/],
    ['a JSON list', '[1,2,3]', 'list.json', /list.json: is a list, not a CloudFormation template \(a mapping with a Resources section\)/],
    ['a number', '42', 'number.yaml', /number.yaml: is a number, not a CloudFormation template/],
    ['Resources: null', '{"Resources": null}', 'null.json', /null.json: its Resources section is empty \(null\), not a mapping of resources by logical id/],
    ['Resources as a list', 'Resources:\n  - a\n', 'list.yaml', /list.yaml: its Resources section is a list, not a mapping/],
  ])('%s', (_name, content, name, message) => {
    const r = cli(write(content, name));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  test('a Serverless Framework service file: its resources section is checked as a template, with lines, and the report says so', () => {
    // Before, exit 2 ("not a CloudFormation template"), and the client in its resources section went unchecked.
    const file = write('service: app\nprovider:\n  name: aws\nfunctions: {}\nresources:\n  Resources:\n    Client:\n      Type: AWS::Cognito::UserPoolClient\n'
      + '      Properties:\n        UserPoolId: !Ref Pool\n        ClientName: ${self:service}-client\n        CallbackURLs:\n          - http://app.example.com/cb\n'
      + '        AllowedOAuthFlowsUserPoolClient: true\n        AllowedOAuthFlows: [code]\n        AllowedOAuthScopes: [openid]\n'
      + '    Pool:\n      Type: AWS::Cognito::UserPool\n', 'serverless.yml');
    const r = JSON.parse(cli('--format', 'json', file).out) as { inputs: Array<{ clients: number; notices: string[] }>; findings: Array<{ ruleId: string; line?: number }> };
    expect(r.inputs[0].clients).toBe(1);
    expect(r.inputs[0].notices).toEqual([expect.stringMatching(/^is a Serverless Framework service file: its resources section was checked as a template/),
      expect.stringMatching(/^holds Serverless Framework variables in 1 value/)]);
    expect(r.findings.find((f) => f.ruleId === 'VUPC-CALLBACK-HTTPS')).toMatchObject({ line: 13 });
  });

  test('standard input is read with -, through the real entry point', () => {
    const main = join(__dirname, '..', '..', 'src', 'cli', 'main.ts');
    const run = (input: string, format = 'json') => spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', main, '--format', format, '-'], {
      input,
      encoding: 'utf8',
      env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '..', '..', 'scripts', 'tsconfig.json') },
    });
    const good = run(`Resources:${CLIENT_YAML}\n      AuthSessionValidity: 30\n`);
    expect(good.status).toBe(1);
    expect(JSON.parse(good.stdout)).toMatchObject({
      complete: true,
      inputs: [{ file: '<stdin>', status: 'checked', clients: 1 }],
      findings: [
        { ruleId: 'VUPC-AUTHSESSION-RANGE', file: '<stdin>', line: 7 },
        // Its pool is not in the template: the rules about the pool did not run, and the report says so.
        { ruleId: 'VUPC-POOL-NOT-FOUND', file: '<stdin>', line: 5, severity: 'info' },
      ],
    });
    // In SARIF, standard input has no URI (`<stdin>` is not a valid one): its results keep their logical location only.
    const sarif = run(`Resources:${CLIENT_YAML}\n      AuthSessionValidity: 30\n`, 'sarif');
    const [sarifRun] = JSON.parse(sarif.stdout).runs;
    expect(sarifRun.artifacts).toEqual([]);
    expect(sarifRun.results.map((r: { locations: unknown[] }) => r.locations)).toEqual([
      [{ logicalLocations: [{ name: 'Client', fullyQualifiedName: '<stdin>#Client.AuthSessionValidity', kind: 'resource' }] }],
      [{ logicalLocations: [{ name: 'Client', fullyQualifiedName: '<stdin>#Client.UserPoolId', kind: 'resource' }] }],
    ]);
    expect(sarif.stdout).not.toContain('"uri"');
    const bad = run('{"name": "not a template"}');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('<stdin>: has no Resources section');
    const badSarif = JSON.parse(run('{"name": "not a template"}', 'sarif').stdout).runs[0];
    expect(badSarif.invocations[0].toolExecutionNotifications).toEqual([{ level: 'error', message: { text: expect.stringContaining('<stdin>: has no Resources section') } }]);
    // A reader that stops early closes the pipe: no stack trace.
    // Enough findings to fill the pipe's buffer several times.
    const client = (i: number) => `  C${i}:\n    Type: AWS::Cognito::UserPoolClient\n    Properties: {UserPoolId: us-east-1_abc, AuthSessionValidity: 1}`;
    const big = write(`Resources:\n${Array.from({ length: 300 }, (_, i) => client(i)).join('\n')}\n`, 'big.yaml');
    const head = spawnSync('sh', ['-c', `"${process.execPath}" -r ts-node/register/transpile-only "${main}" --format sarif "${big}" | head -1`], {
      encoding: 'utf8',
      env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '..', '..', 'scripts', 'tsconfig.json') },
    });
    expect([head.stdout, head.stderr]).toEqual(['{\n', '']);
  });
});

describe('a run that could not read an input never looks clean', () => {
  const clean = () => write(JSON.stringify({ Resources: { C: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: 'eu-west-1_abc' } } } }), 'clean.json');

  test('JSON lists every input with its status', () => {
    const good = clean();
    const r = cli('--format', 'json', good, '/nonexistent.yaml');
    expect(r.code).toBe(2);
    const json = JSON.parse(r.out);
    expect(json.complete).toBe(false);
    expect(json.inputs).toEqual([
      { file: good, status: 'checked', clients: 1, notices: [] },
      { file: '/nonexistent.yaml', status: 'unreadable', clients: 0, notices: [], error: '/nonexistent.yaml: no such file or directory.' },
    ]);
    expect(json.summary.unreadableInputs).toBe(1);
  });

  test('SARIF records the failed execution and names the file', () => {
    const r = cli('--format', 'sarif', clean(), '/nonexistent.yaml');
    const [run] = JSON.parse(r.out).runs;
    expect(run.invocations).toEqual([{
      executionSuccessful: false,
      toolExecutionNotifications: [{ level: 'error', message: { text: '/nonexistent.yaml: no such file or directory.' }, locations: [{ physicalLocation: { artifactLocation: { uri: pathToFileURL('/nonexistent.yaml').href } } }] }],
    }]);
    expect(JSON.parse(cli('--format', 'sarif', clean()).out).runs[0].invocations[0].executionSuccessful).toBe(true);
  });

  test('text says the run is incomplete', () => {
    expect(cli(clean(), '/nonexistent.yaml').out).toMatch(/in 1 app client of 1 template; 1 input could not be read, so this run is incomplete\.\n$/);
    expect(cli('/nonexistent.yaml').out).toBe('Nothing was checked: the input could not be read, so this run is incomplete.\n');
  });
});

describe('nested stacks', () => {
  function nestedApp(outdir = tmp()) {
    const app = testApp({ outdir });
    const parent = new Stack(app, 'Parent');
    const pool = new cognito.UserPool(parent, 'Pool');
    const google = new cognito.UserPoolIdentityProviderGoogle(parent, 'Google', { userPool: pool, clientId: 'g', clientSecretValue: { unsafeUnwrap: () => 's' } as never });
    const nested = new NestedStack(parent, 'Nested');
    const client = new cognito.CfnUserPoolClient(nested, 'Client', { userPoolId: pool.userPoolId, supportedIdentityProviders: ['Google', 'Nope'] });
    client.node.addDependency(google);
    return app;
  }

  test('a cdk.out: the nested stack\'s clients are checked against the parent\'s pool', () => {
    const outdir = tmp();
    nestedApp(outdir).synth();
    const r = cli(outdir);
    expect(r.out).toContain("[VUPC-IDP-EXISTS] Parent/Nested/Client: SupportedIdentityProviders[1] 'Nope' is not an identity provider of user pool Parent/Pool/Resource (it has: COGNITO, Google)");
    expect(r.out).toMatch(/in 1 app client of 2 templates/);
  });

  test('a stack\'s template given as a file of a cdk.out reads its nested stacks by the assembly\'s asset manifests, as the directory does', () => {
    const outdir = tmp();
    nestedApp(outdir).synth();
    const r = cli('--format', 'json', join(outdir, 'Parent.template.json'));
    type Report = { inputs: Array<{ file: string; clients: number; nestedClients?: number }>; findings: Array<{ ruleId: string; message: string }> };
    const report = JSON.parse(r.out) as Report;
    // Before, the nested template was "not a local file" (VUPC-NOT-VALIDATED) and its client went unchecked.
    expect(report.findings.map((f) => f.ruleId)).toEqual(['VUPC-IDP-WITHOUT-OAUTH', 'VUPC-IDP-EXISTS']);
    expect(report.inputs.map((i) => [i.file.replace(outdir, '<out>'), i.clients, i.nestedClients]))
      .toEqual([['<out>/Parent.template.json', 0, 1], [expect.stringMatching(/nested\.template\.json$/), 1, undefined]]);
    // A parent whose clients are in its nested stacks is not "nothing to check".
    expect(cli(join(outdir, 'Parent.template.json')).out).not.toContain('nothing to check');
  });

  test('the plugin checks nested stacks\' templates too, against the parent\'s pool', () => {
    const app = nestedApp();
    Validations.of(app).addPlugins(new UserPoolClientValidationPlugin());
    expect(() => app.synth()).toThrow(/\[VUPC-IDP-EXISTS\] Parent\/Nested\/Client: SupportedIdentityProviders\[1\] 'Nope' is not an identity provider of user pool Parent\/Pool\/Resource/);
  });

  test('a template deploying a local nested template checks it; a remote one is named as not checked, in every format', () => {
    const dir = tmp();
    write(`Parameters:
  PoolId:
    Type: String
Resources:${CLIENT_YAML.replace('!Ref Pool', '!Ref PoolId')}
      AuthSessionValidity: 30
`, 'child.yaml', dir);
    const parent = write(`Resources:
  Pool:
    Type: AWS::Cognito::UserPool
  Child:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./child.yaml
      Parameters:
        PoolId: !Ref Pool
  Remote:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://s3.amazonaws.com/bucket/remote.yaml
  App:
    Type: AWS::Serverless::Application
    Properties:
      Location: { ApplicationId: arn:aws:serverlessrepo:us-east-1:123456789012:applications/app, SemanticVersion: 1.0.0 }
`, 'parent.yaml', dir);
    const text = cli(parent);
    expect(text.code).toBe(1);
    expect(text.out).toContain(`[VUPC-AUTHSESSION-RANGE] ${join(dir, 'child.yaml')}#Client: AuthSessionValidity 30`);
    // The same finding as the plugin's for a nested template it cannot read, with its line, in every format.
    expect(text.out).toContain(`[VUPC-NOT-VALIDATED] ${parent}#Remote: The nested stack's template (https://s3.amazonaws.com/bucket/remote.yaml) `
      + 'is not a local file, so any app client in it is not validated.');
    expect(text.out).toContain('Fix: Give that template\'s file with this one');
    expect(text.out).toContain(`[VUPC-NOT-VALIDATED] ${parent}#App: The nested stack's template (the Serverless Application Repository application`);
    const json = JSON.parse(cli('--format', 'json', parent).out);
    const unchecked = (json.findings as Array<{ ruleId: string; logicalId: string; line: number }>).filter((f) => f.ruleId === 'VUPC-NOT-VALIDATED');
    expect(unchecked.map((f) => [f.logicalId, f.line])).toEqual([['Remote', 10], ['App', 14]]);
    const sarif = JSON.parse(cli('--format', 'sarif', parent).out);
    const results = sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId === 'VUPC-NOT-VALIDATED');
    expect(results.map((r: { level: string }) => r.level)).toEqual(['warning', 'warning']);
    // Acknowledged or disabled like any finding.
    expect(cli('--disable-rule', 'VUPC-NOT-VALIDATED', parent).out).not.toContain('VUPC-NOT-VALIDATED');
  });

  test('a remote nested template is read from the file given with its parent whose name the TemplateURL ends with, with the parent\'s parameters', () => {
    // As AWS Quick Starts deploy their children: https://${Bucket}.s3.${Region}.amazonaws.com/${Prefix}templates/<name>.
    const children = tmp();
    const child = write(`Parameters:
  PoolId:
    Type: String
Resources:${CLIENT_YAML.replace('!Ref Pool', '!Ref PoolId')}
      SupportedIdentityProviders: [COGNITO, Nope]
`, 'app.template.yaml', children);
    const parent = write(`Parameters:
  Bucket: {Type: String}
  Prefix: {Type: String}
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
  App:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: !Sub https://\${Bucket}.s3.\${AWS::Region}.\${AWS::URLSuffix}/\${Prefix}templates/app.template.yaml
      Parameters:
        PoolId: !Ref Pool
  Other:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: !Sub https://\${Bucket}.s3.amazonaws.com/\${Prefix}templates/other.template.yaml
`, 'main.template.yaml');
    const alone = cli(parent);
    expect(alone.out).toContain(`[VUPC-NOT-VALIDATED] ${parent}#App:`);
    // Before, the same output said "nothing to check" of the parent.
    expect(alone.out).toContain(`${parent}: no AWS::Cognito::UserPoolClient resources it could read; what may make app clients is named below (VUPC-NOT-VALIDATED).`);
    expect(alone.out).not.toContain('nothing to check');
    const together = cli('--format', 'json', parent, child);
    const findings = JSON.parse(together.out).findings as Array<{ ruleId: string; file: string; property: string; message: string }>;
    // The child is read once, as the nested stack (its pool is the parent's): only the other nested stack is not validated.
    expect(findings.filter((f) => f.ruleId === 'VUPC-NOT-VALIDATED').map((f) => f.message)).toEqual([expect.stringContaining(`${parent}#Other:`)]);
    expect(findings.filter((f) => f.ruleId === 'VUPC-IDP-EXISTS').map((f) => [f.file, f.property])).toEqual([[child, 'SupportedIdentityProviders[1]']]);
    expect(findings.some((f) => f.ruleId === 'VUPC-POOL-NOT-FOUND')).toBe(false);
    // Two inputs of that name: which one the URL means is not guessed.
    const twin = write(readFileSync(child, 'utf8'), 'app.template.yaml');
    expect(JSON.parse(cli('--format', 'json', parent, child, twin).out).findings.filter((f: { ruleId: string }) => f.ruleId === 'VUPC-NOT-VALIDATED')).toHaveLength(2);
  });

  test('a local nested template that is missing or cannot be read is an unreadable input named with why, and the parent is still checked', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'adir'));
    write('Resources:\n  X: [unclosed\n', 'broken.yaml', dir);
    const stack = (url: string) => `    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: ${url}}`;
    const parent = write(`Resources:
  Pool: {Type: AWS::Cognito::UserPool}
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties: {UserPoolId: !Ref Pool, ExplicitAuthFlows: [BAD]}
  Dir:
${stack('./adir')}
  Missing:
${stack('./missing.yaml')}
  Broken:
${stack('./broken.yaml')}
`, 'parent.yaml', dir);
    // Before, these were warnings and the run passed (exit 0 but for the parent's own error): a check that did not happen.
    const run = cli('--format', 'json', parent);
    expect(run.code).toBe(2);
    type Input = { file: string; status: string; error?: string };
    type Report = { complete: boolean; findings: Array<{ ruleId: string; logicalId: string }>; inputs: Input[] };
    const report = JSON.parse(run.out) as Report;
    expect(report.complete).toBe(false);
    expect(report.findings.map((f) => [f.ruleId, f.logicalId])).toEqual([['VUPC-AUTHFLOW-ENUM', 'Client']]);
    const unreadable = report.inputs.filter((i) => i.status === 'unreadable');
    expect(unreadable.map((i) => i.file.slice(dir.length + 1))).toEqual(['adir', 'missing.yaml', 'broken.yaml']);
    expect(unreadable[0].error).toContain('EISDIR');
    expect(unreadable[1].error).toContain(`: is not found; its TemplateURL names it as the template of nested stack ${parent}#Missing, so the app clients`);
    expect(unreadable[2].error).toContain('is not valid YAML or JSON');
    expect(run.err).toContain('so the app clients in it are not validated.');
  });

  describe('a nested template that several stack resources deploy', () => {
    const child = `Parameters:
  PoolId: {Type: String}
  Stage: {Type: String, AllowedValues: [dev, prod]}
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref PoolId
      AllowedOAuthFlowsUserPoolClient: true
      AllowedOAuthFlows: [code]
      AllowedOAuthScopes: [openid]
      SupportedIdentityProviders: [COGNITO]
      CallbackURLs:
        - !If [IsProd, "http://prod.example.com/cb", "https://dev.example.com/cb"]
`;
    const deploy = (id: string, stage: string) => `  ${id}:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./child.yaml
      Parameters: {PoolId: !Ref Pool, Stage: ${stage}}
`;
    const parentOf = (...stacks: string[]) => `Resources:
  Pool: {Type: AWS::Cognito::UserPool}
${stacks.join('')}`;

    test('is checked once per deployment, with the parameters each passes; a finding of one deployment names it', () => {
      const dir = tmp();
      write(child, 'child.yaml', dir);
      const parent = write(parentOf(deploy('Dev', 'dev'), deploy('Prod', 'prod')), 'parent.yaml', dir);
      const run = cli('--format', 'json', parent);
      expect(run.code).toBe(1);
      type Report = { inputs: Array<{ file: string; deployedAs?: string }>; findings: Array<{ ruleId: string; path: string; message: string }> };
      const report = JSON.parse(run.out) as Report;
      // Before, the second deployment was not read: the http callback that only Prod deploys passed in silence.
      const https = report.findings.filter((f) => f.ruleId === 'VUPC-CALLBACK-HTTPS');
      expect(https.map((f) => f.path)).toEqual([`${join(dir, 'child.yaml')}#Client (deployed as ${parent}#Prod)`]);
      expect(https[0].message).toContain('(deployed as');
      // What holds for both deployments is reported once, for the template.
      const domain = report.findings.filter((f) => f.ruleId === 'VUPC-OAUTH-NEEDS-DOMAIN');
      expect(domain.map((f) => f.path)).toEqual([`${join(dir, 'child.yaml')}#Client`]);
      expect(domain[0].message).not.toContain('deployed as');
      expect(report.inputs.map((i) => i.deployedAs)).toEqual([undefined, `${parent}#Dev`, `${parent}#Prod`]);
      // In text, each reading is named.
      expect(cli(parent).out).toContain('1 error, 1 warning in 2 app clients of 3 templates.');
    });

    test('two deployments with the same parameters give each finding once; an acknowledgement in it is judged once', () => {
      const dir = tmp();
      const acknowledged = child.replace('  Client:\n', '  Client:\n    Metadata:\n      cdk-validated-user-pool-client:\n        acknowledgements:\n          - {ruleId: VUPC-OAUTH-NEEDS-DOMAIN, reason: SDK sign-in only}\n          - {ruleId: VUPC-CALLBACK-HTTPS, reason: stale}\n');
      expect(acknowledged).not.toEqual(child);
      write(acknowledged, 'child.yaml', dir);
      const parent = write(parentOf(deploy('A', 'dev'), deploy('B', 'dev')), 'parent.yaml', dir);
      const report = JSON.parse(cli('--format', 'json', parent).out) as { inputs: Array<{ deployedAs?: string }>; findings: Array<{ ruleId: string; severity: string; path: string }> };
      // Both deployments were read (before, the second was not), and what they share is reported once.
      expect(report.inputs.map((i) => i.deployedAs)).toEqual([undefined, `${parent}#A`, `${parent}#B`]);
      const findings = report.findings;
      expect(findings.map((f) => [f.ruleId, f.severity, f.path.replace(dir, '')])).toEqual([
        ['VUPC-OAUTH-NEEDS-DOMAIN', 'info', '/child.yaml#Client'],
        ['VUPC-ACKNOWLEDGEMENT-UNUSED', 'warning', '/child.yaml#Client'],
      ]);
    });

    test('across inputs checked together too: each reading is named, and what all share is reported once', () => {
      const dir = tmp();
      write(child, 'child.yaml', dir);
      const first = write(parentOf(deploy('Dev', 'dev')), 'first.yaml', dir);
      const second = write(parentOf(deploy('Prod', 'prod')), 'second.yaml', dir);
      const report = JSON.parse(cli('--format', 'json', first, second).out) as { findings: Array<{ ruleId: string; path: string }> };
      const paths = (id: string) => report.findings.filter((f) => f.ruleId === id).map((f) => f.path);
      expect(paths('VUPC-CALLBACK-HTTPS')).toEqual([`${join(dir, 'child.yaml')}#Client (deployed as ${second}#Prod)`]);
      expect(paths('VUPC-OAUTH-NEEDS-DOMAIN').length).toBeGreaterThan(0);
      expect(new Set(paths('VUPC-OAUTH-NEEDS-DOMAIN')).size).toBe(paths('VUPC-OAUTH-NEEDS-DOMAIN').length);
    });

    test('a template that deploys itself is named as a cycle, not read again', () => {
      const dir = tmp();
      const parent = write(`Resources:
  Self:
    Type: AWS::CloudFormation::Stack
    Properties: {TemplateURL: ./parent.yaml}
${CLIENT_YAML}`, 'parent.yaml', dir);
      const run = cli('--format', 'json', parent);
      const findings = JSON.parse(run.out).findings as Array<{ ruleId: string; logicalId: string; message: string }>;
      const cycle = findings.filter((f) => f.ruleId === 'VUPC-NOT-VALIDATED');
      expect(cycle.map((f) => f.logicalId)).toEqual(['Self']);
      expect(cycle[0].message).toContain('is a template that deploys this one, a cycle');
      expect(JSON.parse(run.out).inputs).toHaveLength(1);
    });

    test('past 1,000 nested templates in one input, the rest are named as not read, never a hang', () => {
      const dir = tmp();
      // Each level deploys the next twice: 2 + 4 + ... + 2^10 = 2,046 readings.
      for (let level = 0; level < 10; level++) {
        const next = level === 9 ? '' : `  A:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: ./l${level + 1}.yaml}\n  B:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: ./l${level + 1}.yaml}\n`;
        write(`Resources:\n  P: {Type: AWS::Cognito::UserPool}\n${next}`, `l${level}.yaml`, dir);
      }
      const root = write('Resources:\n  A:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: ./l0.yaml}\n', 'root.yaml', dir);
      const report = JSON.parse(cli('--format', 'json', root).out) as { inputs: unknown[]; findings: Array<{ ruleId: string; message: string }> };
      expect(report.inputs).toHaveLength(1001);
      const skipped = report.findings.filter((f) => f.message.includes('deploys nested stacks more than 1000 times'));
      expect(skipped.length).toBeGreaterThan(0);
      expect(skipped.every((f) => f.ruleId === 'VUPC-NOT-VALIDATED')).toBe(true);
    });
  });
});

describe('CDK\'s own acknowledgements in a cloud assembly', () => {
  /** Two clients without the refresh flow (a warning each); `acknowledge` accepts some of them CDK's way. */
  function synthesized(acknowledge: (stack: Stack, first: cognito.CfnUserPoolClient) => void): string {
    const outdir = tmp();
    const app = testApp({ outdir, context: { '@aws-cdk/core:annotationsInValidationReport': true } });
    const stack = new Stack(app, 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
    const pool = new cognito.UserPool(stack, 'Pool');
    const clients = ['First', 'Second'].map((id) => new cognito.CfnUserPoolClient(stack, id, {
      userPoolId: pool.userPoolId, clientName: id, supportedIdentityProviders: ['COGNITO'], explicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
    }));
    acknowledge(stack, clients[0]);
    Aspects.of(app).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
    // CDK prints the validation report (which holds the annotations, by the context above) to standard error as well as
    // to the file the command line reads: kept out of the test run's output.
    const report = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      app.synth();
    } finally {
      report.mockRestore();
    }
    return outdir;
  }
  const RULE = 'VUPC-AUTHFLOW-REFRESH-REQUIRED';

  test('Annotations.acknowledgeWarning, which hides the warning from the synth, is honoured on the same client only', () => {
    const r = cli('--strict', synthesized((_, first) => Annotations.of(first).acknowledgeWarning(RULE, 'SDK sign-in only')));
    expect(r.code).toBe(1);
    expect(r.out).toContain(`Acknowledged on S/First (acknowledged with Annotations.acknowledgeWarning): [${RULE}] S/First:`);
    expect(r.out).toMatch(new RegExp(`WARNING .*\\n  \\[${RULE}\\] S/Second:`));
  });

  test('Annotations.acknowledgeWarning made on a scope (the stack) is honoured for every client below it, as CDK hides them', () => {
    // Before, only one made on the client's own resource was: the synth hid both warnings and --strict failed the pipeline.
    const r = cli('--strict', synthesized((stack) => Annotations.of(stack).acknowledgeWarning(RULE, 'SDK sign-in only')));
    expect(r.code).toBe(0);
    // Named where it was made, the stack (the audit trail pointed at each client before).
    for (const client of ['First', 'Second']) expect(r.out).toContain(`Acknowledged on S (acknowledged with Annotations.acknowledgeWarning): [${RULE}] S/${client}:`);
    // One made on the app means the whole app (CDK itself would show a warning added after it there).
    const onApp = cli('--strict', synthesized((stack) => Annotations.of(stack.node.root).acknowledgeWarning(RULE, 'SDK sign-in only')));
    expect(onApp.code).toBe(0);
    expect(onApp.out).toContain(`Acknowledged on <app> (acknowledged with Annotations.acknowledgeWarning): [${RULE}] S/First:`);
  });

  test('Validations.acknowledge made on the app or a stage, which have no place in the cloud assembly, is honoured as in the synth', () => {
    // Before, the synth accepted the finding and the command line, on the same cdk.out, reported it.
    const app = synthesized((stack) => Validations.of(stack.node.root).acknowledge({ id: `cdk-validated-user-pool-client::${RULE}`, reason: 'SDK only' }));
    const r = cli('--strict', '--format', 'json', app);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { findings: Array<{ severity: string; message: string }> };
    expect(report.findings.map((f) => f.severity)).toEqual(['info', 'info']);
    expect(report.findings[0].message).toContain('Acknowledged on <app> (SDK only; made with Validations.acknowledge, which CDK applies to the whole app)');

    // A stage, and a construct that groups stacks, have no place in the cloud assembly either.
    const below = (scope: (root: App) => Construct, id: string) => {
      const root = testApp({ outdir: tmp() });
      const above = scope(root);
      const stack = new Stack(above, 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
      const pool = new cognito.UserPool(stack, 'Pool');
      new cognito.CfnUserPoolClient(stack, 'C', { userPoolId: pool.userPoolId, clientName: 'c', supportedIdentityProviders: ['COGNITO'], explicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] });
      Validations.of(above).acknowledge({ id: `Annotation::${RULE}`, reason: id });
      // On the stage or the group: the app's aspects do not reach a stage's stacks.
      Aspects.of(above).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
      root.synth();
      return cli('--strict', root.outdir);
    };
    const staged = below((root) => new Stage(root, 'Prod'), 'staged');
    expect(staged.code).toBe(0);
    expect(staged.out).toContain(`Acknowledged on Prod (staged; made with Validations.acknowledge, which CDK applies to the whole app): [${RULE}] Prod/S/C:`);
    const fromGroup = below((root) => new Construct(root, 'Group'), 'grouped');
    expect(fromGroup.code).toBe(0);
    expect(fromGroup.out).toContain('Acknowledged on Group (grouped; made with Validations.acknowledge');
  });

  test('Validations.acknowledge is honoured for the whole app, as CDK applies it, naming where it was made', () => {
    for (const id of [`Annotation::${RULE}`, `cdk-validated-user-pool-client::${RULE}`]) {
      const r = cli('--strict', synthesized((stack) => Validations.of(stack).acknowledge({ id, reason: 'no refresh tokens by design' })));
      expect([id, r.code]).toEqual([id, 0]);
      expect(r.out).toContain(`Acknowledged on S (no refresh tokens by design; made with Validations.acknowledge, which CDK applies to the whole app): [${RULE}] S/Second:`);
    }
    // Another rule's acknowledgement accepts nothing here.
    expect(cli('--strict', synthesized((stack) => Validations.of(stack).acknowledge({ id: 'Annotation::VUPC-CALLBACK-HTTPS', reason: 'x' }))).code).toBe(1);
  });

  test('the aspects accept what Validations.acknowledge accepts, errors too, as the command line on their cdk.out does', () => {
    const outdir = tmp();
    const app = testApp({ outdir });
    const stack = new Stack(app, 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
    const pool = new cognito.UserPool(stack, 'Pool');
    new cognito.CfnUserPoolClient(stack, 'Http', {
      userPoolId: pool.userPoolId,
      clientName: 'http',
      supportedIdentityProviders: ['COGNITO'],
      allowedOAuthFlowsUserPoolClient: true,
      allowedOAuthFlows: ['code'],
      allowedOAuthScopes: ['openid'],
      callbackUrLs: ['http://legacy.example.com/cb'],
    });
    Validations.of(stack).acknowledge({ id: 'cdk-validated-user-pool-client::VUPC-CALLBACK-HTTPS', reason: 'legacy partner, SEC-9' });
    Aspects.of(app).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
    app.synth();
    const annotations = CdkAnnotations.fromStack(stack);
    // Before, the synth failed on the error while the command line, on the same cdk.out, accepted it.
    expect(annotations.findError('*', Match.stringLikeRegexp('VUPC-CALLBACK-HTTPS'))).toHaveLength(0);
    expect(annotations.findInfo('/S/Http', Match.stringLikeRegexp(
      '^Acknowledged on S \\(legacy partner, SEC-9; made with Validations.acknowledge, which CDK applies to the whole app\\): \\[VUPC-CALLBACK-HTTPS\\]'))).toHaveLength(1);
    const r = cli(outdir);
    expect(r.out).toContain('Acknowledged on S (legacy partner, SEC-9; made with Validations.acknowledge, which CDK applies to the whole app): [VUPC-CALLBACK-HTTPS] S/Http:');
  });
});

describe('lines in JSON templates', () => {
  test('a resource\'s line is its key among Resources, not a key of the same name inside another resource', () => {
    const template = {
      Resources: {
        Fn: { Type: 'AWS::Lambda::Function', Properties: { Environment: { Variables: { UserPoolClient: { Ref: 'UserPoolClient' }, CallbackURLs: 'x' } } } },
        Pool: { Type: 'AWS::Cognito::UserPool' },
        UserPoolClient: {
          Type: 'AWS::Cognito::UserPoolClient',
          Metadata: { CallbackURLs: { note: 'a key of the same name outside Properties' } },
          Properties: {
            UserPoolId: { Ref: 'Pool' },
            AllowedOAuthFlowsUserPoolClient: true,
            AllowedOAuthFlows: ['code'],
            AllowedOAuthScopes: ['openid'],
            SupportedIdentityProviders: ['COGNITO'],
            CallbackURLs: ['http://evil.example.com/cb'],
          },
        },
      },
    };
    const text = JSON.stringify(template, null, 2);
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    const report = JSON.parse(cli('--format', 'json', write(text, 'envvar-trap.json')).out) as { findings: Array<{ ruleId: string; line: number }> };
    const byRule = new Map(report.findings.map((f) => [f.ruleId, f.line]));
    // Before, both were on the Lambda's environment variable (line 8).
    expect(byRule.get('VUPC-CALLBACK-HTTPS')).toBe(lineOf('"CallbackURLs": ['));
    expect(byRule.get('VUPC-OAUTH-NEEDS-DOMAIN')).toBe(lineOf('"AllowedOAuthFlows": ['));
    // A finding on the resource itself is on its key, found at its depth.
    const bare = JSON.stringify({ Resources: { A: { Type: 'AWS::SNS::Topic', Properties: { B: { C: {} } } }, C: { Type: 'AWS::Cognito::UserPoolClient', Properties: {} } } }, null, 2);
    const r = JSON.parse(cli('--format', 'json', write(bare, 'bare.json')).out) as { findings: Array<{ logicalId: string; line: number }> };
    expect(r.findings.filter((f) => f.logicalId === 'C').map((f) => f.line)).toContain(bare.split('\n').findIndex((l) => l === '    "C": {') + 1);
  });

  test('a key given twice is on its last line, as the parsed template keeps its last value; braces and quotes in strings are text', () => {
    const text = [
      '{"Resources": {',
      '  "Pool": {"Type": "AWS::Cognito::UserPool", "Metadata": {"note": "} ] \\" { [ \\"Resources\\": {"}},',
      '  "Client": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": {"Ref": "Pool"}, "AuthSessionValidity": 3}},',
      '  "Client": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {',
      '    "UserPoolId": {"Ref": "Pool"},',
      '    "AuthSessionValidity": 30',
      '  }}',
      '}}',
    ].join('\n');
    const report = JSON.parse(cli('--format', 'json', write(text, 'twice.json')).out) as { findings: Array<{ ruleId: string; line: number }> };
    expect(report.findings.filter((f) => f.ruleId === 'VUPC-AUTHSESSION-RANGE').map((f) => f.line)).toEqual([6]);
  });
});

describe('YAML aliases', () => {
  test('a template with a few aliases and a merge key is read as cfn-lint reads it', () => {
    const file = write(`Resources:
  Pool: {Type: AWS::Cognito::UserPool}
  A:
    Type: AWS::Cognito::UserPoolClient
    Properties: &props
      UserPoolId: !Ref Pool
      ExplicitAuthFlows: &flows [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
  B:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      <<: *props
      ExplicitAuthFlows: *flows
      AuthSessionValidity: 30
`, 'aliases.yaml');
    const r = cli(file);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/\[VUPC-AUTHSESSION-RANGE\] .*#B: AuthSessionValidity 30/);
    expect(r.out).toContain('in 2 app clients of 1 template.');
  });

  test('aliases that expand a few lines into millions of values are refused at once, naming the limit', () => {
    // 9^7 = 4.8 million list items from 8 lines (the review's 9^8 took 12 s and 600 MB before).
    const levels = 'abcdefg'.split('');
    const bomb = [`a: &a [${Array(9).fill('"x"').join(',')}]`, ...levels.slice(1).map((l, i) => `${l}: &${l} [${Array(9).fill(`*${levels[i]}`).join(',')}]`)].join('\n');
    const file = write(`${bomb}\nResources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: us-east-1_abc\n      ReadAttributes: *g\n`, 'bomb.yaml');
    const started = Date.now();
    const r = cli('--format', 'json', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${file}: is not read: its aliases (*name) repeat what their anchors (&name) hold into more than 1000000 values beyond those written`);
    expect(JSON.parse(r.out).complete).toBe(false);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  test('an alias inside the node its anchor names is refused, not a stack overflow', () => {
    const r = cli(write('Resources: &r\n  C:\n    Type: AWS::Cognito::UserPoolClient\n    Properties: {Loop: *r}\n', 'cycle.yaml'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('cycle.yaml: is not read: an alias (*name) refers to a node that contains it');
  });
});

describe('every input is read once, and listed with its status', () => {
  /** A cdk.out whose nested stack holds the only client, with an http:// callback (an error) checked against the parent's pool. */
  function nestedAssembly(): { outdir: string; nestedFile: string } {
    const outdir = tmp();
    const app = testApp({ outdir });
    const parent = new Stack(app, 'Parent');
    const pool = new cognito.UserPool(parent, 'Pool');
    const nested = new NestedStack(parent, 'Auth');
    new cognito.CfnUserPoolClient(nested, 'Web', {
      userPoolId: pool.userPoolId,
      supportedIdentityProviders: ['COGNITO'],
      allowedOAuthFlowsUserPoolClient: true,
      allowedOAuthFlows: ['code'],
      allowedOAuthScopes: ['openid'],
      callbackUrLs: ['http://evil.example.com/cb'],
    });
    app.synth();
    const nestedFile = readdirSync(outdir).find((f) => f.endsWith('.nested.template.json'))!;
    return { outdir, nestedFile };
  }
  type Report = {
    complete: boolean;
    inputs: Array<{ file: string; status: string; clients: number; error?: string }>;
    findings: Array<{ ruleId: string; path: string }>;
  };
  const json = (...args: string[]) => JSON.parse(cli('--format', 'json', ...args).out) as Report;

  test.each([
    ['missing', (file: string) => rmSync(file), /is not found; the cloud assembly names it as the template of nested stack Parent\/Auth \(.*Parent\.template\.json\)/],
    ['truncated', (file: string) => writeFileSync(file, '{"Resources": {'), /is not valid JSON \(.*\); the cloud assembly names it as the template of nested stack Parent\/Auth/],
  ])('a nested template its cloud assembly names that is %s is an unreadable input in every format, not a warning', (_name, damage, reason) => {
    const { outdir, nestedFile } = nestedAssembly();
    const file = join(outdir, nestedFile);
    damage(file);
    // Before: exit 0, a VUPC-NOT-VALIDATED warning, complete: true and executionSuccessful: true.
    const text = cli(outdir);
    expect(text.code).toBe(2);
    expect(text.err).toMatch(new RegExp(`${file.replace(/[.]/g, '\\.')}: ${reason.source}`));
    expect(text.out).toContain('1 input could not be read, so this run is incomplete.');
    const report = json(outdir);
    expect(report.complete).toBe(false);
    expect(report.inputs.map((i) => [i.file, i.status])).toEqual([[join(outdir, 'Parent.template.json'), 'checked'], [file, 'unreadable']]);
    expect(report.inputs[1].error).toMatch(reason);
    expect(report.findings.map((f) => f.ruleId)).not.toContain('VUPC-NOT-VALIDATED');
    const [run] = JSON.parse(cli('--format', 'sarif', outdir).out).runs;
    expect(run.invocations[0].executionSuccessful).toBe(false);
    expect(run.invocations[0].toolExecutionNotifications).toEqual([expect.objectContaining({ level: 'error', message: { text: expect.stringMatching(reason) } })]);
    // Turning the rule off hides nothing: it is no finding.
    expect(cli('--disable-rule', 'VUPC-NOT-VALIDATED', outdir).code).toBe(2);
    // Named once when two inputs read the parent (the directory and its template): it was listed twice.
    const both = json(outdir, join(outdir, 'Parent.template.json'));
    expect(both.inputs.filter((i) => i.status === 'unreadable').map((i) => i.file)).toEqual([file]);
  });

  test('a nested template that is not a local file (a TemplateURL to S3 in a hand-written template) is still a warning, the run complete', () => {
    const parent = write('Resources:\n  Remote:\n    Type: AWS::CloudFormation::Stack\n    Properties: {TemplateURL: "https://s3.amazonaws.com/bucket/auth.yaml"}\n', 'parent.yaml');
    const r = cli('--format', 'json', parent);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as Report;
    expect(report.complete).toBe(true);
    expect(report.findings.map((f) => f.ruleId)).toEqual(['VUPC-NOT-VALIDATED']);
  });

  test.each([
    ['a manifest without stack artifacts', (dir: string) => writeFileSync(join(dir, 'manifest.json'), '{"artifacts":{}}')],
    ['an app synthesized with no stacks', (dir: string) => testApp({ outdir: dir }).synth()],
  ])('an empty cloud assembly is an input that holds nothing to check: exit 2, listed, in every format (%s)', (_name, make) => {
    const dir = tmp();
    make(dir);
    // Before: exit 0 and "inputs": [], as if the app had been checked and found clean.
    const text = cli(dir);
    expect(text.code).toBe(2);
    expect(text.err).toContain(`${dir}: is a cloud assembly that contains no stack templates`);
    expect(text.out).toBe('Nothing was checked: the input could not be read, so this run is incomplete.\n');
    const report = json(dir);
    expect(report.complete).toBe(false);
    expect(report.inputs).toEqual([expect.objectContaining({ file: dir, status: 'unreadable', error: expect.stringContaining('contains no stack templates') })]);
    const [run] = JSON.parse(cli('--format', 'sarif', dir).out).runs;
    expect(run.invocations[0].executionSuccessful).toBe(false);
    expect(run.invocations[0].toolExecutionNotifications[0].message.text).toContain('contains no stack templates');
  });

  test.each([
    ['null', /manifest.json: is not a valid cloud assembly manifest \(it is empty \(null\), not an object\)/],
    ['{"artifacts":{"S":null}}', /manifest.json: is not a valid cloud assembly manifest \(artifact S is empty \(null\), not an object\)/],
    ['{"artifacts":{"S":{"type":"aws:cloudformation:stack","properties":{"templateFile":5}}}}', /\(artifact S: properties.templateFile is a number, not a path\)/],
    ['{"artifacts":{"S":{"type":"cdk:cloud-assembly","properties":{"directoryName":["x"]}}}}', /\(artifact S: properties.directoryName is a list, not a path\)/],
    // A nested assembly naming its own directory, or one above it, was read without end (a stack overflow).
    ['{"artifacts":{"Self":{"type":"cdk:cloud-assembly","properties":{"directoryName":"."}}}}', /\(artifact Self names the directory '.', which contains this manifest, as a nested cloud assembly\)/],
  ])('a malformed manifest.json is an input that cannot be read, named, not an internal error with a stack trace: %s', (manifest, message) => {
    const dir = tmp();
    writeFileSync(join(dir, 'manifest.json'), manifest);
    const r = cli(dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/internal error|\n\s+at /);
  });

  test('a nested assembly whose manifest names a directory above it is named, not read without end', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'stage'));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ artifacts: { Stage: { type: 'cdk:cloud-assembly', properties: { directoryName: 'stage' } } } }));
    writeFileSync(join(dir, 'stage', 'manifest.json'), JSON.stringify({ artifacts: { Up: { type: 'cdk:cloud-assembly', properties: { directoryName: '..' } } } }));
    const r = cli(dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${join(dir, 'stage', 'manifest.json')}: is not a valid cloud assembly manifest (artifact Up names the directory '..', which contains this manifest, as a nested cloud assembly).`);
  });

  test('the same template or cdk.out given twice (or by another path) is checked once', () => {
    const file = write(`Resources:${CLIENT_YAML}\n      AuthSessionValidity: 30\n`, 'a.yaml');
    const link = join(tmp(), 'link.yaml');
    symlinkSync(file, link);
    const once = cli(file);
    expect(once.out).toMatch(/1 error, 0 warnings in 1 app client of 1 template\.\n$/);
    // Before: "2 errors ... in 2 app clients of 2 templates".
    for (const twice of [[file, file], [file, join(file, '..', '.', 'a.yaml')], [file, link]]) expect(cli(...twice).out).toBe(once.out);
    const { outdir } = nestedAssembly();
    const report = json(outdir, outdir);
    expect(report.inputs).toHaveLength(2);
    expect(report.findings.filter((f) => f.ruleId === 'VUPC-CALLBACK-HTTPS')).toHaveLength(1);
  });

  test('cdk.out/*.template.json, which matches a nested template too, checks it once, as the nested stack, with its parent\'s pool', () => {
    const { outdir, nestedFile } = nestedAssembly();
    const parent = join(outdir, 'Parent.template.json');
    const nested = join(outdir, nestedFile);
    const expected = json(outdir);
    // In either order, and with the directory besides: the nested template as its parent's nested stack, each finding once.
    for (const inputs of [[parent, nested], [nested, parent], [outdir, parent, nested], [nested, outdir]]) {
      const report = json(...inputs);
      expect([inputs, report.inputs.map((i) => [i.file, i.clients])]).toEqual([inputs, [[parent, 0], [nested, 1]]]);
      expect([inputs, report.findings.map((f) => f.ruleId)]).toEqual([inputs, expected.findings.map((f) => f.ruleId)]);
      expect(report.findings.filter((f) => f.ruleId === 'VUPC-CALLBACK-HTTPS')).toHaveLength(1);
    }
    // With the directory, the stack keeps the assembly's construct paths.
    expect(json(parent, outdir).findings.find((f) => f.ruleId === 'VUPC-CALLBACK-HTTPS')?.path).toBe('Parent/Auth/Web');
  });

  test('an empty .jsonl file (the README\'s audit loop on a pool without clients) is named as API JSON holding no client', () => {
    const r = cli(write('', 'clients.jsonl'));
    expect(r.code).toBe(2);
    // Before: "is empty; expected a CloudFormation template in JSON or YAML".
    expect(r.err).toMatch(/clients\.jsonl: is empty, so it holds no app client \(expected API JSON/);
    expect(cli('--input-kind', 'api', write('\n', 'clients.json')).err).toMatch(/clients\.json: is empty, so it holds no app client/);
    expect(cli(write('', 'template.yaml')).err).toMatch(/template\.yaml: is empty; expected a CloudFormation template/);
  });

  test('standard input given twice is named so, not as empty', () => {
    const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '..', '..', 'src', 'cli', 'main.ts'), '--format', 'json', '-', '-'], {
      input: `Resources:${CLIENT_YAML}\n`,
      encoding: 'utf8',
      env: { ...process.env, TS_NODE_PROJECT: join(__dirname, '..', '..', 'scripts', 'tsconfig.json') },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('validate-user-pool-clients: <stdin>: - is given twice; standard input can be read only once, so it was read for the first.\n');
    const report = JSON.parse(r.stdout) as Report;
    expect(report.inputs.map((i) => [i.file, i.status, i.clients])).toEqual([['<stdin>', 'checked', 1], ['<stdin>', 'unreadable', 0]]);
  });
});

describe('Fn::ForEach: where a client a loop makes is written', () => {
  const LOOP_YAML = `Transform: AWS::LanguageExtensions
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
  Fn::ForEach::Clients:
    - Name
    - [Web, Admin]
    - Client\${Name}:
        Type: AWS::Cognito::UserPoolClient
        Properties:
          UserPoolId: !Ref Pool
          ExplicitAuthFlows: [ALLOW_USER_SRP, ALLOW_REFRESH_TOKEN_AUTH]
`;
  type Report = { findings: Array<{ ruleId: string; line?: number; path: string }> };

  test('each finding has the line in the loop body and names the loop value that made the client (YAML and JSON)', () => {
    // Before, findings on ClientWeb and ClientAdmin had no line, and neither logical id is in the text.
    const yaml = write(LOOP_YAML, 'loop.yaml');
    const json = write(JSON.stringify(parseCloudFormationYaml(LOOP_YAML), null, 2), 'loop.json');
    const jsonLine = readFileSync(json, 'utf8').split('\n').findIndex((l) => l.includes('"ExplicitAuthFlows"')) + 1;
    for (const [file, line] of [[yaml, 12], [json, jsonLine]] as const) {
      const report = JSON.parse(cli('--format', 'json', file).out) as Report;
      expect(report.findings.map((f) => [f.ruleId, f.line, f.path])).toEqual([
        ['VUPC-AUTHFLOW-ENUM', line, `${file}#ClientWeb (Fn::ForEach::Clients with Name = Web)`],
        ['VUPC-AUTHFLOW-ENUM', line, `${file}#ClientAdmin (Fn::ForEach::Clients with Name = Admin)`],
      ]);
    }
    expect(cli(yaml).out).toContain(`ERROR ${yaml}:12\n  [VUPC-AUTHFLOW-ENUM] ${yaml}#ClientWeb (Fn::ForEach::Clients with Name = Web): ExplicitAuthFlows[0]`);
  });

  test('a loop over a parameter says what to do, and its template is not said to have nested stacks', () => {
    const file = write(LOOP_YAML.replace('    - [Web, Admin]', '    - !Ref Names'), 'over-parameter.yaml');
    const out = cli(file).out;
    expect(out).toContain(`${file}: no AWS::Cognito::UserPoolClient resources it could read; what may make app clients is named below (VUPC-NOT-VALIDATED).`);
    expect(out).toContain('Fix: Write the values in the template as a list of strings, or check the processed template');
  });
});

test('nested templates with no app client, read along with their parent, print no line of their own; the JSON output lists them', () => {
  // Before, a parent of ten such stacks printed ten "nothing to check" lines about files the user never named.
  const dir = tmp();
  write('Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n', 'db.yaml', dir);
  const parent = write(`Resources:
  Pool:
    Type: AWS::Cognito::UserPool${CLIENT_YAML}
  Db:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./db.yaml
`, 'parent.yaml', dir);
  const r = cli(parent);
  expect(r.out + r.err).not.toContain('nothing to check');
  const inputs = (JSON.parse(cli('--format', 'json', parent).out) as { inputs: Array<{ file: string; clients: number; nestedIn?: string }> }).inputs;
  expect(inputs.map((i) => [i.file, i.clients, i.nestedIn])).toEqual([[parent, 1, undefined], [join(dir, 'db.yaml'), 0, parent]]);
  // Named by the user, it has its line.
  expect(cli(join(dir, 'db.yaml')).out).toContain('no AWS::Cognito::UserPoolClient resources, nothing to check.');
});
