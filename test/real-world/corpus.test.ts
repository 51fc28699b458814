import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { runCli } from '../../src/cli/run';

/**
 * Public templates that deploy (see README.md here): the command line reads
 * every one, evaluates every client (conditional ones included), reports no
 * error, and finds what the reviewed snapshot says. An entry may be a cloud
 * assembly (a cdk.out directory), given to the command line as it is.
 */
interface Source {
  readonly file: string;
  readonly repository: string;
  readonly path: string;
  readonly commit: string | null;
  readonly licence: string;
  readonly licenceEvidence: string;
  readonly kind: 'cloudformation' | 'sam' | 'cdk-synthesized';
  readonly tags: readonly string[];
  readonly clients: number;
  /** Errors a sample truly has (it deploys, and the setting cannot work), each with the evidence. */
  readonly expectedErrors?: ReadonlyArray<{ readonly ruleId: string; readonly why: string }>;
}

const DIR = join(__dirname, 'templates');
const SOURCES: Source[] = JSON.parse(readFileSync(join(__dirname, 'sources.json'), 'utf8'));
const PERMISSIVE = new Set(['Apache-2.0', 'MIT', 'MIT-0', 'BSD-2-Clause', 'BSD-3-Clause', 'ISC', 'CC0-1.0', 'Unlicense']);

interface Report {
  readonly complete: boolean;
  readonly inputs: Array<{ clients: number; notices: string[] }>;
  readonly findings: Array<Record<string, string>>;
}

// Each entry is run once: the per-entry tests and the snapshot read the same result (the corpus runs in CI on every change).
const runs = new Map<string, ReturnType<typeof runOnce>>();
function run(file: string) {
  if (!runs.has(file)) runs.set(file, runOnce(file));
  return runs.get(file)!;
}

function runOnce(file: string) {
  let out = '';
  let err = '';
  const code = runCli(['--format', 'json', join(DIR, file)], { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, err, report: JSON.parse(out) as Report };
}

test('every template has its source recorded, under a permissive licence, and every source its template', () => {
  expect(SOURCES.map((s) => s.file).sort()).toEqual(readdirSync(DIR).sort());
  for (const s of SOURCES) {
    expect(s).toEqual(expect.objectContaining({ repository: expect.stringMatching(/^[\w.-]+\/[\w.-]+$/), path: expect.any(String), licenceEvidence: expect.any(String) }));
    expect(PERMISSIVE).toContain(s.licence);
    expect(s.commit === null || /^[0-9a-f]{40}$/.test(s.commit)).toBe(true);
  }
  // What the corpus covers.
  expect(SOURCES.length).toBeGreaterThanOrEqual(60);
  for (const s of SOURCES) for (const e of s.expectedErrors ?? []) expect(e.why.length).toBeGreaterThan(100);
  for (const tag of ['sam', 'short-forms', 'conditions', 'parameters', 'cdk-synthesized', 'nested-stack']) {
    expect(SOURCES.filter((s) => s.tags.includes(tag) || s.kind === tag).length).toBeGreaterThanOrEqual(2);
  }
});

describe.each(SOURCES.map((s) => [s.file, s] as const))('%s', (file, source) => {
  test('is read whole, every client is checked, and no error is reported', () => {
    const { code, err, report } = run(file);
    expect(err).toBe('');
    expect(report.complete).toBe(true);
    // A cdk.out directory is read as the command line reads one: an input for each stack template of its manifest.
    expect(report.inputs.reduce((n, i) => n + i.clients, 0)).toBe(source.clients);
    // A nested stack whose template is elsewhere (a Serverless Application Repository app) is named as not checked, and is
    // not a client of this template.
    const unreadClient = (f: Record<string, string>) => f.ruleId === 'VUPC-NOT-VALIDATED' && !f.message.includes('The nested stack\'s template');
    const errors = report.findings.filter((f) => f.severity === 'error' || unreadClient(f)).map((f) => f.ruleId);
    expect(errors).toEqual((source.expectedErrors ?? []).map((e) => e.ruleId));
    expect(code).toBe(errors.length > 0 ? 1 : 0);
  });
});

test('the findings on the corpus are the reviewed ones', () => {
  const found = SOURCES.map(({ file }) => {
    const { report } = run(file);
    const lines = report.findings.map((f) => `  ${f.severity} ${f.ruleId} ${f.logicalId} ${f.property}${f.condition ? ` [when ${f.condition}]` : ''}`);
    const notices = report.inputs.flatMap((i) => i.notices.map((n) => `  note ${n}`));
    return [file, ...lines, ...notices].join('\n');
  });
  expect(found.join('\n')).toMatchSnapshot();
});
