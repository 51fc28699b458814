/**
 * One measured run in a process of its own, as `cdk synth` runs an app:
 * nothing is compiled or warmed up beforehand. Prints the timing as JSON.
 * Usage (from bench/run.ts): fresh-process.ts <clients> <variant>
 */
import { timeOnce, VARIANTS } from './app';

const [n, variant] = process.argv.slice(2);
if (!VARIANTS[variant] || !(Number(n) > 0)) throw new Error(`usage: fresh-process.ts <clients> <${Object.keys(VARIANTS).join('|')}>`);
console.log(JSON.stringify(timeOnce(Number(n), VARIANTS[variant])));
