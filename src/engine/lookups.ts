import { isDeepStrictEqual } from 'util';
import { isPlainObject } from '../rules/values';

/**
 * `Fn::FindInMap`, `Fn::Select` and `Fn::Split` whose arguments the template
 * decides: the value CloudFormation puts in at deployment, found before it
 * (`!FindInMap [Stages, prod, RefreshDays]`, `!Select [1, [a, b]]`), so that
 * the rules check it as they check a literal. Undefined when an argument is
 * known only at deployment (a parameter, another resource's attribute) and
 * the answer depends on it. `resolve` reads an argument as the template
 * index does (references it knows, joins of known parts).
 */

type Resolve = (value: unknown) => unknown;

/** The template sections lookups read. */
export interface LookupSections {
  readonly Mappings?: unknown;
  /** The template's Transform: a name or a list of names. */
  readonly Transform?: unknown;
}

const languageExtensions = (transform: unknown) =>
  transform === 'AWS::LanguageExtensions' || (Array.isArray(transform) && transform.includes('AWS::LanguageExtensions'));

/**
 * A value of a mapping: with both keys known, the entry (or the
 * `DefaultValue` of the language extensions when the mapping lacks it);
 * with the first key unknown and the second known, the entry every first key
 * gives, when they all give the same.
 */
export function foundInMap(args: unknown, sections: LookupSections, resolve: Resolve): unknown {
  // A fourth argument (DefaultValue) is the language extensions': without the transform, CloudFormation refuses it.
  if (!Array.isArray(args) || args.length < 3 || args.length > (languageExtensions(sections.Transform) ? 4 : 3)) return undefined;
  const mappings = isPlainObject(sections.Mappings) ? sections.Mappings : {};
  const [name, first, second] = args.slice(0, 3).map(resolve);
  const map = typeof name === 'string' && Object.prototype.hasOwnProperty.call(mappings, name) ? mappings[name] : undefined;
  if (!isPlainObject(map) || typeof second !== 'string') return undefined;
  const fallback = isPlainObject(args[3]) && 'DefaultValue' in args[3] ? resolve(args[3].DefaultValue) : undefined;
  if (typeof first === 'string') {
    const entries = Object.prototype.hasOwnProperty.call(map, first) ? map[first] : undefined;
    const entry = isPlainObject(entries) && Object.prototype.hasOwnProperty.call(entries, second) ? entries[second] : undefined;
    return entry ?? fallback;
  }
  // The first key is a parameter (the stage, the Region): the value is known where every stage gives the same.
  if (fallback !== undefined) return undefined;
  const candidates = Object.values(map).map((entries) => (isPlainObject(entries) ? entries[second] : undefined));
  const [one] = candidates;
  return one !== undefined && candidates.every((c) => c !== undefined && isDeepStrictEqual(c, one)) ? one : undefined;
}

/** The entry of a list at an index, where both are known (the list's other entries may not be). */
export function selected(args: unknown, resolve: Resolve): unknown {
  if (!Array.isArray(args) || args.length !== 2) return undefined;
  const index = resolve(args[0]);
  const list = resolve(args[1]);
  const i = typeof index === 'number' ? index : typeof index === 'string' && /^\d+$/.test(index) ? Number(index) : NaN;
  return Array.isArray(list) && Number.isInteger(i) && i >= 0 && i < list.length ? list[i] : undefined;
}

/** A known string split at a known delimiter. */
export function split(args: unknown, resolve: Resolve): unknown {
  if (!Array.isArray(args) || args.length !== 2) return undefined;
  const [delimiter, text] = args.map(resolve);
  return typeof delimiter === 'string' && delimiter !== '' && typeof text === 'string' ? text.split(delimiter) : undefined;
}
