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

test("the README's links to the repository's files are absolute, to files that exist: PyPI, NuGet and Maven Central show it without the repository", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const repository = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { repository: { url: string } }).repository.url.replace(/\.git$/, '');
  const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
  expect(links.filter((link) => !/^(https?:|#)/.test(link))).toEqual([]);
  const files = links.filter((link) => link.startsWith(`${repository}/blob/main/`)).map((link) => link.slice(`${repository}/blob/main/`.length).split('#')[0]);
  expect(files.length).toBeGreaterThan(0);
  expect(files.filter((file) => !statSync(join(root, file), { throwIfNoEntry: false }))).toEqual([]);
});
