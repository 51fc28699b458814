import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { TemplateIndex, TemplateResource, TYPES } from '../engine/template-index';

export const USER_POOL_CLIENT_TYPE = TYPES.client;
/** What a client refers to; clients themselves are noted as they are visited. */
const INDEXED = new Set<string>([TYPES.pool, TYPES.identityProvider, TYPES.resourceServer, TYPES.domain]);

/** True for every AWS::Cognito::UserPoolClient, however it was made (L1, L2, L3, raw CfnResource). */
export function isUserPoolClientResource(node: IConstruct): node is CfnResource {
  return CfnResource.isCfnResource(node) && node.cfnResourceType === USER_POOL_CLIENT_TYPE;
}

/** The part of `_toCloudFormation()` the validator reads; it is internal to aws-cdk-lib, so it is guarded. */
interface Renderable {
  _toCloudFormation(): { Resources?: Record<string, TemplateResource> };
}

/**
 * The resource exactly as it will be synthesized (logical id, Properties,
 * DependsOn): constructor props, setters, property overrides and deletion
 * overrides applied, tokens resolved to `Ref`/`Fn::*` (an unresolved value
 * stays an intrinsic). Undefined when the resource cannot be rendered; CDK
 * reports that itself when it synthesizes.
 */
export function rendered(resource: CfnResource): { logicalId: string; resource: TemplateResource } | undefined {
  const render = (resource as unknown as Partial<Renderable>)._toCloudFormation;
  if (typeof render !== 'function') return undefined;
  try {
    const template = Stack.of(resource).resolve(render.call(resource)) as ReturnType<Renderable['_toCloudFormation']>;
    const [entry] = Object.entries(template?.Resources ?? {});
    return entry ? { logicalId: entry[0], resource: entry[1] } : undefined;
  } catch {
    return undefined;
  }
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
        const r = rendered(node);
        if (r) resources[r.logicalId] = r.resource;
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
