import { FAILSAFE_SCHEMA, load, Schema, Type, YAMLException } from 'js-yaml';

/**
 * CloudFormation's YAML: YAML 1.1 as PyYAML's SafeLoader reads it (the parser
 * cfn-lint uses; js-yaml is a port of it, lenient where it is, e.g. a flow
 * sequence closed at its key's indentation), with every short form
 * (`!Ref`, `!GetAtt`, `!Sub`, `!If`, ...) read as its long form. Timestamps
 * stay strings (an unquoted `AWSTemplateFormatVersion: 2010-09-09`), and a key
 * given twice keeps its last value.
 */

/** YAML 1.1 booleans as PyYAML resolves them: `yes`, `on` and their opposites too, in three casings. */
const casings = (word: string) => [word, word[0].toUpperCase() + word.slice(1), word.toUpperCase()];
const BOOLEANS = new Map<string, boolean>([
  ...['yes', 'true', 'on'].flatMap(casings).map((w) => [w, true] as const),
  ...['no', 'false', 'off'].flatMap(casings).map((w) => [w, false] as const),
]);

const bool11 = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && BOOLEANS.has(data),
  construct: (data: string) => BOOLEANS.get(data),
  predicate: (value: unknown) => typeof value === 'boolean',
});

/** YAML 1.1 integers as PyYAML resolves them: binary, octal (leading 0), hex, sexagesimal (1:30), underscores. */
const INT_11 = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
/** YAML 1.1 floats as PyYAML resolves them: a dot is required (`1e3` is a string). */
const FLOAT_11 = /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

function sexagesimal(text: string): number {
  return text.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

function int11(data: string): number {
  const sign = data.startsWith('-') ? -1 : 1;
  const digits = data.replace(/^[-+]/, '').replace(/_/g, '');
  if (digits.startsWith('0b')) return sign * parseInt(digits.slice(2), 2);
  if (digits.startsWith('0x')) return sign * parseInt(digits.slice(2), 16);
  if (digits.includes(':')) return sign * sexagesimal(digits);
  if (digits.length > 1 && digits.startsWith('0')) return sign * parseInt(digits.slice(1), 8);
  return sign * Number(digits);
}

function float11(data: string): number {
  const lower = data.toLowerCase();
  if (lower.endsWith('.inf')) return lower.startsWith('-') ? -Infinity : Infinity;
  if (lower === '.nan') return NaN;
  const sign = data.startsWith('-') ? -1 : 1;
  const digits = data.replace(/^[-+]/, '').replace(/_/g, '');
  return sign * (digits.includes(':') ? sexagesimal(digits) : Number(digits));
}

const intType = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && INT_11.test(data),
  construct: int11,
  predicate: (value: unknown) => typeof value === 'number' && Number.isInteger(value),
});

const floatType = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && FLOAT_11.test(data),
  construct: float11,
  predicate: (value: unknown) => typeof value === 'number',
});

/** `~`, `null` in three casings, and an empty value. */
const nullType = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (data: string | null) => data === null || data === '' || data === '~' || casings('null').includes(data),
  construct: () => null,
  predicate: (value: unknown) => value === null,
});

/** `<<` merges a mapping into another (PyYAML's SafeLoader does). */
const mergeType = new Type('tag:yaml.org,2002:merge', {
  kind: 'scalar',
  resolve: (data: string | null) => data === '<<' || data === null,
});

/** `!Ref`, `!Condition` and `!Xyz` (as `Fn::Xyz`), on a scalar, a sequence or a mapping. */
function shortForm(kind: 'scalar' | 'sequence' | 'mapping'): Type {
  return new Type('!', {
    kind,
    multi: true,
    construct: (data: unknown, tag?: string) => {
      const name = (tag ?? '!').slice(1);
      if (name === 'GetAtt' && typeof data === 'string') {
        // `!GetAtt Resource.Attribute.With.Dots`: the resource ends at the first dot.
        const dot = data.indexOf('.');
        return { 'Fn::GetAtt': dot < 0 ? [data] : [data.slice(0, dot), data.slice(dot + 1)] };
      }
      return { [name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`]: data };
    },
  });
}

/**
 * `!!timestamp` and `!!binary`, which PyYAML reads (as a date and bytes) and
 * cfn-lint accepts: read as the text written, as an untagged timestamp is.
 */
const asWritten = (tag: string) => new Type(`tag:yaml.org,2002:${tag}`, { kind: 'scalar', construct: (data: string | null) => data ?? '' });

export const CLOUDFORMATION_SCHEMA: Schema = FAILSAFE_SCHEMA.extend({
  implicit: [nullType, bool11, intType, floatType, mergeType],
  explicit: [asWritten('timestamp'), asWritten('binary'), shortForm('scalar'), shortForm('sequence'), shortForm('mapping')],
});

/** Why a YAML text cannot be read, with the line (1-based) where that is known. */
export class YamlError extends Error {
  public constructor(public readonly reason: string, public readonly line?: number) {
    super(reason);
  }
}

/** YAML this tool does not read although it is valid: a message of its own, not "not valid YAML". */
export class YamlLimitError extends YamlError {}

/**
 * How many values the aliases of one YAML text may add to what it writes.
 * An alias (`*name`) repeats the node its anchor (`&name`) names; nested,
 * a few lines repeat a list billions of times (a "billion laughs"), which
 * every reader after the parser walks in full. CloudFormation does not
 * support aliases (User Guide, "Template formats"), but cfn-lint and
 * `aws cloudformation package` read them, so a template with a few is read
 * as they read it; far past what any template repeats, it is refused.
 */
export const MAX_ALIAS_VALUES = 1_000_000;
/** How deep the value may nest once its aliases are expanded: as deep as the parser lets a text nest. */
const MAX_EXPANDED_DEPTH = 100;

/**
 * Throws a YamlLimitError when the aliases of a parsed YAML value add more
 * than MAX_ALIAS_VALUES values, nest it deeper than the parser allows, or
 * make it contain itself. js-yaml shares an anchored node among its aliases
 * rather than copying it, so this walks each node once (iteratively).
 */
function checkAliases(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  const isNode = (v: unknown): v is object => v !== null && typeof v === 'object';
  /** Per node: the values it holds expanded (itself included), and how deep it nests. */
  const done = new Map<object, { size: number; depth: number }>();
  const onPath = new Set<object>();
  let written = 1;
  const pending: Array<{ node: object; open: boolean }> = [{ node: value, open: false }];
  while (pending.length > 0) {
    const top = pending[pending.length - 1];
    const children = Object.values(top.node);
    if (!top.open) {
      if (done.has(top.node)) {
        pending.pop();
        continue;
      }
      top.open = true;
      onPath.add(top.node);
      written += children.length;
      for (const child of children.filter(isNode)) {
        if (onPath.has(child)) throw new YamlLimitError('an alias (*name) refers to a node that contains it, so the value would be infinite');
        if (!done.has(child)) pending.push({ node: child, open: false });
      }
      continue;
    }
    pending.pop();
    onPath.delete(top.node);
    let size = 1;
    let depth = 1;
    for (const child of children) {
      const of = isNode(child) ? done.get(child)! : { size: 1, depth: 0 };
      size += of.size;
      depth = Math.max(depth, of.depth + 1);
    }
    if (size - written > MAX_ALIAS_VALUES) {
      throw new YamlLimitError(`its aliases (*name) repeat what their anchors (&name) hold into more than ${MAX_ALIAS_VALUES} values beyond those written, `
        + 'the most this tool expands (CloudFormation does not support YAML aliases; write the values out, or give the template as JSON)');
    }
    if (depth > MAX_EXPANDED_DEPTH) {
      throw new YamlLimitError(`its aliases (*name) nest it deeper than ${MAX_EXPANDED_DEPTH} levels once expanded; no template does`);
    }
    done.set(top.node, { size, depth });
  }
}

/** Parses CloudFormation YAML; throws a YamlError for text that is not YAML, a YamlLimitError for YAML whose aliases expand too far. */
export function parseCloudFormationYaml(text: string): unknown {
  let value: unknown;
  try {
    value = load(text, { schema: CLOUDFORMATION_SCHEMA, json: true });
  } catch (e) {
    throw asYamlError(e);
  }
  checkAliases(value);
  return value;
}

function asYamlError(e: unknown): YamlError {
  if (e instanceof YAMLException) return new YamlError(e.reason || e.message.split('\n')[0], e.mark ? e.mark.line + 1 : undefined);
  return new YamlError(String((e as Error)?.message ?? e));
}

/** A node of the parsed text, with the line it starts on (0-based) and its children in order. */
interface YamlNode {
  readonly line: number;
  kind?: string;
  result?: unknown;
  children: YamlNode[];
}

/**
 * Where a resource is written in a template: its keys (and list positions)
 * from Resources, `[logicalId]` for one written out, longer for one a loop
 * makes (see `LoopOrigin`); and the line of it, or of a property (with its
 * list index) of it.
 */
export type ResourceLines = (keys: ReadonlyArray<string | number>, property?: string) => number | undefined;

/**
 * The line of a resource, or of a property (with its list index) of it, in a
 * YAML template: worked out on first use, by parsing the text again while
 * noting where each node starts (most runs need no line).
 */
export function yamlLines(text: string, under: readonly string[] = []): ResourceLines {
  let root: YamlNode | undefined | null;
  return (keys, property) => {
    if (root === undefined) root = nodeTree(text);
    if (!root) return undefined;
    // The template may stand under keys of the file (a Serverless Framework service file's `resources`).
    let top: YamlNode | undefined = root;
    for (const key of under) top = entry(top, key)?.value;
    if (!top) return undefined;
    let resource: { key: YamlNode; value?: YamlNode } | undefined = { key: top, value: entry(top, 'Resources')?.value };
    for (const key of keys) {
      const item: YamlNode | undefined = typeof key === 'number' && resource.value?.kind === 'sequence' ? resource.value.children[key] : undefined;
      resource = typeof key === 'number' ? item && { key: item, value: item } : entry(resource.value, key);
      if (!resource) return undefined;
    }
    const [, name, index] = /^([^.[]+)(?:\[(\d+)\])?/.exec(property ?? '') ?? [];
    const prop = name ? entry(entry(resource.value, 'Properties')?.value, name) : undefined;
    if (!prop) return resource.key.line + 1;
    const item = index !== undefined && prop.value?.kind === 'sequence' ? prop.value.children[Number(index)] : undefined;
    return (item ?? prop.key).line + 1;
  };
}

function nodeTree(text: string): YamlNode | null {
  const top: YamlNode = { line: 0, children: [] };
  const open: YamlNode[] = [top];
  try {
    load(text, {
      schema: CLOUDFORMATION_SCHEMA,
      json: true,
      listener(event, state) {
        if (event === 'open') {
          const node: YamlNode = { line: state.line, children: [] };
          open[open.length - 1].children.push(node);
          open.push(node);
        } else {
          const node = open.pop()!;
          node.kind = state.kind ?? undefined;
          node.result = state.result;
          // js-yaml composes a block sequence's entry twice, one inside the other: keep the inner one.
          if (node.children.length === 1 && node.children[0].result === node.result) {
            const parent = open[open.length - 1];
            parent.children[parent.children.length - 1] = node.children[0];
          }
        }
      },
    });
  } catch {
    return null;
  }
  return top.children[0] ?? null;
}

/** The key and value nodes of `key` in a mapping node (children alternate key, value). */
function entry(node: YamlNode | undefined, key: string): { key: YamlNode; value?: YamlNode } | undefined {
  if (!node || node.kind !== 'mapping' || node.children.length % 2 !== 0) return undefined;
  let found: { key: YamlNode; value?: YamlNode } | undefined;
  // The last of a key given twice wins, as in the parsed value.
  for (let i = 0; i < node.children.length; i += 2) {
    if (node.children[i].result === key) found = { key: node.children[i], value: node.children[i + 1] };
  }
  return found;
}
