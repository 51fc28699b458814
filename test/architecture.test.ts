import { spawnSync } from 'child_process';
import { join } from 'path';

/**
 * The command line checks templates where no CDK app exists (a pipeline step,
 * a template exported from the console): it must not need aws-cdk-lib. Lint
 * forbids the import in its layers (docs/architecture.md); this holds the
 * whole import graph to it, including what the bundled packages load.
 */
test('the command line loads no aws-cdk-lib and no constructs module', () => {
  const script = [
    "require('./src/cli/run');",
    "require('@aws-cdk/cloudformation-diff');",
    'const loaded = Object.keys(require.cache);',
    'process.stdout.write(JSON.stringify({',
    '  cdk: loaded.filter((f) => /node_modules[\\\\/](aws-cdk-lib|constructs)[\\\\/]/.test(f)),',
    "  cli: loaded.some((f) => f.endsWith(require('path').join('src', 'cli', 'run.ts'))),",
    '}));',
  ].join('\n');
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: join(__dirname, '..'),
    encoding: 'utf8',
    env: { ...process.env, TS_NODE_PROJECT: 'scripts/tsconfig.json' },
  });
  expect(result.stderr).toBe('');
  expect(JSON.parse(result.stdout)).toEqual({ cdk: [], cli: true });
});
