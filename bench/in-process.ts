/**
 * The in-process rounds for one app size: every variant runs `reps` times,
 * alternating, in this one process, after one untimed round of the same
 * size. Prints the runs as JSON. Usage (from bench/run.ts, with --expose-gc):
 * in-process.ts <clients> <reps> <variant>...
 */
import { BUILTIN_VALIDATION, timeOnce, Variant, VARIANTS } from './app';
import { alternate, settle } from './measure';

const [n, reps, ...names] = process.argv.slice(2);
const variants: Record<string, Variant> = { ...VARIANTS, builtin: BUILTIN_VALIDATION };
if (!(Number(n) > 0) || !(Number(reps) > 0) || names.length === 0 || names.some((name) => !variants[name])) {
  throw new Error(`usage: in-process.ts <clients> <reps> <${Object.keys(variants).join('|')}>...`);
}
// A full-size warm-up round, not timed. After a 100-client one, the first timed round was still warming up: its
// first run (plain, at 1,000 clients) took 30% longer than in later rounds, and with that round the validator's
// median ratio came out 2 points lower than without it (1.04 against 1.06 over 200 pairs, 2026-12-02).
alternate(names, 1, (name) => timeOnce(Number(n), variants[name]), settle(variants));
console.log(JSON.stringify(alternate(names, Number(reps), (name) => timeOnce(Number(n), variants[name]), settle(variants))));
