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

/**
 * The intrinsic functions CloudFormation knows (template reference, with
 * AWS::LanguageExtensions' and Fn::GetStackOutput); any other `Fn::` key
 * makes it reject the template ("Encountered unsupported function", see
 * VUPC-PROPERTY-TYPE's decision).
 */
export const INTRINSIC_FUNCTIONS: readonly string[] = Object.freeze([
  'Fn::Base64', 'Fn::Cidr', 'Fn::FindInMap', 'Fn::ForEach', 'Fn::GetAtt', 'Fn::GetAZs', 'Fn::GetStackOutput', 'Fn::ImportValue',
  'Fn::Join', 'Fn::Length', 'Fn::Select', 'Fn::Split', 'Fn::Sub', 'Fn::ToJsonString', 'Fn::Transform',
  'Fn::And', 'Fn::Equals', 'Fn::If', 'Fn::Not', 'Fn::Or',
]);
const KNOWN_FUNCTIONS: ReadonlySet<string> = new Set(INTRINSIC_FUNCTIONS);

/** The `Fn::` key of an intrinsic that CloudFormation does not know (`!Foo` in YAML reads as `Fn::Foo`); undefined otherwise. */
export function unknownFunctionOf(value: unknown): string | undefined {
  if (!isIntrinsic(value)) return undefined;
  for (const key in value as object) return key.startsWith('Fn::') && !KNOWN_FUNCTIONS.has(key) ? key : undefined;
  return undefined;
}

export function isNoValue(value: unknown): boolean {
  return isIntrinsic(value) && (value as { Ref?: unknown }).Ref === 'AWS::NoValue';
}

/** An object that is not a list, intrinsic functions included: what a JSON document or a construct's field may hold. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && !isIntrinsic(value);
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
  /** Entries as the template holds them: an intrinsic entry, or one of the wrong type, is kept as it is. */
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

/**
 * The strings CloudFormation reads as booleans (its Jackson-based
 * conversion; cfn-lint's BOOLEAN_STRINGS are the same six).
 */
const BOOLEAN_STRINGS: ReadonlyMap<unknown, boolean> = new Map([['true', true], ['True', true], ['TRUE', true], ['false', false], ['False', false], ['FALSE', false]]);

export function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  return BOOLEAN_STRINGS.get(value);
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

/**
 * CloudFormation's dynamic references, `{{resolve:ssm:name}}`,
 * `{{resolve:secretsmanager:id:SecretString:key}}` and the like: it puts the
 * value they name in their place when the stack deploys, in any string of
 * any resource property, whole or part of the string. In an `Fn::Sub` the
 * name may hold variables (`{{resolve:ssm:/${Stage}/host}}`).
 */
// The alternatives never match the same text (a '$' starts a variable only before '{'): no backtracking blow-up on text
// that never closes.
const DYNAMIC_REFERENCE = /\{\{resolve:(?:\$\{[^}]*\}|\$(?!\{)|[^}$]|\}(?!\}))*\}\}/g;
const DYNAMIC_REFERENCE_START = '{{resolve:';

/** The text around a string's dynamic references, and the references themselves (as their text, marked). */
function dynamicSegments(text: string): Array<string | { reference: string }> | undefined {
  if (!text.includes(DYNAMIC_REFERENCE_START)) return undefined;
  const segments: Array<string | { reference: string }> = [];
  let at = 0;
  for (const m of text.matchAll(DYNAMIC_REFERENCE)) {
    if (m.index! > at) segments.push(text.slice(at, m.index));
    segments.push({ reference: m[0] });
    at = m.index! + m[0].length;
  }
  if (at === 0) return undefined;
  if (at < text.length) segments.push(text.slice(at));
  return segments;
}

/** True when a template string holds a dynamic reference (text that only starts like one holds none). */
export function holdsDynamicReference(text: string): boolean {
  return dynamicSegments(text) !== undefined;
}

/**
 * A template string with its dynamic references read as values known only
 * at deployment, as `Ref`s named by their text (joined with the literal text
 * around them): `https://{{resolve:ssm:host}}/cb` reads as
 * `"https://" + <unknown> + "/cb"`. The string itself when it holds none.
 */
export function readDynamicReferences(text: string): unknown {
  const segments = dynamicSegments(text);
  if (!segments) return text;
  const parts = segments.map((p) => (typeof p === 'string' ? p : { Ref: p.reference }));
  return parts.length === 1 ? parts[0] : { 'Fn::Join': ['', parts] };
}

/**
 * The text a value was read from, when a reader made it a value built at
 * deployment out of a plain string: dynamic references (above) and the
 * Serverless Framework's variables are `Ref`s named by their own text, names
 * no logical id or parameter can have. Undefined for any other value.
 */
export function textAsWritten(value: unknown): string | undefined {
  const named = (part: unknown) => {
    const name = isIntrinsic(part) ? (part as Record<string, unknown>).Ref : undefined;
    return typeof name === 'string' && (name.startsWith(DYNAMIC_REFERENCE_START) || name.startsWith('${')) ? name : undefined;
  };
  const whole = named(value);
  if (whole !== undefined) return whole;
  const join = isIntrinsic(value) ? (value as Record<string, unknown>)['Fn::Join'] : undefined;
  if (!Array.isArray(join) || join[0] !== '' || !Array.isArray(join[1])) return undefined;
  // Every part literal text or such a Ref, and one Ref at least (a join of text alone was written as a join).
  const parts: unknown[] = join[1];
  const texts = parts.map((part) => (typeof part === 'string' ? part : named(part)));
  return texts.every((t) => t !== undefined) && parts.some((p) => typeof p !== 'string') ? texts.join('') : undefined;
}

/**
 * A string CloudFormation builds at deploy time (`Fn::Join`, `Fn::Sub`),
 * as its literal text and the parts not known before then (UNKNOWN), in
 * order: `"http://" + Ref Host + "/cb"` is `['http://', UNKNOWN, '/cb']`.
 * What the literal text decides can be checked; nothing that depends on
 * an unknown part can. Undefined for anything else, and for a string with
 * no literal text.
 */
export type StringParts = ReadonlyArray<string | Unknown>;

export function stringParts(value: unknown, known?: (name: string) => string | undefined): StringParts | undefined {
  if (!isIntrinsic(value)) return undefined;
  const parts: Array<string | Unknown> = [];
  if (!appendParts(value, parts, 0, known)) return undefined;
  return parts.some((p) => p !== UNKNOWN) ? parts : undefined;
}

/** Appends the parts of a value; false when it is not a string-building intrinsic. */
function appendParts(value: unknown, parts: Array<string | Unknown>, depth: number, known?: (name: string) => string | undefined): boolean {
  const add = (part: string | Unknown) => {
    const last = parts[parts.length - 1];
    if (part === UNKNOWN) {
      if (last !== UNKNOWN) parts.push(UNKNOWN);
    } else if (part !== '') {
      if (typeof last === 'string') parts[parts.length - 1] = last + part;
      else parts.push(part);
    }
  };
  // Literal text may hold dynamic references, which are unknown parts too.
  const addText = (text: string) => {
    for (const segment of dynamicSegments(text) ?? [text]) add(typeof segment === 'string' ? segment : UNKNOWN);
  };
  if (depth > 8 || !isIntrinsic(value)) return false;
  const join = (value as Record<string, unknown>)['Fn::Join'];
  if (join !== undefined) {
    if (!Array.isArray(join) || join.length !== 2 || typeof join[0] !== 'string' || !Array.isArray(join[1])) return false;
    join[1].forEach((item, i) => {
      if (i > 0) addText(join[0] as string);
      const text = asString(item);
      if (text !== undefined) addText(text);
      else if (!appendParts(item, parts, depth + 1, known)) add(UNKNOWN);
    });
    return true;
  }
  const sub = (value as Record<string, unknown>)['Fn::Sub'];
  if (sub === undefined) return false;
  const [text, variables] = Array.isArray(sub) ? sub : [sub, undefined];
  if (typeof text !== 'string') return false;
  const vars = isPlainObject(variables) ? variables : {};
  // A dynamic reference is unknown as a whole, whatever variables its name holds.
  for (const segment of dynamicSegments(text) ?? [text]) {
    if (typeof segment === 'string') addSubText(segment, vars, parts, depth, known, add, addText);
    else add(UNKNOWN);
  }
  return true;
}

/** Appends the parts of the text of an `Fn::Sub` (or a piece of it between dynamic references). */
function addSubText(
  text: string,
  vars: Record<string, unknown>,
  parts: Array<string | Unknown>,
  depth: number,
  known: ((name: string) => string | undefined) | undefined,
  add: (part: string | Unknown) => void,
  addText: (text: string) => void,
): void {
  let at = 0;
  for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
    add(text.slice(at, m.index));
    at = m.index! + m[0].length;
    const name = m[1];
    // ${!Literal} writes ${Literal}; a variable given as a string, or a name whose value the template fixes, is literal text too.
    const literal = name.startsWith('!') ? `\${${name.slice(1)}}` : name in vars ? asString(vars[name]) : known?.(name);
    if (literal !== undefined) addText(literal);
    else if (!(name in vars && appendParts(vars[name], parts, depth + 1, known))) add(UNKNOWN);
  }
  add(text.slice(at));
}