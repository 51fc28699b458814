import { join, resolve } from 'path';
import { callerIn } from '../../src/cdk/acknowledgements';

/**
 * Where a stale acknowledgement was made is the first frame of the app's own
 * code. With source maps on (ts-node, as `cdk init` apps run), the frames of
 * the published lib/*.js are named by the src/*.ts they map to: before, those
 * were taken for the app's code, and the warning named
 * node_modules/cdk-validated-user-pool-client/src/cdk/acknowledgements.ts:94.
 */
const PACKAGE = '/app/node_modules/cdk-validated-user-pool-client';
const frames = (...files: string[]) => ['Error', ...files.map((f, i) => `    at f${i} (${f}:${10 + i}:5)`)].join('\n');

test('frames of this library, compiled or source-mapped, of aws-cdk-lib and of Node.js are passed over', () => {
  const stack = frames(
    `${PACKAGE}/src/cdk/acknowledgements.ts`,
    `${PACKAGE}/lib/cdk/acknowledgements.js`,
    '/app/node_modules/aws-cdk-lib/core/lib/annotations.js',
    'node:internal/modules/cjs/loader',
    '/app/bin/app.ts',
  );
  expect(callerIn(stack, [`${PACKAGE}/src/`, `${PACKAGE}/lib/`], '/app')).toBe('bin/app.ts:14');
  // Outside the working directory, the whole path.
  expect(callerIn(stack, [`${PACKAGE}/src/`, `${PACKAGE}/lib/`], '/elsewhere')).toBe('/app/bin/app.ts:14');
});

test('by default both folders of this package are its own, and nothing beside them', () => {
  const root = resolve(__dirname, '..', '..');
  const stack = frames(join(root, 'src', 'cdk', 'acknowledgements.ts'), join(root, 'lib', 'cdk', 'acknowledgements.js'), join(root, 'test', 'app.ts'));
  expect(callerIn(stack, undefined, root)).toBe(`${join('test', 'app.ts')}:12`);
});
