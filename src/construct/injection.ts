import { InjectionContext, IPropertyInjector, PropertyInjectors } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The props with the property injectors that reach the scope applied, for
 * each construct id in turn (as aws-cdk-lib's own constructs apply theirs):
 * an organisation's defaults for the aws-cdk L2 `UserPoolClient` carry over
 * to its drop-in replacement, and then its own apply.
 */
export function injectedProps<P>(props: P, context: InjectionContext, constructIds: readonly string[]): P {
  let injected = props;
  for (const id of constructIds) {
    const injector = injectorFor(context.scope, id);
    if (injector) injected = injector.inject(injected, { scope: context.scope, id: context.id });
  }
  return injected;
}

/** The closest injector for the construct id, up the scope tree (CDK's own lookup, with its public API). */
function injectorFor(scope: IConstruct, constructId: string): IPropertyInjector | undefined {
  for (let s: IConstruct | undefined = scope; s !== undefined; s = s.node.scope) {
    if (!PropertyInjectors.hasPropertyInjectors(s)) continue;
    const injector = PropertyInjectors.of(s).for(constructId);
    if (injector) return injector;
  }
  return undefined;
}
