/**
 * The in-process rounds for one app size: every variant runs `reps` times,
 * alternating, in this one process, after one warm-up round. Prints the
 * runs as JSON. Usage (from bench/run.ts, with --expose-gc):
 * in-process.ts <clients> <reps> <variant>...
 */
import { BUILTIN_VALIDATION, timeOnce, Variant, VARIANTS } from './app';
import { alternate, settle } from './measure';

const [n, reps, ...names] = process.argv.slice(2);
const variants: Record<string, Variant> = { ...VARIANTS, builtin: BUILTIN_VALIDATION };
if (!(Number(n) > 0) || !(Number(reps) > 0) || names.length === 0 || names.some((name) => !variants[name])) {
  throw new Error(`usage: in-process.ts <clients> <reps> <${Object.keys(variants).join('|')}>...`);
}
alternate(names, 1, (name) => timeOnce(Math.min(Number(n), 100), variants[name])); // warm-up
console.log(JSON.stringify(alternate(names, Number(reps), (name) => timeOnce(Number(n), variants[name]), settle(variants))));
