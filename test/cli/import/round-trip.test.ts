import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ts from 'typescript';
import { canonical, Configuration, configurations, Settings } from './configurations';
import * as thisLibrary from '../../../src';
import { runCli } from '../../../src/cli/run';
import { quietCdkBuiltinValidation } from '../../helpers';

/**
 * `import` round trip: for each configuration, the code `import` prints is
 * type-checked (one program for all), run against aws-cdk-lib and this
 * library, and synthesized; the client's CloudFormation properties equal the
 * described settings (in the API's sense: see `canonical`). The Python code
 * is compiled and run against recording stand-ins of its modules, and gives
 * the same values as the TypeScript code run against the same stand-ins.
 */

const ROOT = join(__dirname, '..', '..', '..');
const CONFIGURATIONS = configurations();
let dir: string;
const generated = new Map<string, { typescript: string; python: string; file: string }>();

function importAs(file: string, language: string): string {
  let out = '';
  let err = '';
  const code = runCli(['import', '--language', language, file], { out: (t) => (out += t), err: (t) => (err += t) });
  expect({ code, err }).toEqual({ code: 0, err: '' });
  return out;
}

const moduleFile = (i: number) => `client${i}`;

quietCdkBuiltinValidation();
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vupc-import-'));
  CONFIGURATIONS.forEach((c, i) => {
    const file = join(dir, `${moduleFile(i)}.json`);
    writeFileSync(file, JSON.stringify(c.input));
    generated.set(c.name, { typescript: importAs(file, 'typescript'), python: importAs(file, 'python'), file: moduleFile(i) });
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('at least 25 configurations, the AWS CLI example first', () => {
  expect(CONFIGURATIONS.length).toBeGreaterThanOrEqual(25);
  expect(CONFIGURATIONS[0].settings.ClientName).toBe('MyTestClient');
});

/** Type-checks files as an app would (strict), with this package resolved to its sources; every diagnostic, global ones included. */
function typeCheck(files: string[]): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    types: ['node'],
    typeRoots: [join(ROOT, 'node_modules', '@types')],
    // The files are written outside the project: its packages are named here.
    paths: {
      'cdk-validated-user-pool-client': [join(ROOT, 'src', 'index.ts')],
      'aws-cdk-lib': [join(ROOT, 'node_modules', 'aws-cdk-lib')],
      'aws-cdk-lib/*': [join(ROOT, 'node_modules', 'aws-cdk-lib', '*')],
      'constructs': [join(ROOT, 'node_modules', 'constructs')],
    },
  });
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? 'options'}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

test('the TypeScript code type-checks against aws-cdk-lib and this library; a wrong name would not', () => {
  const files = CONFIGURATIONS.map((c) => {
    const file = join(dir, `${generated.get(c.name)!.file}.ts`);
    writeFileSync(file, generated.get(c.name)!.typescript);
    return file;
  });
  // The same program proves the check bites: a misspelt Duration method fails it.
  const broken = join(dir, 'broken.ts');
  writeFileSync(broken, generated.get('Console web app')!.typescript.replace('Duration.minutes(', 'Duration.minute('));
  const problems = typeCheck([...files, broken]);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(/broken\.ts: Property 'minute' does not exist/);
});

/** Runs generated TypeScript as CommonJS with `require` given. */
function evaluate(code: string, requireOf: (id: string) => unknown): Record<string, unknown> {
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  const module = { exports: {} as Record<string, unknown> };
  new Function('require', 'module', 'exports', js)(requireOf, module, module.exports);
  return module.exports;
}

/** What the generated TypeScript imports. */
const MODULES: Record<string, unknown> = { 'aws-cdk-lib': { Duration, RemovalPolicy }, 'aws-cdk-lib/aws-cognito': cognito, 'aws-cdk-lib/aws-iam': iam, 'constructs': {} };

function synthesized(c: Configuration): Settings {
  const exported = evaluate(generated.get(c.name)!.typescript, (id) => (id === 'cdk-validated-user-pool-client' ? thisLibrary : MODULES[id]));
  const functions = Object.values(exported).filter((f): f is (scope: unknown, pool: unknown) => unknown => typeof f === 'function');
  expect(functions).toHaveLength(1);
  const stack = new Stack(new App(), 'Imported', { env: { account: '123456789012', region: 'eu-west-1' } });
  functions[0](stack, cognito.UserPool.fromUserPoolId(stack, 'Pool', String(c.settings.UserPoolId)));
  const clients = Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient');
  expect(Object.keys(clients)).toHaveLength(1);
  return Object.values(clients)[0];
}

test.each(CONFIGURATIONS.map((c) => [c.name, c]))('%s: synthesizes to the described settings', (_, c) => {
  const { Properties, DeletionPolicy } = synthesized(c as Configuration);
  expect(canonical(Properties as Settings)).toEqual(canonical((c as Configuration).settings));
  // A deployed client is kept, which `cdk import` requires; a request's client is new.
  expect(DeletionPolicy).toBe('ClientId' in (c as Configuration).settings ? 'Retain' : undefined);
});

/** Where the code says each setting: a prop, or a property override. */
const SAID_BY: Record<string, string[]> = {
  GenerateSecret: ['generateSecret'],
  ClientSecret: ['generateSecret'],
  ClientName: ['userPoolClientName'],
  AccessTokenValidity: ['accessTokenValidity'],
  IdTokenValidity: ['idTokenValidity'],
  RefreshTokenValidity: ['refreshTokenValidity'],
  // The units are said by each validity's Duration (Duration.days(10)), or by an override of TokenValidityUnits.
  TokenValidityUnits: ['Duration.', 'TokenValidityUnits'],
  AuthSessionValidity: ['authSessionValidity'],
  ReadAttributes: ['readAttributes'],
  WriteAttributes: ['writeAttributes'],
  ExplicitAuthFlows: ['authFlows'],
  SupportedIdentityProviders: ['supportedIdentityProviders'],
  CallbackURLs: ['callbackUrls'],
  LogoutURLs: ['logoutUrls'],
  DefaultRedirectURI: ['defaultRedirectUri'],
  AllowedOAuthFlows: ['flows:'],
  AllowedOAuthScopes: ['scopes'],
  AllowedOAuthFlowsUserPoolClient: ['oAuth', 'disableOAuth'],
  AnalyticsConfiguration: ['analytics'],
  PreventUserExistenceErrors: ['preventUserExistenceErrors'],
  EnableTokenRevocation: ['enableTokenRevocation'],
  EnablePropagateAdditionalUserContextData: ['enablePropagateAdditionalUserContextData'],
  RefreshTokenRotation: ['refreshTokenRotationGracePeriod', 'RefreshTokenRotation'],
  UserPoolId: ['userPool'],
};
/** What Cognito fills in, which no code sets. */
const FILLED_IN = new Set(['ClientId', 'CreationDate', 'LastModifiedDate']);

test.each(CONFIGURATIONS.map((c) => [c.name, c]))('%s: the code names every setting the client has, and never its secret', (_, c) => {
  const { settings } = c as Configuration;
  const code = generated.get((c as Configuration).name)!.typescript;
  // An empty list is none; rotation off is what the construct writes, and no prop turns it off.
  const left = (property: string) => (Array.isArray(settings[property]) && (settings[property] as unknown[]).length === 0)
    || (property === 'RefreshTokenRotation' && (settings[property] as Settings).Feature !== 'ENABLED' && !(settings[property] as Settings).RetryGracePeriodSeconds);
  for (const property of Object.keys(settings).filter((p) => !left(p) && !FILLED_IN.has(p))) {
    expect({ property, said: SAID_BY[property].some((s) => code.includes(s) || code.includes(`'${property}`)) }).toEqual({ property, said: true });
  }
  for (const secret of [settings.ClientSecret].filter((s): s is string => typeof s === 'string')) expect(code).not.toContain(secret);
});

test('each value that is not the library\'s default is marked, and only those', () => {
  const code = generated.get('AWS CLI example (describe)')!.typescript;
  expect(code).toContain("refreshTokenValidity: Duration.days(10), // not this library's default (30 days)");
  expect(code).toContain("authSessionValidity: Duration.minutes(4), // not this library's default (3 minutes)");
  expect(code).toMatch(/accessTokenValidity: Duration\.minutes\(60\),\n/);
  expect(code).toContain('VUPC-ANALYTICS-PINPOINT-END-OF-SUPPORT');
  expect(generated.get('Console web app')!.typescript).not.toContain("not this library's default");
});

// Python: the same code, run against stand-ins that record what it builds.

/** A recorded value: what both languages' stand-ins give for the same code. */
type Recorded = unknown;
const STRUCTS = new Set(['cognito.OAuthSettings', 'cognito.OAuthFlows', 'cognito.AuthFlow', 'cognito.AnalyticsConfiguration']);

/** Stand-ins of the modules for the TypeScript code: every name read, called or constructed is recorded by its path. */
function recordingRequire(): { require: (id: string) => unknown; records: Recorded[]; variable: (name: string) => unknown } {
  const records: Recorded[] = [];
  const described = new WeakMap<object, Recorded>();
  const encode = (v: unknown): Recorded => {
    if (v !== null && (typeof v === 'object' || typeof v === 'function') && described.has(v as object)) return described.get(v as object);
    if (Array.isArray(v)) return v.map(encode);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
    return v;
  };
  const callOf = (path: string, args: unknown[]): Recorded => {
    const last = args[args.length - 1];
    const kwargs = last !== null && typeof last === 'object' && !Array.isArray(last) && !described.has(last) ? encode(last) : undefined;
    return { call: path, args: (kwargs ? args.slice(0, -1) : args).map(encode), kwargs: kwargs ?? {} };
  };
  const recorder = (path: string, self?: Recorded): unknown => {
    const proxy: object = new Proxy(function () {}, {
      get: (_, name) => (typeof name === 'string' ? recorder(`${path}.${name}`, self) : undefined),
      apply: (_, __, args) => chained(self === undefined ? callOf(path, args) : { on: self, ...(callOf(path.split('.').pop()!, args) as object) }),
      construct: (_, args) => chained(callOf(path, args)),
    });
    described.set(proxy, self === undefined ? { constant: path } : { on: self, constant: path.split('.').pop() });
    return proxy;
  };
  const chained = (value: Recorded): object => {
    const proxy = new Proxy({}, { get: (_, name) => (typeof name === 'string' ? recorder(name, value) : undefined) });
    described.set(proxy, value);
    return proxy;
  };
  const library = {
    ValidatedUserPoolClient: class {
      public readonly resource: unknown;
      public readonly applyRemovalPolicy: (policy: unknown) => void;
      public constructor(scope: unknown, id: string, props: Record<string, unknown>) {
        const record = { construct: id, props: encode(props), overrides: [] as unknown[], removalPolicy: null as unknown };
        records.push(record);
        this.applyRemovalPolicy = (policy) => (record.removalPolicy = encode(policy));
        this.resource = {
          addPropertyOverride: (path: string, value: unknown) => record.overrides.push([path, value]),
        };
        void scope;
      }
    },
  };
  const modules: Record<string, unknown> = {
    'aws-cdk-lib': { Duration: recorder('Duration'), RemovalPolicy: recorder('RemovalPolicy') },
    'aws-cdk-lib/aws-cognito': recorder('cognito'),
    'aws-cdk-lib/aws-iam': recorder('iam'),
    'constructs': {},
    'cdk-validated-user-pool-client': library,
  };
  return { require: (id) => modules[id], records, variable: (name) => recorder(name) };
}

const PYTHON_STANDINS: Record<string, string> = {
  'standin.py': `
import re
def camel(name):
    return name if not re.search('[a-z]', name) else re.sub('_([a-z0-9])', lambda m: m.group(1).upper(), name)
STRUCTS = ${JSON.stringify([...STRUCTS])}
def encode(v):
    if isinstance(v, (Recorder, Call)): return v.encoded()
    if isinstance(v, list): return [encode(x) for x in v]
    if isinstance(v, dict): return {k: encode(x) for k, x in v.items()}
    return v
def call_of(path, args, kwargs):
    return {'call': path, 'args': [encode(a) for a in args], 'kwargs': {camel(k): encode(v) for k, v in kwargs.items()}}
class Call:
    def __init__(self, value): self.value = value
    def encoded(self): return self.value
    def __getattr__(self, name): return Recorder(camel(name), self.value)
class Recorder:
    def __init__(self, path, on=None): self.path, self.on = path, on
    def encoded(self): return {'constant': self.path} if self.on is None else {'on': self.on, 'constant': self.path}
    def __getattr__(self, name): return Recorder(self.path + '.' + camel(name), self.on)
    def __call__(self, *args, **kwargs):
        if self.on is not None: return Call({'on': self.on, **call_of(self.path, args, kwargs)})
        if self.path in STRUCTS and not args: return Call({camel(k): encode(v) for k, v in kwargs.items()})
        return Call(call_of(self.path, args, kwargs))
RECORDS = []
class Resource:
    def __init__(self, record): self.record = record
    def add_property_override(self, path, value): self.record['overrides'].append([path, value])
class ValidatedUserPoolClient:
    def __init__(self, scope, id, **props):
        record = {'construct': id, 'props': {camel(k): encode(v) for k, v in props.items()}, 'overrides': [], 'removalPolicy': None}
        RECORDS.append(record)
        self.resource = Resource(record)
        self.record = record
    def apply_removal_policy(self, policy): self.record['removalPolicy'] = encode(policy)
`,
  'aws_cdk/__init__.py': `
from standin import Recorder
def __getattr__(name):
    if name.startswith('aws_'): raise AttributeError(name)
    return Recorder(name)
`,
  'aws_cdk/aws_cognito.py': "from standin import Recorder\ndef __getattr__(name): return Recorder('cognito.' + name)\n",
  'aws_cdk/aws_iam.py': "from standin import Recorder\ndef __getattr__(name): return Recorder('iam.' + name)\n",
  'constructs.py': 'class Construct: pass\n',
  'cdk_validated_user_pool_client.py': 'from standin import ValidatedUserPoolClient\n',
  'run.py': `
import importlib, inspect, json, sys
import standin
out = {}
for name in sys.argv[1:]:
    module = importlib.import_module(name)
    functions = [f for n, f in vars(module).items() if inspect.isfunction(f) and f.__module__ == name]
    standin.RECORDS.clear()
    for f in functions: f(standin.Recorder('scope'), standin.Recorder('userPool'))
    out[name] = list(standin.RECORDS)
print(json.dumps(out))
`,
};

test('the Python code compiles, and builds the same values as the TypeScript code', () => {
  const py = join(dir, 'python');
  mkdirSync(join(py, 'aws_cdk'), { recursive: true });
  for (const [file, text] of Object.entries(PYTHON_STANDINS)) writeFileSync(join(py, file), text.trimStart());
  const names = CONFIGURATIONS.map((c) => generated.get(c.name)!.file);
  CONFIGURATIONS.forEach((c, i) => writeFileSync(join(py, `${names[i]}.py`), generated.get(c.name)!.python));
  const compiled = spawnSync('python3', ['-m', 'py_compile', ...names.map((n) => join(py, `${n}.py`))], { encoding: 'utf8' });
  expect(compiled.stderr).toBe('');
  expect(compiled.status).toBe(0);
  const run = spawnSync('python3', [join(py, 'run.py'), ...names], { cwd: py, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  const fromPython = JSON.parse(run.stdout) as Record<string, Recorded[]>;
  CONFIGURATIONS.forEach((c, i) => {
    const standins = recordingRequire();
    const exported = evaluate(generated.get(c.name)!.typescript, standins.require);
    for (const f of Object.values(exported)) (f as (s: unknown, p: unknown) => unknown)(standins.variable('scope'), standins.variable('userPool'));
    expect({ name: c.name, records: fromPython[names[i]] }).toEqual({ name: c.name, records: JSON.parse(JSON.stringify(standins.records)) });
  });
});

test('a secret in the input (machine to machine) is not in the code', () => {
  const code = generated.get('machine to machine')!.typescript;
  expect(code).not.toContain('not-shown');
  expect(readFileSync(join(dir, `${generated.get('machine to machine')!.file}.json`), 'utf8')).toContain('not-shown');
});

test('a client-credentials client\'s auth flows carry no comment that they differ from the default: refresh alone is its default', () => {
  // Before: `authFlows: { userSrp: false }, // not this library's default (SRP and refresh)`, which holds for user clients only.
  const code = generated.get('machine to machine')!.typescript;
  expect(code).toMatch(/authFlows: \{ userSrp: false \},?\n/);
  expect(code).not.toContain('(SRP and refresh)');
});
