import { Annotations, CfnResource, Names, Reference, Resource, SecretValue, Stack, Token, Tokenization } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct, IConstruct } from 'constructs';
import { injectedProps } from './injection';
import { checkPropShapes, IGNORED_PROP_WARNING } from './prop-shapes';
import type { ValidatedUserPoolClientProps } from './props';
import { renderClientProperties, takesDefaultUserFlows } from './render';
import { dependOnScopeServers } from './scope-dependencies';
import { requestBuiltInValidation } from '../aspects/user-pool-client-validator';
import { markValidatedClientResource } from '../cdk/check-state';
import { rawOverridesOf, userPoolTriggersOf } from '../cdk/internals';

/**
 * Orders creation after everything the client names, so that CloudFormation
 * cannot create it first ("The provider X does not exist", "Invalid scope"):
 * identity providers given as objects, those registered on the pool that it
 * lists, and the resource servers behind resource-server scopes (those of
 * scopes written as text: see dependOnScopeServers). A provider
 * it does not list is no dependency: one in a stack that depends on the
 * client's would make a cycle CDK refuses.
 */
function addCreationDependencies(resource: cognito.CfnUserPoolClient, props: ValidatedUserPoolClientProps, listed: readonly string[]): void {
  for (const provider of props.identityProviders ?? []) resource.node.addDependency(provider);
  const names = new Set(listed);
  const key = providerKey(props);
  for (const provider of registeredProviders(props.userPool)) {
    if (names.has(provider.providerName) || names.has(key(provider.providerName))) resource.node.addDependency(provider);
  }
  for (const scope of props.oAuth?.scopes ?? []) {
    for (const token of Tokenization.reverseString(scope.scopeName).tokens) {
      if (Reference.isReference(token) && CfnResource.isCfnResource(token.target)) resource.node.addDependency(token.target);
    }
  }
}

/** The identity providers registered on the pool, when it is a `UserPool` of the app (or an imported `IUserPool`). */
function registeredProviders(pool: cognito.IUserPoolRef): readonly cognito.IUserPoolIdentityProvider[] {
  return 'identityProviders' in pool ? (pool as cognito.IUserPool).identityProviders : [];
}

/** The pool's CfnUserPool: its default child (an L2), or the pool itself (a CfnUserPool is an IUserPoolRef). */
function poolL1(pool: cognito.IUserPoolRef): cognito.CfnUserPool | undefined {
  if (pool instanceof cognito.CfnUserPool) return pool;
  const l1 = pool.node.defaultChild;
  return l1 instanceof cognito.CfnUserPool ? l1 : undefined;
}

/**
 * True when the pool is a user pool of the app with a DefineAuthChallenge
 * trigger (custom authentication, such as passwordless sign-in).
 */
function hasCustomAuthTrigger(pool: cognito.IUserPoolRef): boolean {
  const l1 = poolL1(pool);
  if (!l1) return false;
  // An escape hatch on the L1 (addPropertyOverride('LambdaConfig.DefineAuthChallenge', ...)) has the last word.
  const overridden = overriddenTrigger(l1);
  if (overridden !== undefined) return overridden;
  // The L2 renders its triggers into a token; a lambdaConfig set on the L1 (cfnPool.lambdaConfig = {...}) replaces it.
  const triggers = l1 !== pool && Token.isUnresolved(l1.lambdaConfig) ? userPoolTriggersOf(pool) : undefined;
  if (triggers) return triggers.defineAuthChallenge !== undefined;
  const config: unknown = Stack.of(l1).resolve(l1.lambdaConfig);
  return typeof config === 'object' && config !== null && ('defineAuthChallenge' in config || 'DefineAuthChallenge' in config);
}

/**
 * What the pool's overrides say of its DefineAuthChallenge trigger: true when
 * they set one, false when they remove it (or all of LambdaConfig), undefined
 * when they leave it to the props.
 */
function overriddenTrigger(l1: cognito.CfnUserPool): boolean | undefined {
  const overrides = rawOverridesOf(l1);
  if (!overrides) return undefined;
  let node: unknown = overrides;
  for (const key of ['Properties', 'LambdaConfig', 'DefineAuthChallenge']) {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
    // A deletion override writes undefined.
    if (node === undefined) return false;
  }
  return true;
}

/** The clients of each pool that took the default auth flows while the pool had no custom-auth trigger. */
const withoutCustomAuth = new WeakMap<IConstruct, IConstruct[]>();

/**
 * A DefineAuthChallenge trigger added to the pool after a client took the
 * default auth flows would leave custom sign-in out of that client in
 * silence (one created after the trigger allows it): the synth fails, once
 * per pool, naming the clients, when the trigger is there at validation.
 */
function watchLaterTrigger(pool: cognito.IUserPoolRef, client: IConstruct): void {
  if (!poolL1(pool)) return;
  let clients = withoutCustomAuth.get(pool);
  if (clients) {
    clients.push(client);
    return;
  }
  withoutCustomAuth.set(pool, (clients = [client]));
  pool.node.addValidation({
    validate: () => (hasCustomAuthTrigger(pool) ? [`ValidatedUserPoolClient: the DefineAuthChallenge trigger of ${pool.node.path} was added after `
      + `${clients!.map((c) => c.node.path).join(', ')}, whose default auth flows therefore leave out ALLOW_CUSTOM_AUTH (a client created after the `
      + 'trigger allows it). Add the trigger first (or in the pool\'s lambdaTriggers), or give authFlows.'] : []),
  });
}

/**
 * The name each provider object will have, by the reference its `providerName`
 * is: `UserPoolClientIdentityProvider.GOOGLE` and a Google provider of the app
 * are one provider.
 */
function providerKey(props: ValidatedUserPoolClientProps): (name: string) => string {
  const names = new Map<string, string>();
  for (const provider of [...(props.identityProviders ?? []), ...registeredProviders(props.userPool)]) {
    const l1 = provider.node.defaultChild;
    const name = l1 instanceof cognito.CfnUserPoolIdentityProvider ? l1.providerName : undefined;
    if (typeof name === 'string' && !Token.isUnresolved(name)) names.set(provider.providerName, name);
  }
  return (name) => names.get(name) ?? name;
}

/**
 * An Amazon Cognito app client with every setting written out and validated
 * at synth time: a drop-in replacement for the aws-cdk L2
 * `cognito.UserPoolClient`, with the same props.
 *
 * It wraps `CfnUserPoolClient` (its default child, id `Resource`, as in the
 * aws-cdk L2 `UserPoolClient`, so logical ids survive a migration), renders
 * an explicit value for every setting Cognito would otherwise default
 * silently (secure values where the API default is not), and validates
 * itself: one built-in `UserPoolClientValidator` per stack checks every
 * `ValidatedUserPoolClient` of the stack.
 *
 * @example
 * declare const pool: cognito.UserPool;
 * new ValidatedUserPoolClient(this, 'Web', {
 *   userPool: pool,
 *   oAuth: { flows: { authorizationCodeGrant: true }, callbackUrls: ['https://app.example.com/callback'] },
 * });
 */
export class ValidatedUserPoolClient extends Resource implements cognito.IUserPoolClient {
  /**
   * Identifies this construct to property injectors (`PropertyInjectors.of(scope).add(...)`).
   * Injectors registered for the aws-cdk L2 (`cognito.UserPoolClient.PROPERTY_INJECTION_ID`)
   * apply too, first, so an organisation's defaults for the L2 carry over; this construct's own apply after them.
   */
  public static readonly PROPERTY_INJECTION_ID: string = 'cdk-validated-user-pool-client.ValidatedUserPoolClient';

  /**
   * Imports an app client by id (the aws-cdk L2's import, so code that imports clients needs no change).
   */
  public static fromUserPoolClientId(scope: Construct, id: string, userPoolClientId: string): cognito.IUserPoolClient {
    return cognito.UserPoolClient.fromUserPoolClientId(scope, id, userPoolClientId);
  }

  /** The id of the app client. @attribute */
  public readonly userPoolClientId: string;
  /** The name of the app client (given or derived from the construct path). */
  public readonly userPoolClientName: string;
  /** The underlying CloudFormation resource. */
  public readonly resource: cognito.CfnUserPoolClient;
  /** The user pool the client belongs to. */
  public readonly userPool: cognito.IUserPoolRef;
  /** The OAuth flows the client allows (none when OAuth is off). */
  public readonly oAuthFlows: cognito.OAuthFlows;
  private readonly generateSecret: boolean;
  /** True when OAuth is on (`oAuth` given, and not `disableOAuth`), whatever its flows. */
  private readonly oAuthGiven: boolean;

  public constructor(scope: Construct, id: string, props: ValidatedUserPoolClientProps) {
    super(scope, id);
    // As aws-cdk-lib's own constructs do, before anything reads the props.
    props = injectedProps(props, { scope, id }, [cognito.UserPoolClient.PROPERTY_INJECTION_ID, ValidatedUserPoolClient.PROPERTY_INJECTION_ID]);
    if (!props || !props.userPool) throw new Error('ValidatedUserPoolClient: userPool is required; give the cognito.IUserPool the client belongs to.');
    for (const ignored of checkPropShapes(props)) Annotations.of(this).addWarningV2(IGNORED_PROP_WARNING, ignored);
    this.userPool = props.userPool;
    this.userPoolClientName = props.userPoolClientName ?? Names.uniqueResourceName(this, { maxLength: 128, separator: '-' });
    this.generateSecret = props.generateSecret ?? false;

    this.oAuthGiven = !props.disableOAuth && props.oAuth !== undefined;
    this.oAuthFlows = this.oAuthGiven ? props.oAuth!.flows ?? { authorizationCodeGrant: true } : {};
    // As the L2: the providers registered on the pool, then COGNITO, when none are given.
    const poolProviders = [...registeredProviders(props.userPool).map((p) => p.providerName), cognito.UserPoolClientIdentityProvider.COGNITO.name];
    const userPoolId = props.userPool.userPoolRef.userPoolId;
    // Decided now, so that the resource holds a plain list (escape hatches read and extend it); a trigger added later is
    // caught at validation (see watchLaterTrigger).
    const customAuth = hasCustomAuthTrigger(props.userPool);
    const properties = renderClientProperties(userPoolId, this.userPoolClientName, props, poolProviders, providerKey(props), customAuth);
    this.resource = new cognito.CfnUserPoolClient(this, 'Resource', properties);
    markValidatedClientResource(this.resource);
    this.userPoolClientId = this.resource.ref;
    addCreationDependencies(this.resource, props, properties.supportedIdentityProviders ?? []);
    if (this.oAuthGiven) dependOnScopeServers(this.resource, userPoolId, (props.oAuth!.scopes ?? []).map((s) => s.scopeName));
    if (takesDefaultUserFlows(props) && !customAuth) watchLaterTrigger(props.userPool, this);

    if (props.validation ?? true) requestBuiltInValidation(this.resource);
  }

  /** Reference to the client, for constructs that take an `IUserPoolClientRef`. */
  public get userPoolClientRef(): cognito.UserPoolClientReference {
    return { userPoolId: this.userPool.userPoolRef.userPoolId, clientId: this.userPoolClientId };
  }

  /**
   * The URL of the domain's hosted sign-in page for this client, as
   * `domain.signInUrl(client, options)` gives it for the aws-cdk L2, which
   * takes only its own class: with this construct, write
   * `client.signInUrl(domain, options)`. Needs the code or implicit grant
   * (`oAuth`); a client without OAuth has no sign-in page.
   */
  public signInUrl(domain: cognito.UserPoolDomain, options: cognito.SignInUrlOptions): string {
    if (!this.oAuthFlows.authorizationCodeGrant && !this.oAuthFlows.implicitCodeGrant) {
      // aws-cdk-lib's own error does not say why: after a switch from the L2, it is most often OAuth left off by default.
      const fix = this.oAuthGiven
        ? 'Add authorizationCodeGrant: true to oAuth.flows.'
        : 'Give oAuth: { callbackUrls: [...] } (the code grant is its default flow).';
      const why = this.oAuthGiven ? `oAuth.flows has neither${this.oAuthFlows.clientCredentials ? ' (only client credentials)' : ''}`
        : 'OAuth is off (no `oAuth` was given: the L2 turned OAuth on by default, this construct does not)';
      throw new Error(`ValidatedUserPoolClient ${this.node.path}: signInUrl needs the authorization code grant (or the implicit grant), and ${why}. ${fix}`);
    }
    // The domain reads the client's id and OAuth flows, which this construct has as the L2 does.
    return domain.signInUrl(this as unknown as cognito.UserPoolClient, options);
  }

  /**
   * The client secret, from the resource's `ClientSecret` attribute
   * (`Fn::GetAtt`). Only for clients created with `generateSecret: true`.
   * (The L2 reads it with a custom resource and a Lambda function, which
   * CloudFormation removes when a client switches to this construct.)
   */
  public get userPoolClientSecret(): SecretValue {
    if (!this.generateSecret) {
      throw new Error(`ValidatedUserPoolClient ${this.node.path}: userPoolClientSecret is only available when generateSecret is true.`);
    }
    return SecretValue.resourceAttribute(this.resource.attrClientSecret);
  }
}
