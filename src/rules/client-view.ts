import { API_ENUMS, EnumProperty } from './api-model';
import { asBoolean, asInteger, asString, isIntrinsic, isPlainObject, ListValue } from './values';
import type { PoolIndex } from '../engine/pool-index';
import type { UserPoolClientPolicyProps } from '../policy/props';

/** What the engine knows around a client, beyond its own properties. */
export interface ClientContext {
  /** The Region the client deploys to, when it is a concrete value. */
  readonly region?: string;
  /** Enum values accepted on top of the API model's, per enum property. */
  readonly extraEnumValues?: { readonly [property: string]: readonly string[] };
  /** The user pool, identity providers and resource servers in the same template, when known. */
  readonly pool?: PoolIndex;
  /** Logical ids this client depends on (DependsOn and references); undefined when unknown. */
  readonly dependencies?: ReadonlySet<string>;
  /** The client's logical id in its template, when known. */
  readonly logicalId?: string;
  /** Construct prop names by CloudFormation property, named in messages (ValidatedUserPoolClient). */
  readonly propNames?: { readonly [cfnProperty: string]: string };
  /** The organisation policy being checked (policy rules only). */
  readonly policy?: UserPoolClientPolicyProps;
  /** Replaces references whose value the template fixes (IdP names, resource-server identifiers). */
  readonly resolveKnown?: (value: unknown) => unknown;
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
  private readonly stringLists = new Map<string, readonly Entry[]>();
  private readonly stringSets = new Map<string, ReadonlySet<string>>();
  private readonly enums = new Map<string, ReadonlySet<string>>();

  public constructor(
    public readonly properties: Readonly<Record<string, unknown>>,
    public readonly context: ClientContext = {},
  ) {}

  /** The raw value at `Name` or `Name.Member`. */
  public value(path: string): unknown {
    const dot = path.indexOf('.');
    if (dot < 0) return this.properties[path];
    const parent = this.properties[path.slice(0, dot)];
    // A member of an unresolved object is itself unknown, never absent.
    if (isIntrinsic(parent)) return parent;
    return isPlainObject(parent) ? parent[path.slice(dot + 1)] : undefined;
  }

  /** Present in the template (possibly as an intrinsic). */
  public has(path: string): boolean {
    const v = this.value(path);
    return v !== undefined && v !== null;
  }

  /** Present, but only known at deploy time. */
  public isUnknown(path: string): boolean {
    return isIntrinsic(this.value(path));
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
    const v = this.value(path);
    if (isIntrinsic(v)) return { known: false, items: [] };
    return Array.isArray(v) ? { known: true, items: v } : undefined;
  }

  /** The entries of a list that are concrete strings, with their index. */
  public strings(path: string): readonly Entry[] {
    let out = this.stringLists.get(path);
    if (!out) {
      const entries: Entry[] = [];
      this.list(path)?.items.forEach((value, index) => {
        const text = asString(value);
        if (text !== undefined) entries.push({ index, value: text });
      });
      this.stringLists.set(path, (out = entries));
    }
    return out;
  }

  /** True when the list is known and holds at least one entry (concrete or not). */
  public nonEmpty(path: string): boolean {
    const list = this.list(path);
    return list !== undefined && (!list.known || list.items.length > 0);
  }

  /** True when the list is concrete and holds at least one entry: "is set" can be decided. */
  public knownNonEmpty(path: string): boolean {
    const list = this.list(path);
    return list !== undefined && list.known && list.items.length > 0;
  }

  /** True when the list is concrete, so "missing from the list" can be decided. */
  public fullyKnown(path: string): boolean {
    const list = this.list(path);
    return list !== undefined && list.known && list.items.every((v) => asString(v) !== undefined);
  }

  /** The concrete string entries of a list, as a set. */
  public stringSet(path: string): ReadonlySet<string> {
    let set = this.stringSets.get(path);
    if (!set) this.stringSets.set(path, (set = new Set(this.strings(path).map((e) => e.value))));
    return set;
  }

  /** The values accepted for an enum property: the model's plus configured extras. */
  public allowed(property: EnumProperty): ReadonlySet<string> {
    const extra = this.context.extraEnumValues?.[property];
    if (!extra) return MODEL_ENUMS[property];
    let set = this.enums.get(property);
    if (!set) this.enums.set(property, (set = new Set([...API_ENUMS[property], ...extra])));
    return set;
  }

  /** The concrete OAuth flows the client allows. */
  public oauthFlows(): ReadonlySet<string> {
    return this.stringSet('AllowedOAuthFlows');
  }

  /** True when GenerateSecret is concretely true. */
  public hasSecret(): boolean {
    return this.boolean('GenerateSecret') === true;
  }
}
