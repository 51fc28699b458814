import { API_ENUMS, CFN_PROPERTY_TYPES, EnumProperty, PER_CLIENT_PROPERTIES } from './api-model';
import type { UserPoolClientPolicyProps } from './policy/props';
import type { PoolIndex } from './pool';
import { InputKind } from './rule';
import { asBoolean, asInteger, asString, isIntrinsic, isPlainObject, ListValue, StringParts, stringParts } from './values';

/**
 * What the engine knows around a client, beyond its own properties: facts
 * (Region, pool, dependencies) and the configuration it is checked with
 * (enum extras, policy). How findings name things is not here (see
 * `ClientRead.propNames`), as no rule reads it.
 */
export interface ClientContext {
  /** The Region the client deploys to, when it is a concrete value. */
  readonly region?: string;
  /** Enum values accepted on top of the API model's, per enum property. */
  readonly extraEnumValues?: { readonly [property: string]: readonly string[] };
  /** The user pool, identity providers and resource servers in the same template, when known. */
  readonly pool?: PoolIndex;
  /** Logical ids this client depends on (DependsOn and references); undefined when unknown. */
  readonly dependencies?: ReadonlySet<string>;
  /** The organisation policy being checked (policy rules only). */
  readonly policy?: UserPoolClientPolicyProps;
}

const MODEL_ENUMS = Object.fromEntries(Object.entries(API_ENUMS).map(([k, v]) => [k, new Set<string>(v)])) as unknown as Record<
  EnumProperty,
  ReadonlySet<string>
>;

/** An entry of a list property with its position, for messages. */
export interface Entry {
  readonly index: number;
  readonly value: string;
}

/**
 * A client's CloudFormation properties as rules read them. Every accessor
 * answers `undefined` for a value that is absent, an intrinsic function, or
 * of the wrong JSON type (the type rule reports the latter), so a rule never
 * sees anything it did not ask for and cannot throw on odd input.
 */
export class ClientView {
  // Caches are created on first use: every rule reads the client, and most
  // ask about the same few lists. List properties have fixed slots, so
  // reading them allocates nothing beyond what is remembered.
  private lists?: Array<ListRead | null | undefined>;
  private otherLists?: Map<string, ListRead | null>;
  private enums?: Map<string, ReadonlySet<string>>;
  private flows?: ReadonlySet<string>;
  /** Set while the engine watches whether a rule reads a per-client property's value (see `watchValues`). */
  private watching = false;
  private perClientValueRead = false;

  public constructor(
    private readonly props: Readonly<Record<string, unknown>>,
    public readonly context: ClientContext = {},
    /** What the client was read from: a custom ClientSecret is a setting of an API request only (a template's is ignored). */
    private readonly input: InputKind = InputKind.TEMPLATE,
  ) {}

  /** Every property as the template holds it (a rule that reads them all reads each client's own values). */
  public get properties(): Readonly<Record<string, unknown>> {
    if (this.watching) this.perClientValueRead = true;
    return this.props;
  }

  /**
   * For the engine, not for rules: from now until `endWatch`, notes whether a
   * rule reads the value of a per-client property (name, URLs, pool id,
   * secret) rather than only how it is set (`has`, `isUnknown`, `nonEmpty`,
   * `knownNonEmpty`, `fullyKnown`). What a rule finds without such a read
   * holds for every client with the same configuration, so the engine may
   * reuse it (engine/speed).
   */
  public watchValues(): void {
    this.watching = true;
    this.perClientValueRead = false;
  }

  /** Stops watching; true when the rule read a per-client property's value. */
  public endWatch(): boolean {
    this.watching = false;
    return this.perClientValueRead;
  }

  /** The raw value at `Name` or `Name.Member`. */
  public value(path: string): unknown {
    if (this.watching) this.noteValueRead(path);
    return this.raw(path);
  }

  /** The value at a path, read without telling the watch (for the accessors that tell only how it is set). */
  private raw(path: string): unknown {
    // Most paths name a property: only a member path needs splitting (rules ask many times per client).
    if (!path.includes('.')) return this.props[path];
    const split = splitPath(path);
    const parent = this.props[split[0]];
    // A member of an unresolved object is itself unknown, never absent.
    if (isIntrinsic(parent)) return parent;
    return isPlainObject(parent) ? parent[split[1]] : undefined;
  }

  /** Present in the template (possibly as an intrinsic). */
  public has(path: string): boolean {
    const v = this.raw(path);
    return v !== undefined && v !== null;
  }

  /** Present, but only known at deploy time. */
  public isUnknown(path: string): boolean {
    return isIntrinsic(this.raw(path));
  }

  /** A string, or a number or boolean as the string CloudFormation converts it to. */
  public string(path: string): string | undefined {
    return asString(this.value(path));
  }

  public integer(path: string): number | undefined {
    return asInteger(this.value(path));
  }

  public boolean(path: string): boolean | undefined {
    return asBoolean(this.value(path));
  }

  public list(path: string): ListValue | undefined {
    if (this.watching) this.noteValueRead(path);
    return this.listRead(path) ?? undefined;
  }

  /** The entries of a list that are concrete strings, with their index. */
  public strings(path: string): readonly Entry[] {
    if (this.watching) this.noteValueRead(path);
    return this.entriesOf(this.listRead(path));
  }

  private entriesOf(list: ListRead | null): readonly Entry[] {
    if (!list) return NO_ENTRIES;
    if (!list.entries) {
      const entries: Entry[] = [];
      for (let index = 0; index < list.items.length; index++) {
        const item = list.items[index];
        const text = typeof item === 'string' ? item : asString(item);
        if (text !== undefined) entries.push({ index, value: text });
      }
      list.entries = entries;
    }
    return list.entries;
  }

  /** The entries of a list that CloudFormation builds from literal text and unknown parts (`Fn::Join`, `Fn::Sub`), with their index. */
  public partialStrings(path: string): ReadonlyArray<{ readonly index: number; readonly parts: StringParts }> {
    if (this.watching) this.noteValueRead(path);
    const list = this.listRead(path);
    if (!list || !list.known) return [];
    const out: Array<{ index: number; parts: StringParts }> = [];
    for (let index = 0; index < list.items.length; index++) {
      const item = list.items[index];
      // Only an object can be an intrinsic: most entries are strings.
      const parts = typeof item === 'object' && item !== null ? stringParts(item) : undefined;
      if (parts) out.push({ index, parts });
    }
    return out;
  }

  /** A scalar property CloudFormation builds from literal text and unknown parts, as its parts. */
  public partialString(path: string): StringParts | undefined {
    return stringParts(this.value(path));
  }

  /** True when the list is known and holds at least one entry (concrete or not). */
  public nonEmpty(path: string): boolean {
    const list = this.listRead(path);
    return !!list && (!list.known || list.items.length > 0);
  }

  /** True when the list is concrete and holds at least one entry: "is set" can be decided. */
  public knownNonEmpty(path: string): boolean {
    const list = this.listRead(path);
    return !!list && list.known && list.items.length > 0;
  }

  /** True when the list is concrete, so "missing from the list" can be decided. */
  public fullyKnown(path: string): boolean {
    const list = this.listRead(path);
    return !!list && list.known && this.entriesOf(list).length === list.items.length;
  }

  /** The concrete string entries of a list, as a set. */
  public stringSet(path: string): ReadonlySet<string> {
    if (this.watching) this.noteValueRead(path);
    const list = this.listRead(path);
    if (!list) return NO_STRINGS;
    if (!list.set) {
      const set = new Set<string>();
      for (const entry of this.entriesOf(list)) set.add(entry.value);
      list.set = set;
    }
    return list.set;
  }

  /** The values accepted for an enum property: the model's plus configured extras. */
  public allowed(property: EnumProperty): ReadonlySet<string> {
    const extra = this.context.extraEnumValues?.[property];
    if (!extra) return MODEL_ENUMS[property];
    const cache = (this.enums ??= new Map());
    let set = cache.get(property);
    if (!set) cache.set(property, (set = new Set([...API_ENUMS[property], ...extra])));
    return set;
  }

  /** The concrete OAuth flows the client allows (most OAuth rules ask). */
  public oauthFlows(): ReadonlySet<string> {
    return (this.flows ??= this.stringSet('AllowedOAuthFlows'));
  }

  /** True when GenerateSecret is concretely true. */
  public generatesSecret(): boolean {
    return this.boolean('GenerateSecret') === true;
  }

  /**
   * True when the client concretely has no secret: GenerateSecret is not
   * true (nor unknown), and no custom ClientSecret is given in an API request
   * (CloudFormation ignores a template's ClientSecret, a read-only property).
   */
  public withoutSecret(): boolean {
    if (this.generatesSecret() || this.isUnknown('GenerateSecret')) return false;
    return !this.setsCustomSecret();
  }

  /**
   * True when an API request gives the client its own ClientSecret (a
   * template's ClientSecret is read-only, and CloudFormation ignores it).
   */
  public setsCustomSecret(): boolean {
    return this.input === InputKind.API_REQUEST && this.has('ClientSecret');
  }

  /** True for a client read from the Cognito API's JSON (a request or a response), whose fixes name API operations. */
  public fromApi(): boolean {
    return this.input !== InputKind.TEMPLATE;
  }

  private noteValueRead(path: string): void {
    if (PER_CLIENT_PROPERTIES.has(path.includes('.') ? splitPath(path)[0] : path)) this.perClientValueRead = true;
  }

  /** The list at `path` with what has been derived from it; null when it is not a list. */
  private listRead(path: string): ListRead | null {
    const slot = LIST_SLOTS.get(path);
    if (slot !== undefined) {
      const lists = (this.lists ??= new Array(LIST_SLOTS.size));
      let list = lists[slot];
      if (list === undefined) lists[slot] = list = readList(this.raw(path));
      return list;
    }
    const others = (this.otherLists ??= new Map());
    let list = others.get(path);
    if (list === undefined) others.set(path, (list = readList(this.raw(path))));
    return list;
  }
}

/** A list property as read, with the entries and set derived from it on demand. */
interface ListRead extends ListValue {
  entries?: readonly Entry[];
  set?: ReadonlySet<string>;
}

function readList(value: unknown): ListRead | null {
  if (Array.isArray(value)) return { known: true, items: value };
  // Only an object can be an intrinsic: tested in place, as most list properties a rule asks about are absent.
  return typeof value === 'object' && value !== null && isIntrinsic(value) ? { known: false, items: NO_ITEMS } : null;
}

/** Slots of the list properties of AWS::Cognito::UserPoolClient. */
const LIST_SLOTS = new Map(
  Object.entries(CFN_PROPERTY_TYPES)
    .filter(([, type]) => type === 'string-list')
    .map(([name], slot) => [name, slot] as const),
);

const NO_ITEMS: readonly unknown[] = [];
const NO_ENTRIES: readonly Entry[] = [];
const NO_STRINGS: ReadonlySet<string> = new Set();

/** `Name.Member` split once per distinct path (rules ask with a few constant paths). */
const splitPaths = new Map<string, readonly [string, string]>();
function splitPath(path: string): readonly [string, string] {
  let split = splitPaths.get(path);
  if (split === undefined) {
    const dot = path.indexOf('.');
    split = [path.slice(0, dot), path.slice(dot + 1)];
    if (splitPaths.size < 1000) splitPaths.set(path, split);
  }
  return split;
}
