import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/**
 * A CDK app made without an outdir synthesizes into a new `cdk.out*` folder in
 * the temp dir (hundreds of tests do), and the command-line tests write
 * templates there. The whole run gets one temp dir of its own, which the
 * global teardown removes: runs do not fill the disk, and no test is patched.
 */
export default function globalSetup(): void {
  const dir = mkdtempSync(join(tmpdir(), 'vupc-tests-'));
  process.env.VUPC_TEST_TMPDIR = dir;
  process.env.TMPDIR = dir;
}
