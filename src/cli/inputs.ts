import { existsSync, statSync } from 'fs';
import { basename } from 'path';
import { InputError, InputKindOption, LoadedTemplate, loadInput, nameDeployments, realPath, STDIN } from './templates';
import { InputStatus, STDIN_SHOWN } from '../reporting/formats';

/**
 * The templates of the inputs of a run, each file read once, and the
 * inputs that could not be read (each given to `unreadable` as it is found):
 *
 * - an input given twice (the same real path: `a.yaml ./a.yaml`, a link, a
 *   shell glob that matches it again) is read once; standard input given
 *   twice is named so (it can be read only once);
 * - a template that one input reads as a stack of its own and another as a
 *   nested stack's template (`cdk.out/*.template.json`, which matches both a
 *   parent and its nested templates) is checked once: as the nested stack,
 *   with its parent's parameters and pool, or else as a stack of its cloud
 *   assembly, with the assembly's construct paths and acknowledgements;
 * - the nested templates a cloud assembly names but that are missing or
 *   broken are unreadable inputs, as a stack's template would be.
 */
export function loadInputs(inputs: readonly string[], kind: InputKindOption, unreadable: (status: InputStatus) => void): LoadedTemplate[] {
  const fail = (file: string, error: string) => unreadable({ file, status: 'unreadable', clients: 0, notices: [], error });
  const given = new Set<string>();
  const byName = filesByName(inputs);
  const perInput: LoadedTemplate[][] = [];
  for (const input of inputs) {
    const real = input === STDIN ? STDIN : realPath(input);
    if (given.has(real)) {
      if (input === STDIN) fail(STDIN_SHOWN, `${STDIN_SHOWN}: - is given twice; standard input can be read only once, so it was read for the first.`);
      continue;
    }
    given.add(real);
    try {
      perInput.push(loadInput(input, kind, byName));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      fail(input === STDIN ? STDIN_SHOWN : input, e.message);
    }
  }
  const templates = readOnce(perInput);
  // A nested template that could not be read is named once, however many of the kept readings name it.
  const named = new Set<string>();
  for (const t of templates) {
    for (const { file, error } of t.unreadableNested ?? []) {
      const real = realPath(file);
      if (!named.has(real)) fail(file, error);
      named.add(real);
    }
  }
  // A nested template several stack resources deploy (in one input or across them) is read for each: named so.
  nameDeployments(templates);
  return templates;
}

/**
 * The template files among the inputs by file name (each real file once):
 * a nested stack whose TemplateURL is remote and ends with one of these
 * names is read from that file, as the nested stack's template, when only
 * one input has the name (`main.yaml app.yaml`, where main.yaml deploys
 * `https://…/templates/app.yaml`).
 */
function filesByName(inputs: readonly string[]): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const input of inputs) {
    if (input === STDIN || !existsSync(input) || statSync(input).isDirectory()) continue;
    const files = byName.get(basename(input)) ?? [];
    if (!files.some((f) => realPath(f) === realPath(input))) files.push(input);
    byName.set(basename(input), files);
  }
  return byName;
}

const rootOf = (t: LoadedTemplate): LoadedTemplate => (t.parent ? rootOf(t.parent.template) : t);

/**
 * How much a reading of a template knows around it: as a nested stack's
 * (its parent's parameters and pool), as a stack of a cloud assembly (its
 * construct paths and acknowledgements), or as a file on its own.
 */
const context = (t: LoadedTemplate) => (t.parent ? 2 : t.stackName !== undefined ? 1 : 0);

/**
 * The templates of the inputs without the stacks read by another input
 * too: a top-level reading is dropped, with the nested templates read below
 * it, when another input reads the same file with more context, or with as
 * much and comes first. Readings below a dropped one do not count (two
 * templates that deploy each other, both given, keep one).
 */
function readOnce(perInput: ReadonlyArray<readonly LoadedTemplate[]>): LoadedTemplate[] {
  const readings = new Map<string, Array<{ t: LoadedTemplate; input: number }>>();
  perInput.forEach((templates, input) => {
    for (const t of templates) if (t.realFile !== undefined) readings.set(t.realFile, [...(readings.get(t.realFile) ?? []), { t, input }]);
  });
  const dropped = new Set<LoadedTemplate>();
  perInput.forEach((templates, input) => {
    for (const root of templates.filter((t) => !t.parent && t.realFile !== undefined)) {
      const elsewhere = readings.get(root.realFile!)!.filter((r) => r.input !== input && !dropped.has(rootOf(r.t)));
      if (elsewhere.some((r) => context(r.t) > context(root) || (context(r.t) === context(root) && r.input < input))) dropped.add(root);
    }
  });
  return perInput.flat().filter((t) => !dropped.has(rootOf(t)));
}
