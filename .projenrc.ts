import { awscdk, javascript, JsonFile, ReleasableCommits } from 'projen';
import { UpdateSnapshot } from 'projen/lib/javascript';

/**
 * The aws-cdk-lib floor. 2.262.0 is the first release whose policy-validation
 * context carries `stackTemplates` (stack construct path per template), which
 * the validation plugin uses to name stacks and stages; every CfnUserPoolClient
 * property (including RefreshTokenRotation), `Validations`, `AspectPriority`
 * and `addWarningV2` predate it. See README "Supported aws-cdk-lib versions".
 */
const CDK_FLOOR = '2.262.0';
/** The newest aws-cdk-lib the test suite is also run against (`test:cdk-latest`). */
const CDK_LATEST_TESTED = '2.276.0';
/** A CDK CLI that reads the cloud-assembly schema of both versions above (3.x does not). */
const CDK_CLI = '2.1148.1';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-validated-user-pool-client',
  description:
    'An Amazon Cognito app client construct with every setting written out, and CDK Aspects that catch at synth time what Cognito would reject, for every AWS::Cognito::UserPoolClient in an app.',
  author: 'cdk-validated-user-pool-client contributors',
  authorAddress: 'maintainers@cdk-validated-user-pool-client.dev',
  repositoryUrl: 'https://github.com/cdk-validated-user-pool-client/cdk-validated-user-pool-client.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  stability: 'experimental',
  releasableCommits: ReleasableCommits.featuresAndFixes(),
  keywords: [
    'cdk',
    'awscdk',
    'aws-cdk',
    'cognito',
    'user-pool',
    'user-pool-client',
    'app-client',
    'oauth',
    'aspects',
    'validation',
    'policy-as-code',
  ],

  cdkVersion: CDK_FLOOR,
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',

  publishToPypi: {
    distName: 'cdk-validated-user-pool-client',
    module: 'cdk_validated_user_pool_client',
  },
  publishToMaven: {
    javaPackage: 'io.github.cdk_validated_user_pool_client',
    mavenGroupId: 'io.github.cdk-validated-user-pool-client',
    mavenArtifactId: 'cdk-validated-user-pool-client',
  },
  publishToNuget: {
    dotNetNamespace: 'CdkValidatedUserPoolClient',
    packageId: 'CdkValidatedUserPoolClient',
  },
  publishToGo: {
    moduleName: 'github.com/cdk-validated-user-pool-client/cdk-validated-user-pool-client-go',
  },

  devDeps: [`aws-cdk@${CDK_CLI}`, 'fast-check@^4', '@types/js-yaml@^4'],
  // The command line reads YAML templates as CloudFormation does: js-yaml is a port of PyYAML (the parser cfn-lint uses),
  // lenient where CloudFormation is (a flow sequence closed at its key's indentation), with the short-form tags.
  // `--baseline` and the migration tests compare templates with the engine of `cdk diff`.
  bundledDeps: ['js-yaml@^4.3.2', '@aws-cdk/cloudformation-diff@^2.187.5', 'fastest-levenshtein@^1.0.16', 'jsonc-parser@^3.3.1'],
  bin: { 'validate-user-pool-clients': 'lib/cli/main.js' },

  jestOptions: {
    updateSnapshot: UpdateSnapshot.NEVER,
    passWithNoTests: false,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
      // Jest's default leaves a core for its parent process, which only waits: on the 2-core CI machine that ran the
      // suites one at a time (283 s); a worker per core ran them in 165 s (2026-12-03).
      maxWorkers: '100%',
    },
  },
  // '/node_modules' too: a worktree whose node_modules is a link to another's (projen's pattern matches folders only).
  gitignore: ['cdk.out', '/examples/cdk.out', '/bench/results/', '/node_modules'],
});

// Layers, each importing only from the ones before it (docs/architecture.md):
// rules <- engine <- reporting <- cdk <- aspects <- plugin <- construct, with the command line (cli) and the
// cloud-assembly reader (assembly) beside the CDK doors. rules, engine, reporting, assembly and cli never load
// aws-cdk-lib or constructs, so the command line runs without them.
const LAYERS = ['rules', 'engine', 'reporting', 'cdk', 'aspects', 'plugin', 'construct'];
const MAY_IMPORT: Record<string, string[]> = {
  ...Object.fromEntries(LAYERS.map((layer, i) => [layer, [...LAYERS.slice(0, i), ...(i >= LAYERS.indexOf('plugin') ? ['assembly'] : [])]])),
  assembly: [],
  cli: ['rules', 'engine', 'reporting', 'assembly'],
};
const ALL_FOLDERS = Object.keys(MAY_IMPORT);
project.eslint?.addRules({
  'import/no-restricted-paths': ['error', {
    zones: ALL_FOLDERS.map((folder) => ({
      target: `./src/${folder}`,
      // The package's entry too: through it, any layer would load every other (aws-cdk-lib into the command line).
      from: [...ALL_FOLDERS.filter((other) => other !== folder && !MAY_IMPORT[folder].includes(other)).map((other) => `./src/${other}`), './src/index.ts'],
      message: `src/${folder} may import only from ${MAY_IMPORT[folder].map((f) => `src/${f}`).join(', ') || 'itself'} (docs/architecture.md)`,
    })),
  }],
});
project.eslint?.addOverride({
  files: ['src/{rules,engine,reporting,assembly,cli}/**/*.ts'],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: [{ group: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs'], message: 'This layer runs without aws-cdk-lib (the command line loads none of it): see docs/architecture.md' }],
    }],
  },
});

// Scripts, examples and the benchmark run with ts-node against the sources;
// each folder has a tsconfig so that ESLint's project service finds its files.
const TOOL_DIRS = ['scripts', 'examples', 'bench'];
for (const dir of TOOL_DIRS) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      extends: '../tsconfig.json',
      compilerOptions: { rootDir: '..', noEmit: true },
      include: ['**/*.ts', '../src/**/*.ts'],
    },
  });
  project.eslint?.addLintPattern(dir);
}
const TS_NODE = 'ts-node --transpile-only --project scripts/tsconfig.json';

// Jest (isolated modules) and ts-node (transpile only) do not type-check: this does, for the tests and tool folders.
// The benchmark uses the compiled library (lib/), so it is checked after the compile, not with the tests (which a
// fresh clone runs before anything is compiled).
new JsonFile(project, 'test/tsconfig.typecheck.json', {
  obj: { extends: './tsconfig.json', compilerOptions: { isolatedModules: false } },
});
const typecheck = project.addTask('typecheck', {
  description: 'Type-check the tests, scripts and examples (the benchmark is checked after the compile)',
  steps: ['test/tsconfig.typecheck.json', ...TOOL_DIRS.filter((d) => d !== 'bench').map((d) => `${d}/tsconfig.json`)]
    .map((config) => ({ exec: `tsc --noEmit -p ${config}` })),
});
project.testTask.spawn(typecheck);
project.postCompileTask.exec('tsc --noEmit -p bench/tsconfig.json');

// The rule ids class, docs/rules.md and the README defaults table are
// generated from the registry before every compile; .ci/run fails when the
// committed copies differ.
const rulesDoc = project.addTask('rules:doc', {
  description: 'Regenerate src/rules/rule-ids.ts, docs/rules.md and docs/policy.schema.json from the rule registry, and the README tables from the default settings',
  exec: `${TS_NODE} scripts/generate-docs.ts`,
});
project.preCompileTask.spawn(rulesDoc);

// README snippets compile in every jsii language.
const rosetta = project.addTask('rosetta:extract', {
  description: 'Compile the README examples with jsii-rosetta (strict)',
  exec: 'jsii-rosetta extract --strict',
});
project.postCompileTask.spawn(rosetta);
project.gitignore.addPatterns('.jsii.tabl.json', '/rosetta/*.tabl.json');
project.npmignore?.addPatterns('/rosetta/', '/examples/', '/scripts/', '/bench/', '/.ci/');

project.addTask('example', {
  description: 'Synthesize the bundled example app and print its template and findings',
  exec: `${TS_NODE} examples/run.ts`,
});

project.addTask('bench', {
  description: `Benchmark validation cost at synth time and the command line (with aws-cdk-lib ${CDK_LATEST_TESTED}); not part of the tests`,
  steps: [
    { spawn: 'compile' },
    { exec: `npm install --no-save aws-cdk-lib@${CDK_LATEST_TESTED}` },
    { exec: 'node --expose-gc -r ts-node/register/transpile-only bench/run.ts', env: { TS_NODE_PROJECT: 'bench/tsconfig.json' } },
    { exec: `npm install --no-save aws-cdk-lib@${CDK_FLOOR}` },
  ],
});

project.addTask('test:cdk-latest', {
  description: `Run the test suite against aws-cdk-lib ${CDK_LATEST_TESTED} (the floor is ${CDK_FLOOR})`,
  steps: [
    { exec: `npm install --no-save aws-cdk-lib@${CDK_LATEST_TESTED}` },
    // No coverage here: the floor's run (`npx projen test`) reports it, and instrumenting the same tests again
    // would take several times the suite's own time in CI.
    { exec: 'jest --ci --coverage=false' },
    { exec: `npm install --no-save aws-cdk-lib@${CDK_FLOOR}` },
  ],
});

project.synth();
