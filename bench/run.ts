/**
 * Benchmark: what validation costs at synth time, and the command line on a
 * large template. Run with `npx projen bench` (it uses the newest aws-cdk-lib
 * tested, whose built-in CloudFormation validation can be switched off).
 *
 * Every comparison runs in processes of its own per app size, alternating the
 * variants (bench/in-process.ts), and again with each run in a fresh process
 * (cold, as `cdk synth` runs an app: bench/fresh-process.ts). It reports
 * medians, and ratios of runs paired by round with a 95% confidence
 * interval; results (with every run) go to bench/results/<date>.json.
 * BENCH_SIZES=100,1000, BENCH_FRESH_SIZES=1000 (or empty, to skip),
 * BENCH_REPS=3, BENCH_PROCESSES=1, BENCH_TARGET_PROCESSES=1 and
 * BENCH_FRESH_REPS=3 narrow a run.
 */
import { execFileSync, spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { cpus, tmpdir, totalmem } from 'os';
import { dirname, join } from 'path';
import { Timing, VARIANTS } from './app';
import { alternate, inChild, Measured, median, paired, PairedRatio, pooled, ratio, showRatio, showShare } from './measure';

/** App sizes from a comma-separated list; an empty list skips that part. */
const sizes = (list: string) => list.split(',').filter((x) => x.trim() !== '').map(Number);
const SIZES = sizes(process.env.BENCH_SIZES ?? '100,1000,3000');
const FRESH_SIZES = sizes(process.env.BENCH_FRESH_SIZES ?? '1000,3000');
/** In-process rounds per process, and processes per app size: their rounds are pooled. */
const REPS = Number(process.env.BENCH_REPS ?? 5);
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 4);
/**
 * Processes for the comparison the target is about (plain, validator,
 * policy): single pairs vary by a third on this machine, so 20 pairs left
 * the median's 95% interval about 0.2 wide, and 50 pairs about 0.15
 * (2026-12-02). 200 pairs (40 processes, over half an hour) narrowed it
 * to 0.06-0.08, though two such runs an hour apart still disagreed by 0.05.
 */
const TARGET_PROCESSES = Number(process.env.BENCH_TARGET_PROCESSES ?? 10);
/** The target: validation costs at most this ratio of the plain synth, in one process, at these sizes. */
const TARGET = { ratio: 1.1, sizes: [1000, 3000] };
const FRESH_REPS = Number(process.env.BENCH_FRESH_REPS ?? 7);
const CLI_CLIENTS = 5000;
/**
 * Variants compared with each other share processes, and only they: in a
 * process that also ran the others (every configuration distinct, the L3),
 * the validator's own time was 45% higher (34-44 ms against 52-63 ms at
 * 1,000 clients, three processes each), as V8's code for it served them all.
 * A real app is one variant in one process. The no-op aspect, which shows
 * what CDK charges for applying any aspect, has processes of its own with
 * the plain app again (baseline): with it among plain, validator and policy,
 * each process built a third more apps (2026-12-02).
 */
const COMPARED = [
  ['plain', 'validator', 'policy'],
  ['plainDistinct', 'validatorDistinct'],
  ['plainCrossStack', 'validatorCrossStack'],
  ['l2', 'validated'],
  ['baseline', 'noopAspect'],
];
if (COMPARED.flat().sort().join() !== Object.keys(VARIANTS).sort().join()) throw new Error('bench/run.ts: COMPARED must name every variant once');

function cliTemplate(n: number): string {
  const resources: Record<string, unknown> = {
    Pool: { Type: 'AWS::Cognito::UserPool' },
    Domain: { Type: 'AWS::Cognito::UserPoolDomain', Properties: { UserPoolId: { Ref: 'Pool' }, Domain: 'bench' } },
    Api: { Type: 'AWS::Cognito::UserPoolResourceServer', Properties: { UserPoolId: { Ref: 'Pool' }, Identifier: 'api', Name: 'api', Scopes: [{ ScopeName: 'read', ScopeDescription: 'read' }] } },
  };
  for (let i = 0; i < n; i++) {
    resources[`Client${i}`] = {
      Type: 'AWS::Cognito::UserPoolClient',
      Properties: i % 2 === 0
        ? { UserPoolId: { Ref: 'Pool' }, ClientName: `web${i}`, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid', 'email'], CallbackURLs: [`https://web${i}.example.com/cb`], SupportedIdentityProviders: ['COGNITO'], AccessTokenValidity: 60, TokenValidityUnits: { AccessToken: 'minutes' } }
        : { UserPoolId: { Ref: 'Pool' }, ClientName: `m2m${i}`, GenerateSecret: true, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['api/read'] },
      ...(i % 2 === 0 ? {} : { DependsOn: ['Api'] }),
    };
  }
  const file = join(mkdtempSync(join(tmpdir(), 'vupc-cli-bench-')), 'clients.json');
  writeFileSync(file, JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }, null, 1));
  return file;
}

/** What the results file keeps of a measurement: medians and every run. */
function record(t: Record<string, Measured>): Record<string, unknown> {
  const medians = (m: Measured) => ({ synth: m.synth, total: m.total, insideAspects: m.aspects });
  return Object.fromEntries(Object.entries(t).map(([k, m]) => [k, { medianMs: medians(m), runsMs: m.runs }]));
}

const ms = (x: number) => x.toFixed(0);

/** The validator and policy against the plain app: what both ways of measuring report. */
function validatorRatios(t: Record<string, Measured>) {
  return {
    validator: paired(t.validator, t.plain, 'total'),
    insideValidator: paired(t.validator, t.plain, 'aspects', 'total'),
    validatorSynthOnly: paired(t.validator, t.plain, 'synth'),
    validatorAndPolicy: paired(t.policy, t.plain, 'total'),
  };
}
const VALIDATOR_COLUMNS = '| clients | plain: build + synth (ms) | + validator | ratio | inside the validator: share of plain '
  + '| synth only: plain | + validator | ratio | + validator + policy (build + synth) | ratio |';
function validatorCells(n: number, t: Record<string, Measured>, r: ReturnType<typeof validatorRatios>): string {
  const cells = [
    ms(t.plain.total), ms(t.validator.total), showRatio(r.validator), showShare(r.insideValidator),
    ms(t.plain.synth), ms(t.validator.synth), showRatio(r.validatorSynthOnly),
    ms(t.policy.total), showRatio(r.validatorAndPolicy),
  ];
  return `| ${n} | ${cells.join(' | ')} |`;
}

/** A markdown table's header and alignment rows (numbers right-aligned). */
function table(header: string): string[] {
  return [header, `|${'---:|'.repeat(header.split('|').length - 2)}`];
}

/** Whether a ratio meets the target: by its whole confidence interval, by its median only, or not. */
function verdict(r: PairedRatio): string {
  const shown = `${r.median.toFixed(2)}, 95% interval ${r.ciLow.toFixed(2)}-${r.ciHigh.toFixed(2)} over ${r.pairs} pairs`;
  if (r.ciHigh <= TARGET.ratio) return `met (${shown})`;
  if (r.median <= TARGET.ratio) return `median within, interval not (${shown})`;
  return `missed (${shown})`;
}

function timeCommand(cmd: string, args: string[], reps: number): number | undefined {
  const xs: number[] = [];
  for (let r = 0; r < reps; r++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(cmd, args, { stdio: 'ignore' });
    if (result.error) return undefined;
    xs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(xs);
}

function main(): void {
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    awsCdkLib: JSON.parse(readFileSync(require.resolve('aws-cdk-lib/package.json'), 'utf8')).version,
    inProcess: { processesPerSize: { targetComparison: TARGET_PROCESSES, others: PROCESSES }, roundsPerProcess: REPS },
    freshProcessRounds: FRESH_REPS,
    synth: [] as unknown[],
    freshProcess: [] as unknown[],
  };
  const verdicts: Array<{ clients: number; status: string }> = [];
  const rows = table(`${VALIDATOR_COLUMNS} a no-op aspect: ratio | every configuration distinct: ratio | pools in another stack: ratio `
    + '| L2 UserPoolClient | ValidatedUserPoolClient | ratio |');
  for (const n of SIZES) {
    const rounds = (names: string[]) => {
      const processes = names === COMPARED[0] ? TARGET_PROCESSES : PROCESSES;
      return pooled(Array.from({ length: processes }, () => inChild<Record<string, Measured>>('in-process.ts', [String(n), String(REPS), ...names], ['--expose-gc'])));
    };
    const t: Record<string, Measured> = Object.assign({}, ...COMPARED.map(rounds));
    const ratios = {
      ...validatorRatios(t),
      noopAspect: paired(t.noopAspect, t.baseline, 'total'),
      validatorDistinct: paired(t.validatorDistinct, t.plainDistinct, 'total'),
      validatorCrossStack: paired(t.validatorCrossStack, t.plainCrossStack, 'total'),
      validatedVsL2: paired(t.validated, t.l2, 'total'),
    };
    (results.synth as unknown[]).push({ clients: n, roundsPerProcess: REPS, variants: record(t), ratios });
    if (TARGET.sizes.includes(n)) verdicts.push({ clients: n, status: verdict(ratios.validator) });
    const others = [ratios.noopAspect, ratios.validatorDistinct, ratios.validatorCrossStack].map(showRatio);
    rows.push(`${validatorCells(n, t, ratios)} ${others.join(' | ')} | ${ms(t.l2.total)} | ${ms(t.validated.total)} | ${showRatio(ratios.validatedVsL2)} |`);
    console.log(rows[rows.length - 1]);
  }

  const freshRows = table(VALIDATOR_COLUMNS);
  for (const n of FRESH_SIZES) {
    const t = alternate(['plain', 'validator', 'policy'], FRESH_REPS, (name) => inChild<Timing>('fresh-process.ts', [String(n), name]));
    const ratios = validatorRatios(t);
    (results.freshProcess as unknown[]).push({ clients: n, reps: FRESH_REPS, variants: record(t), ratios });
    freshRows.push(validatorCells(n, t, ratios));
    console.log(freshRows[freshRows.length - 1]);
  }

  const builtinN = Math.min(1000, Math.max(...SIZES));
  const builtin = inChild<Record<string, Measured>>('in-process.ts', [String(builtinN), String(Math.min(REPS, 3)), 'plain', 'builtin'], ['--expose-gc']);
  const [off, on] = [builtin.plain, builtin.builtin];
  results.builtinCloudFormationValidation = { clients: builtinN, variants: record(builtin), ratio: ratio(on.synth, off.synth) };

  const template = cliTemplate(CLI_CLIENTS);
  const cli = timeCommand(process.execPath, [join(__dirname, '..', 'lib', 'cli', 'main.js'), template], 3);
  const cfnLint = execFileExists('cfn-lint') ? timeCommand('cfn-lint', [template], 1) : undefined;
  rmSync(dirname(template), { recursive: true, force: true });
  results.cli = { clients: CLI_CLIENTS, medianMs: cli, cfnLintMs: cfnLint ?? 'cfn-lint is not installed on this machine' };

  results.target = { ratio: TARGET.ratio, verdicts };

  console.log('\nRatios: median of the ratios of runs made in the same round (its 95% confidence interval); shares likewise.');
  const layout = `${TARGET_PROCESSES} processes of ${REPS} rounds for plain, validator and policy, ${PROCESSES} for the others`;
  console.log(`\nIn one process per size, variants alternating (${layout}, pooled, after an untimed round):\n${rows.join('\n')}\n`);
  for (const v of verdicts) console.log(`Target (validator at most ${TARGET.ratio}x the plain synth) at ${v.clients} clients: ${v.status}.`);
  console.log(`Each run in a fresh process (as \`cdk synth\` runs an app):\n${freshRows.join('\n')}\n`);
  console.log(`CDK's built-in CloudFormation validation at ${builtinN} clients: synth ${ms(off.synth)} ms off, ${ms(on.synth)} ms on (${(on.synth / off.synth).toFixed(2)}x), not counted above.`);
  console.log(`Command line on one template of ${CLI_CLIENTS} clients: ${cli?.toFixed(0)} ms${cfnLint ? `; cfn-lint: ${cfnLint.toFixed(0)} ms (${(cfnLint / cli!).toFixed(1)}x slower)` : '; cfn-lint is not installed on this machine'}.`);
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `${new Date().toISOString().slice(0, 10)}.json`);
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`Results: ${out}`);
}

function execFileExists(cmd: string): boolean {
  try {
    execFileSync(cmd, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

main();
