import { TYPES } from './template-index';
import { isRecord } from '../rules/values';

/**
 * A template's Resources as CloudFormation deploys them, as far as the
 * template tells: `Fn::ForEach` loops (the AWS::LanguageExtensions
 * transform) expanded over their collections. What cannot be known before
 * deployment (a loop over a parameter's values, resources included with
 * `Fn::Transform`) is named in `unread`, never passed over.
 */
export interface ExpandedResources {
  readonly resources: Readonly<Record<string, unknown>>;
  /** What may hold app clients that are not read, by its key in Resources, with why and what to do. */
  readonly unread: ReadonlyArray<Unread>;
  /** Where each resource a loop made stands in the template, by its logical id (resources written out have none). */
  readonly origins: ReadonlyMap<string, LoopOrigin>;
}

/** Where a resource a loop made is written, and which values made it. */
export interface LoopOrigin {
  /** The keys (and list positions) from Resources to the resource in the template: `['Fn::ForEach::Clients', 2, 'Client${Name}']`. */
  readonly keys: ReadonlyArray<string | number>;
  /** The loops and their values, outermost first: `Fn::ForEach::Clients with Name = Web`. */
  readonly madeBy: string;
}
const NO_ORIGINS: ReadonlyMap<string, LoopOrigin> = new Map();

interface Unread {
  readonly key: string;
  readonly problem: string;
  readonly fix: string;
}

/** What to do about what a transform adds when the stack deploys: check the template after it. */
const PROCESSED_TEMPLATE = 'the processed template (`aws cloudformation get-template --template-stage Processed` of a deployed stack) '
  + 'with this tool: it holds what transforms add';
export const PROCESSED_TEMPLATE_FIX = `Check ${PROCESSED_TEMPLATE}.`;

const LOOP = 'Fn::ForEach::';
const INCLUDE = 'Fn::Transform';
const expanded = new WeakMap<object, ExpandedResources>();

/** The Resources of a template, loops expanded (worked out once per template object). */
export function expandedResources(resources: Readonly<Record<string, unknown>>): ExpandedResources {
  let known = expanded.get(resources);
  if (known) return known;
  let plain = true;
  for (const key in resources) if (key === INCLUDE || key.startsWith(LOOP)) plain = false;
  if (plain) {
    known = { resources, unread: [], origins: NO_ORIGINS };
  } else {
    const made: Made = { out: {}, unread: [], origins: new Map() };
    for (const [key, value] of Object.entries(resources)) {
      if (key === INCLUDE) {
        const problem = `includes resources with Fn::Transform (${describeInclude(value)}) when it deploys, so any app client among them is not validated`;
        made.unread.push({ key, problem, fix: PROCESSED_TEMPLATE_FIX });
      } else if (key.startsWith(LOOP)) {
        expandLoop(key, value, { bindings: new Map(), keys: [key], madeBy: [] }, made);
      } else {
        made.out[key] = value;
      }
    }
    known = { resources: made.out, unread: made.unread, origins: made.origins };
  }
  expanded.set(resources, known);
  return known;
}

/** `AWS::Include of s3://…`, or what stands there. */
export function describeInclude(value: unknown): string {
  if (!isRecord(value)) return 'a value that is not an object';
  const location = isRecord(value.Parameters) ? value.Parameters.Location : undefined;
  const name = typeof value.Name === 'string' ? value.Name : 'a transform';
  return typeof location === 'string' ? `${name} of ${location}` : name;
}

/** What expanding the loops makes: the resources, what could not be read, and where each made resource is written. */
interface Made {
  readonly out: Record<string, unknown>;
  readonly unread: Unread[];
  readonly origins: Map<string, LoopOrigin>;
}
/** Where a loop is: the values of the loops around it, its keys from Resources, and the loops around it with their values. */
interface LoopPlace {
  readonly bindings: ReadonlyMap<string, string>;
  readonly keys: ReadonlyArray<string | number>;
  readonly madeBy: readonly string[];
}
/**
 * Adds the resources one `Fn::ForEach::Name: [Identifier, Collection, { key: resource }]`
 * makes: one per value of the collection, `${Identifier}` in a key replaced
 * by the value (`&{Identifier}` by its letters and digits), and the value
 * standing for `Ref: Identifier` and `${Identifier}` in `Fn::Sub` inside.
 * Loops nest. A collection that is not a list of strings (a `Ref` to a
 * parameter, say) cannot be expanded: the loop is named in `unread` if it
 * may make an app client.
 */
function expandLoop(key: string, loop: unknown, place: LoopPlace, made: Made): void {
  const [identifier, collection, output] = Array.isArray(loop) && loop.length === 3 ? loop : [];
  if (typeof identifier !== 'string' || !isRecord(output)) {
    const problem = 'is not an Fn::ForEach loop of [identifier, collection, resources], so the app clients it makes are not validated';
    if (mayHoldClient(loop)) made.unread.push({ key, problem, fix: 'Write the loop as [identifier, collection, { key: resource }]: CloudFormation refuses it otherwise.' });
    return;
  }
  const values = Array.isArray(collection) ? collection.map((v) => substitute(v, place.bindings)) : undefined;
  if (!values || !values.every((v) => typeof v === 'string' || typeof v === 'number')) {
    const problem = 'loops over values known only when it deploys (not a list of strings), so the app clients it makes are not validated';
    const fix = `Write the values in the template as a list of strings, or check ${PROCESSED_TEMPLATE}.`;
    if (mayHoldClient(output)) made.unread.push({ key, problem, fix });
    return;
  }
  for (const value of values.map(String)) {
    const bindings = new Map(place.bindings).set(identifier, value);
    const madeBy = [...place.madeBy, `${key} with ${identifier} = ${value}`];
    for (const [outputKey, resource] of Object.entries(output)) {
      const keys = [...place.keys, 2, outputKey];
      if (outputKey.startsWith(LOOP)) {
        expandLoop(outputKey, resource, { bindings, keys, madeBy }, made);
      } else {
        const logicalId = substituteKey(outputKey, bindings);
        made.out[logicalId] = substitute(resource, bindings);
        made.origins.set(logicalId, { keys, madeBy: madeBy.join(', ') });
      }
    }
  }
}

function substituteKey(key: string, bindings: ReadonlyMap<string, string>): string {
  return key.replace(/([$&])\{([^}]+)\}/g, (whole, sign: string, name: string) => {
    const value = bindings.get(name);
    if (value === undefined) return whole;
    return sign === '$' ? value : value.replace(/[^A-Za-z0-9]/g, '');
  });
}

/** A value with the loop's identifiers replaced where CloudFormation replaces them: `Ref`, and `${…}` in `Fn::Sub`. */
function substitute(value: unknown, bindings: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => substitute(v, bindings));
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'Ref' && typeof value.Ref === 'string' && bindings.has(value.Ref)) return bindings.get(value.Ref);
  if (keys.length === 1 && keys[0] === 'Fn::Sub') {
    const sub = value['Fn::Sub'];
    const text = (t: unknown) => (typeof t === 'string' ? t.replace(/\$\{([^}!.]+)\}/g, (whole, name: string) => bindings.get(name) ?? whole) : t);
    if (typeof sub === 'string') return { 'Fn::Sub': text(sub) };
    if (Array.isArray(sub) && sub.length === 2) return { 'Fn::Sub': [text(sub[0]), substitute(sub[1], bindings)] };
  }
  return Object.fromEntries(keys.map((k) => [k, substitute(value[k], bindings)]));
}

/** True when a value may hold an app client: a resource of that type, or one whose type is not a literal. */
function mayHoldClient(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(mayHoldClient);
  if (!isRecord(value)) return false;
  if ('Type' in value && (value.Type === TYPES.client || typeof value.Type !== 'string')) return true;
  return Object.values(value).some(mayHoldClient);
}
