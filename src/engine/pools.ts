import type { TemplateResource } from './template-index';
import { STANDARD_ATTRIBUTES } from '../rules/api-model';
import type { IdentityProviderInfo, PoolIndex } from '../rules/pool';
import { asBoolean, isPlainObject } from '../rules/values';

/**
 * The pools a template's clients refer to, as the rules read them: a pool of
 * the template, or a pool of another template with what this one adds to it.
 */

const STANDARD = new Set<string>(STANDARD_ATTRIBUTES);

/** What the pool's own properties tell: read on first use, as few rules need it and a pool costs more to render than a client. */
interface PoolDetails {
  readonly customAttributes?: ReadonlySet<string>;
  readonly requiredAttributes?: ReadonlySet<string>;
  readonly tier?: string;
}

function poolDetails(properties: unknown): PoolDetails {
  // A pool without Properties has no schema and the default tier; Properties that are not an object tell nothing.
  const p = properties === undefined ? {} : properties;
  if (!isPlainObject(p)) return {};
  const tier = typeof p.UserPoolTier === 'string' ? p.UserPoolTier : undefined;
  const schema = p.Schema === undefined ? [] : p.Schema;
  if (!Array.isArray(schema) || !schema.every((a) => isPlainObject(a) && typeof a.Name === 'string')) return { tier };
  const attrs = schema as Array<{ Name: string; Required?: unknown }>;
  return {
    tier,
    customAttributes: new Set(attrs.filter((a) => !STANDARD.has(a.Name)).map((a) => a.Name)),
    requiredAttributes: new Set(attrs.filter((a) => STANDARD.has(a.Name) && asBoolean(a.Required) === true).map((a) => a.Name)),
  };
}

/** The identity providers, resource servers and domain a template defines for a pool. */
export class PoolResources {
  /** Undefined when a domain may exist that the template does not define (see `domainUnknown`). */
  public hasDomain: boolean | undefined = false;
  /** Why whether the pool has a domain is not known (see `PoolIndex.domainUnknown`). */
  public domainUnknown?: string;
  /** Those named literally; undefined when none can be known (see `addExternal`). */
  public identityProviders?: Map<string, IdentityProviderInfo> = new Map();
  /** Those named literally; undefined when none can be known. */
  public resourceServerScopes?: Map<string, string> = new Map();
  /** Why only some providers are known, when one is named only at deploy time (see `PoolIndex.identityProvidersUnknown`). */
  public identityProvidersUnknown?: string;
  /** Why only some scopes are known, when a server's identifier or scopes are named only at deploy time. */
  public resourceServersUnknown?: string;
  /** Identifiers of resource servers made outside the template (see `PoolIndex.externalResourceServers`). */
  public externalResourceServers?: ReadonlySet<string>;

  /**
   * Notes that something the checks cannot read (a custom resource) may add
   * providers, resource servers or a domain to the pool; `cause` is a clause
   * that the kind of resource completes ("… may create identity providers").
   */
  public mayBeAddedBy(cause: string): void {
    this.identityProvidersUnknown ??= `${cause} identity providers`;
    this.resourceServersUnknown ??= `${cause} resource servers`;
    if (this.hasDomain !== true) {
      this.hasDomain = undefined;
      this.domainUnknown ??= `${cause} a domain`;
    }
  }

  /** Adds the providers and resource servers the app imports by name, which exist outside the template. */
  public addExternal(external: ExternalResources | undefined): void {
    if (!external) return;
    // Which exist is not known: the rules about them do not run (a pool with none is not what was said).
    if (external.unknownIdentityProviders) this.identityProviders = undefined;
    if (external.unknownResourceServers) this.resourceServerScopes = undefined;
    for (const name of external.identityProviders) {
      if (!this.identityProviders?.has(name)) this.identityProviders?.set(name, { logicalId: name, external: true });
    }
    if (external.resourceServers.length > 0) this.externalResourceServers = new Set(external.resourceServers);
  }
}

/** Providers and resource servers an app imports by name (`fromProviderName`, `fromUserPoolResourceServerId`). */
export interface ExternalResources {
  readonly identityProviders: readonly string[];
  readonly resourceServers: readonly string[];
  /** True when the pool's providers are not known at all (a described pool whose providers were not given). */
  readonly unknownIdentityProviders?: boolean;
  /** True when the pool's resource servers are not known at all. */
  readonly unknownResourceServers?: boolean;
}

/**
 * What another template (or stack) adds to a pool: providers, resource
 * servers and a domain defined beside clients of their own, or alone (a
 * stack of providers). `pathOf` names its resources in messages.
 */
export interface PoolAdditions {
  readonly resources: PoolResources;
  readonly pathOf: (logicalId: string) => string;
}

/**
 * The pool's resources as one template's checks see them: `here`, with what
 * other templates add. Those exist (a client listing them gets no
 * "does not exist"), but when they are created against this template's
 * clients is not known, so no DependsOn is asked for them: providers are
 * external, resource servers' scopes all taken to exist. With `domainOnly`,
 * only a domain counts: for the clients in the pool's own template, which
 * deploys before any template that refers to its pool, so that a provider
 * there does not exist yet when they are created, while a domain serves
 * them once it does.
 */
function withAdditions(here: PoolResources, elsewhere: readonly PoolAdditions[], domainOnly = false): PoolResources {
  if (elsewhere.length === 0) return here;
  const view = new PoolResources();
  view.hasDomain = here.hasDomain;
  view.domainUnknown = here.domainUnknown;
  view.identityProviders = here.identityProviders && new Map(here.identityProviders);
  view.resourceServerScopes = here.resourceServerScopes;
  view.identityProvidersUnknown = here.identityProvidersUnknown;
  view.resourceServersUnknown = here.resourceServersUnknown;
  const servers = new Set(here.externalResourceServers ?? []);
  for (const { resources: other, pathOf } of elsewhere) {
    if (domainOnly) {
      addDomain(view, other);
      continue;
    }
    other.identityProviders?.forEach((p, name) => {
      if (!view.identityProviders?.has(name)) view.identityProviders?.set(name, { ...p, logicalId: pathOf(p.logicalId), external: true });
    });
    other.resourceServerScopes?.forEach((_server, scope) => servers.add(scope.slice(0, scope.lastIndexOf('/'))));
    other.externalResourceServers?.forEach((server) => servers.add(server));
    view.identityProvidersUnknown ??= other.identityProvidersUnknown;
    view.resourceServersUnknown ??= other.resourceServersUnknown;
    addDomain(view, other);
  }
  if (servers.size > 0) view.externalResourceServers = servers;
  return view;
}

/** A domain another template defines for the pool (or may: see `mayBeAddedBy`) counts for it. */
function addDomain(view: PoolResources, other: PoolResources): void {
  if (other.hasDomain === true) {
    view.hasDomain = true;
    view.domainUnknown = undefined;
  } else if (other.hasDomain === undefined && view.hasDomain !== true) {
    view.hasDomain = undefined;
    view.domainUnknown ??= other.domainUnknown;
  }
}

export class IndexedPool implements PoolIndex {
  public readonly here = new PoolResources();
  private details?: PoolDetails;
  /** What other templates add to the pool (see `addedElsewhere`), asked once, when a rule first reads its resources. */
  private elsewhere?: () => readonly PoolAdditions[];
  private seen?: PoolResources;

  public constructor(
    public readonly logicalId: string,
    private readonly resource: TemplateResource,
    public readonly key: string,
  ) {}

  /** Gives what other templates add to the pool, read when a rule first reads its resources (after every index is built). */
  public addedElsewhere(elsewhere: () => readonly PoolAdditions[]): void {
    this.elsewhere = elsewhere;
  }

  // A domain of its own settles it; only without one are other templates asked (see `withAdditions`).
  public get hasDomain() {
    return this.here.hasDomain === true ? true : this.withDomains().hasDomain;
  }

  public get domainUnknown() {
    return this.here.hasDomain === true ? undefined : this.withDomains().domainUnknown;
  }

  public get identityProviders() {
    return this.here.identityProviders;
  }

  public get resourceServerScopes() {
    return this.here.resourceServerScopes;
  }

  public get externalResourceServers() {
    return this.here.externalResourceServers;
  }

  public get identityProvidersUnknown() {
    return this.here.identityProvidersUnknown;
  }

  public get resourceServersUnknown() {
    return this.here.resourceServersUnknown;
  }

  /**
   * The pool as its own template defines it, without what others add: the
   * base a pool of another template's view adds its own template's
   * resources to (see `PoolOfOtherTemplate`).
   */
  public ownView(): PoolIndex {
    if (!this.elsewhere) return this;
    const pool = this;
    const here = this.here;
    return withSchemaOf(pool, {
      logicalId: this.logicalId,
      key: this.key,
      hasDomain: here.hasDomain,
      domainUnknown: here.domainUnknown,
      identityProviders: here.identityProviders,
      resourceServerScopes: here.resourceServerScopes,
      identityProvidersUnknown: here.identityProvidersUnknown,
      resourceServersUnknown: here.resourceServersUnknown,
      externalResourceServers: here.externalResourceServers,
    });
  }

  /** The pool's resources with the domains other templates add; `here` itself when nothing is added elsewhere. */
  private withDomains(): PoolResources {
    return (this.seen ??= this.elsewhere ? withAdditions(this.here, this.elsewhere(), true) : this.here);
  }

  public get customAttributes() {
    return this.read().customAttributes;
  }

  public get requiredAttributes() {
    return this.read().requiredAttributes;
  }

  public get tier() {
    return this.read().tier;
  }

  private read(): PoolDetails {
    return (this.details ??= poolDetails(this.resource.Properties));
  }
}

/** A pool another template defines, which a `Ref` in this one stands for (see IndexOptions.otherPool). */
export interface OtherTemplatePool {
  /** How messages name the pool (the aspects give its construct path). */
  readonly name: string;
  /** The pool as its own template's index knows it; undefined when not known. Asked once, when a rule first reads the pool. */
  readonly pool: () => PoolIndex | undefined;
  /**
   * The logical ids (in the pool's template) of the resources that exist
   * before this template's clients are created: a nested stack waits only
   * for what its parent passes it or it depends on.
   *
   * @default - all of them: the pool's stack deploys first
   */
  readonly deployedBefore?: ReadonlySet<string>;
}

/**
 * A pool of another template, with the providers, resource servers and
 * domain this template adds to it. Its own are deployed before the client
 * (the client's stack depends on the pool's), so they need no DependsOn;
 * its clients are counted where the pool's own are.
 */
export class PoolOfOtherTemplate {
  public readonly here = new PoolResources();
  private base?: PoolIndex | null;
  private merged?: PoolIndex | null;
  /** What templates other than this one and the pool's add to the pool (see `IndexedPool.addedElsewhere`). */
  private elsewhere?: () => readonly PoolAdditions[];

  public constructor(private readonly other: OtherTemplatePool) {}

  /** How messages name the pool (the aspects give its construct path, which is also its key there). */
  public get name(): string {
    return this.other.name;
  }

  /** Gives what templates other than this one and the pool's add to the pool, read when the pool is first read. */
  public addedElsewhere(elsewhere: () => readonly PoolAdditions[]): void {
    this.elsewhere = elsewhere;
  }

  /** The pool as its own template knows it (asked once); null when it does not. */
  public source(): PoolIndex | null {
    if (this.base !== undefined) return this.base;
    const pool = this.other.pool();
    // The pool's own template's resources: what other templates add comes with `elsewhere`, without this one's.
    return (this.base = (pool instanceof IndexedPool ? pool.ownView() : pool) ?? null);
  }

  /** The pool's own template's index of it, when there is one (for linking what each template adds). */
  public indexed(): IndexedPool | undefined {
    const pool = this.other.pool();
    return pool instanceof IndexedPool ? pool : undefined;
  }

  /**
   * The pool as its template knows it, with this template's additions: made
   * once, when first read (after the index is built); null when its
   * template does not know it.
   */
  public known(): PoolIndex | null {
    if (this.merged !== undefined) return this.merged;
    const base = this.source();
    if (!base) return (this.merged = null);
    const here = this.elsewhere ? withAdditions(this.here, this.elsewhere()) : this.here;
    const deployedBefore = new Set<string>();
    const qualified = (id: string) => {
      const name = `${this.other.name}#${id}`;
      if (this.other.deployedBefore?.has(id) ?? true) deployedBefore.add(name);
      return name;
    };
    const providers = base.identityProviders && here.identityProviders && new Map(
      [...base.identityProviders].map(([name, p]): [string, IdentityProviderInfo] => [name, { ...p, logicalId: qualified(p.logicalId) }]),
    );
    here.identityProviders?.forEach((p, name) => providers?.set(name, p));
    const scopes = base.resourceServerScopes && here.resourceServerScopes && new Map(
      [...base.resourceServerScopes].map(([scope, server]): [string, string] => [scope, qualified(server)]),
    );
    here.resourceServerScopes?.forEach((server, scope) => scopes?.set(scope, server));
    return (this.merged = withSchemaOf(base, {
      logicalId: this.other.name,
      identityProviders: providers,
      resourceServerScopes: scopes,
      hasDomain: eitherHas(here.hasDomain, base.hasDomain),
      domainUnknown: base.domainUnknown ?? here.domainUnknown,
      identityProvidersUnknown: base.identityProvidersUnknown ?? here.identityProvidersUnknown,
      resourceServersUnknown: base.resourceServersUnknown ?? here.resourceServersUnknown,
      externalResourceServers: union(base.externalResourceServers, here.externalResourceServers),
      deployedBefore,
      key: base.key,
    }));
  }
}

/** A view of a pool whose schema and tier are `pool`'s, read from it only when a rule asks (see IndexedPool). */
function withSchemaOf(pool: PoolIndex, view: Omit<PoolIndex, 'customAttributes' | 'requiredAttributes' | 'tier'>): PoolIndex {
  // Member by member, not spread: rules read these views for every client (see `checkClient` on spread objects).
  return {
    logicalId: view.logicalId,
    key: view.key,
    hasDomain: view.hasDomain,
    domainUnknown: view.domainUnknown,
    identityProviders: view.identityProviders,
    resourceServerScopes: view.resourceServerScopes,
    identityProvidersUnknown: view.identityProvidersUnknown,
    resourceServersUnknown: view.resourceServersUnknown,
    externalResourceServers: view.externalResourceServers,
    deployedBefore: view.deployedBefore,
    get customAttributes() {
      return pool.customAttributes;
    },
    get requiredAttributes() {
      return pool.requiredAttributes;
    },
    get tier() {
      return pool.tier;
    },
  };
}

/** A pool a template's resources refer to. */
export type PoolEntry = IndexedPool | PoolOfOtherTemplate;

/** What the rules know of the pool of an entry: a pool of another template only once that template knows it. */
export function poolIn(entry: PoolEntry | undefined): PoolIndex | undefined {
  return entry instanceof PoolOfOtherTemplate ? entry.known() ?? undefined : entry;
}

function union(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): ReadonlySet<string> | undefined {
  return a && b ? new Set([...a, ...b]) : a ?? b;
}

/** A pool has a domain if either template defines one; whether it has one is unknown if either cannot say. */
function eitherHas(a: boolean | undefined, b: boolean | undefined): boolean | undefined {
  if (a === true || b === true) return true;
  return a === undefined || b === undefined ? undefined : false;
}
