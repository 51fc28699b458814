import { CfnResource, Stack, Token, Tokenization } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { TemplateIndex, TemplateResource, TYPES } from '../engine/template-index';
import { CFN_PROPERTY_TYPES } from '../rules/api-model';

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
}

/** CDK's own rendering of the resource, resolved: exact in every case, and as costly as CDK's. */
export function fullRender(resource: CfnResource): Rendered | undefined {
  const render = (resource as unknown as Partial<CfnInternals>)._toCloudFormation;
  if (typeof render !== 'function') return undefined;
  const template = Stack.of(resource).resolve(render.call(resource)) as ReturnType<CfnInternals['_toCloudFormation']>;
  const [entry] = Object.entries(template?.Resources ?? {});
  return entry ? { logicalId: entry[0], resource: entry[1] } : undefined;
}

/** CloudFormation names of the L1 props whose names are not the prop name capitalised. */
const CFN_NAMES: Record<string, string> = { callbackUrLs: 'CallbackURLs', logoutUrLs: 'LogoutURLs', defaultRedirectUri: 'DefaultRedirectURI' };
const cfnName = (prop: string) => CFN_NAMES[prop] ?? prop.charAt(0).toUpperCase() + prop.slice(1);

/**
 * Resolved string tokens per stack: thousands of clients refer to the same
 * pool id token, and resolving it is most of the cost of reading a client.
 * Only strings are cached; a token's value does not change during synthesis.
 */
const resolvedStrings = new WeakMap<Stack, Map<string, unknown>>();
function resolveString(value: string, stack: Stack): unknown {
  let cache = resolvedStrings.get(stack);
  if (!cache) resolvedStrings.set(stack, (cache = new Map()));
  if (!cache.has(value)) cache.set(value, stack.resolve(value));
  return cache.get(value);
}

/** Resolves only the tokens in a value; plain data is copied as is. */
function resolveTokens(value: unknown, stack: Stack, rename: boolean): unknown {
  if (value === null || value === undefined || typeof value === 'boolean') return value;
  if (typeof value === 'string') return Token.isUnresolved(value) ? resolveString(value, stack) : value;
  if (typeof value === 'number') return Token.isUnresolved(value) ? stack.resolve(value) : value;
  if (Array.isArray(value)) return Token.isUnresolved(value) ? stack.resolve(value) : value.map((v) => resolveTokens(v, stack, false));
  if (Tokenization.isResolvable(value)) return stack.resolve(value);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const resolved = resolveTokens(v, stack, rename);
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
  const internals = resource as unknown as Partial<CfnInternals>;
  const overrides = internals.rawOverrides;
  const dependencies = internals.dependsOn ?? new Set<CfnResource>(); // created on the first addDependency
  const unusual = Object.keys(overrides ?? {}).length > 0 || resource.cfnOptions.condition !== undefined;
  if (overrides === undefined || unusual || !(dependencies instanceof Set)) return undefined;
  const camel = internals.cfnProperties;
  if (camel === null || typeof camel !== 'object') return undefined;
  const stack = Stack.of(resource);
  // L1 classes hold props in camelCase (CDK renames them when rendering); a raw CfnResource holds CloudFormation names.
  const isL1 = Object.getPrototypeOf(resource) !== CfnResource.prototype;
  // A whole struct given as a token (Lazy, IResolvable) resolves to camelCase members: CDK must render it.
  if (isL1 && Object.values(camel).some((v) => v !== null && typeof v === 'object' && !Array.isArray(v) && Tokenization.isResolvable(v))) return undefined;
  const properties = resolveTokens(camel, stack, isL1) as Record<string, unknown>;
  if (Object.keys(properties).some((k) => CFN_PROPERTY_TYPES[k] === undefined)) return undefined;
  const dependsOn = [...dependencies].map((d) => stack.resolve(d.logicalId) as string).sort();
  return { resource: { Type: resource.cfnResourceType, Properties: properties, ...(dependsOn.length ? { DependsOn: dependsOn } : {}) } };
}

const indexes = new WeakMap<Stack, TemplateIndex>();

/**
 * The Cognito resources of the client's stack, indexed once per stack (the
 * first client visited builds it), so validation stays linear.
 */
export function stackIndex(stack: Stack): TemplateIndex {
  let index = indexes.get(stack);
  if (!index) {
    const resources: Record<string, TemplateResource> = {};
    for (const node of stack.node.findAll()) {
      if (CfnResource.isCfnResource(node) && INDEXED.has(node.cfnResourceType) && Stack.of(node) === stack) {
        const r = fullRender(node);
        if (r?.logicalId) resources[r.logicalId] = r.resource;
      }
    }
    index = TemplateIndex.of(resources);
    indexes.set(stack, index);
  }
  return index;
}

/**
 * Logical ids of the same-stack resources that `node.addDependency(...)` on
 * the resource or its ancestors makes it depend on. CDK turns those into
 * DependsOn only after aspects have run, so the validator reads them here.
 */
export function constructDependencies(resource: CfnResource): string[] {
  const stack = Stack.of(resource);
  const ids: string[] = [];
  for (const scope of resource.node.scopes) {
    for (const dependency of scope.node.dependencies) {
      for (const target of dependency.node.findAll()) {
        if (CfnResource.isCfnResource(target) && Stack.of(target) === stack) ids.push(stack.resolve(target.logicalId));
      }
    }
  }
  return ids;
}

/** The stack's Region when it is a concrete value. */
export function concreteRegion(node: IConstruct): string | undefined {
  const region = Stack.of(node).region;
  return Token.isUnresolved(region) ? undefined : region;
}
