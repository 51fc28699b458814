import { API_LISTS, EnumProperty, matchesPattern, StringConstraint } from './api-model';
import type { ClientView } from './client-view';
import { closestOf } from './closest';
import type { Report } from './rule';
import { codePointLength, StringParts, UNKNOWN } from './values';

/** The problem with a string under a model constraint, or undefined when it fits. */
export function stringProblem(value: string, c: StringConstraint): string | undefined {
  const length = codePointLength(value);
  if (c.min !== undefined && length < c.min) {
    return length === 0 ? 'is empty' : `is ${length} characters long, shorter than the minimum of ${c.min}`;
  }
  if (c.max !== undefined && length > c.max) return `is ${length} characters long, longer than the maximum of ${c.max}`;
  if (c.pattern !== undefined && !matchesPattern(c.pattern, value)) {
    return `does not match the pattern ${c.modelPattern ?? c.pattern}`;
  }
  return undefined;
}

/**
 * The problem the literal text of a string built at deploy time already
 * has under a model constraint, or undefined: its length alone past the
 * maximum, or a character the pattern's one character class excludes. What
 * depends on the unknown parts is never judged.
 */
export function partialStringProblem(parts: StringParts, c: StringConstraint): string | undefined {
  if (!parts.includes(UNKNOWN)) return stringProblem((parts as string[]).join(''), c);
  const literal = parts.filter((p): p is string => p !== UNKNOWN);
  const length = literal.reduce((n, p) => n + codePointLength(p), 0);
  if (c.max !== undefined && length > c.max) return `has ${length} characters of literal text alone, more than the maximum of ${c.max}`;
  // Patterns that are one character class (`[...]+`) can be judged character by character.
  if (c.pattern === undefined || !ONE_CLASS.test(c.pattern)) return undefined;
  for (const text of literal) {
    if (matchesPattern(c.pattern, text)) continue;
    const bad = [...text].find((ch) => !matchesPattern(c.pattern!, ch));
    return `has ${describeCharacter(bad)} in its literal text, which the pattern ${c.modelPattern ?? c.pattern} does not allow`;
  }
  return undefined;
}

/** A pattern that is one character class, repeated: `[...]+`. */
const ONE_CLASS = /^\[(?:\\.|[^\]\\])*\]\+$/;

function describeCharacter(ch: string | undefined): string {
  if (ch === undefined) return 'a character';
  if (ch === ' ') return 'a space';
  return /[\p{C}\p{Z}]/u.test(ch) ? `the character U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : `'${ch}'`;
}

/**
 * Checks a scalar string property against a model constraint (built at
 * deploy time: what its literal text decides); true when it reported.
 */
export function checkStringProperty(client: ClientView, report: Report, property: string, c: StringConstraint): boolean {
  const value = client.string(property);
  const parts = value === undefined ? client.partialString(property) : undefined;
  const problem = value !== undefined ? stringProblem(value, c) : parts ? partialStringProblem(parts, c) : undefined;
  if (problem) report({ property, value: value ?? client.value(property), problem });
  return problem !== undefined;
}

/** Checks every entry of a list property against a model constraint: concrete ones, and what the literal text of built ones decides. */
export function checkListEntries(client: ClientView, report: Report, property: string, c: StringConstraint): void {
  for (const { index, value } of client.strings(property)) {
    const problem = stringProblem(value, c);
    if (problem) report({ property: `${property}[${index}]`, value, problem });
  }
  for (const { index, parts } of client.partialStrings(property)) {
    const problem = partialStringProblem(parts, c);
    if (problem) report({ property: `${property}[${index}]`, value: client.list(property)!.items[index], problem });
  }
}

/** Checks an integer property against an inclusive range. */
export function checkIntegerRange(
  client: ClientView,
  report: Report,
  property: string,
  range: { readonly min: number; readonly max: number },
  unit = '',
): void {
  const value = client.integer(property);
  if (value === undefined) return;
  if (value < range.min || value > range.max) {
    report({ property, value, problem: `is outside the allowed range ${range.min}-${range.max}${unit}` });
  }
}

/** Checks that a concrete list holds at most `max` entries. */
export function checkListSize(client: ClientView, report: Report, property: keyof typeof API_LISTS): void {
  const list = client.list(property);
  const max = API_LISTS[property].max;
  if (list?.known && list.items.length > max) {
    const distinct = new Set(list.items.map((i) => JSON.stringify(i))).size;
    const repeats = distinct < list.items.length ? ` (${distinct} distinct: some repeat)` : '';
    report({ property, problem: `has ${list.items.length} entries${repeats}, more than the maximum of ${max}` });
  }
}

/** Checks a scalar (`Name` or `Name.Member`) or every entry of a list against an enum. */
export function checkEnum(client: ClientView, report: Report, property: string, values: EnumProperty, isList = false): void {
  const allowed = client.allowed(values);
  if (!isList) {
    const value = client.string(property);
    if (value !== undefined && !allowed.has(value)) report({ property, value, problem: notOneOf(value, allowed) });
    return;
  }
  for (const { index, value } of client.strings(property)) {
    if (!allowed.has(value)) report({ property: `${property}[${index}]`, value, problem: notOneOf(value, allowed) });
  }
}

/** What is wrong with a value outside an enum: the values allowed, and the closest (the API's names are case-sensitive: 'Enabled' is not 'ENABLED'). */
function notOneOf(value: string, allowed: ReadonlySet<string>): string {
  const closest = closestOf(value, [...allowed]);
  return `is not one of ${oneOf(allowed)}${closest ? ` (did you mean '${closest}'?)` : ''}`;
}

/** Quotes a list of allowed values for a message. */
export function oneOf(values: Iterable<string>): string {
  return [...values].map((v) => `'${v}'`).join(', ');
}
