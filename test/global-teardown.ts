import { rmSync } from 'fs';

/** Removes the run's temp dir (see global-setup.ts). */
export default function globalTeardown(): void {
  const dir = process.env.VUPC_TEST_TMPDIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
