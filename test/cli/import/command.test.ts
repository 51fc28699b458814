import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { transpileModule } from 'typescript';
import { runCli } from '../../../src/cli/run';
import { PACKAGE_VERSION } from '../../../src/version';

const FIXTURES = join(__dirname, '..', 'fixtures', 'api');
const MAIN = join(__dirname, '..', '..', '..', 'src', 'cli', 'main.ts');

function cli(...argv: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'vupc-import-cli-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('reads a describe response from standard input through the real entry point', () => {
  const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', MAIN, 'import', '--language', 'python', '-'], {
    input: JSON.stringify({ UserPoolClient: { UserPoolId: 'eu-west-1_A', ClientName: 'From stdin', ClientId: 'abc' } }),
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('def from_stdin(scope: Construct, user_pool: cognito.IUserPool) -> ValidatedUserPoolClient:');
  expect(run.stdout).toContain('user_pool_client_name="From stdin",');
  expect(run.stdout).toContain('<stdin>');
});

test('a JSON list of responses gives a function each, with names made unique', () => {
  const file = join(dir, 'two.json');
  const client = { UserPoolId: 'eu-west-1_A', ClientName: 'web' };
  writeFileSync(file, JSON.stringify([{ UserPoolClient: { ...client, ClientId: 'a' } }, { UserPoolClient: { ...client, ClientId: 'b' } }]));
  const { code, out } = cli('import', file);
  expect(code).toBe(0);
  expect(out).toContain("export function web(scope: Construct, userPool: cognito.IUserPool): ValidatedUserPoolClient {\n  const client = new ValidatedUserPoolClient(scope, 'Web', {");
  expect(out).toContain("export function web2(scope: Construct, userPool: cognito.IUserPool): ValidatedUserPoolClient {\n  const client = new ValidatedUserPoolClient(scope, 'Web2', {");
});

test('a client named like a module the file imports (cognito, iam) gets a function name that does not hide it', () => {
  const file = join(dir, 'aliases.json');
  const client = { UserPoolId: 'eu-west-1_A' };
  writeFileSync(file, JSON.stringify([{ UserPoolClient: { ...client, ClientName: 'cognito', ClientId: 'a' } }, { UserPoolClient: { ...client, ClientName: 'iam', ClientId: 'b' } }]));
  const ts = cli('import', file).out;
  expect(ts).toContain('export function cognitoClient(scope: Construct, userPool: cognito.IUserPool)');
  expect(ts).toContain('export function iamClient(');
  expect(ts).not.toMatch(/function (cognito|iam)\(/);
  expect(cli('import', '--language', 'python', file).out).toContain('def cognito_client(scope: Construct, user_pool: cognito.IUserPool)');
});

test('a client named like a binding of strict mode or of a CommonJS module (eval, require, exports) gets a function name that works', () => {
  // Before, `eval` and `arguments` did not compile, `require` threw when the module loaded and `exports` exported nothing.
  const file = join(dir, 'module-names.json');
  const names = ['eval', 'arguments', 'require', 'module', 'exports', 'undefined'];
  writeFileSync(file, JSON.stringify(names.map((name, i) => ({ UserPoolClient: { UserPoolId: 'eu-west-1_A', ClientName: name, ClientId: `c${i}` } }))));
  const ts = cli('import', file).out;
  for (const name of names) {
    expect(ts).toContain(`export function ${name}Client(scope: Construct, userPool: cognito.IUserPool)`);
    expect(ts).not.toContain(`function ${name}(`);
  }
  const js = transpileModule(ts, { compilerOptions: { module: 1 /* CommonJS */ }, reportDiagnostics: true });
  expect(js.diagnostics).toEqual([]);
  expect(js.outputText).toContain('exports.exportsClient = exportsClient;');
});

test('a response that is not as the API prints it, or the pool\'s description, exits 2 saying what it lacks or where it goes', () => {
  // Before, an empty response printed a client named Client with settings it never had, and a pool's description was
  // reported as a request with an unknown member.
  const empty = join(dir, 'empty.json');
  writeFileSync(empty, JSON.stringify({ UserPoolClient: {} }));
  for (const args of [['import', empty], [empty]]) {
    const run = cli(...args);
    expect(run.code).toBe(2);
    expect(run.out).not.toContain('Client');
    expect(run.err).toContain('$.UserPoolClient has no UserPoolId, ClientName, ClientId (as a string), which every DescribeUserPoolClient response holds');
  }
  const pool = join(dir, 'described-pool.json');
  writeFileSync(pool, JSON.stringify({ UserPool: { Id: 'eu-west-1_A' } }));
  expect(cli('import', pool).err).toContain(`${pool}: $ looks like the API's description of the pool around clients, not a client: give it with --user-pool.`);
  const notObject = join(dir, 'not-object.json');
  writeFileSync(notObject, JSON.stringify({ UserPoolClient: [] }));
  expect(cli('import', notObject).err).toContain('$.UserPoolClient is a list, not an object: a DescribeUserPoolClient response is {"UserPoolClient": {"UserPoolId": ...');
});

test('a client name with a carriage return (ClientNameType allows any white space) stays inside its comments, in both languages', () => {
  const file = join(dir, 'carriage-return.json');
  writeFileSync(file, JSON.stringify({ UserPoolClient: { UserPoolId: 'eu-west-1_A', ClientName: 'web\rapp\r\n', ClientId: 'abc' } }));
  const typescript = cli('import', file).out;
  // A raw CR (or U+2028, U+2029) ends a line comment: what follows it would be read as code.
  expect(typescript).not.toMatch(/[\r\u2028\u2029]/);
  expect(typescript).toContain('// web app , abc, of user pool eu-west-1_A.');
  expect(typescript).toContain("userPoolClientName: 'web\\rapp\\r\\n',");
  expect(transpileModule(typescript, { reportDiagnostics: true }).diagnostics).toEqual([]);
  const python = join(dir, 'carriage_return.py');
  writeFileSync(python, cli('import', '--language', 'python', file).out);
  expect(spawnSync('python3', ['-m', 'py_compile', python], { encoding: 'utf8' })).toMatchObject({ status: 0, stderr: '' });
});

test('findings are comments, and the pool rules run with --user-pool', () => {
  const file = join(dir, 'http.json');
  const settings = {
    UserPoolId: 'eu-west-1_A',
    ClientName: 'web',
    ClientId: 'abc',
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'orders/read'],
    CallbackURLs: ['http://app.example.com/cb'],
  };
  writeFileSync(file, JSON.stringify({ UserPoolClient: settings }));
  const without = cli('import', file);
  expect(without.out).toMatch(/\/\/ {3}error: \[VUPC-CALLBACK-HTTPS\] .*CallbackURLs\[0\]/);
  expect(without.out).toContain('did not run: give --user-pool');
  const pool = join(dir, 'pool.json');
  writeFileSync(pool, JSON.stringify({ UserPool: { Id: 'eu-west-1_A', Name: 'pool' } }));
  const withPool = cli('import', '--user-pool', pool, file);
  expect(withPool.code).toBe(0);
  expect(withPool.out).not.toContain('give --user-pool');
  // A described pool does not list its resource servers: the scope is not claimed missing, and the file says why.
  expect(withPool.out).toContain('the pool\'s resource servers were not given (--resource-servers)');
  expect(withPool.out).not.toContain('VUPC-OAUTH-SCOPE-EXISTS');
  const servers = join(dir, 'servers.json');
  writeFileSync(servers, JSON.stringify({ ResourceServers: [] }));
  const withServers = cli('import', '--user-pool', pool, '--resource-servers', servers, file);
  expect(withServers.out).toMatch(/VUPC-OAUTH-SCOPE-EXISTS\].*'orders\/read'/);
});

test('bad usage and bad input exit 2 with what is allowed', () => {
  const language = cli('import', '--language', 'pyhton', join(FIXTURES, 'describe-response.json'));
  expect(language.code).toBe(2);
  expect(language.err).toContain("--language must be typescript or python; got 'pyhton' (did you mean 'python'?)");
  expect(cli('import').err).toContain('give at least one DescribeUserPoolClient response file');
  const update = join(dir, 'update.json');
  writeFileSync(update, JSON.stringify({ UserPoolId: 'eu-west-1_A', ClientId: 'abc', ClientName: 'web' }));
  const updated = cli('import', update);
  expect(updated.code).toBe(2);
  expect(updated.err).toContain('is an UpdateUserPoolClient request, which holds only what it changes');
  const template = join(dir, 'template.json');
  writeFileSync(template, JSON.stringify({ Resources: {} }));
  expect(cli('import', template)).toMatchObject({ code: 2, out: '' });
  // A cloud assembly is read as templates: refused, not printed as an empty file.
  const assembly = join(dir, 'cdk.out');
  mkdirSync(assembly);
  writeFileSync(join(assembly, 'manifest.json'), JSON.stringify({ artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: 'S.template.json' } } } }));
  writeFileSync(join(assembly, 'S.template.json'), JSON.stringify({ Resources: {} }));
  const fromAssembly = cli('import', assembly);
  expect(fromAssembly).toMatchObject({ code: 2, out: '' });
  expect(fromAssembly.err).toContain('S.template.json: is a template, not API JSON; import reads DescribeUserPoolClient responses');
  const help = cli('import', '--help');
  expect(help).toMatchObject({ code: 0 });
  expect(help.out).toContain('Usage: validate-user-pool-clients import');
});

test.each(['typescript', 'python'])('the AWS CLI example, imported as %s (reviewed snapshot)', (language) => {
  const { code, out } = cli('import', '--language', language, join('test', 'cli', 'fixtures', 'api', 'describe-response.json'));
  expect(code).toBe(0);
  expect(out.replace(PACKAGE_VERSION, '<version>')).toMatchSnapshot();
});

test('--recommended and --disable-rule choose the rules behind the finding comments, as when checking', () => {
  const file = join(FIXTURES, 'describe-response.json');
  const service = cli('import', file);
  expect(service.out).not.toContain('VUPC-POLICY-');
  const recommended = cli('import', '--recommended', file);
  expect(recommended.code).toBe(0);
  expect(recommended.out).toMatch(/\/\/ {3}\w+: \[VUPC-POLICY-NO-IMPLICIT-GRANT\]/);
  const without = cli('import', '--recommended', '--disable-rule', 'VUPC-POLICY-NO-IMPLICIT-GRANT', file);
  expect(without.out).not.toContain('VUPC-POLICY-NO-IMPLICIT-GRANT');
  expect(cli('import', '--disable-rule', 'VUPC-NO-SUCH-RULE', file)).toMatchObject({ code: 2, out: '' });
});
