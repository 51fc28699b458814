import { Assignment, ConditionSections, TemplateConditions, usesConditions } from './conditions';
import { foundInMap, LookupSections, selected, split } from './lookups';
import { showValue } from './message';
import { parameterChoices, ParameterChoices, withChoiceConditions, withChoices } from './parameter-choices';
import { ExternalResources, IndexedPool, OtherTemplatePool, PoolAdditions, PoolEntry, PoolOfOtherTemplate, poolIn } from './pools';
import { dependsOn, nestedOutput, NO_VALUE, noteReference, poolReference, REFERENCE_KEYS, referencedIds, refTarget, stackOutput, StackOutputRead } from './references';
import type { PropNames, ReadClient } from './validate-client';
import type { ClientContext } from '../rules/client-view';
import type { PoolIndex } from '../rules/pool';
import { holdsDynamicReference, isIntrinsic, isNoValue, isPlainObject, readDynamicReferences, stringParts, UNKNOWN } from '../rules/values';

/** A resource as a CloudFormation template holds it. */
export interface TemplateResource {
  readonly Type?: unknown;
  readonly Properties?: unknown;
  readonly DependsOn?: unknown;
  /** The condition the resource exists under. */
  readonly Condition?: unknown;
  /**
   * The key of the pool of another template the resource belongs to, when the
   * reader knows it better than its UserPoolId says (see `IndexOptions.otherPool`):
   * before CDK turns a reference to a pool of another stack into an import,
   * it renders as a `Ref` to that pool's logical id, which a pool of this
   * stack may share.
   */
  readonly pool?: string;
}

/** What the reader of a client knows around it, beyond its template. */
export interface ReadOptions {
  /** Logical ids it depends on beyond its DependsOn and references (CDK's `addDependency`, which becomes DependsOn after the aspects). */
  readonly dependencies?: readonly string[];
  /** The Region it deploys to, when concrete. */
  readonly region?: string;
  /** Construct prop names by CloudFormation property, which its findings name. */
  readonly propNames?: PropNames;
  /** The key of the pool of another template the client belongs to, as a resource's `pool` field gives it (see `TemplateResource.pool`). */
  readonly pool?: string;
  /**
   * Whether strings may hold CloudFormation dynamic references
   * (`{{resolve:ssm:name}}`), read as values known only at deployment: true
   * for a template; an API request's strings are sent as they are.
   *
   * @default true
   */
  readonly dynamicReferences?: boolean;
}

/** A client as the rules read it: one configuration, or one for each assignment of the conditions it uses. */
export interface ClientRead {
  readonly context: ClientContext;
  /** Construct prop names by CloudFormation property, which its findings name (see `ReadOptions`). */
  readonly propNames?: PropNames;
  /** The configurations: one without `when` for a client without conditions. */
  readonly variants: ReadonlyArray<{ readonly when?: Assignment; readonly client: ReadClient }>;
  /** True when there are more assignments than were checked (see MAX_VARIANTS). */
  readonly capped?: boolean;
  /** True when not every combination of parameter values could be tried. */
  readonly incomplete?: boolean;
}

export const TYPES = {
  client: 'AWS::Cognito::UserPoolClient',
  pool: 'AWS::Cognito::UserPool',
  identityProvider: 'AWS::Cognito::UserPoolIdentityProvider',
  resourceServer: 'AWS::Cognito::UserPoolResourceServer',
  domain: 'AWS::Cognito::UserPoolDomain',
} as const;
const INDEXED_TYPES = new Set<unknown>([TYPES.pool, TYPES.identityProvider, TYPES.resourceServer, TYPES.domain]);

/** A custom resource (`Custom::…` or AWS::CloudFormation::CustomResource): what it creates is its code's to say. */
export function isCustomResourceType(type: unknown): boolean {
  return typeof type === 'string' && (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource');
}
const isIndexed = (r: unknown): r is TemplateResource => isPlainObject(r) && (INDEXED_TYPES.has(r.Type) || isCustomResourceType(r.Type));

const NOTHING: ReadonlySet<string> = new Set();
const props = (r: TemplateResource | undefined): Record<string, unknown> => (isPlainObject(r?.Properties) ? r!.Properties : {});

/** How an index reads references beyond its template. */
export interface IndexOptions {
  /**
   * The pool of another template a key stands for, if any: the key a
   * resource gives in its `pool` field (the aspects name a pool of another
   * stack by its construct path), or a `Ref` to a name this template does not
   * define (a nested stack's parameter that its parent sets to its pool).
   */
  readonly otherPool?: (key: string) => OtherTemplatePool | undefined;
  /** The pool of another template that `{ 'Fn::ImportValue': name }` imports, if any (see `indexTemplates`). */
  readonly importedPool?: (exportName: string) => OtherTemplatePool | undefined;
  /** The pool of another stack that `{ 'Fn::GetStackOutput': { StackName, OutputName, Region, RoleArn } }` reads, if any (see `indexTemplates`). */
  readonly stackOutputPool?: (read: StackOutputRead) => OtherTemplatePool | undefined;
  /** The pool of a nested stack that `{ 'Fn::GetAtt': [stack, 'Outputs.name'] }` returns, if any (see `indexTemplates`). */
  readonly nestedOutputPool?: (stackLogicalId: string, outputName: string) => OtherTemplatePool | undefined;
  /**
   * Put before a pool's logical id to make its key (`PoolIndex.key`), unique
   * among the templates checked together.
   *
   * @default ''
   */
  readonly poolKeyPrefix?: string;
  /**
   * What other templates or stacks add to a pool this index knows (its own,
   * or one of another template it refers to), asked once per pool, when a
   * rule first reads the pool's resources (see `PoolAdditions`).
   *
   * @default - nothing (the command line links the templates it checks together after indexing them)
   */
  readonly addedElsewhere?: (pool: PoolEntry) => readonly PoolAdditions[];
  /**
   * The template's Mappings and Transform, asked for when a client first uses `Fn::FindInMap`.
   *
   * @default - none: a lookup stays a value known at deployment
   */
  readonly lookups?: () => LookupSections;
  /**
   * Whether parameters with AllowedValues are checked for each value (see
   * parameter-choices.ts): not in a nested stack's template, whose values
   * its parent passes (or, passing none, leaves at their Default).
   *
   * @default true
   */
  readonly parameterChoices?: boolean;
  /**
   * The template's Conditions, Parameters and Rules, asked for when a client
   * first uses a condition or refers to an id that is no resource (a parameter).
   */
  readonly conditions?: () => ConditionSections;
  /**
   * Providers and resource servers the app imports by name, which exist
   * outside the template (the aspects find them in the construct tree).
   *
   * @default - none
   */
  readonly external?: ExternalResources;
  /**
   * The values of parameters that are fixed before deployment (a nested
   * stack's, which its parent sets to a literal): a `Ref` to one reads as it.
   *
   * @default - none
   */
  readonly parameterValues?: Readonly<Record<string, string>>;
}

/**
 * The Cognito resources of one template, indexed once so that each client's
 * look-ups are constant time (validation stays linear in the resources).
 */
export class TemplateIndex {
  /**
   * Builds the index; only Cognito resources are read, and a pool's own
   * properties only when a rule asks about them (a resource may compute
   * `Properties` on first read).
   */
  public static of(resources: Readonly<Record<string, TemplateResource>>, options: IndexOptions = {}): TemplateIndex {
    const index = new TemplateIndex(options, resources);
    for (const [name, value] of Object.entries(options.parameterValues ?? {})) if (!(name in resources)) index.refValues.set(name, value);
    const entries = Object.entries(isPlainObject(resources) ? resources : {}).filter((e): e is [string, TemplateResource] => isIndexed(e[1]));
    for (const [id, r] of entries) {
      if (r.Type !== TYPES.pool) continue;
      const pool = new IndexedPool(id, r, `${options.poolKeyPrefix ?? ''}${id}`);
      index.pools.set(id, pool);
      index.linkAdditions(pool);
    }
    for (const [id, r] of entries) if (r.Type !== TYPES.pool) index.addChild(id, r);
    for (const pool of index.pools.values()) if (pool instanceof IndexedPool) pool.here.addExternal(options.external);
    return index;
  }

  private readonly pools = new Map<string, PoolEntry>();
  /** Pools of other templates, by the key or name this one refers to them with. */
  private readonly otherPools = new Map<string, PoolEntry>();

  /** What Ref returns for resources whose Ref value is in the template (IdP: ProviderName, resource server: Identifier). */
  private readonly refValues = new Map<string, string>();

  /** The template's Mappings and Transform, read when a client first uses `Fn::FindInMap`. */
  private lookups?: LookupSections;
  /** The template's conditions (and its parameters' choices), made when a client first needs them (see `conditionsRead`). */
  private conditions?: { conditions: TemplateConditions; choices: ParameterChoices };
  /** Set by `walk` when it meets an Fn::If. */
  private sawCondition = false;
  /** Whether `walk` reads dynamic references in strings (see `ReadOptions.dynamicReferences`). */
  private dynamicReferences = true;

  /** The identity providers and resource servers each resource depends on, directly or through others (see `prerequisites`). */
  private readonly reached = new Map<string, ReadonlySet<string>>();

  private constructor(private readonly options: IndexOptions, private readonly resources: Readonly<Record<string, TemplateResource>>) {}

  /** The pool a client's UserPoolId refers to, when it is in the template (or is a pool of another template it knows). */
  public poolOf(userPoolId: unknown): PoolIndex | undefined {
    return poolIn(this.entryOf(userPoolId));
  }

  /** The pool of a resource: the one its `pool` field names, or its UserPoolId refers to. */
  private poolEntryOf(resource: TemplateResource): PoolEntry | undefined {
    return resource.pool !== undefined ? this.entryOfKey(resource.pool) : this.entryOf(props(resource).UserPoolId);
  }

  /** The pool a UserPoolId refers to, as this template knows it so far. */
  private entryOf(userPoolId: unknown): PoolEntry | undefined {
    if (!isIntrinsic(userPoolId)) return undefined;
    const imported = (userPoolId as Record<string, unknown>)['Fn::ImportValue'];
    if (typeof imported === 'string') return this.otherEntry(`import ${imported}`, this.options.importedPool && (() => this.options.importedPool!(imported)));
    const read = stackOutput(userPoolId);
    if (read) {
      const lookUp = this.options.stackOutputPool;
      // Where the stack read is belongs to the key: one name may be two stacks, in two Regions or accounts.
      const part = (named: string | null | undefined) => (named === undefined ? 'own' : named ?? 'any');
      const where = read.region === undefined && read.account === undefined ? '' : ` in ${part(read.account)}/${part(read.region)}`;
      return this.otherEntry(`stack output ${read.stackName}.${read.outputName}${where}`, lookUp && (() => lookUp(read)));
    }
    const output = nestedOutput(userPoolId);
    if (output) {
      const lookUp = this.options.nestedOutputPool;
      return this.otherEntry(`output ${output.stack}.${output.name}`, lookUp && (() => lookUp(output.stack, output.name)));
    }
    const id = poolReference(userPoolId);
    if (id === undefined) return undefined;
    return this.pools.get(id) ?? this.entryOfKey(id);
  }

  /** The pool of another template that a key names (see `IndexOptions.otherPool`). */
  private entryOfKey(key: string): PoolEntry | undefined {
    const lookUp = this.options.otherPool;
    return this.otherEntry(`key ${key}`, lookUp && (() => lookUp(key)));
  }

  /** The pools of other templates this one refers to (each with what this template adds to it). */
  public otherPoolEntries(): PoolOfOtherTemplate[] {
    return [...this.otherPools.values()].filter((e): e is PoolOfOtherTemplate => e instanceof PoolOfOtherTemplate);
  }

  private linkAdditions(pool: IndexedPool | PoolOfOtherTemplate): void {
    const added = this.options.addedElsewhere;
    if (added) pool.addedElsewhere(() => added(pool));
  }

  /** The entry for a pool of another template, made on first use (`lookUp` is asked once). */
  private otherEntry(name: string, lookUp: (() => OtherTemplatePool | undefined) | undefined): PoolEntry | undefined {
    let entry = this.otherPools.get(name);
    if (!entry && lookUp) {
      const other = lookUp();
      if (other) {
        this.otherPools.set(name, (entry = new PoolOfOtherTemplate(other)));
        entry.here.addExternal(this.options.external);
        this.linkAdditions(entry);
      }
    }
    return entry;
  }

  /**
   * The value with `Ref`s to identity providers and resource servers of the
   * template replaced by what they return, and `Fn::Join`s of known parts
   * joined: so `OAuthScope.resourceServer(...)` and L2 providers read as the
   * strings they will be at deploy time.
   */
  public resolveKnown(value: unknown): unknown {
    return this.refValues.size === 0 ? value : this.resolveIn(value);
  }

  /** Copy-on-write: parts without a known reference are returned as they are, and nothing is allocated for them. */
  private resolveIn(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const v = this.resolveIn(value[i]);
        if (v !== value[i]) (copy ??= value.slice())[i] = v;
      }
      return copy ?? value;
    }
    if (isIntrinsic(value)) {
      const ref = refTarget(value);
      if (ref !== undefined) return this.refValues.get(ref) ?? value;
      const join = (value as Record<string, unknown>)['Fn::Join'];
      if (Array.isArray(join) && join.length === 2 && typeof join[0] === 'string' && Array.isArray(join[1])) {
        const parts = join[1].map((p) => this.resolveIn(p));
        return parts.every((p) => typeof p === 'string') ? parts.join(join[0]) : value;
      }
      // An Fn::Sub whose text the template fixes is that text.
      if ((value as Record<string, unknown>)['Fn::Sub'] !== undefined) {
        const parts = stringParts(value, (name) => this.refValues.get(name));
        return parts && !parts.includes(UNKNOWN) ? parts.join('') : value;
      }
      return this.lookedUp(value as Record<string, unknown>) ?? value;
    }
    let copy: Record<string, unknown> | undefined;
    for (const k in value) {
      const before = (value as Record<string, unknown>)[k];
      const v = this.resolveIn(before);
      if (v !== before) (copy ??= { ...(value as Record<string, unknown>) })[k] = v;
    }
    return copy ?? value;
  }

  /**
   * The template's conditions, with one for each value of each parameter
   * that has AllowedValues (see parameter-choices.ts): read when a client
   * first uses a condition or refers to something that is not a resource.
   */
  private conditionsRead(): { conditions: TemplateConditions; choices: ParameterChoices } {
    if (!this.conditions) {
      const sections = this.options.conditions?.() ?? {};
      const choices = this.options.parameterChoices === false ? new Map() : parameterChoices(sections.Parameters, sections.Rules);
      this.conditions = { conditions: new TemplateConditions(withChoiceConditions(sections, choices)), choices };
    }
    return this.conditions;
  }

  /** The parameters with AllowedValues among the ids a client's properties refer to (undefined: none). */
  private choicesUsed(referenced: ReadonlySet<string>): ParameterChoices | undefined {
    let used: Map<string, ReadonlyArray<string | number>> | undefined;
    for (const id of referenced) {
      // Resources, pseudo parameters and parameters fixed by a parent are no choice; only then are the sections read.
      if (Object.prototype.hasOwnProperty.call(this.resources, id) || id.startsWith('AWS::') || this.refValues.has(id)) continue;
      const values = this.conditionsRead().choices.get(id);
      if (values) (used ??= new Map()).set(id, values);
    }
    return used;
  }

  /** What an `Fn::FindInMap`, `Fn::Select` or `Fn::Split` of arguments the template decides gives (see lookups.ts); undefined otherwise. */
  private lookedUp(intrinsic: Record<string, unknown>): unknown {
    const resolve = (v: unknown) => this.resolveIn(v);
    if ('Fn::FindInMap' in intrinsic) return foundInMap(intrinsic['Fn::FindInMap'], this.lookups ??= this.options.lookups?.() ?? {}, resolve);
    if ('Fn::Select' in intrinsic) return selected(intrinsic['Fn::Select'], resolve);
    if ('Fn::Split' in intrinsic) return split(intrinsic['Fn::Split'], resolve);
    return undefined;
  }

  /**
   * A client of this template as the rules read it, in one walk over its
   * properties: references the template resolves replaced (as
   * `resolveKnown`), `Ref: AWS::NoValue` and undefined members dropped (as
   * `readClient`), and the ids it refers to collected for its context, with
   * its DependsOn and the dependencies `options` give. Its pool is the one
   * its `pool` field names, or its UserPoolId refers to. A client that uses
   * conditions is read once for each combination of their values.
   */
  public read(resource: TemplateResource, options: ReadOptions = {}): ClientRead {
    const dependencies = new Set<string>();
    let raw: unknown = resource.Properties ?? {};
    this.sawCondition = false;
    this.dynamicReferences = options.dynamicReferences ?? true;
    let client: ReadClient;
    if (isPlainObject(raw)) {
      client = { properties: this.walk(raw, dependencies) as Record<string, unknown> };
    } else {
      referencedIds(raw, dependencies);
      client = { notAnObject: raw };
    }
    // A parameter with AllowedValues that the properties refer to: each value is a configuration, checked as a branch is.
    const choices = this.choicesUsed(dependencies);
    if (choices) {
      const chosen = withChoices(raw, choices);
      if (chosen !== raw) {
        raw = chosen;
        this.sawCondition = true;
      }
    }
    for (const d of dependsOn(resource)) dependencies.add(d);
    for (const d of options.dependencies ?? []) dependencies.add(d);
    // CloudFormation creates what the client's dependencies depend on before them, and so before the client.
    // (What is added is visited too, and adds nothing new: its prerequisites are among those of what added it.)
    for (const d of dependencies) for (const p of this.prerequisites(d)) dependencies.add(p);
    const pool = poolIn(options.pool !== undefined ? this.entryOfKey(options.pool) : this.poolEntryOf(resource));
    // Every context has the members of one merged with the enum extras and a policy, in the same order
    // (`checkClient`): the rules and the memo then read objects of one shape.
    const context: ClientContext = { region: options.region, extraEnumValues: undefined, pool, dependencies, policy: undefined };
    const propNames = options.propNames;
    const condition = typeof resource.Condition === 'string' ? resource.Condition : undefined;
    if (!this.sawCondition && condition === undefined && !(!('properties' in client) && usesConditions(raw))) {
      return { context, propNames, variants: [{ client }] };
    }
    // Each configuration the conditions allow is read on its own (its dependencies are those of every branch, as
    // CloudFormation orders creation by every reference in the template).
    const found = this.conditionsRead().conditions.variants(raw, condition);
    const variants = found.variants.map(({ when, value }) => {
      const v = isNoValue(value) ? {} : value;
      return { when, client: isPlainObject(v) ? { properties: this.walk(v, new Set()) as Record<string, unknown> } : { notAnObject: v } };
    });
    return { context, propNames, variants, capped: found.capped, incomplete: found.incomplete };
  }

  /**
   * `withoutNoValue(resolveKnown(value))`, noting in `references` every id
   * `referencedIds(value)` finds, with dynamic references in strings read as
   * unknown parts (`readDynamicReferences`); copy-on-write, so plain data is
   * returned as it is.
   */
  private walk(value: unknown, references: Set<string>): unknown {
    if (typeof value === 'string') return this.readsReference(value) ? readDynamicReferences(value) : value;
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        // Scalars need no walk: most entries are strings (checked here, as this runs for every client).
        if (item === null || typeof item !== 'object') {
          const read = this.readsReference(item) ? readDynamicReferences(item) : item;
          if (copy) copy.push(read);
          else if (read !== item) (copy = value.slice(0, i)).push(read);
          continue;
        }
        if (isNoValue(item)) {
          references.add(NO_VALUE);
          copy ??= value.slice(0, i);
          continue;
        }
        const after = this.walk(item, references);
        if (copy) copy.push(after);
        else if (after !== item) (copy = value.slice(0, i)).push(after);
      }
      return copy ?? value;
    }
    if (isIntrinsic(value)) {
      referencedIds(value, references);
      if (!this.sawCondition && usesConditions(value)) this.sawCondition = true;
      // Joins and Subs of literal text are strings even where no reference is known.
      const resolved = this.resolveIn(value);
      return typeof resolved === 'string' ? this.walk(resolved, references) : resolved;
    }
    let copy: Record<string, unknown> | undefined;
    for (const k in value) {
      if (!Object.prototype.hasOwnProperty.call(value, k)) continue;
      const before = (value as Record<string, unknown>)[k];
      const referenceKey = REFERENCE_KEYS.has(k);
      // A scalar member needs no walk, unless it is a reference (in an object that is not an intrinsic) or text with a
      // dynamic reference (tested in place: this runs for every property of every client).
      if (!referenceKey && before !== undefined && (before === null || typeof before !== 'object')
        && !this.readsReference(before)) continue;
      // referencedIds looks no further into a member it took a reference from.
      const found = referenceKey && noteReference(k, before, references) ? new Set<string>() : references;
      if (before === undefined || isNoValue(before)) {
        if (before !== undefined) found.add(NO_VALUE);
        delete (copy ??= { ...(value as Record<string, unknown>) })[k];
        continue;
      }
      const after = this.walk(before, found);
      if (after !== before) (copy ??= { ...(value as Record<string, unknown>) })[k] = after;
    }
    return copy ?? value;
  }

  /** True for text in which `walk` reads a dynamic reference (see `ReadOptions.dynamicReferences`). */
  private readsReference(value: unknown): value is string {
    return this.dynamicReferences && typeof value === 'string' && holdsDynamicReference(value);
  }

  /**
   * The identity providers and resource servers of the template that
   * resource `id` depends on through its DependsOn and references, at any
   * depth (the only dependencies rules ask about), each worked out once. A
   * resource on a cycle (a template CloudFormation refuses) reaches what the
   * walk found before it met the cycle again.
   */
  private prerequisites(id: string): ReadonlySet<string> {
    return this.reached.get(id) ?? this.reach(id, new Set());
  }

  private reach(id: string, visiting: Set<string>): ReadonlySet<string> {
    const known = this.reached.get(id);
    if (known) return known;
    const r: unknown = Object.prototype.hasOwnProperty.call(this.resources, id) ? this.resources[id] : undefined;
    if (visiting.has(id)) return NOTHING;
    // A pool depends on no provider or server of its own (they depend on it), and reading its Properties may render it.
    if (!isPlainObject(r) || r.Type === TYPES.pool) {
      this.reached.set(id, NOTHING);
      return NOTHING;
    }
    visiting.add(id);
    const found = new Set<string>();
    for (const d of new Set([...dependsOn(r), ...referencedIds(r.Properties)])) {
      const target: unknown = Object.prototype.hasOwnProperty.call(this.resources, d) ? this.resources[d] : undefined;
      if (isPlainObject(target) && (target.Type === TYPES.identityProvider || target.Type === TYPES.resourceServer)) found.add(d);
      for (const p of this.reach(d, visiting)) found.add(p);
    }
    visiting.delete(id);
    this.reached.set(id, found);
    return found;
  }

  private addChild(id: string, r: TemplateResource): void {
    if (isCustomResourceType(r.Type)) return this.addCustomResource(id, r);
    const p = props(r);
    const entry = this.poolEntryOf(r);
    const pool = entry?.here;
    // A name written as a dynamic reference is known only at deploy time, as a Ref to a parameter is.
    const text = (value: unknown) => (typeof value === 'string' ? readDynamicReferences(value) : value);
    if (r.Type === TYPES.identityProvider) {
      const name = text(p.ProviderName);
      if (typeof name === 'string') this.refValues.set(id, name);
      if (!pool?.identityProviders) return;
      // The providers named literally stay known; the map is then partial, and says why.
      if (typeof name !== 'string') {
        pool.identityProvidersUnknown ??= `the ProviderName of its identity provider ${id} is ${name === undefined ? 'not set' : `${showValue(name)}, known only at deploy time`}`;
        return;
      }
      const mapping = p.AttributeMapping;
      const mapped = mapping === undefined ? new Set<string>() : isPlainObject(mapping) ? new Set(Object.keys(mapping)) : undefined;
      pool.identityProviders.set(name, { logicalId: id, mappedAttributes: mapped });
    } else if (r.Type === TYPES.resourceServer) {
      const identifier = text(p.Identifier);
      if (typeof identifier === 'string') this.refValues.set(id, identifier);
      if (!pool?.resourceServerScopes) return;
      // The scopes named literally stay known; the map is then partial, and says why.
      if (typeof identifier !== 'string') {
        pool.resourceServersUnknown ??= `the Identifier of its resource server ${id} is ${identifier === undefined ? 'not set' : `${showValue(identifier)}, known only at deploy time`}`;
        return;
      }
      const scopes = p.Scopes ?? [];
      for (const s of Array.isArray(scopes) ? scopes : [scopes]) {
        const scopeName = isPlainObject(s) ? text(s.ScopeName) : undefined;
        if (typeof scopeName === 'string') pool.resourceServerScopes.set(`${identifier}/${scopeName}`, id);
        else pool.resourceServersUnknown ??= `the Scopes of its resource server ${id} are not all literal names`;
      }
    } else if (r.Type === TYPES.domain && pool) {
      pool.hasDomain = true;
      pool.domainUnknown = undefined;
    }
  }

  /**
   * A custom resource given a pool's id may create identity providers,
   * resource servers or a domain on it (Amplify's hosted UI resources do,
   * and so may a CDK AwsCustomResource): what the template does not define
   * for that pool is then not known to be missing. One that is also given
   * an app client's id is about that client (the aws-cdk L2 reads a
   * generated secret so), and counts for nothing.
   */
  private addCustomResource(id: string, r: TemplateResource): void {
    const refs = referencedIds(r.Properties);
    for (const ref of refs) {
      const target: unknown = Object.prototype.hasOwnProperty.call(this.resources, ref) ? this.resources[ref] : undefined;
      if (isPlainObject(target) && target.Type === TYPES.client) return;
    }
    for (const ref of refs) {
      const pool = this.pools.get(ref);
      if (pool instanceof IndexedPool) pool.here.mayBeAddedBy(`the custom resource ${id} (${String(r.Type)}) is given the pool's id and may create`);
    }
  }
}

