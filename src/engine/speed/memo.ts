import type { RulePlan } from './plan';
import { PER_CLIENT_PROPERTIES } from '../../rules/api-model';
import type { ClientContext } from '../../rules/client-view';
import type { PoolIndex } from '../../rules/pool';
import type { Violation } from '../../rules/rule';
import { asString, isIntrinsic } from '../../rules/values';

/**
 * What a configuration rule can tell of a per-client property's value
 * without reading it (`ClientView.watchValues`): absent, null, unresolved, a
 * scalar, another object, or a list that is empty, of concrete entries only,
 * or with others. Ids 0-7, as the memo uses them.
 */
export function shapeOf(value: unknown): number {
  if (value === undefined) return 0;
  if (value === null) return 1;
  if (asString(value) !== undefined) return 2;
  if (!Array.isArray(value)) return isIntrinsic(value) ? 3 : 4;
  if (value.length === 0) return 5;
  for (const item of value) if (asString(item) === undefined) return 7;
  return 6;
}

/** A node of a tree of ids: a path of ids leads to what is kept for that sequence of values. */
export interface IdNode<T> {
  next?: Map<number, IdNode<T>>;
  value?: T;
}

/** A violation with the position (in the plan) of the rule that reported it. */
export interface Found {
  readonly rule: number;
  readonly violation: Violation;
  /** True when the rule threw: reported as a warning that names the rule, and never remembered. */
  readonly failed?: boolean;
}

/** Where what the configuration rules find on one configuration is kept; `value` is unset until a client fills it. */
export type MemoSlot = IdNode<readonly Found[]>;

/** What the configuration rules found, by the ids of the values they read; `size` counts the entries kept. */
interface ConfigurationCache {
  readonly root: IdNode<readonly Found[]>;
  size: number;
}

/** Past this many configurations the cache stops growing (they rarely repeat): new ones are checked, not kept. */
const MAX_ENTRIES = 4096;
/** Past this many distinct values, new ones get no id and the rules that read them simply run. */
const MAX_VALUES = 100_000;
/** Ids that stand for themselves: absent, null, true, false. */
const FIRST_ID = 4;

/**
 * Remembers what the configuration rules found on configurations already
 * seen, for one stack's synthesis or one template run. Apps with thousands
 * of clients repeat a few configurations: names, URLs and pool ids differ;
 * flows, scopes and lifetimes repeat, and so do the pool and providers
 * around the clients of a stack. A configuration rule
 * (`RulePlan.isConfigurationRule`) reads only configuration properties and
 * the shapes of per-client ones, and beyond them the Region, the enum extras, the policy, the pool around
 * the client and which of its providers and resource servers the client
 * depends on (tests hold every rule to that), so a client whose
 * configuration equals an earlier client's gets the earlier violations
 * without the rules running again.
 */
export class RuleMemo {
  private readonly strings = new Map<string, number>();
  private readonly numbers = new Map<number, number>();
  /** Lists and objects, as paths of their members' ids. */
  private readonly lists: IdNode<number> = {};
  private readonly objects: IdNode<number> = {};
  private readonly identities = new WeakMap<object, number>();
  /** The logical ids of each pool's identity providers and resource servers. */
  private readonly poolResources = new WeakMap<PoolIndex, ReadonlySet<string>>();
  private nextId = FIRST_ID;
  private readonly banks = new Map<RulePlan, { generation: number; byExtra: Map<unknown, Map<unknown, ConfigurationCache>> }>();

  /**
   * The slot of a client's configuration: the Region, the pool around it
   * and which of the pool's providers and servers the client depends on,
   * then every property the client sets, by name and value (per-client
   * properties by name and shape, all a configuration rule may read of
   * them: see `shapeOf`), in the client's order. The key holds all of those
   * properties, not only those the plan's rules declare, so a rule reading
   * more than it declares (tests forbid it) would still never get another
   * configuration's findings. Undefined when a value has no id, or when the
   * configuration is new and the cache is full: the rules then simply run.
   */
  public slot(plan: RulePlan, properties: Readonly<Record<string, unknown>>, context: ClientContext): MemoSlot | undefined {
    const cache = this.cache(plan, context.extraEnumValues, context.policy);
    const grow = cache.size < MAX_ENTRIES;
    let node = this.step(cache.root, this.idOf(context.region), grow);
    // The pool around the client is keyed by identity (an index builds it once per template or synthesis, and never
    // changes what rules read of it), what the client depends on by the ids a rule can ask about.
    if (node) node = this.step(node, this.identity(context.pool), grow);
    if (node) node = this.step(node, this.dependencyId(context), grow);
    // Every client's key is built here, and most of its steps repeat an earlier client's: ids of strings already seen
    // and existing nodes are found in place, as calls are what the unoptimised code that checks the first thousands
    // of clients pays for most.
    for (const name in properties) {
      if (!node) return undefined;
      if (!Object.prototype.hasOwnProperty.call(properties, name)) continue;
      const nameId = this.strings.get(name) ?? this.idOf(name);
      node = node.next?.get(nameId) ?? this.step(node, nameId, grow);
      if (!node) return undefined;
      const value = properties[name];
      // A per-client property is keyed by its shape (a handful of ids that never follow a configuration property's name).
      const valueId = PER_CLIENT_PROPERTIES.has(name)
        ? shapeOf(value)
        : (typeof value === 'string' ? this.strings.get(value) : undefined) ?? this.idOf(value);
      node = node.next?.get(valueId) ?? this.step(node, valueId, grow);
    }
    return node;
  }

  /** Keeps what the configuration rules found on a configuration (unless the cache is full). */
  public remember(plan: RulePlan, context: ClientContext, slot: MemoSlot, found: readonly Found[]): void {
    const cache = this.cache(plan, context.extraEnumValues, context.policy);
    if (slot.value === undefined && cache.size < MAX_ENTRIES) {
      slot.value = found;
      cache.size++;
    }
  }

  /**
   * Equal values get equal ids: strings and numbers by value, lists and
   * objects by the ids of their members (in order), anything unusual a
   * fresh id that matches nothing. -1 when the table is full.
   */
  public idOf(value: unknown, depth = 0): number {
    if (value === undefined) return 0;
    if (value === null) return 1;
    if (value === true) return 2;
    if (value === false) return 3;
    if (typeof value === 'string') return this.intern(this.strings, value);
    if (typeof value === 'number') return this.intern(this.numbers, value);
    if (typeof value !== 'object' || depth > 8) return this.fresh();
    let node: IdNode<number> | undefined;
    if (Array.isArray(value)) {
      node = this.lists;
      for (let i = 0; i < value.length && node; i++) {
        const item: unknown = value[i];
        const id = (typeof item === 'string' ? this.strings.get(item) : undefined) ?? (i in value ? this.idOf(item, depth + 1) : -1);
        node = node.next?.get(id) ?? this.step(node, id);
      }
    } else if (Object.getPrototypeOf(value) === Object.prototype) {
      node = this.objects;
      for (const key in value) {
        if (!node || !Object.prototype.hasOwnProperty.call(value, key)) return this.fresh();
        node = this.step(node, this.idOf(key));
        if (node) node = this.step(node, this.idOf((value as Record<string, unknown>)[key], depth + 1));
      }
    }
    if (!node) return this.fresh();
    return (node.value ??= this.fresh());
  }

  /** The node after `id`, made when missing if `grow`; undefined for an id that is not a value id. */
  public step<T>(node: IdNode<T>, id: number, grow = true): IdNode<T> | undefined {
    if (id < 0) return undefined;
    let child = node.next?.get(id);
    if (!child && grow) (node.next ??= new Map()).set(id, (child = {}));
    return child;
  }

  /** The cache of `plan` for clients checked with these enum extras and this policy (compared by identity). */
  private cache(plan: RulePlan, extraEnumValues: unknown, policy: unknown): ConfigurationCache {
    let bank = this.banks.get(plan);
    // A rule that left the configuration rules may have findings kept with them: start again.
    if (!bank || bank.generation !== plan.generation) this.banks.set(plan, (bank = { generation: plan.generation, byExtra: new Map() }));
    const byExtra = bank.byExtra;
    let byPolicy = byExtra.get(extraEnumValues);
    if (!byPolicy) byExtra.set(extraEnumValues, (byPolicy = new Map()));
    let cache = byPolicy.get(policy);
    if (!cache) byPolicy.set(policy, (cache = { root: {}, size: 0 }));
    return cache;
  }

  /**
   * What the client depends on among its pool's identity providers and
   * resource servers, the only dependencies rules ask about (tests hold them
   * to that); 0 when unknown. Its other references, such as a callback URL
   * built from a resource of its own, would make every key unique.
   */
  private dependencyId({ pool, dependencies }: ClientContext): number {
    if (!dependencies) return 0;
    const asked = pool ? this.resourcesOf(pool) : undefined;
    const ids: string[] = [];
    if (asked) for (const id of dependencies) if (asked.has(id)) ids.push(id);
    return this.idOf(ids.sort());
  }

  /** The logical ids of a pool's identity providers and resource servers, worked out once per pool. */
  private resourcesOf(pool: PoolIndex): ReadonlySet<string> {
    let ids = this.poolResources.get(pool);
    if (!ids) {
      const found = new Set([...(pool.identityProviders?.values() ?? [])].map((p) => p.logicalId));
      for (const server of pool.resourceServerScopes?.values() ?? []) found.add(server);
      this.poolResources.set(pool, (ids = found));
    }
    return ids;
  }

  /** An id per object, by identity; 0 for none. */
  private identity(value: object | undefined): number {
    if (value === undefined) return 0;
    let id = this.identities.get(value);
    if (id === undefined) {
      id = this.fresh();
      if (id >= 0) this.identities.set(value, id);
    }
    return id;
  }

  private intern<K>(table: Map<K, number>, value: K): number {
    const id = table.get(value);
    if (id !== undefined) return id;
    const fresh = this.fresh();
    if (fresh >= 0) table.set(value, fresh);
    return fresh;
  }

  private fresh(): number {
    return this.nextId - FIRST_ID < MAX_VALUES ? this.nextId++ : -1;
  }
}
