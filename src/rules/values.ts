/**
 * Reading CloudFormation JSON as it will be deployed.
 *
 * Rules see property values exactly as a template holds them. An intrinsic
 * function (`Ref`, `Fn::*`) is a value we cannot know at synth time: it is
 * never an error, and a rule that needs it skips that value. `Ref:
 * AWS::NoValue` removes a property, so it reads as absent.
 */

/** Marker for a value that is only known at deploy time. */
export const UNKNOWN: unique symbol = Symbol('unknown');
export type Unknown = typeof UNKNOWN;

/** True for `{ Ref: … }`, `{ 'Fn::…': … }` and `{ Condition: … }` objects. */
export function isIntrinsic(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  // Counts own keys without allocating them: this runs for every object a rule reads.
  let only: string | undefined;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    if (only !== undefined) return false;
    only = key;
  }
  return only !== undefined && (only === 'Ref' || only === 'Condition' || only.startsWith('Fn::'));
}

export function isNoValue(value: unknown): boolean {
  return isIntrinsic(value) && (value as { Ref?: unknown }).Ref === 'AWS::NoValue';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !isIntrinsic(value);
}

/** True when `Ref: AWS::NoValue`, or a member set to undefined (never written to a template), stands anywhere in the value. */
function hasNoValue(value: unknown): boolean {
  if (Array.isArray(value)) {
    for (const v of value) if (hasNoValue(v)) return true;
    return false;
  }
  if (value === null || typeof value !== 'object') return false;
  if (isNoValue(value)) return true;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined || hasNoValue(v)) return true;
  }
  return false;
}

/** Drops `Ref: AWS::NoValue` wherever it stands, as CloudFormation does (the value itself when there is none). */
export function withoutNoValue(value: unknown): unknown {
  return hasNoValue(value) ? dropNoValue(value) : value;
}

function dropNoValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => !isNoValue(v)).map(dropNoValue);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined && !isNoValue(v)) out[k] = dropNoValue(v);
    }
    return out;
  }
  return value;
}

/** A list as a rule sees it: `known` is false when the list itself is an intrinsic. */
export interface ListValue {
  readonly known: boolean;
  /** Entries; an intrinsic entry is UNKNOWN, an entry of the wrong type is kept as is. */
  readonly items: readonly unknown[];
}

/**
 * CloudFormation converts template strings to the schema's integer and
 * boolean types (a `Ref` to a parameter is always a string), so "60" and
 * "true" are valid there; anything else is the wrong type.
 */
export function asInteger(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d{1,16}$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return undefined;
}

/** Length in Unicode code points, which is how the API model measures strings. */
export function codePointLength(value: string): number {
  // Only a surrogate pair makes a code point longer than one UTF-16 unit; most values have none.
  if (!SURROGATE.test(value)) return value.length;
  let n = 0;
  for (const _ of value) n++;
  return n;
}
const SURROGATE = /[\uD800-\uDFFF]/;
