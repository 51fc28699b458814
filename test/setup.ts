import fs from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/**
 * aws-cdk-lib 2.262-2.275 runs its built-in "CloudFormation Validate" plugin on
 * every synth and prints its findings with console.error; many tests here
 * synthesize deliberately invalid clients. Those lines are dropped so that the
 * test output shows only what matters. (From 2.276 on, tests switch the plugin
 * off with `builtinCloudFormationValidation: false`.) Nothing else is filtered.
 */
const original = console.error;
console.error = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && (args[0].startsWith('[Warning] Template validation found issues') || args[0].includes('(CloudFormation Validate)'))) return;
  original(...args);
};

/**
 * A CDK app made without an outdir synthesizes into a new `cdk.out*` folder
 * in the temp dir, hundreds of tests do, and the command-line tests write
 * templates there: the temp folders a test file creates are removed when it
 * ends, so test runs do not fill the disk. (Test files run one after another
 * in a worker, which patches mkdtempSync once.)
 */
const MADE = Symbol.for('cdk-validated-user-pool-client.test-assemblies');
type Mkdtemp = typeof fs.mkdtempSync & { [MADE]?: string[] };
if (!(fs.mkdtempSync as Mkdtemp)[MADE]) {
  const mkdtemp = fs.mkdtempSync;
  const temp = [tmpdir(), fs.realpathSync(tmpdir())].map((dir) => join(dir, '/'));
  const made: string[] = [];
  const patched = ((prefix: string, options?: fs.EncodingOption) => {
    const dir = mkdtemp(prefix, options) as string;
    if (temp.some((t) => prefix.startsWith(t))) made.push(dir);
    return dir;
  }) as Mkdtemp;
  patched[MADE] = made;
  fs.mkdtempSync = patched;
}
afterAll(() => {
  for (const dir of (fs.mkdtempSync as Mkdtemp)[MADE]!.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
