import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

export const USER_POOL_CLIENT_TYPE = 'AWS::Cognito::UserPoolClient';

/** True for every AWS::Cognito::UserPoolClient, however it was made (L1, L2, L3, raw CfnResource). */
export function isUserPoolClientResource(node: IConstruct): node is CfnResource {
  return CfnResource.isCfnResource(node) && node.cfnResourceType === USER_POOL_CLIENT_TYPE;
}

/** The part of `_toCloudFormation()` the validator reads; it is internal to aws-cdk-lib, so it is guarded. */
interface Renderable {
  _toCloudFormation(): { Resources?: Record<string, { Properties?: unknown }> };
}

/**
 * The resource's `Properties` exactly as they will be synthesized:
 * constructor props, setters, property overrides and deletion overrides
 * applied, tokens resolved to `Ref`/`Fn::*` (an unresolved value stays an
 * intrinsic). Undefined when the resource cannot be rendered; CDK reports
 * that itself when it synthesizes.
 */
export function renderedProperties(resource: CfnResource): { properties: unknown } | undefined {
  const render = (resource as unknown as Partial<Renderable>)._toCloudFormation;
  if (typeof render !== 'function') return undefined;
  try {
    const rendered = Stack.of(resource).resolve(render.call(resource)) as ReturnType<Renderable['_toCloudFormation']>;
    const entry = Object.values(rendered?.Resources ?? {})[0];
    return { properties: entry?.Properties };
  } catch {
    return undefined;
  }
}

/** The stack's Region when it is a concrete value. */
export function concreteRegion(node: IConstruct): string | undefined {
  const region = Stack.of(node).region;
  return Token.isUnresolved(region) ? undefined : region;
}
