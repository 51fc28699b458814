/**
 * Measuring: variants run alternately, in rounds, and ratios are taken
 * between runs of the same round.
 */
import { spawnSync } from 'child_process';
import { join } from 'path';
import { Timing, timeOnce, Variant } from './app';

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round2 = (x: number) => Math.round(x * 100) / 100;
const round3 = (x: number) => Math.round(x * 1000) / 1000;
export const ratio = (a: number, b: number) => round2(a / b);

/** Medians of a variant's runs, and every run in round order. */
export interface Measured {
  readonly synth: number;
  readonly total: number;
  /** Inside the library's aspects. */
  readonly aspects: number;
  readonly runs: readonly Timing[];
}

/** The medians of some runs, with the runs. */
function measured(runs: readonly Timing[]): Measured {
  return { synth: median(runs.map((t) => t.synth)), total: median(runs.map((t) => t.total)), aspects: median(runs.map((t) => t.aspects)), runs };
}

/** A ratio between two variants: the median of the ratios of runs made in the same round, its 95% confidence interval, and their range. */
export interface PairedRatio {
  readonly median: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly min: number;
  readonly max: number;
  readonly pairs: number;
}

/**
 * Runs of the same round ran next to each other, so their ratio cancels
 * what drifts during the benchmark (heap size, machine load); the range
 * shows how much a single pair can be trusted, and the confidence interval
 * how far the median can be.
 */
export function paired(a: Measured, b: Measured, key: keyof Timing, keyOfB: keyof Timing = key): PairedRatio {
  const xs = a.runs.map((run, i) => run[key] / b.runs[i][keyOfB]);
  const [ciLow, ciHigh] = medianInterval(xs);
  const [min, max] = [Math.min(...xs), Math.max(...xs)];
  return { median: round3(median(xs)), ciLow: round3(ciLow), ciHigh: round3(ciHigh), min: round3(min), max: round3(max), pairs: xs.length };
}

/**
 * A 95% confidence interval for the median that assumes nothing about the
 * distribution: the sorted values without the k lowest and k highest, with
 * the largest k for which at most k of n values fall below the median with
 * a probability of at most 2.5% (binomial, p = 1/2); with fewer than nine
 * values, the whole range. On this machine single pairs vary by a third, so
 * the interval, not the median alone, says whether a target holds.
 */
export function medianInterval(xs: readonly number[]): [number, number] {
  const sorted = [...xs].sort((p, q) => p - q);
  const n = sorted.length;
  let k = 0; // values left out on each side: the median lies below the interval if at most k values do
  let logChoose = 0;
  let below = 0;
  for (let i = 0; i < n; i++) {
    below += Math.exp(logChoose - n * Math.LN2); // P(count = i)
    if (below > 0.025) break;
    k = i;
    logChoose += Math.log((n - i) / (i + 1));
  }
  return [sorted[Math.min(k, n - 1)], sorted[Math.max(n - 1 - k, 0)]];
}
export const showRatio = (r: PairedRatio) => `${r.median.toFixed(2)} (${r.ciLow.toFixed(2)}–${r.ciHigh.toFixed(2)})`;
/** A share as a percentage, with its confidence interval. */
export const showShare = (r: PairedRatio) => `${(r.median * 100).toFixed(1)}% (${(r.ciLow * 100).toFixed(1)}–${(r.ciHigh * 100).toFixed(1)}%)`;

/**
 * A full collection that keeps compiled code. `gc()` with no options also
 * reduces memory, which throws away optimised code and type feedback: with
 * it, `--trace-opt` counted 2.6 times as many optimisations and 5 times as
 * many deoptimisations, and every run paid for recompiling (plain synth
 * 30% slower, validation more so). No real synth runs after such a collection.
 */
const collect = (globalThis as { gc?: (options?: { type: 'major' }) => void }).gc;
/** Before a timed run in this process: a collected heap, and the variant's code run once. */
export const settle = (variants: Record<string, Variant>) => (name: string) => {
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
export function alternate(names: string[], reps: number, run: (name: string) => Timing, prepare?: (name: string) => void): Record<string, Measured> {
  const runs: Record<string, Timing[]> = Object.fromEntries(names.map((k) => [k, []]));
  for (let r = 0; r < reps; r++) {
    for (const name of r % 2 === 0 ? names : [...names].reverse()) {
      prepare?.(name);
      runs[name].push(run(name));
    }
  }
  return Object.fromEntries(names.map((k) => [k, measured(runs[k])]));
}

/** The rounds of several processes as one measurement (rounds stay paired: each process ran every variant in each). */
export function pooled(measurements: ReadonlyArray<Record<string, Measured>>): Record<string, Measured> {
  const names = Object.keys(measurements[0]);
  return Object.fromEntries(names.map((k) => [k, measured(measurements.flatMap((m) => m[k].runs))]));
}

/**
 * Runs a benchmark script in a new Node.js process and returns the JSON it
 * prints last: a fresh process per run, as `cdk synth` runs an app, or per
 * size for the in-process rounds (CDK keeps every token of every app in a
 * process-wide map, so a process that has synthesized many apps is slower).
 */
export function inChild<T>(script: string, args: string[], nodeOptions: string[] = []): T {
  const child = spawnSync(process.execPath, [...nodeOptions, '-r', 'ts-node/register/transpile-only', join(__dirname, script), ...args], {
    env: { ...process.env, TS_NODE_PROJECT: join(__dirname, 'tsconfig.json') },
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  if (child.status !== 0) throw new Error(`${script} ${args.join(' ')} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as T;
}
