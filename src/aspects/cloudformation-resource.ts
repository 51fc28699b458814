import { CfnCondition, CfnParameter, CfnResource, Lazy, Reference, Stack, Token, Tokenization } from 'aws-cdk-lib';
import { CfnUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';
import { poolKeyPrefix, stackSynthesis } from './synthesis-cache';
import { TemplateIndex, TemplateResource, TYPES } from '../engine/template-index';
import { CFN_PROPERTY_TYPES, PropertyType } from '../rules/api-model';
import { isPlainObject } from '../rules/values';

export const USER_POOL_CLIENT_TYPE = TYPES.client;
/** What a client refers to; clients themselves are noted as they are visited. */
const INDEXED = new Set<string>([TYPES.pool, TYPES.identityProvider, TYPES.resourceServer, TYPES.domain]);

/** True for every AWS::Cognito::UserPoolClient, however it was made (L1, L2, L3, raw CfnResource). */
export function isUserPoolClientResource(node: IConstruct): node is CfnResource {
  return CfnResource.isCfnResource(node) && node.cfnResourceType === USER_POOL_CLIENT_TYPE;
}

/** The parts of aws-cdk-lib's CfnResource the validator reads; they are internal, so every use is guarded. */
interface CfnInternals {
  readonly cfnProperties?: Record<string, unknown>;
  readonly rawOverrides?: Record<string, unknown>;
  readonly dependsOn?: Set<CfnResource>;
  readonly cfnOptions: CfnResource['cfnOptions'];
  renderProperties(props: Record<string, unknown>): unknown;
  _toCloudFormation(): { Resources?: Record<string, TemplateResource> };
}

/**
 * The resource exactly as it will be synthesized (logical id, Properties,
 * DependsOn): constructor props, setters, property overrides and deletion
 * overrides applied, tokens resolved to `Ref`/`Fn::*` (an unresolved value
 * stays an intrinsic). Undefined when the resource cannot be rendered; CDK
 * reports that itself when it synthesizes.
 */
export function rendered(resource: CfnResource): Rendered | undefined {
  try {
    return fastRender(resource) ?? fullRender(resource);
  } catch {
    return undefined;
  }
}

/** A rendered resource; the logical id only where computing it was needed anyway. */
export interface Rendered {
  readonly logicalId?: string;
  readonly resource: TemplateResource;
  /** The UserPoolId as the resource holds it, before its tokens were resolved (see `userPoolIdSource`). */
  readonly userPoolId?: unknown;
}

/** CDK's own rendering of the resource, resolved: exact in every case, and as costly as CDK's. */
export function fullRender(resource: CfnResource): Rendered | undefined {
  const render = (resource as unknown as Partial<CfnInternals>)._toCloudFormation;
  if (typeof render !== 'function') return undefined;
  const template = Stack.of(resource).resolve(render.call(resource)) as ReturnType<CfnInternals['_toCloudFormation']>;
  const [entry] = Object.entries(template?.Resources ?? {});
  return entry ? { logicalId: entry[0], resource: entry[1], userPoolId: userPoolIdSource(resource) } : undefined;
}

/** The resource's UserPoolId before its tokens are resolved: a property override's, or the prop's (L1 or raw). */
function userPoolIdSource(resource: CfnResource): unknown {
  const { rawOverrides, cfnProperties } = resource as unknown as Partial<CfnInternals>;
  const overrides = rawOverrides?.Properties;
  if (overrides !== null && typeof overrides === 'object' && 'UserPoolId' in overrides) return (overrides as Record<string, unknown>).UserPoolId;
  return cfnProperties?.userPoolId ?? cfnProperties?.UserPoolId;
}

/** CloudFormation names of the L1 props whose names are not the prop name capitalised. */
const CFN_NAMES = new Map<string, string>([['callbackUrLs', 'CallbackURLs'], ['logoutUrLs', 'LogoutURLs'], ['defaultRedirectUri', 'DefaultRedirectURI']]);
function cfnName(prop: string): string {
  let name = CFN_NAMES.get(prop);
  if (name === undefined) {
    name = prop.charAt(0).toUpperCase() + prop.slice(1);
    if (CFN_NAMES.size < 1000) CFN_NAMES.set(prop, name);
  }
  return name;
}

/**
 * Resolved string tokens per stack: thousands of clients refer to the same
 * pool id token, and resolving it is most of the cost of reading a client.
 * Only strings are cached; a token's value does not change during synthesis.
 */
function resolveString(value: string, stack: Stack): unknown {
  const cache = stackSynthesis(stack).resolvedStrings;
  if (!cache.has(value)) cache.set(value, stack.resolve(value));
  return cache.get(value);
}

/**
 * CDK writes a token into a string as `${Token[…]}`, a number token as a
 * double of about -1.xe+289 (`e+289` in a string), and a list token as a
 * one-element list holding `#{Token[…]}`: a value with none of these is
 * plain data and is not resolved, which reading thousands of clients would
 * pay for every value. The markers are checked against CDK once; if it ever
 * encodes tokens otherwise, every value is resolved.
 */
const TOKEN_MARKERS = { string: '${Token[', number: 'e+289', list: '#{Token[' };
const NUMBER_TOKENS_BELOW = -1e288;
const STRING_TOKEN = Token.asString(Lazy.string({ produce: () => '' }));
const NUMBER_TOKEN = Lazy.number({ produce: () => 0 });
const LIST_TOKEN = Token.asList(Lazy.list({ produce: () => [] }));
/** Exported for the tests: the shortcut is on with the aws-cdk-lib in use. */
export const MARKERS_HOLD = Token.isUnresolved(STRING_TOKEN) && STRING_TOKEN.includes(TOKEN_MARKERS.string)
  && NUMBER_TOKEN < NUMBER_TOKENS_BELOW && String(NUMBER_TOKEN).includes(TOKEN_MARKERS.number)
  && LIST_TOKEN.length === 1 && LIST_TOKEN[0].includes(TOKEN_MARKERS.list);

/** A string with its tokens resolved (most strings hold none, and are returned as they are). */
function resolveText(value: string, stack: Stack): unknown {
  return !MARKERS_HOLD || value.includes(TOKEN_MARKERS.string) || value.includes(TOKEN_MARKERS.number) ? resolveString(value, stack) : value;
}

/** Resolves only the tokens in a value, as CDK's resolve would (undefined list entries and members dropped); plain lists are kept as they are. */
function resolveTokens(value: unknown, stack: Stack, rename: boolean): unknown {
  if (value === null || value === undefined || typeof value === 'boolean') return value;
  // Token.isUnresolved misses number tokens written into strings, which CDK's resolve replaces: resolve every candidate.
  if (typeof value === 'string') return resolveText(value, stack);
  if (typeof value === 'number') return (!MARKERS_HOLD || value < NUMBER_TOKENS_BELOW) && Token.isUnresolved(value) ? stack.resolve(value) : value;
  if (Array.isArray(value)) {
    const mayBeToken = !MARKERS_HOLD || (value.length === 1 && typeof value[0] === 'string' && value[0].includes(TOKEN_MARKERS.list));
    if (mayBeToken && Token.isUnresolved(value)) return stack.resolve(value);
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const before: unknown = value[i];
      const after = before === undefined ? undefined : typeof before === 'string' ? resolveText(before, stack) : resolveTokens(before, stack, false);
      if (copy === undefined && (after !== before || after === undefined)) copy = value.slice(0, i);
      if (copy !== undefined && after !== undefined) copy.push(after);
    }
    return copy ?? value;
  }
  if (Tokenization.isResolvable(value)) return stack.resolve(value);
  const out: Record<string, unknown> = {};
  for (const k in value) {
    if (!Object.prototype.hasOwnProperty.call(value, k)) continue;
    const resolved = resolveTokens((value as Record<string, unknown>)[k], stack, rename);
    if (resolved !== undefined) out[rename ? cfnName(k) : k] = resolved;
  }
  return out;
}

/**
 * The same result without CDK's full render, for the common case: a
 * resource with no raw overrides, no condition and only known properties.
 * Resolving each token on its own skips the work CDK's renderer does on
 * every value, which keeps validation close to free at thousands of clients.
 * Anything unusual takes the full path.
 */
export function fastRender(resource: CfnResource): Rendered | undefined {
  const camel = plainProperties(resource);
  const dependencies = (resource as unknown as Partial<CfnInternals>).dependsOn; // created on the first addDependency
  if (!camel || (dependencies !== undefined && !(dependencies instanceof Set))) return undefined;
  // CfnUserPoolClient holds props in camelCase (CDK renames them when rendering); a raw CfnResource holds CloudFormation
  // names. Any other class renders its own way: CDK must render it.
  const render = (resource as unknown as Partial<CfnInternals>).renderProperties;
  const isL1 = render === L1_RENDER;
  if (!isL1 && render !== RAW_RENDER) return undefined;
  const stack = Stack.of(resource);
  const properties: Record<string, unknown> = {};
  let userPoolId: unknown;
  for (const key in camel) {
    const v = camel[key];
    if (v === undefined || !Object.prototype.hasOwnProperty.call(camel, key)) continue;
    // Names and strings are found in place where they can be: this runs on every property of every client.
    const name = isL1 ? CFN_NAMES.get(key) ?? cfnName(key) : key;
    const type = CFN_PROPERTY_TYPES[name];
    if (type === undefined) return undefined;
    // A whole struct given as a token (Lazy, IResolvable) resolves to camelCase members, and CDK drops members a
    // struct does not declare: CDK must render those.
    if (isL1 && v !== null && typeof v === 'object' && !Array.isArray(v) && (Tokenization.isResolvable(v) || !declaresAll(type, v))) return undefined;
    if (name === 'UserPoolId') userPoolId = v;
    const resolved = typeof v === 'string' ? resolveText(v, stack) : resolveTokens(v, stack, isL1);
    if (resolved !== undefined) properties[name] = resolved;
  }
  const rendering: { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] } = {
    Type: resource.cfnResourceType,
    Properties: properties,
  };
  if (dependencies !== undefined && dependencies.size > 0) {
    rendering.DependsOn = [...dependencies].map((d) => stack.resolve(d.logicalId) as string).sort();
  }
  return { resource: rendering, userPoolId };
}

const L1_RENDER = (CfnUserPoolClient.prototype as unknown as CfnInternals).renderProperties;
const RAW_RENDER = (CfnResource.prototype as unknown as CfnInternals).renderProperties;

/** True when the struct type declares every member the value sets. */
function declaresAll(type: PropertyType, value: object): boolean {
  if (typeof type !== 'object') return true;
  for (const key in value) {
    const set = Object.prototype.hasOwnProperty.call(value, key) && (value as Record<string, unknown>)[key] !== undefined;
    if (set && type[cfnName(key)] === undefined) return false;
  }
  return true;
}

/**
 * The resource's props as its class holds them, when nothing else shapes its
 * rendering (no raw overrides, no condition); undefined otherwise, and then
 * only CDK's full render is exact.
 */
function plainProperties(resource: CfnResource): Record<string, unknown> | undefined {
  const { rawOverrides: overrides, cfnProperties: props } = resource as unknown as Partial<CfnInternals>;
  if (overrides === null || typeof overrides !== 'object' || hasKeys(overrides) || resource.cfnOptions.condition !== undefined) return undefined;
  return props !== null && typeof props === 'object' ? props : undefined;
}

function hasKeys(value: object): boolean {
  for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key)) return true;
  return false;
}

/**
 * A resource the index reads (pool, domain, identity provider, resource
 * server), rendered the way CDK does (resolve the props, then let the L1
 * convert them to CloudFormation names) but resolving only its tokens: an
 * L2 user pool costs a hundred times a client to render fully. Resources
 * with overrides or a condition take CDK's full render.
 */
export function indexedRender(resource: CfnResource): Rendered | undefined {
  const props = plainProperties(resource);
  const render = (resource as unknown as Partial<CfnInternals>).renderProperties;
  if (!props || typeof render !== 'function') return fullRender(resource);
  const stack = Stack.of(resource);
  const properties = render.call(resource, resolveTokens(props, stack, false) as Record<string, unknown>);
  return {
    logicalId: stack.resolve(resource.logicalId),
    resource: { Type: resource.cfnResourceType, Properties: properties },
    userPoolId: userPoolIdSource(resource),
  };
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
 * synthesis (the first client visited builds it), so validation stays linear. A resource
 * that cannot be rendered is left out (CDK reports it when it synthesizes),
 * except a user pool: pools are rendered only if a rule asks about their
 * schema or tier (an L2 pool costs as much to render as a hundred clients,
 * and most clients never need it), and one that cannot be rendered is
 * indexed with its schema and tier unknown, so the rules about its
 * providers, domain and quota still apply.
 */
export function stackIndex(stack: Stack): TemplateIndex {
  const state = stackSynthesis(stack);
  return (state.index ??= indexOf(stack));
}

function indexOf(stack: Stack): TemplateIndex {
  const resources: Record<string, TemplateResource> = {};
  for (const node of stack.node.findAll()) {
    if (CfnResource.isCfnResource(node) && INDEXED.has(node.cfnResourceType) && Stack.of(node) === stack) {
      try {
        if (node.cfnResourceType === TYPES.pool) {
          resources[stack.resolve(node.logicalId)] = renderedOnRead(node);
          continue;
        }
        const r = indexedRender(node);
        if (r?.logicalId) resources[r.logicalId] = inItsPool(r, stack);
      } catch {
        // left out of the index
      }
    }
  }
  return TemplateIndex.of(resources, {
    otherPool: (key) => {
      const pool = stackSynthesis(stack).otherPools.get(key);
      if (!pool) return undefined;
      const poolStack = Stack.of(pool);
      return { name: key, pool: () => stackIndex(poolStack).poolOf({ Ref: poolStack.resolve(pool.logicalId) }) };
    },
    // A pool has the same key in the index of every stack that refers to it: its clients are counted across the app.
    poolKeyPrefix: poolKeyPrefix(stack),
    conditions: () => conditionSections(stack),
  });
}

/** The stack's Conditions and Parameters sections, as the template will hold them (for clients that use conditions). */
function conditionSections(stack: Stack): { Conditions: Record<string, unknown>; Parameters: Record<string, unknown> } {
  const sections = { Conditions: {} as Record<string, unknown>, Parameters: {} as Record<string, unknown> };
  for (const node of stack.node.findAll()) {
    if (node instanceof CfnCondition && Stack.of(node) === stack && node.expression !== undefined) {
      sections.Conditions[stack.resolve(node.logicalId)] = stack.resolve(node.expression);
    } else if (node instanceof CfnParameter && Stack.of(node) === stack) {
      sections.Parameters[stack.resolve(node.logicalId)] = { AllowedValues: stack.resolve(node.allowedValues) };
    }
  }
  return sections;
}

/**
 * The rendered resource, with a reference to a user pool of another stack
 * written as `{ Ref: <the pool's construct path> }`. Before CDK turns it into
 * an import, such a reference renders as a `Ref` to the pool's logical id,
 * which a pool of this stack may share; a construct path is no logical id,
 * and the index reads it as that pool (see `IndexOptions.otherPool`).
 */
function inItsPool(rendering: Rendered, stack: Stack): TemplateResource {
  const key = otherStackPoolKey(rendering.userPoolId, stack);
  const resource = rendering.resource;
  if (key === undefined || !isPlainObject(resource.Properties)) return resource;
  return { ...resource, Properties: { ...resource.Properties, UserPoolId: { Ref: key } } };
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
export function constructDependencies(resource: CfnResource): string[] {
  const stack = Stack.of(resource);
  const ids: string[] = [];
  // Up the scope chain without building it: this runs for every client.
  for (let scope: IConstruct | undefined = resource; scope; scope = scope.node.scope) {
    for (const dependency of scope.node.dependencies) ids.push(...resourcesUnder(dependency, stack));
  }
  return ids;
}

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

/** The stack's Region when it is a concrete value. */
export function concreteRegion(node: IConstruct): string | undefined {
  const stack = Stack.of(node);
  if (!regions.has(stack)) regions.set(stack, Token.isUnresolved(stack.region) ? undefined : stack.region);
  return regions.get(stack);
}
const regions = new WeakMap<Stack, string | undefined>();
