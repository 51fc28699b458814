import { spawnSync } from 'child_process';
import { closeSync, mkdtempSync, openSync, writeFileSync, truncateSync, mkdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative, sep } from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { SecretValue, Stack, Stage } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { UserPoolClientAcknowledgements, UserPoolClientPolicy } from '../../src';
import { jsonErrorMessage } from '../../src/cli/input-error';
import { runCli } from '../../src/cli/run';
import { MAX_TEMPLATE_BYTES } from '../../src/cli/templates';
import { formatSarif, GITHUB_MAX_RESULTS, GITHUB_STORED_RESULTS } from '../../src/reporting/formats';
import { ALL_RULES } from '../../src/rules/registry';
import { RuleSeverity } from '../../src/rules/rule';
import { quietCdkBuiltinValidation, testApp } from '../helpers';

quietCdkBuiltinValidation();

const FIXTURES = join(__dirname, 'fixtures');
const tmp = () => mkdtempSync(join(tmpdir(), 'vupc-cli-'));

function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = runCli(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

function writeTemplate(template: unknown, name = 'template.json'): string {
  const file = join(tmp(), name);
  writeFileSync(file, typeof template === 'string' ? template : JSON.stringify(template, null, 2));
  return file;
}

const client = (properties: unknown) => ({ Resources: { Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: properties } } });

describe('options', () => {
  test('an option that takes one value, given twice, is refused, naming both values (before, the last won silently)', () => {
    const file = writeTemplate(client({ UserPoolId: 'eu-west-1_abc' }));
    const r = cli('--format', 'json', '--format', 'sarif', file);
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err).toContain("--format is given 2 times ('json', then 'sarif'); give it once.");
    // A flag given twice means what it means once: no reason to fail a pipeline that repeats one.
    expect(cli('--strict', '--strict', file).code).toBe(0);
    // Repeatable options stay repeatable.
    expect(cli('--disable-rule', 'VUPC-CALLBACK-HTTPS', '--disable-rule', 'VUPC-URL-FORMAT', file).code).toBe(0);
  });

  test('a report that cannot be written (a full disk) exits 2 with one line, not 1 ("errors found") with a stack trace', () => {
    const file = writeTemplate(client({ UserPoolId: 'eu-west-1_abc' }));
    const main = join(__dirname, '..', '..', 'src', 'cli', 'main.ts');
    const full = openSync('/dev/full', 'w');
    const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', main, file], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
    closeSync(full);
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe('validate-user-pool-clients: could not write the report (ENOSPC); the output is incomplete.');
  });
});

describe('templates', () => {
  test('JSON: errors with file and line, exit 1', () => {
    const file = writeTemplate(client({ UserPoolId: 'eu-west-1_abc', AuthSessionValidity: 30 }));
    const { code, out } = cli(file);
    expect(code).toBe(1);
    expect(out).toContain(`ERROR ${file}:7\n  [VUPC-AUTHSESSION-RANGE] ${file}#Client: AuthSessionValidity 30 is outside the allowed range 3-15 minutes.`);
    expect(out).toMatch(/1 error, 0 warnings in 1 app client of 1 template\.\n$/);
  });

  test('YAML with !Ref, !GetAtt, !Sub and !Join short forms', () => {
    const { code, out } = cli(join(FIXTURES, 'clients.yaml'));
    expect(code).toBe(1);
    expect(out).toContain(`ERROR ${join(FIXTURES, 'clients.yaml')}:33\n  [VUPC-CALLBACK-HTTPS] ${join(FIXTURES, 'clients.yaml')}#Web: CallbackURLs[1] 'http://partner.example.com/callback'`);
    expect(out).not.toContain('#Worker');
    expect(out).toContain(`[VUPC-OAUTH-SCOPE-EXISTS] ${join(FIXTURES, 'clients.yaml')}#Writer: AllowedOAuthScopes[0] 'orders/write' is not a scope`);
    expect(out).toMatch(/2 errors, 0 warnings in 3 app clients of 1 template/);
  });

  test('a template without app clients is clean and says so', () => {
    const { code, out } = cli(join(FIXTURES, 'no-clients.json'));
    expect(code).toBe(0);
    expect(out).toContain('no-clients.json: no AWS::Cognito::UserPoolClient resources, nothing to check.');
  });

  test('clients that each use many conditions of their own stay fast and small (before: 125 ms and 10 MB a client, out of memory at a few thousand)', () => {
    // 24 parameters, one condition on each; every client uses 16 of them, a different 16 for each client, so that no
    // search is shared. Each client has 65,536 combinations: 64 are checked, and that there are more is reported (not counted).
    const names = Array.from({ length: 24 }, (_, i) => `K${i}`);
    const Parameters = Object.fromEntries(names.map((n) => [`P${n}`, { Type: 'String' }]));
    const Conditions = Object.fromEntries(names.map((n) => [n, { 'Fn::Equals': [{ Ref: `P${n}` }, 'yes'] }]));
    const Resources: Record<string, unknown> = { Pool: { Type: 'AWS::Cognito::UserPool' } };
    for (let i = 0; i < 80; i++) {
      const used = names.filter((_, j) => (j + i) % 24 < 16 !== (i % 3 === 0 && j % 5 === i % 5));
      Resources[`C${i}`] = {
        Type: 'AWS::Cognito::UserPoolClient',
        Properties: { UserPoolId: { Ref: 'Pool' }, ReadAttributes: used.map((n) => ({ 'Fn::If': [n, 'email', { Ref: 'AWS::NoValue' }] })) },
      };
    }
    const file = writeTemplate({ Parameters, Conditions, Resources });
    const started = Date.now();
    const r = cli('--format', 'json', file);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(r.code).toBe(0);
    const capped = (JSON.parse(r.out) as { findings: Array<{ ruleId: string; message: string }> }).findings.filter((f) => f.ruleId === 'VUPC-CONDITIONS-CAPPED');
    expect(capped).toHaveLength(80);
    expect(capped[1].message).toContain('in more than 64 combinations; the first 64 were checked');
  });

  test.each([
    ['Properties that are not an object', client('oops'), 1, /\[VUPC-PROPERTY-TYPE\] .*#Client: Properties 'oops' is not an object/],
    // CloudFormation refuses a function it does not know ("Encountered unsupported function"): an error, not an unknown value.
    ['an unknown intrinsic function', client({ UserPoolId: { 'Fn::Future': ['x'] }, CallbackURLs: { 'Fn::Magic': 1 } }), 1,
      /UserPoolId \{"Fn::Future":\["x"\]\} uses Fn::Future, which is no CloudFormation intrinsic function[^]*CallbackURLs \{"Fn::Magic":1\} uses Fn::Magic/],
    ['a resource that is not an object', { Resources: { Client: 'oops', Other: { Type: 'AWS::SNS::Topic' } } }, 0, /nothing to check/],
  ])('%s: no crash', (_name, template, code, output) => {
    const r = cli(writeTemplate(template));
    expect(r.code).toBe(code);
    expect(r.out).toMatch(output);
  });
});

describe('cloud assemblies', () => {
  test('a cdk.out directory, nested stages included, with construct paths', () => {
    const outdir = tmp();
    const app = testApp({ outdir });
    for (const scope of [app, new Stage(app, 'Prod')]) {
      const stack = new Stack(scope, 'Stack');
      const pool = new cognito.UserPool(stack, 'Pool');
      new cognito.CfnUserPoolClient(stack, 'Client', { userPoolId: pool.userPoolId, authSessionValidity: 1 });
    }
    app.synth();
    const { code, out } = cli(outdir);
    expect(code).toBe(1);
    expect(out).toContain('[VUPC-AUTHSESSION-RANGE] Stack/Client: AuthSessionValidity 1');
    expect(out).toContain('[VUPC-AUTHSESSION-RANGE] Prod/Stack/Client: AuthSessionValidity 1');
    expect(out).toMatch(/2 errors, 0 warnings in 2 app clients of 2 templates/);
  });
});

describe('templates that deploy together', () => {
  test('a client in a cdk.out is checked against the pool it imports from another stack', () => {
    const outdir = tmp();
    const app = testApp({ outdir });
    const pool = new cognito.UserPool(new Stack(app, 'Pools'), 'Pool');
    new cognito.UserPoolIdentityProviderGoogle(Stack.of(pool), 'Google', { userPool: pool, clientId: 'g', clientSecretValue: SecretValue.unsafePlainText('s') });
    new cognito.CfnUserPoolClient(new Stack(app, 'Clients'), 'Client', { userPoolId: pool.userPoolId, supportedIdentityProviders: ['Google', 'Nope'] });
    app.synth();
    const { code, out } = cli(outdir);
    expect(code).toBe(1);
    // Google is the pool's, in a stack deployed first: no DependsOn needed.
    expect(out).toContain('[VUPC-IDP-EXISTS] Clients/Client: SupportedIdentityProviders[1] \'Nope\' is not an identity provider of user pool Pools/Pool/Resource (it has: COGNITO, Google)');
    // (The client has no OAuth, so no one can sign in with its providers: VUPC-IDP-WITHOUT-OAUTH, the one warning.)
    expect(out).toMatch(/1 error, 1 warning in 1 app client of 2 templates/);
  });

  test('an import is followed only to a pool one template exports under that name', () => {
    const exporter = (file: string) => writeTemplate({
      Resources: { Pool: { Type: 'AWS::Cognito::UserPool' } },
      Outputs: { PoolId: { Value: { Ref: 'Pool' }, Export: { Name: 'shared-pool' } } },
    }, file);
    const importer = writeTemplate(client({ UserPoolId: { 'Fn::ImportValue': 'shared-pool' }, SupportedIdentityProviders: ['Nope'] }));
    const pools = exporter('pools.json');
    expect(cli(importer, pools).out).toContain(`'Nope' is not an identity provider of user pool ${pools}#Pool`);
    expect(cli(importer).code).toBe(0);
    expect(cli(importer, pools, exporter('other-pools.json')).code).toBe(0);
  });
});

describe('bad input exits 2 and names the file', () => {
  test.each([
    ['malformed JSON', '{ "Resources": ', 'bad.json', /bad.json: is not valid JSON/],
    // Where, as a line and column (Node.js gives an offset, or none for an unexpected token such as a comment).
    ['JSON with a comment', '// made by hand\n{ "Resources": {} }', 'comment.json', /comment.json: is not valid JSON \(Unexpected token '\/' at line 1, column 1\)/],
    ['JSON broken after a secret, which is not quoted', '{\n  "Resources": {\n    "A": { "Properties": { "ClientSecret": "s3cr3t-value" } } x\n  }\n}',
      'secret.json', /secret.json: is not valid JSON \(Expected ',' or '}' after property value in JSON at line 3, column 63\)\.\n$/],
    ['malformed YAML', 'Resources:\n  A: [unclosed\n', 'bad.yaml', /bad.yaml: is not valid YAML or JSON \(line \d+: /],
    ['an empty file', '   \n', 'empty.yaml', /empty.yaml: is empty; expected a CloudFormation template/],
  ])('%s', (_name, text, name, message) => {
    const r = cli(writeTemplate(text, name));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  test('the position is said once whatever Node.js says of it (21 and later add the line and column to the offset)', () => {
    const text = '{\n  "a": 1,\n}';
    for (const message of ['Expected double-quoted property name in JSON at position 12', 'Expected double-quoted property name in JSON at position 12 (line 3 column 1)']) {
      expect(jsonErrorMessage(new SyntaxError(message), text)).toBe('Expected double-quoted property name in JSON at line 3, column 1');
    }
  });

  test('a missing file, and 2 wins over 1', () => {
    const bad = writeTemplate(client({ AuthSessionValidity: 30 }));
    const r = cli(bad, '/nonexistent/template.json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('/nonexistent/template.json: no such file or directory.');
    expect(r.out).toContain('[VUPC-AUTHSESSION-RANGE]');
  });

  test('a directory that is not a cloud assembly', () => {
    const r = cli(tmp());
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is a directory without manifest.json/);
  });

  test('a file over the size limit', () => {
    const file = join(tmp(), 'huge.json');
    writeFileSync(file, '');
    truncateSync(file, MAX_TEMPLATE_BYTES + 1);
    const r = cli(file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/huge.json: is 256 MiB, larger than the 256 MiB this tool reads/);
  });

  test.each([
    [[], /give at least one template file or cdk.out directory/],
    [['--format', 'xml', 'x.json'], /--format must be text, json or sarif; got 'xml'\.\n/],
    // The closest allowed value is named, as for --language and the rule ids (before: only the list).
    [['--format', 'jsno', 'x.json'], /--format must be text, json or sarif; got 'jsno' \(did you mean 'json'\?\)\./],
    [['--format', 'SARIF', 'x.json'], /got 'SARIF' \(did you mean 'sarif'\?\)/],
    [['--input-kind', 'templat', 'x.json'], /--input-kind must be auto, template or api; got 'templat' \(did you mean 'template'\?\)\./],
    [['--unknown', 'x.json'], /Unknown option '--unknown' \(an input file whose name starts with '-' goes after '--'\)/],
    [['--polcy', 'p.json', 'x.json'], /Unknown option '--polcy'; did you mean --policy\?/],
    [['--disable-rule', 'NOPE', 'x.json'], /--disable-rule names 'NOPE', which it cannot select/],
  ])('usage %j', (args, message) => {
    const r = cli(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).toContain('Usage: validate-user-pool-clients');
  });

  test.each([
    ['{"forbidImplicitGrant": "yes"}', /policy.json: forbidImplicitGrant must be true or false; got "yes"/],
    ['{"noSuchOption": true}', /'noSuchOption' is not a policy option/],
    ['not json', /cannot be read as a JSON policy/],
    // A policy that turns on no rule would pass every client in silence.
    ['{}', /--policy .*policy.json: the policy turns on no rule, so it would check nothing: set at least one of its options \(requireClientName, .*\), or add --recommended/],
    ['{"disabledRules": ["VUPC-POLICY-ADMIN-SCOPE"]}', /the policy turns on no rule/],
  ])('a bad policy file: %s', (policy, message) => {
    const r = cli('--policy', writeTemplate(policy, 'policy.json'), join(FIXTURES, 'no-clients.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});

describe('options', () => {
  const implicit = () => writeTemplate(client({ UserPoolId: 'eu-west-1_abc', ClientName: 'c', AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['implicit'], AllowedOAuthScopes: ['openid'], SupportedIdentityProviders: ['COGNITO'], CallbackURLs: ['https://a.example.com/cb'] }));

  test('--policy and --recommended', () => {
    const file = implicit();
    expect(cli(file).code).toBe(0);
    const policy = writeTemplate('{"forbidImplicitGrant": true, "warningRules": ["VUPC-POLICY-NO-IMPLICIT-GRANT"]}', 'policy.json');
    const withPolicy = cli('--policy', policy, file);
    expect(withPolicy.code).toBe(0);
    expect(withPolicy.out).toContain('WARNING');
    const recommended = cli('--recommended', file);
    expect(recommended.code).toBe(1);
    expect(recommended.out).toContain('[VUPC-POLICY-NO-IMPLICIT-GRANT]');
    // A file of rule lists alone adds to --recommended, which turns the rules on.
    const lists = writeTemplate('{"warningRules": ["VUPC-POLICY-NO-IMPLICIT-GRANT"]}', 'policy.json');
    const layered = cli('--recommended', '--policy', lists, '--format', 'json', file);
    expect(layered.code).not.toBe(2);
    expect(JSON.parse(layered.out).findings.filter((f: { ruleId: string }) => f.ruleId === 'VUPC-POLICY-NO-IMPLICIT-GRANT').map((f: { severity: string }) => f.severity)).toEqual(['warning']);
  });

  test('--strict fails on warnings', () => {
    const file = writeTemplate(client({ UserPoolId: 'eu-west-1_abc', ExplicitAuthFlows: ['ADMIN_NO_SRP_AUTH'] }));
    expect(cli(file).code).toBe(0);
    expect(cli('--strict', file).code).toBe(1);
  });

  test('--format json', () => {
    const file = writeTemplate(client({ UserPoolId: 'eu-west-1_abc', AuthSessionValidity: 30 }));
    const { out } = cli('--format', 'json', file);
    const json = JSON.parse(out);
    // The info: the client's pool is not in the template (VUPC-POOL-NOT-FOUND).
    expect(json.summary).toEqual({ errors: 1, warnings: 0, infos: 1, unreadableInputs: 0 });
    expect(json.findings[0]).toMatchObject({ ruleId: 'VUPC-AUTHSESSION-RANGE', severity: 'error', file, line: 7, logicalId: 'Client', property: 'AuthSessionValidity' });
  });

  test('--help and --version', () => {
    expect(cli('--help')).toMatchObject({ code: 0, out: expect.stringContaining('Exit status: 0 no error') });
    expect(cli('--version').out).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe('SARIF 2.1.0', () => {
  test('has the structure code-scanning UIs require', () => {
    const { code, out } = cli('--format', 'sarif', join(FIXTURES, 'clients.yaml'));
    expect(code).toBe(1);
    const sarif = JSON.parse(out);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(sarif.runs).toHaveLength(1);
    const [run] = sarif.runs;
    expect(run.tool.driver.name).toBe('validate-user-pool-clients');
    const ruleIds = run.tool.driver.rules.map((r: { id: string }) => r.id);
    for (const rule of run.tool.driver.rules) {
      expect(rule).toEqual(expect.objectContaining({ id: expect.stringMatching(/^VUPC-/), shortDescription: { text: expect.any(String) }, defaultConfiguration: { level: expect.stringMatching(/^(error|warning|note)$/) } }));
    }
    expect(run.results.length).toBeGreaterThan(0);
    for (const result of run.results) {
      expect(ruleIds[result.ruleIndex]).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(result.message.text).toContain(`[${result.ruleId}]`);
      const location = result.locations[0].physicalLocation;
      expect(location.artifactLocation.uri).toMatch(/clients\.yaml$/);
      expect(location.region.startLine).toBeGreaterThanOrEqual(1);
    }
  });

  test('every rule of the registry is described, notice rules too: every result\'s ruleIndex points at its rule', () => {
    const acknowledging = (ruleId: string) => ({ 'cdk-validated-user-pool-client': { acknowledgements: [{ ruleId, reason: 'stale' }] } });
    const properties = (generateSecret: boolean) => ({ UserPoolId: 'eu-west-1_abc', AuthSessionValidity: 30, GenerateSecret: generateSecret });
    const before = writeTemplate({ Resources: { Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: properties(false) } } });
    const after = writeTemplate({
      Resources: {
        // A nested stack whose template is not a local file (VUPC-NOT-VALIDATED), a waiver that accepts nothing
        // (VUPC-ACKNOWLEDGEMENT-UNUSED), a client replaced since the baseline (VUPC-CLIENT-REPLACED).
        Remote: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://s3.amazonaws.com/bucket/remote.yaml' } },
        Client: { Type: 'AWS::Cognito::UserPoolClient', Metadata: acknowledging('VUPC-CALLBACK-HTTPS'), Properties: properties(true) },
      },
    });
    const [run] = JSON.parse(cli('--format', 'sarif', '--baseline', before, after).out).runs;
    const rules = run.tool.driver.rules as Array<{ id: string; fullDescription: { text: string }; help: { text: string }; helpUri: string }>;
    expect(rules.map((r) => r.id)).toEqual(ALL_RULES.map((r) => r.id));
    const described = { fullDescription: { text: expect.any(String) }, help: { text: expect.any(String) }, helpUri: expect.any(String) };
    for (const rule of rules) expect(rule).toMatchObject(described);
    const results = run.results as Array<{ ruleId: string; ruleIndex: number }>;
    const notices = ['VUPC-NOT-VALIDATED', 'VUPC-ACKNOWLEDGEMENT-UNUSED', 'VUPC-CLIENT-REPLACED'];
    expect(results.map((r) => r.ruleId)).toEqual(expect.arrayContaining([...notices, 'VUPC-AUTHSESSION-RANGE']));
    for (const result of results) expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
  });

  test('file locations are valid URI references: a relative path percent-encoded segment by segment, an absolute path a file: URI', () => {
    const dir = join(tmp(), 'dir with space');
    mkdirSync(dir);
    const file = writeTemplate(client({ UserPoolId: 'eu-west-1_abc', AuthSessionValidity: 30 }), 'my template #1.json');
    const inDir = join(dir, 'my template #1.json');
    writeFileSync(inDir, readFileSync(file));
    const relativePath = relative(process.cwd(), inDir);
    const uris = (input: string) => {
      const [run] = JSON.parse(cli('--format', 'sarif', input).out).runs;
      type At = { physicalLocation: { artifactLocation: { uri: string } } };
      const results = run.results as Array<{ locations: At[] }>;
      const artifacts = run.artifacts as Array<{ location: { uri: string } }>;
      return [...artifacts.map((a) => a.location.uri), ...results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri)];
    };
    const encoded = relativePath.split(sep).map(encodeURIComponent).join('/');
    expect(encoded).toMatch(/\/dir%20with%20space\/my%20template%20%231\.json$/);
    // The artifact and every result (the error, and the info that the pool is not in the template) name the file alike.
    expect(uris(relativePath)).toEqual([encoded, encoded, encoded]);
    expect(uris(inDir)).toEqual([pathToFileURL(inDir).href, pathToFileURL(inDir).href, pathToFileURL(inDir).href]);
    expect(pathToFileURL(inDir).href).toMatch(/^file:\/\/\/.*\/dir%20with%20space\/my%20template%20%231\.json$/);
    // A URI reference, resolved against the directory it was run in, names the file again.
    expect(fileURLToPath(new URL(encoded, pathToFileURL(`${process.cwd()}${sep}`)))).toBe(inDir);
  });

  describe('fingerprints: from what a finding is about, never from its line or its message', () => {
    type Result = {
      ruleId: string;
      locations: Array<{ physicalLocation: { region: { startLine: number } } }>;
      partialFingerprints: { primaryLocationLineHash: string };
    };
    const yaml = (before: string, logout: string) => `Resources:\n${before}  Client:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n`
      + '      UserPoolId: eu-west-1_abc\n      AllowedOAuthFlowsUserPoolClient: true\n      AllowedOAuthFlows: [code]\n      AllowedOAuthScopes: [openid]\n'
      + `      CallbackURLs: [http://a.example.com/cb, http://b.example.com/cb]\n      LogoutURLs: [${logout}]\n`;
    const sarif = (file: string) => {
      const { out } = cli('--format', 'sarif', file);
      return { out, results: JSON.parse(out).runs[0].results as Result[] };
    };
    const fingerprint = (r: Result) => r.partialFingerprints.primaryLocationLineHash;
    const callbacks = (results: Result[]) => results.filter((r) => r.ruleId === 'VUPC-CALLBACK-HTTPS');
    const dir = tmp();
    const file = join(dir, 'template.yaml');
    const write = (text: string) => {
      writeFileSync(file, text);
      return sarif(file);
    };

    test('two findings on one line have different fingerprints, and every fingerprint of a run is unique', () => {
      const { results } = write(yaml('', 'http://a.example.com/out'));
      const [first, second] = callbacks(results);
      expect(first.locations[0].physicalLocation.region.startLine).toBe(second.locations[0].physicalLocation.region.startLine);
      expect(fingerprint(first)).toMatch(/^[0-9a-f]{32}:1$/);
      expect(fingerprint(first)).not.toBe(fingerprint(second));
      expect(new Set(results.map(fingerprint)).size).toBe(results.length);
    });

    test('a finding keeps its fingerprint when lines move and when a neighbouring value changes; runs are byte-identical', () => {
      const before = write(yaml('', 'http://a.example.com/out'));
      expect(sarif(file).out).toBe(before.out);
      const pool = '  Pool:\n    Type: AWS::Cognito::UserPool\n\n    Properties: {}\n';
      const moved = write(yaml(pool, 'https://a.example.com/out'));
      const [was, is] = [callbacks(before.results), callbacks(moved.results)];
      const lines = (results: Result[]) => results.map((r) => r.locations[0].physicalLocation.region.startLine);
      expect(lines(is)).not.toEqual(lines(was));
      expect(is.map(fingerprint)).toEqual(was.map(fingerprint));
      // The logout URL was fixed: its finding is gone, the others are the same alerts.
      expect(moved.results.length).toBe(before.results.length - 1);
      for (const r of moved.results) expect(before.results.map(fingerprint)).toContain(fingerprint(r));
    });

    test('the condition a finding holds under is part of its identity', () => {
      const file2 = writeTemplate({
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] } },
        Resources: {
          Client: client({ UserPoolId: 'eu-west-1_abc', AuthSessionValidity: { 'Fn::If': ['IsProd', 30, 1] } }).Resources.Client,
        },
      });
      const results = sarif(file2).results.filter((r) => r.ruleId === 'VUPC-AUTHSESSION-RANGE');
      expect(results).toHaveLength(2);
      expect(fingerprint(results[0]).split(':')[0]).not.toBe(fingerprint(results[1]).split(':')[0]);
    });

    test('a client an Fn::ForEach loop makes keeps its fingerprints when the loop is renamed', () => {
      const loop = (name: string) => `Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::${name}:\n    - App\n    - [Web]\n`
        + '    - ${App}Client:\n        Type: AWS::Cognito::UserPoolClient\n        Properties:\n          UserPoolId: eu-west-1_abc\n'
        + '          ExplicitAuthFlows: [ALLOW_USER_SRP]\n';
      const [apps, clients] = [write(loop('Apps')).results, write(loop('Clients')).results];
      expect(apps.map((r) => r.ruleId)).toContain('VUPC-AUTHFLOW-ENUM');
      expect(clients.map(fingerprint)).toEqual(apps.map(fingerprint));
    });
  });

  test('helpUri: the rules document at the release\'s tag, or on main for a build that is no release', () => {
    const helpUris = (toolVersion: string) => {
      const [run] = JSON.parse(formatSarif({ inputs: [], findings: [], toolVersion })).runs;
      return (run.tool.driver.rules as Array<{ helpUri: string }>).map((r) => r.helpUri);
    };
    const repo = 'https://github.com/cdk-validated-user-pool-client/cdk-validated-user-pool-client';
    expect(helpUris('1.4.2')[0]).toBe(`${repo}/blob/v1.4.2/docs/rules.md#${ALL_RULES[0].id.toLowerCase()}`);
    expect(helpUris('2.0.0-rc.1').every((u) => u.startsWith(`${repo}/blob/v2.0.0-rc.1/docs/rules.md#`))).toBe(true);
    expect(helpUris('0.0.0').every((u) => u.startsWith(`${repo}/blob/main/docs/rules.md#`))).toBe(true);
  });

  test('more results than GitHub takes in a run: every result kept, and a warning notification says so and how to reduce them', () => {
    const finding = (i: number) => ({
      ruleId: 'VUPC-CALLBACK-HTTPS', severity: RuleSeverity.ERROR, path: `t.yaml#C${i}`, property: 'CallbackURLs[0]', message: `[VUPC-CALLBACK-HTTPS] t.yaml#C${i}`, fix: 'Use https.',
    });
    const run = (n: number) => JSON.parse(formatSarif({
      inputs: [{ file: 't.yaml', status: 'checked', clients: n, notices: [] }],
      findings: Array.from({ length: n }, (_, i) => ({ file: 't.yaml', line: i + 2, logicalId: `C${i}`, finding: finding(i) })),
      toolVersion: '0.0.0',
    })).runs[0];
    expect(run(GITHUB_STORED_RESULTS).invocations[0].toolExecutionNotifications).toEqual([]);
    // GitHub stores 5,000 results of a run and drops the rest: said too.
    const stored = run(GITHUB_STORED_RESULTS + 1);
    expect(stored.results).toHaveLength(5_001);
    expect(stored.invocations[0].toolExecutionNotifications).toEqual([{ level: 'warning', message: { text: expect.stringContaining('This run has 5001 results; GitHub code scanning stores only 5000') } }]);
    const atLimit = run(GITHUB_MAX_RESULTS);
    expect(atLimit.results).toHaveLength(25_000);
    expect(atLimit.invocations[0].toolExecutionNotifications[0].message.text).toContain('stores only 5000');
    const over = run(GITHUB_MAX_RESULTS + 1);
    expect(over.results).toHaveLength(25_001);
    expect(over.invocations[0]).toEqual({
      executionSuccessful: true,
      toolExecutionNotifications: [{ level: 'warning', message: { text: expect.stringContaining('This run has 25001 results; GitHub code scanning rejects') } }],
    });
    expect(over.invocations[0].toolExecutionNotifications[0].message.text).toContain('--disable-rule');
  });

  test('a logical location is the client\'s path and the property, with no trailing dot when the finding names no property', () => {
    const file = writeTemplate({
      Resources: {
        Remote: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://s3.amazonaws.com/bucket/remote.yaml' } },
        Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: 'eu-west-1_abc', AuthSessionValidity: 30 } },
      },
    });
    const results = JSON.parse(cli('--format', 'sarif', file).out).runs[0].results as Array<{ ruleId: string; locations: Array<{ logicalLocations: unknown[] }> }>;
    const names = Object.fromEntries(results.map((r) => [r.ruleId, r.locations[0].logicalLocations]));
    expect(names['VUPC-NOT-VALIDATED']).toEqual([{ name: 'Remote', fullyQualifiedName: `${file}#Remote`, kind: 'resource' }]);
    expect(names['VUPC-AUTHSESSION-RANGE']).toEqual([{ name: 'Client', fullyQualifiedName: `${file}#Client.AuthSessionValidity`, kind: 'resource' }]);
  });
});

describe('secrets stay secret', () => {
  test.each(['text', 'json', 'sarif'])('%s output masks ClientSecret and ExternalId, keeping their length', (format) => {
    const secret = 'Sup3rSecretValueThatMustNotLeak';
    const external = 'external-id-do-not-print';
    const file = writeTemplate(client({
      UserPoolId: 'eu-west-1_abc',
      ClientSecret: secret,
      AnalyticsConfiguration: { ApplicationId: 'zz', RoleArn: 'arn:aws:s3:::not-a-role', ExternalId: external, Extra: external },
    }));
    const { out } = cli('--format', format, file);
    expect(out).not.toContain(secret);
    expect(out).not.toContain(external);
    expect(out).toContain('*'.repeat(secret.length));
  });
});

describe('a directory of stages is read recursively', () => {
  test('nested assembly directories are followed from the manifest', () => {
    const root = tmp();
    mkdirSync(join(root, 'assembly-Prod'));
    writeFileSync(join(root, 'manifest.json'), JSON.stringify({ artifacts: { Prod: { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Prod' } } } }));
    writeFileSync(join(root, 'assembly-Prod', 'manifest.json'), JSON.stringify({ artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } } } }));
    writeFileSync(join(root, 'assembly-Prod', 'S.template.json'), JSON.stringify(client({ UserPoolId: 'eu-west-1_abc' })));
    expect(cli(root)).toMatchObject({ code: 0, out: expect.stringContaining('0 errors, 0 warnings in 1 app client of 1 template') });
  });
});

describe('any rule, service or policy, can be turned off or downgraded from the command line', () => {
  // Fails VUPC-AUTHSESSION-RANGE (service) and, with --recommended, VUPC-POLICY-NO-IMPLICIT-GRANT (policy).
  const template = () => writeTemplate(client({
    UserPoolId: 'eu-west-1_abc',
    ClientName: 'web',
    AuthSessionValidity: 30,
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    PreventUserExistenceErrors: 'ENABLED',
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['implicit'],
    AllowedOAuthScopes: ['openid'],
    CallbackURLs: ['https://app.example.com/cb'],
    SupportedIdentityProviders: ['COGNITO'],
  }));
  const severities = (out: string) => (JSON.parse(out).findings as Array<{ ruleId: string; severity: string }>)
    .filter((f) => ['VUPC-AUTHSESSION-RANGE', 'VUPC-POLICY-NO-IMPLICIT-GRANT'].includes(f.ruleId)).map((f) => `${f.ruleId} ${f.severity}`);

  test('without options: both are errors', () => {
    expect(severities(cli('--recommended', '--format', 'json', template()).out)).toEqual(['VUPC-AUTHSESSION-RANGE error', 'VUPC-POLICY-NO-IMPLICIT-GRANT error']);
  });

  test('--disable-rule and --warning-rule take policy and service rule ids', () => {
    const r = cli('--recommended', '--format', 'json', '--disable-rule', 'VUPC-POLICY-NO-IMPLICIT-GRANT', '--warning-rule', 'VUPC-AUTHSESSION-RANGE', template());
    expect(severities(r.out)).toEqual(['VUPC-AUTHSESSION-RANGE warning']);
    expect(r.code).toBe(0);
  });

  test('a policy file\'s rule lists take policy rules, as UserPoolClientPolicy does: one file serves every door', () => {
    const policy = writeTemplate({ forbidImplicitGrant: true, warningRules: ['VUPC-POLICY-NO-IMPLICIT-GRANT'] }, 'policy.json');
    expect(severities(cli('--policy', policy, '--format', 'json', template()).out)).toEqual(['VUPC-AUTHSESSION-RANGE error', 'VUPC-POLICY-NO-IMPLICIT-GRANT warning']);
    // A service rule in the file was accepted here and made the aspect throw on the same file: refused, with where it goes.
    const service = writeTemplate({ forbidImplicitGrant: true, disabledRules: ['VUPC-AUTHSESSION-RANGE'] }, 'policy.json');
    const r = cli('--policy', service, template());
    expect(r.code).toBe(2);
    expect(r.err).toContain("disabledRules names 'VUPC-AUTHSESSION-RANGE', which it cannot select. VUPC-AUTHSESSION-RANGE is not one of its rules");
    expect(r.err).toContain('choose service rules with --disable-rule and --warning-rule');
    expect(() => new UserPoolClientPolicy(JSON.parse(readFileSync(service, 'utf8')))).toThrow(/VUPC-AUTHSESSION-RANGE is not one of its rules/);
  });

  test('a rule both disabled and downgraded is refused, naming it, whichever options say so', () => {
    const both = cli('--disable-rule', 'VUPC-AUTHSESSION-RANGE', '--warning-rule', 'VUPC-AUTHSESSION-RANGE', template());
    expect(both.code).toBe(2);
    expect(both.err).toContain('VUPC-AUTHSESSION-RANGE is in both --disable-rule and --warning-rule');
    const policy = writeTemplate({ forbidImplicitGrant: true, disabledRules: ['VUPC-POLICY-NO-IMPLICIT-GRANT'] }, 'policy.json');
    const mixed = cli('--policy', policy, '--warning-rule', 'VUPC-POLICY-NO-IMPLICIT-GRANT', template());
    expect(mixed.code).toBe(2);
    expect(mixed.err).toContain('VUPC-POLICY-NO-IMPLICIT-GRANT is in both the rules disabled');
  });

  test('a policy file may name its schema; \'__proto__\' is no option', () => {
    const named = writeTemplate({ $schema: '../docs/policy.schema.json', forbidImplicitGrant: true }, 'policy.json');
    expect(severities(cli('--policy', named, '--format', 'json', template()).out)).toContain('VUPC-POLICY-NO-IMPLICIT-GRANT error');
    const proto = writeTemplate('{"__proto__": {"forbidImplicitGrant": true}}', 'policy.json');
    const r = cli('--policy', proto, template());
    expect(r.code).toBe(2);
    expect(r.err).toContain("'__proto__' is not a policy option");
  });

  test('--policy repeated: each file adds to those before it, and every file is read', () => {
    const company = writeTemplate({ forbidImplicitGrant: true }, 'company.json');
    const team = writeTemplate({ requireClientName: true }, 'team.json');
    const found = (r: { out: string }) => (JSON.parse(r.out).findings as Array<{ ruleId: string }>).map((f) => f.ruleId).filter((id) => id.startsWith('VUPC-POLICY'));
    const unnamed = writeTemplate(client({ UserPoolId: 'eu-west-1_abc', AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['implicit'], AllowedOAuthScopes: ['openid'], SupportedIdentityProviders: ['COGNITO'], CallbackURLs: ['https://a.example.com/cb'] }));
    // Before, only the last file was read: the company's implicit-grant rule went unreported.
    expect(found(cli('--policy', company, '--policy', team, '--format', 'json', unnamed))).toEqual(['VUPC-POLICY-CLIENT-NAME', 'VUPC-POLICY-NO-IMPLICIT-GRANT']);
    // A broken file among them is an error, wherever it stands.
    const broken = writeTemplate({ forbidImplicitGrnat: true }, 'broken.json');
    const r = cli('--policy', broken, '--policy', team, unnamed);
    expect(r.code).toBe(2);
    expect(r.err).toContain("'forbidImplicitGrnat' is not a policy option");
  });

  test('a policy file saved with a byte order mark is read; a missing one is named as missing', () => {
    const bom = writeTemplate('\uFEFF{"forbidImplicitGrant": true}', 'bom.json');
    expect(severities(cli('--policy', bom, '--format', 'json', template()).out)).toContain('VUPC-POLICY-NO-IMPLICIT-GRANT error');
    const missing = cli('--policy', join(FIXTURES, 'no-such-policy.json'), template());
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no-such-policy.json: cannot be read as a JSON policy (no such file).');
  });

  test('--recommended with a policy file: a list adds to the baseline\'s', () => {
    const policy = writeTemplate({ forbiddenAuthFlows: ['ALLOW_CUSTOM_AUTH'] }, 'policy.json');
    const flows = writeTemplate(client({ UserPoolId: 'eu-west-1_abc', ClientName: 'web', PreventUserExistenceErrors: 'ENABLED', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_CUSTOM_AUTH'] }));
    const found = (JSON.parse(cli('--recommended', '--policy', policy, '--format', 'json', flows).out).findings as Array<{ ruleId: string; property: string }>)
      .filter((f) => f.ruleId === 'VUPC-POLICY-AUTHFLOW-FORBIDDEN').map((f) => f.property);
    expect(found).toEqual(['ExplicitAuthFlows[0]', 'ExplicitAuthFlows[1]']);
  });

  test('a policy file is checked against the same definitions as the construct', () => {
    const policy = writeTemplate({ forbiddenAuthFlows: ['ALLOW_USER_PASSWORD'] }, 'policy.json');
    const r = cli('--policy', policy, template());
    expect(r.code).toBe(2);
    expect(r.err).toContain("policy.json: forbiddenAuthFlows has 'ALLOW_USER_PASSWORD', which is not an auth flow");
    expect(r.err).toContain("did you mean 'ALLOW_USER_PASSWORD_AUTH'?");
  });

  test('a misspelt rule id on a flag: the closest one is named', () => {
    const r = cli('--warning-rule', 'VUPC-AUTHSESSION-RANGES', template());
    expect(r.code).toBe(2);
    expect(r.err).toContain("--warning-rule names 'VUPC-AUTHSESSION-RANGES', which it cannot select. Did you mean 'VUPC-AUTHSESSION-RANGE'?");
  });
});

describe('the waivers applied are listed in every format', () => {
  const acknowledgedTwice = () => writeTemplate({
    Metadata: { 'cdk-validated-user-pool-client': { acknowledgements: [{ ruleId: 'VUPC-AUTHSESSION-RANGE', reason: 'Template-wide exception, ticket SEC-1' }] } },
    Resources: {
      Client: {
        Type: 'AWS::Cognito::UserPoolClient',
        Metadata: { 'cdk-validated-user-pool-client': { acknowledgements: [{ ruleId: 'VUPC-AUTHSESSION-RANGE', reason: 'Long MFA enrolment, ticket SEC-2' }] } },
        Properties: { UserPoolId: 'eu-west-1_abc', AuthSessionValidity: 30 },
      },
    },
  });

  test('text: the info names every reason, closest first', () => {
    const file = acknowledgedTwice();
    const { code, out } = cli(file);
    expect(code).toBe(0);
    expect(out).toContain(`Acknowledged on Client (Long MFA enrolment, ticket SEC-2); also on ${file} (Template-wide exception, ticket SEC-1): [VUPC-AUTHSESSION-RANGE]`);
  });

  test('JSON: the report has the members the README documents, and no others', () => {
    const report = JSON.parse(cli('--format', 'json', acknowledgedTwice()).out);
    expect(Object.keys(report)).toEqual(['tool', 'complete', 'inputs', 'findings', 'acknowledgements', 'summary']);
    const documented = {
      input: ['file', 'status', 'clients', 'nestedClients', 'notices', 'error', 'deployedAs', 'api'],
      finding: ['ruleId', 'severity', 'path', 'property', 'message', 'fix', 'file', 'logicalId', 'line', 'condition', 'acknowledgements', 'acknowledgedSeverity'],
    };
    const keys = (list: object[]) => [...new Set(list.flatMap((o) => Object.keys(o)))];
    expect(keys(report.inputs).filter((k) => !documented.input.includes(k))).toEqual([]);
    expect(keys(report.findings).filter((k) => !documented.finding.includes(k))).toEqual([]);
    expect(Object.keys(report.summary)).toEqual(['errors', 'warnings', 'infos', 'unreadableInputs']);
  });

  test('JSON: an acknowledgements list, the audit trail of the run, with the severity each accepted finding had', () => {
    const file = acknowledgedTwice();
    const report = JSON.parse(cli('--format', 'json', file).out);
    const finding = { ruleId: 'VUPC-AUTHSESSION-RANGE', severity: 'error', file, line: 27, logicalId: 'Client', path: `${file}#Client`, property: 'AuthSessionValidity' };
    expect(report.acknowledgements).toEqual([
      { ...finding, scope: 'Client', reason: 'Long MFA enrolment, ticket SEC-2' },
      { ...finding, scope: file, reason: 'Template-wide exception, ticket SEC-1' },
    ]);
    // Before, an auditor could not tell a waived error from a waived warning: the finding reads as an info.
    expect(report.findings[0]).toMatchObject({ severity: 'info', acknowledgedSeverity: 'error' });
    expect(JSON.parse(cli('--format', 'json', '--warning-rule', 'VUPC-AUTHSESSION-RANGE', file).out).acknowledgements[0].severity).toBe('warning');
  });

  test('an info (the pool not found) acknowledged in Metadata is shown with its reason, not reported as an unused waiver', () => {
    // Before, an info was never acknowledged: the notice was unchanged and its waiver a warning (exit 1 with --strict).
    const file = writeTemplate({
      Parameters: { PoolId: { Type: 'String' } },
      Resources: {
        Client: {
          Type: 'AWS::Cognito::UserPoolClient',
          Metadata: { 'cdk-validated-user-pool-client': { acknowledgements: [{ ruleId: 'VUPC-POOL-NOT-FOUND', reason: 'the platform stack makes the pool' }] } },
          Properties: { UserPoolId: { Ref: 'PoolId' } },
        },
      },
    });
    const r = cli('--format', 'json', '--strict', file);
    const findings = JSON.parse(r.out).findings as Array<{ ruleId: string; severity: string; message: string }>;
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['VUPC-POOL-NOT-FOUND', 'info']]);
    expect(findings[0].message).toMatch(/^Acknowledged on Client \(the platform stack makes the pool\): \[VUPC-POOL-NOT-FOUND\]/);
    expect(r.code).toBe(0);
  });

  test('a waiver that accepts nothing in the run is named where it was made (stale, unknown rule id, no reason); one for a rule that did not run is not judged', () => {
    const ack = (ruleId: unknown, reason?: string) => ({ ruleId, reason });
    const file = writeTemplate({
      Metadata: { 'cdk-validated-user-pool-client': { acknowledgements: [ack('VUPC-AUTHSESSION-RANGE', 'used'), ack('VUPC-CALLBACK-HTTPS', 'stale')] } },
      Resources: {
        Client: {
          Type: 'AWS::Cognito::UserPoolClient',
          Metadata: {
            'cdk-validated-user-pool-client': {
              acknowledgements: [ack('VUPC-AUTHFLOW-ENUM', 'stale'), ack('VUPC-AUTHSESION-RANGE', 'typo'), ack('VUPC-IDP-DUPLICATE'), 'text', ack('VUPC-POLICY-NO-IMPLICIT-GRANT', 'no policy run')],
            },
          },
          Properties: { UserPoolId: 'eu-west-1_abc', AuthSessionValidity: 30 },
        },
      },
    });
    const findings = (...args: string[]) => (JSON.parse(cli('--format', 'json', ...args, file).out).findings as Array<{ ruleId: string; logicalId: string; property: string; message: string }>)
      .filter((f) => f.ruleId === 'VUPC-ACKNOWLEDGEMENT-UNUSED');
    const unused = findings();
    const list = 'Metadata.cdk-validated-user-pool-client.acknowledgements';
    expect(unused.map((f) => [f.logicalId, f.property])).toEqual([['', `${list}[1]`], ['Client', `${list}[0]`], ['Client', `${list}[1]`], ['Client', `${list}[2]`], ['Client', `${list}[3]`]]);
    expect(unused.map((f) => f.message)).toEqual([
      `[VUPC-ACKNOWLEDGEMENT-UNUSED] ${file}: ${list}[1] accepts VUPC-CALLBACK-HTTPS ("stale"), which found nothing on this template to accept in this run`,
      `[VUPC-ACKNOWLEDGEMENT-UNUSED] ${file}#Client: ${list}[0] accepts VUPC-AUTHFLOW-ENUM ("stale"), which found nothing on this resource to accept in this run`,
      `[VUPC-ACKNOWLEDGEMENT-UNUSED] ${file}#Client: ${list}[1] names 'VUPC-AUTHSESION-RANGE', which is no rule id (did you mean 'VUPC-AUTHSESSION-RANGE'?), so it accepts nothing`,
      `[VUPC-ACKNOWLEDGEMENT-UNUSED] ${file}#Client: ${list}[2] accepts VUPC-IDP-DUPLICATE without a reason, so it accepts nothing`,
      `[VUPC-ACKNOWLEDGEMENT-UNUSED] ${file}#Client: ${list}[3] is not an acknowledgement ({ ruleId, reason }), so it accepts nothing`,
    ].map((start) => expect.stringContaining(`${start}. `)));
    // With the policy that runs the rule, a waiver of it that accepts nothing is stale too; the rule can be turned off.
    expect(findings('--recommended').map((f) => f.property)).toContain(`${list}[4]`);
    expect(findings('--disable-rule', 'VUPC-ACKNOWLEDGEMENT-UNUSED')).toEqual([]);
  });

  test('a waiver section that cannot be read is named, never ignored: a misspelt key, a list or string where an object or list goes', () => {
    const section = (value: unknown, key = 'cdk-validated-user-pool-client') => ({ [key]: value });
    const resource = (id: string, metadata: unknown) => ({ [id]: { Type: 'AWS::Cognito::UserPoolClient', Metadata: metadata, Properties: { UserPoolId: 'eu-west-1_abc', AuthSessionValidity: 30 } } });
    const file = writeTemplate({
      Resources: {
        ...resource('String', section({ acknowledgements: 'VUPC-AUTHSESSION-RANGE' })),
        ...resource('Us', section({ acknowledgments: [{ ruleId: 'VUPC-AUTHSESSION-RANGE', reason: 'US spelling' }] })),
        ...resource('List', section([{ ruleId: 'VUPC-AUTHSESSION-RANGE', reason: 'list under the key' }])),
        ...resource('Key', section({ acknowledgements: [] }, 'cdk-validated-userpool-client')),
      },
    });
    const report = JSON.parse(cli('--format', 'json', file).out) as { findings: Array<{ ruleId: string; logicalId: string; property: string; message: string }> };
    const unread = report.findings.filter((f) => f.ruleId === 'VUPC-ACKNOWLEDGEMENT-UNUSED');
    expect(unread.map((f) => [f.logicalId, f.property])).toEqual([
      ['String', 'Metadata.cdk-validated-user-pool-client.acknowledgements'],
      ['Us', 'Metadata.cdk-validated-user-pool-client.acknowledgments'],
      ['List', 'Metadata.cdk-validated-user-pool-client'],
      ['Key', 'Metadata.cdk-validated-userpool-client'],
    ]);
    expect(unread[1].message).toContain("is not read (did you mean 'acknowledgements'?), so it accepts nothing");
    expect(unread[2].message).toContain('is a list, not an object with an acknowledgements list');
    expect(unread[3].message).toContain("did you mean 'cdk-validated-user-pool-client'?");
    // Before, these were ignored in silence: the error they were meant to waive is reported, and so is why.
    expect(report.findings.filter((f) => f.ruleId === 'VUPC-AUTHSESSION-RANGE')).toHaveLength(4);
  });

  test('SARIF: suppressions with the justification', () => {
    const sarif = JSON.parse(cli('--format', 'sarif', acknowledgedTwice()).out);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'VUPC-AUTHSESSION-RANGE');
    expect(result.suppressions.map((s: { justification: string }) => s.justification)).toEqual([
      'Long MFA enrolment, ticket SEC-2 (acknowledged on Client)',
      expect.stringMatching(/^Template-wide exception, ticket SEC-1 \(acknowledged on .*template\.json\)$/),
    ]);
    // Both are in the analysed file's Metadata, on the resource and on the template.
    expect(result.suppressions.map((s: { kind: string }) => s.kind)).toEqual(['inSource', 'inSource']);
    expect(result.level).toBe('note');
    expect(result.properties).toEqual({ acknowledgedSeverity: 'error' });
  });

  test('SARIF: every result has suppressions (empty when none accepted it); one recorded in the cloud assembly is external', () => {
    const outdir = tmp();
    const app = testApp({ outdir });
    const stack = new Stack(app, 'Stack');
    const pool = new cognito.UserPool(stack, 'Pool');
    const accepted = new cognito.CfnUserPoolClient(stack, 'Accepted', { userPoolId: pool.userPoolId, authSessionValidity: 1 });
    new cognito.CfnUserPoolClient(stack, 'Open', { userPoolId: pool.userPoolId, authSessionValidity: 1 });
    UserPoolClientAcknowledgements.acknowledge(accepted, 'VUPC-AUTHSESSION-RANGE', 'Legacy client, ticket SEC-3');
    app.synth();
    type Result = { ruleId: string; level: string; suppressions: Array<{ kind: string }>; properties?: unknown; message: { text: string } };
    const results = (...args: string[]) => (JSON.parse(cli('--format', 'sarif', ...args, outdir).out).runs[0].results as Result[])
      .filter((r) => r.ruleId === 'VUPC-AUTHSESSION-RANGE');
    const [acked, open] = results();
    expect(acked.message.text).toContain('Acknowledged on Stack/Accepted');
    const justification = 'Legacy client, ticket SEC-3 (acknowledged on Stack/Accepted)';
    expect(acked).toMatchObject({ level: 'note', suppressions: [{ kind: 'external', status: 'accepted', justification }] });
    expect(acked.properties).toEqual({ acknowledgedSeverity: 'error' });
    expect(open).toMatchObject({ level: 'error', suppressions: [] });
    expect(open.properties).toBeUndefined();
    // The severity the run gave it, not the rule's default: an error made a warning, then acknowledged.
    expect(results('--warning-rule', 'VUPC-AUTHSESSION-RANGE')[0].properties).toEqual({ acknowledgedSeverity: 'warning' });
    // With nothing acknowledged in the run, every result still has the list.
    const file = writeTemplate(client({ UserPoolId: 'eu-west-1_abc', AuthSessionValidity: 30 }));
    for (const r of JSON.parse(cli('--format', 'sarif', file).out).runs[0].results as Result[]) expect(r.suppressions).toEqual([]);
  });
});
