import { CfnCondition, CfnMapping, CfnOutput, CfnParameter, CfnResource, CfnRule, Reference, Resource, Stack, Token, Tokenization } from 'aws-cdk-lib';
import { UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';
import { rawOverridesOf, templateFragmentOf } from './internals';
import { indexedRender, MARKERS_HOLD, TOKEN_MARKERS, userPoolIdSource } from './render';
import { AppExports, oncePerApp, poolKeyPrefix, stackSynthesis } from './synthesis-cache';
import type { ConditionSections } from '../engine/conditions';
import { addDefinition, DeployTarget, onlyDefinitionFor } from '../engine/deploy-targets';
import { ExternalResources, OtherTemplatePool, PoolAdditions, PoolOfOtherTemplate } from '../engine/pools';
import { poolReference } from '../engine/references';
import { isCustomResourceType, TemplateIndex, TemplateResource, TYPES } from '../engine/template-index';

/** What a client refers to, and custom resources, which may add to a pool; clients themselves are noted as they are visited. */
const INDEXED = new Set<string>([TYPES.pool, TYPES.identityProvider, TYPES.resourceServer, TYPES.domain]);
const isIndexed = (type: string) => INDEXED.has(type) || isCustomResourceType(type);

/**
 * True for every AWS::Cognito::UserPoolClient, however it was made (L1, L2,
 * L3, raw CfnResource), and for a resource an override makes one
 * (`addOverride('Type', ...)` has the last word, as in the template).
 */
export function isUserPoolClientResource(node: IConstruct): node is CfnResource {
  if (!CfnResource.isCfnResource(node)) return false;
  const overridden = rawOverridesOf(node)?.Type;
  return (typeof overridden === 'string' ? overridden : node.cfnResourceType) === TYPES.client;
}

/** A resource whose Properties are rendered on first read; null when it cannot be rendered (nothing is known then). */
function renderedOnRead(node: CfnResource): TemplateResource {
  let properties: unknown;
  let done = false;
  return {
    Type: node.cfnResourceType,
    get Properties() {
      if (!done) {
        done = true;
        try {
          const r = indexedRender(node);
          properties = r ? r.resource.Properties : null;
        } catch {
          properties = null;
        }
      }
      return properties;
    },
  };
}

/**
 * The Cognito resources of the client's stack, indexed once per stack and
 * synthesis (the first client visited builds it), so validation stays
 * linear. A provider, resource server or domain that cannot be rendered is
 * left out (CDK reports it when it synthesizes); user pools are rendered only
 * if a rule asks about their schema or tier (an L2 pool costs as much to
 * render as a hundred clients, and most clients never need it), and one that
 * cannot be rendered is indexed with its schema and tier unknown, so the rules
 * about its providers, domain and quota still apply.
 */
export function stackIndex(stack: Stack): TemplateIndex {
  const state = stackSynthesis(stack);
  return (state.index ??= indexOf(stack));
}

function indexOf(stack: Stack): TemplateIndex {
  const resources: Record<string, TemplateResource> = {};
  const external = noExternal();
  /** The construct path of each of the stack's pools, by logical id: their key in other stacks' indexes. */
  const poolPaths = new Map<string, string>();
  for (const node of stack.node.findAll()) {
    addImported(node, external);
    if (CfnResource.isCfnResource(node) && isIndexed(node.cfnResourceType) && Stack.of(node) === stack && !readsClient(node)) {
      try {
        if (node.cfnResourceType === TYPES.pool) {
          const logicalId = stack.resolve(node.logicalId) as string;
          resources[logicalId] = renderedOnRead(node);
          poolPaths.set(logicalId, node.node.path);
          continue;
        }
        const r = indexedRender(node);
        // A provider or server this stack adds to a pool of another stack belongs to that pool, named by its key.
        if (r?.logicalId) resources[r.logicalId] = { ...r.resource, pool: otherStackPoolKey(r.userPoolId, stack) };
      } catch {
        // left out of the index
      }
    }
  }
  // Read once, when a client first needs a section.
  let read: ReturnType<typeof templateSections> | undefined;
  const sections = () => (read ??= templateSections(stack));
  return TemplateIndex.of(resources, {
    otherPool: (key) => {
      const pool = stackSynthesis(stack).otherPools.get(key);
      return pool && otherStackPool(pool);
    },
    // `Fn.importValue` of a name another stack of the app exports: that stack deploys first.
    importedPool: (name) => onlyDefinitionFor(oncePerApp(stack.node.root, exportedPools).get(name), deployTargetOf(stack)),
    // A pool has the same key in the index of every stack that refers to it: its clients are counted across the app.
    poolKeyPrefix: poolKeyPrefix(stack),
    conditions: () => sections(),
    lookups: () => ({ Mappings: sections().Mappings, Transform: stack.templateOptions.transforms }),
    // A nested stack's parameters are what its parent passes, or their Default.
    parameterChoices: !stack.nested,
    external,
    // What other stacks add to the pool: for a pool of this stack, only its domain is asked for (see PoolAdditions).
    addedElsewhere: (pool) => {
      const path = pool instanceof PoolOfOtherTemplate ? pool.name : poolPaths.get(pool.logicalId);
      const additions = path === undefined ? undefined : oncePerApp(stack.node.root, poolAdditionsInApp).get(path);
      return (additions ?? []).filter((a) => a.stack !== stack).map((a) => a.added);
    },
  });
}

/** What one stack adds to a pool of another. */
interface StackAdditions {
  readonly stack: Stack;
  readonly added: PoolAdditions;
}

/**
 * The identity providers, resource servers and domains of the app that a
 * stack other than their pool's defines, by the pool's construct path, each
 * stack's read as an index reads them. A walk of the whole app, made when a
 * rule first asks about a pool of another stack (or one without a domain of
 * its own), once per synthesis.
 */
function poolAdditionsInApp(root: IConstruct): ReadonlyMap<string, readonly StackAdditions[]> {
  const byPool = new Map<string, Map<Stack, Record<string, TemplateResource>>>();
  for (const node of root.node.findAll()) {
    if (!CfnResource.isCfnResource(node) || !ADDED_TO_POOL.has(node.cfnResourceType)) continue;
    const stack = Stack.of(node);
    // Most refer to a pool of their own stack: told by the reference, before any rendering.
    const key = otherStackPoolKey(userPoolIdSource(node), stack);
    if (key === undefined) continue;
    try {
      const r = indexedRender(node);
      if (r?.logicalId === undefined) continue;
      const byStack = byPool.get(key) ?? new Map<Stack, Record<string, TemplateResource>>();
      byPool.set(key, byStack);
      byStack.set(stack, { ...byStack.get(stack), [r.logicalId]: { ...r.resource, pool: key } });
    } catch {
      // left out, as in a stack's own index
    }
  }
  const out = new Map<string, StackAdditions[]>();
  for (const [key, byStack] of byPool) {
    out.set(key, [...byStack].flatMap(([stack, resources]) => {
      // The stack's additions read as its own index reads them (names, scopes, mappings, domains).
      const entry = TemplateIndex.of(resources, { otherPool: (k) => ({ name: k, pool: () => undefined }) }).otherPoolEntries()[0];
      return entry ? [{ stack, added: { resources: entry.here, pathOf: (id: string) => `${stack.node.path}/${id}` } }] : [];
    }));
  }
  return out;
}
const ADDED_TO_POOL = new Set<string>([TYPES.identityProvider, TYPES.resourceServer, TYPES.domain]);

/**
 * A custom resource inside an app client's construct (the aws-cdk L2's
 * reading of a generated secret) is about that client, and adds nothing to
 * its pool (see `TemplateIndex`, which tells that from the template).
 */
function readsClient(node: CfnResource): boolean {
  if (!isCustomResourceType(node.cfnResourceType)) return false;
  for (let scope = node.node.scope; scope !== undefined; scope = scope.node.scope) if (scope instanceof UserPoolClient) return true;
  return false;
}

/** A user pool of another stack, as the index of a client's stack reads it. */
function otherStackPool(pool: CfnResource): OtherTemplatePool {
  const poolStack = Stack.of(pool);
  return { name: pool.node.path, pool: () => stackIndex(poolStack).poolOf({ Ref: poolStack.resolve(pool.logicalId) }) };
}

/**
 * The app's exports by name, with where each deploys and the user pool it
 * exports, if any: outputs with a name written out (`CfnOutput`'s
 * `exportName`, `stack.exportValue`) whose value is the pool's id. An import
 * that more than one of them may mean where it is used (export names are
 * unique per account and Region) names no pool: never guessed, as on the
 * command line.
 */
function exportedPools(root: IConstruct): AppExports {
  const exports: AppExports = new Map();
  for (const node of root.node.findAll()) {
    if (!(node instanceof CfnOutput)) continue;
    const name: unknown = node.exportName;
    if (typeof name !== 'string' || Token.isUnresolved(name)) continue;
    const pool = exportedPool(node);
    // Every definition of a name counts, one that exports no pool too.
    addDefinition(exports, name, { target: deployTargetOf(Stack.of(node)), value: pool && otherStackPool(pool) });
  }
  return exports;
}

/** The user pool of the output's own stack whose id (its Ref, or its UserPoolId attribute) the output's value is. */
function exportedPool(output: CfnOutput): CfnResource | undefined {
  const value: unknown = output.value;
  const token = typeof value === 'string' ? Tokenization.reverseString(value).firstToken : value;
  const stack = Stack.of(output);
  if (!Reference.isReference(token) || token.target === undefined || poolReference(stack.resolve(value)) === undefined) return undefined;
  const pool = token.target;
  return CfnResource.isCfnResource(pool) && pool.cfnResourceType === TYPES.pool && Stack.of(pool) === stack ? pool : undefined;
}

/** The providers and resource servers imported by name in a scope (an app, for the plugin, which sees every stack). */
export function externalResourcesIn(scope: IConstruct): ExternalResources {
  const external = noExternal();
  for (const node of scope.node.findAll()) addImported(node, external);
  return external;
}

type Collected = { identityProviders: string[]; resourceServers: string[] };
const noExternal = (): Collected => ({ identityProviders: [], resourceServers: [] });

function addImported(node: IConstruct, external: Collected): void {
  const imported = importedName(node);
  if (imported) external[imported.kind].push(imported.name);
}

/**
 * The name of a provider or resource server imported by name
 * (`UserPoolIdentityProvider.fromProviderName`, `UserPoolResourceServer.fromUserPoolResourceServerId`):
 * a resource construct with a concrete name and no CloudFormation resource
 * of its own (those the app defines have one, and a token for a name).
 */
function importedName(node: IConstruct): { kind: 'identityProviders' | 'resourceServers'; name: string } | undefined {
  if (!Resource.isResource(node) || node.node.defaultChild !== undefined) return undefined;
  const { providerName, userPoolResourceServerId } = node as { providerName?: unknown; userPoolResourceServerId?: unknown };
  if (typeof providerName === 'string' && !Token.isUnresolved(providerName)) return { kind: 'identityProviders', name: providerName };
  if (typeof userPoolResourceServerId === 'string' && !Token.isUnresolved(userPoolResourceServerId)) return { kind: 'resourceServers', name: userPoolResourceServerId };
  return undefined;
}

/**
 * The stack's Conditions, Parameters, Rules and Mappings sections, as the
 * template will hold them, in one walk of the stack (for clients that use
 * conditions, refer to parameters or look up a mapping). A `CfnMapping`
 * looked up with keys known at synthesis still synthesizes as
 * `Fn::FindInMap` (unless it is lazy). CDK renders a rule and a mapping only
 * through an internal (see internals.ts).
 */
function templateSections(stack: Stack): Required<ConditionSections> & { readonly Mappings: Record<string, unknown> } {
  const sections = { Conditions: {} as Record<string, unknown>, Parameters: {} as Record<string, unknown>, Rules: {}, Mappings: {} };
  for (const node of stack.node.findAll()) {
    if (Stack.of(node) !== stack) continue;
    if (node instanceof CfnCondition && node.expression !== undefined) {
      sections.Conditions[stack.resolve(node.logicalId)] = stack.resolve(node.expression);
    } else if (node instanceof CfnParameter) {
      sections.Parameters[stack.resolve(node.logicalId)] = { Type: node.type, NoEcho: node.noEcho, AllowedValues: stack.resolve(node.allowedValues) };
    } else if (node instanceof CfnRule) {
      Object.assign(sections.Rules, stack.resolve(templateFragmentOf(node)).Rules);
    } else if (node instanceof CfnMapping) {
      Object.assign(sections.Mappings, stack.resolve(templateFragmentOf(node)).Mappings);
    }
  }
  return sections;
}

/**
 * The construct path of the user pool of another stack that a UserPoolId
 * refers to (a `Reference` to an AWS::Cognito::UserPool, as `pool.userPoolId`
 * is); undefined for anything else. Thousands of clients hold the same token:
 * the answer is kept per token.
 */
export function otherStackPoolKey(userPoolId: unknown, stack: Stack): string | undefined {
  if (typeof userPoolId !== 'string') return poolKeyOf(userPoolId, stack);
  if (MARKERS_HOLD && !userPoolId.includes(TOKEN_MARKERS.string)) return undefined;
  const known = stackSynthesis(stack).poolKeys;
  let key = known.get(userPoolId);
  if (key === undefined) {
    const fragments = Tokenization.reverseString(userPoolId);
    key = (fragments.length === 1 ? poolKeyOf(fragments.firstToken, stack) : undefined) ?? null;
    known.set(userPoolId, key);
  }
  return key ?? undefined;
}

function poolKeyOf(token: unknown, stack: Stack): string | undefined {
  if (!Reference.isReference(token)) return undefined;
  const pool = token.target;
  if (!CfnResource.isCfnResource(pool) || pool.cfnResourceType !== TYPES.pool || Stack.of(pool) === stack) return undefined;
  const key = pool.node.path;
  stackSynthesis(stack).otherPools.set(key, pool);
  return key;
}

/**
 * Logical ids of the same-stack resources that `node.addDependency(...)` on
 * the resource or its ancestors makes it depend on. CDK turns those into
 * DependsOn only after aspects have run, so the validator reads them here.
 */
export function constructDependencies(resource: CfnResource): readonly string[] {
  const stack = Stack.of(resource);
  const state = stackSynthesis(stack);
  // What the stack and its scopes depend on is the same for all its clients: worked out once.
  const fromStack = (state.stackDependencies ??= dependenciesUpFrom(stack, undefined, stack));
  const own = dependenciesUpFrom(resource, stack, stack);
  return own.length === 0 ? fromStack : fromStack.length === 0 ? own : [...own, ...fromStack];
}

/** What `node.addDependency(...)` on `from` and its scopes up to (not including) `to` makes them depend on in `stack`. */
function dependenciesUpFrom(from: IConstruct, to: IConstruct | undefined, stack: Stack): readonly string[] {
  let ids: string[] | undefined;
  // Up the scope chain without building it: this runs for every client.
  for (let scope: IConstruct | undefined = from; scope && scope !== to; scope = scope.node.scope) {
    for (const dependency of scope.node.dependencies) (ids ??= []).push(...resourcesUnder(dependency, stack));
  }
  return ids ?? NONE;
}
const NONE: readonly string[] = Object.freeze([]);

/**
 * Logical ids of the resources of `stack` in a dependency's subtree,
 * remembered: thousands of clients depend on the same few providers and
 * resource servers, and read-only aspects run after the tree is final.
 */
function resourcesUnder(dependency: IConstruct, stack: Stack): readonly string[] {
  const known = stackSynthesis(stack).dependencyTargets;
  let ids = known.get(dependency);
  if (!ids) {
    const found: string[] = [];
    for (const target of dependency.node.findAll()) {
      if (CfnResource.isCfnResource(target) && Stack.of(target) === stack) found.push(stack.resolve(target.logicalId));
    }
    known.set(dependency, (ids = found));
  }
  return ids;
}

/** Where a stack deploys, as far as its account and Region are concrete (an environment-agnostic stack's are tokens). */
export function deployTargetOf(stack: Stack): DeployTarget {
  const concrete = (value: string) => (Token.isUnresolved(value) ? undefined : value);
  return { account: concrete(stack.account), region: concrete(stack.region) };
}

/** The stack's Region when it is a concrete value. */
export function concreteRegion(node: IConstruct): string | undefined {
  const stack = Stack.of(node);
  if (!regions.has(stack)) regions.set(stack, Token.isUnresolved(stack.region) ? undefined : stack.region);
  return regions.get(stack);
}
const regions = new WeakMap<Stack, string | undefined>();
