/**
 * Benchmark: what validation costs at synth time, and the command line on a
 * large template. Run with `npx projen bench` (it uses the newest aws-cdk-lib
 * tested, whose built-in CloudFormation validation can be switched off).
 *
 * Every comparison runs in this one process, alternating the variants, and
 * again with each run in a fresh process (cold, as `cdk synth` runs an app);
 * it reports medians and ratios; results go to bench/results/<date>.json.
 * BENCH_SIZES=100,1000, BENCH_FRESH_SIZES=1000, BENCH_REPS=3 and
 * BENCH_FRESH_REPS=3 narrow a run.
 */
import { execFileSync, spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { cpus, tmpdir, totalmem } from 'os';
import { join } from 'path';
import { Timing, timeOnce, Variant, VARIANTS } from './app';

const SIZES = (process.env.BENCH_SIZES ?? '100,1000,3000').split(',').map(Number);
const FRESH_SIZES = (process.env.BENCH_FRESH_SIZES ?? '1000,3000').split(',').map(Number);
const REPS = Number(process.env.BENCH_REPS ?? 7);
const FRESH_REPS = Number(process.env.BENCH_FRESH_REPS ?? 7);
const CLI_CLIENTS = 5000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
/**
 * A full collection that keeps compiled code. `gc()` with no options also
 * reduces memory, which throws away optimised code and type feedback: with
 * it, `--trace-opt` counted 2.6 times as many optimisations and 5 times as
 * many deoptimisations, and every run paid for recompiling (plain synth
 * 30% slower, validation more so). No real synth runs after such a collection.
 */
const collect = (globalThis as { gc?: (options?: { type: 'major' }) => void }).gc;
/** Before a timed run in this process: a collected heap, and the variant's code run once. */
const settle = (variants: Record<string, Variant>) => (name: string) => {
  collect?.({ type: 'major' });
  timeOnce(WARM_CLIENTS, variants[name]);
};
const WARM_CLIENTS = 100;

/**
 * Runs every variant `reps` times, alternating, and returns the medians;
 * the order is reversed on every other round. In one process, each timed
 * run starts from a collected heap and is preceded by a small run of the
 * same variant, so it does not pay for the garbage or the code paths of the
 * variant before it.
 */
function alternate(
  names: string[],
  reps: number,
  run: (name: string) => Timing | undefined,
  prepare?: (name: string) => void,
): Record<string, Timing> {
  const times: Record<string, { synth: number[]; total: number[] }> = {};
  for (const k of names) times[k] = { synth: [], total: [] };
  for (let r = 0; r < reps; r++) {
    for (const name of r % 2 === 0 ? names : [...names].reverse()) {
      prepare?.(name);
      const t = run(name);
      if (!t) continue;
      times[name].synth.push(t.synth);
      times[name].total.push(t.total);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, t]) => [k, { synth: median(t.synth), total: median(t.total) }]));
}

/** One run in a new Node.js process, as `cdk synth` runs an app. */
function inFreshProcess(n: number, variant: string): Timing | undefined {
  const child = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'fresh-process.ts'), String(n), variant], {
    env: { ...process.env, TS_NODE_PROJECT: join(__dirname, 'tsconfig.json') },
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`fresh-process run failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Timing;
}

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
    reps: REPS,
    synth: [] as unknown[],
    freshProcess: [] as unknown[],
  };
  const ms = (x: number) => x.toFixed(0);
  const rows: string[] = [
    '| clients | plain: build + synth (ms) | + validator | ratio | synth only: plain | + validator | ratio | + validator + policy (build + synth) | ratio | L2 UserPoolClient | ValidatedUserPoolClient | ratio |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const names = Object.keys(VARIANTS);
  alternate(names, 1, (name) => timeOnce(Math.min(...SIZES), VARIANTS[name])); // warm-up
  for (const n of SIZES) {
    const reps = n >= 3000 ? Math.max(3, REPS - 2) : REPS;
    const t = alternate(names, reps, (name) => timeOnce(n, VARIANTS[name]), settle(VARIANTS));
    const ratios = {
      validator: ratio(t.validator.total, t.plain.total),
      validatorSynthOnly: ratio(t.validator.synth, t.plain.synth),
      validatorAndPolicy: ratio(t.policy.total, t.plain.total),
      validatedVsL2: ratio(t.validated.total, t.l2.total),
    };
    (results.synth as unknown[]).push({ clients: n, reps, medianMs: t, ratios });
    rows.push(`| ${n} | ${ms(t.plain.total)} | ${ms(t.validator.total)} | ${ratios.validator} | ${ms(t.plain.synth)} | ${ms(t.validator.synth)} | ${ratios.validatorSynthOnly} | ${ms(t.policy.total)} | ${ratios.validatorAndPolicy} | ${ms(t.l2.total)} | ${ms(t.validated.total)} | ${ratios.validatedVsL2} |`);
    console.log(rows[rows.length - 1]);
  }

  const freshRows = [
    '| clients | plain: build + synth (ms) | + validator | ratio | synth only: plain | + validator | ratio | + validator + policy (build + synth) | ratio |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const n of FRESH_SIZES) {
    const t = alternate(['plain', 'validator', 'policy'], FRESH_REPS, (name) => inFreshProcess(n, name));
    const ratios = {
      validator: ratio(t.validator.total, t.plain.total),
      validatorSynthOnly: ratio(t.validator.synth, t.plain.synth),
      validatorAndPolicy: ratio(t.policy.total, t.plain.total),
    };
    (results.freshProcess as unknown[]).push({ clients: n, reps: FRESH_REPS, medianMs: t, ratios });
    freshRows.push(`| ${n} | ${ms(t.plain.total)} | ${ms(t.validator.total)} | ${ratios.validator} | ${ms(t.plain.synth)} | ${ms(t.validator.synth)} | ${ratios.validatorSynthOnly} | ${ms(t.policy.total)} | ${ratios.validatorAndPolicy} |`);
    console.log(freshRows[freshRows.length - 1]);
  }

  const builtinN = Math.min(1000, Math.max(...SIZES));
  const builtinVariants: Record<string, Variant> = { off: { kind: 'l1' }, on: { kind: 'l1', builtinValidation: true } };
  const builtin = alternate(['off', 'on'], Math.min(REPS, 3), (name) => timeOnce(builtinN, builtinVariants[name]), settle(builtinVariants));
  results.builtinCloudFormationValidation = { clients: builtinN, medianMs: builtin, ratio: ratio(builtin.on.synth, builtin.off.synth) };

  const template = cliTemplate(CLI_CLIENTS);
  const cli = timeCommand(process.execPath, [join(__dirname, '..', 'lib', 'cli', 'main.js'), template], 3);
  const cfnLint = execFileExists('cfn-lint') ? timeCommand('cfn-lint', [template], 1) : undefined;
  results.cli = { clients: CLI_CLIENTS, medianMs: cli, cfnLintMs: cfnLint ?? 'cfn-lint is not installed on this machine' };

  console.log(`\nIn one process, variants alternating (JIT warm after the first runs):\n${rows.join('\n')}\n`);
  console.log(`Each run in a fresh process (as \`cdk synth\` runs an app):\n${freshRows.join('\n')}\n`);
  console.log(`CDK's built-in CloudFormation validation at ${builtinN} clients: synth ${ms(builtin.off.synth)} ms off, ${ms(builtin.on.synth)} ms on (${(builtin.on.synth / builtin.off.synth).toFixed(2)}x), not counted above.`);
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
