import { execFileSync } from 'child_process';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';

/**
 * The documents that messages, `--help` and the README point to travel with
 * the package: every `docs/...` path the source or the README names is in
 * the tarball `npm pack` would publish (listed without building it).
 */
const root = join(__dirname, '..');

function packedFiles(): string[] {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

test('every docs/ path a message, the help or the README gives is in the npm package', () => {
  const named = new Set<string>();
  for (const file of [...sourceFiles(join(root, 'src')), join(root, 'README.md')]) {
    for (const m of readFileSync(file, 'utf8').matchAll(/docs\/[A-Za-z0-9_.-]+\.(?:md|json)/g)) named.add(m[0]);
  }
  expect([...named].sort()).toEqual(expect.arrayContaining(['docs/policy.schema.json', 'docs/rules.md']));
  const packed = new Set(packedFiles());
  expect([...named].filter((path) => !packed.has(path))).toEqual([]);
});
