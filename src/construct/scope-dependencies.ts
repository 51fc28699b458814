import { AspectPriority, Aspects, CfnResource, IAspect, Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';

/**
 * A scope written as text (`OAuthScope.custom('orders/read')`) names its
 * resource server by identifier, not by a reference, so CDK adds no
 * dependency, and CloudFormation may create the client before the server
 * ("Invalid scope requested"). The client then depends on the resource
 * servers of its stack that have that identifier on its pool. They are
 * looked for when the app is synthesized (a server may be added after the
 * client), in one walk of the stack by an aspect, at the stack's own visit:
 * CDK visits a stack before its constructs, so a validator checking a client
 * sees the dependency whatever its priority. Servers of other stacks, nested
 * ones included, are left alone: a dependency on them could make a cycle
 * between stacks, as with identity providers.
 */
export function dependOnScopeServers(resource: cognito.CfnUserPoolClient, userPoolId: string, scopeNames: readonly string[]): void {
  const identifiers = new Set<string>();
  for (const name of scopeNames) {
    // Neither an identifier nor a scope name may hold '/' (the API model's patterns exclude it).
    const slash = name.indexOf('/');
    if (slash > 0 && !Token.isUnresolved(name)) identifiers.add(name.slice(0, slash));
  }
  if (identifiers.size === 0) return;
  const stack = Stack.of(resource);
  let wanted = wanting.get(stack);
  if (!wanted) {
    wanting.set(stack, (wanted = []));
    // The highest of CDK's priorities: a client created by an app's own aspect, during synthesis, adds this aspect to a
    // stack other aspects have visited, and CDK refuses one of a lower priority than those (CannotInvokeAspectWithLowerPriority).
    // It adds no construct, only dependencies, before any client of the stack is visited.
    Aspects.of(stack).add(new ScopeServerDependencies(stack, wanted), { priority: AspectPriority.READONLY });
  }
  wanted.push({ resource, userPoolId, identifiers });
}

interface Wanting {
  readonly resource: cognito.CfnUserPoolClient;
  readonly userPoolId: string;
  readonly identifiers: ReadonlySet<string>;
}
const wanting = new WeakMap<Stack, Wanting[]>();
const SERVER_TYPE = 'AWS::Cognito::UserPoolResourceServer';

/** Adds the dependencies at the stack's own visit, which comes before any of its constructs'. */
class ScopeServerDependencies implements IAspect {
  public constructor(private readonly stack: Stack, private readonly wanted: readonly Wanting[]) {}

  public visit(node: IConstruct): void {
    // Aspects reach nested stacks too: only the stack's own servers count.
    if (node !== this.stack) return;
    const servers = new Map<string, cognito.CfnUserPoolResourceServer[]>();
    for (const c of node.node.findAll()) {
      // By type, not class: an app may hold two copies of aws-cdk-lib.
      if (!CfnResource.isCfnResource(c) || c.cfnResourceType !== SERVER_TYPE || Stack.of(c) !== node) continue;
      const server = c as cognito.CfnUserPoolResourceServer;
      if (typeof server.identifier !== 'string' || Token.isUnresolved(server.identifier)) continue;
      servers.set(server.identifier, [...(servers.get(server.identifier) ?? []), server]);
    }
    const poolOf = (id: string) => JSON.stringify(this.stack.resolve(id));
    for (const { resource, userPoolId, identifiers } of this.wanted) {
      for (const identifier of identifiers) {
        for (const server of servers.get(identifier) ?? []) {
          if (poolOf(server.userPoolId) === poolOf(userPoolId)) resource.node.addDependency(server);
        }
      }
    }
  }
}
