import { fullDiff, ResourceImpact } from '@aws-cdk/cloudformation-diff';
import { Duration, PropertyInjectors, SecretValue, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as pinpoint from 'aws-cdk-lib/aws-pinpoint';
import { ValidatedUserPoolClient, ValidatedUserPoolClientOptions } from '../../src';
import { DEFAULT_SETTINGS } from '../../src/construct/default-settings';
import { PROP_MEMBERS } from '../../src/construct/prop-shapes';
import { quietCdkBuiltinValidation, testApp } from '../helpers';

quietCdkBuiltinValidation();

/**
 * Switching from the aws-cdk L2 is a change of class name, and `cdk diff`'s
 * own engine says what it does to a deployed client: no resource replaced
 * or removed, and only the property changes the defaults table documents.
 */

/** What each configuration's stack holds besides the client: a pool with a provider, a resource server, a custom attribute. */
function around(stack: Stack) {
  const pool = new cognito.UserPool(stack, 'Pool', { customAttributes: { tenant: new cognito.StringAttribute() } });
  const google = new cognito.UserPoolIdentityProviderGoogle(stack, 'Google', {
    userPool: pool,
    clientId: 'google-client',
    clientSecretValue: SecretValue.unsafePlainText('not-a-secret'),
    attributeMapping: { email: cognito.ProviderAttribute.GOOGLE_EMAIL },
  });
  const read = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read' });
  const server = pool.addResourceServer('Orders', { identifier: 'orders', scopes: [read] });
  return { pool, google, read, server, stack };
}
type Around = ReturnType<typeof around>;

/** Properties the L2 leaves to Cognito when their props are not given, and this construct writes. */
const WRITTEN_OUT = ['ClientName', 'AccessTokenValidity', 'IdTokenValidity', 'RefreshTokenValidity', 'TokenValidityUnits', 'AuthSessionValidity',
  'ExplicitAuthFlows', 'PreventUserExistenceErrors', 'EnableTokenRevocation', 'EnablePropagateAdditionalUserContextData', 'RefreshTokenRotation'];
/** What the L2's OAuth defaults leave behind when `oAuth` is not given: OAuth on with the implicit grant, every scope, https://example.com. */
const L2_OAUTH_DEFAULTS = ['AllowedOAuthFlowsUserPoolClient', 'AllowedOAuthFlows', 'AllowedOAuthScopes', 'CallbackURLs'];
const except = (list: string[], ...given: string[]) => list.filter((p) => !given.includes(p));

interface Configuration {
  readonly props: (a: Around) => ValidatedUserPoolClientOptions;
  /** The client's properties the switch changes: each must be a documented default. */
  readonly changes: string[];
  /** Made with `userPool.addClient` (the pool as scope) rather than `new UserPoolClient` in the stack. */
  readonly addClient?: boolean;
}

const CONFIGURATIONS: Record<string, Configuration> = {
  'userPool.addClient with no props': { addClient: true, props: () => ({}), changes: [...WRITTEN_OUT, ...L2_OAUTH_DEFAULTS] },
  'userPoolClientName': { props: () => ({ userPoolClientName: 'web' }), changes: [...except(WRITTEN_OUT, 'ClientName'), ...L2_OAUTH_DEFAULTS] },
  'generateSecret: true': { props: () => ({ generateSecret: true }), changes: [...WRITTEN_OUT, ...L2_OAUTH_DEFAULTS] },
  'generateSecret: false': { props: () => ({ generateSecret: false }), changes: [...WRITTEN_OUT, ...L2_OAUTH_DEFAULTS] },
  'authFlows: SRP': { props: () => ({ authFlows: { userSrp: true } }), changes: [...except(WRITTEN_OUT, 'ExplicitAuthFlows'), ...L2_OAUTH_DEFAULTS] },
  'authFlows: every flow': {
    props: () => ({ authFlows: { userPassword: true, adminUserPassword: true, custom: true, userSrp: true, user: true } }),
    changes: [...except(WRITTEN_OUT, 'ExplicitAuthFlows'), ...L2_OAUTH_DEFAULTS],
  },
  'authFlows: {}': { props: () => ({ authFlows: {} }), changes: [...WRITTEN_OUT, ...L2_OAUTH_DEFAULTS] },
  'disableOAuth': { props: () => ({ disableOAuth: true }), changes: WRITTEN_OUT },
  'the code grant': {
    props: () => ({ oAuth: { flows: { authorizationCodeGrant: true }, callbackUrls: ['https://app.example.com/cb'] } }),
    changes: [...WRITTEN_OUT, 'AllowedOAuthScopes'],
  },
  'the implicit grant': {
    props: () => ({ oAuth: { flows: { implicitCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID], callbackUrls: ['myapp://cb'] } }),
    changes: WRITTEN_OUT,
  },
  'client credentials with a resource-server scope': {
    props: ({ server, read }) => ({
      generateSecret: true,
      oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.resourceServer(server, read)] },
    }),
    changes: WRITTEN_OUT,
  },
  'every reserved scope, given': {
    props: () => {
      const { OPENID, EMAIL, PHONE, PROFILE, COGNITO_ADMIN } = cognito.OAuthScope;
      return { oAuth: { flows: { authorizationCodeGrant: true }, scopes: [OPENID, EMAIL, PHONE, PROFILE, COGNITO_ADMIN], callbackUrls: ['https://app.example.com/cb'] } };
    },
    changes: WRITTEN_OUT,
  },
  'a custom scope and email without openid (openid added, as the L2 does)': {
    props: () => ({ oAuth: { scopes: [cognito.OAuthScope.EMAIL, cognito.OAuthScope.custom('orders/read')], callbackUrls: ['https://app.example.com/cb'] } }),
    changes: [...WRITTEN_OUT, 'AllowedOAuthFlows'],
  },
  'callback, logout and default redirect URLs': {
    props: () => ({ oAuth: { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID], callbackUrls: ['https://a.example.com/cb', 'http://localhost:3000/cb'], logoutUrls: ['https://a.example.com/'], defaultRedirectUri: 'https://a.example.com/cb' } }),
    changes: WRITTEN_OUT,
  },
  'oAuth: {} (the L2 defaults for flows, scopes and callback)': { props: () => ({ oAuth: {} }), changes: [...WRITTEN_OUT, 'AllowedOAuthFlows', 'AllowedOAuthScopes', 'CallbackURLs'] },
  'preventUserExistenceErrors: true': { props: () => ({ preventUserExistenceErrors: true }), changes: [...except(WRITTEN_OUT, 'PreventUserExistenceErrors'), ...L2_OAUTH_DEFAULTS] },
  'preventUserExistenceErrors: false': { props: () => ({ preventUserExistenceErrors: false }), changes: [...except(WRITTEN_OUT, 'PreventUserExistenceErrors'), ...L2_OAUTH_DEFAULTS] },
  'supportedIdentityProviders given': {
    props: () => ({
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO, cognito.UserPoolClientIdentityProvider.GOOGLE],
      oAuth: { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID], callbackUrls: ['https://a.example.com/cb'] },
    }),
    changes: WRITTEN_OUT,
  },
  'a provider given twice (listed once)': {
    props: () => ({ supportedIdentityProviders: Array(2).fill(cognito.UserPoolClientIdentityProvider.GOOGLE), disableOAuth: true }),
    changes: [...WRITTEN_OUT, 'SupportedIdentityProviders'],
  },
  'token validities': {
    props: () => ({
      accessTokenValidity: Duration.minutes(15),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(7),
      disableOAuth: true,
    }),
    // The L2 writes the three units too.
    changes: except(WRITTEN_OUT, 'AccessTokenValidity', 'IdTokenValidity', 'RefreshTokenValidity', 'TokenValidityUnits'),
  },
  'one token validity (the others and their units written out)': {
    props: () => ({ accessTokenValidity: Duration.minutes(30), disableOAuth: true }),
    changes: except(WRITTEN_OUT, 'AccessTokenValidity'),
  },
  'authSessionValidity': { props: () => ({ authSessionValidity: Duration.minutes(10), disableOAuth: true }), changes: except(WRITTEN_OUT, 'AuthSessionValidity') },
  'refresh token rotation': {
    props: () => ({ refreshTokenRotationGracePeriod: Duration.seconds(20), authFlows: { userSrp: true }, disableOAuth: true }),
    changes: except(WRITTEN_OUT, 'RefreshTokenRotation', 'ExplicitAuthFlows'),
  },
  'read and write attributes, custom ones included': {
    props: () => ({
      readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, emailVerified: true }).withCustomAttributes('tenant'),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
      disableOAuth: true,
    }),
    changes: WRITTEN_OUT,
  },
  'enableTokenRevocation: false': { props: () => ({ enableTokenRevocation: false, disableOAuth: true }), changes: except(WRITTEN_OUT, 'EnableTokenRevocation') },
  'enablePropagateAdditionalUserContextData': {
    props: () => ({ generateSecret: true, enablePropagateAdditionalUserContextData: true, disableOAuth: true }),
    changes: except(WRITTEN_OUT, 'EnablePropagateAdditionalUserContextData'),
  },
  'analytics with an application': {
    props: ({ stack }) => ({ analytics: { application: new pinpoint.CfnApp(stack, 'Analytics', { name: 'app' }) }, disableOAuth: true }),
    changes: [...WRITTEN_OUT, 'AnalyticsConfiguration'],
  },
  'analytics by application id, sharing user data': {
    props: ({ stack }) => ({
      analytics: { applicationId: '0123456789abcdef0123456789abcdef', externalId: 'ext', role: new iam.Role(stack, 'AnalyticsRole', { assumedBy: new iam.ServicePrincipal('cognito-idp.amazonaws.com') }), shareUserData: true },
      disableOAuth: true,
    }),
    changes: WRITTEN_OUT,
  },
  'everything given': {
    props: ({ server, read }) => ({
      userPoolClientName: 'everything',
      generateSecret: true,
      authFlows: { userSrp: true },
      oAuth: { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.resourceServer(server, read)], callbackUrls: ['https://a.example.com/cb'], logoutUrls: ['https://a.example.com/'] },
      preventUserExistenceErrors: true,
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: Duration.minutes(30),
      idTokenValidity: Duration.minutes(30),
      refreshTokenValidity: Duration.days(1),
      authSessionValidity: Duration.minutes(5),
      enableTokenRevocation: true,
      enablePropagateAdditionalUserContextData: true,
      readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
    }),
    changes: ['RefreshTokenRotation'],
  },
};

function template(config: Configuration, kind: 'l2' | 'ours'): { template: Record<string, unknown>; client: string } {
  const stack = new Stack(testApp(), 'Stack');
  const a = around(stack);
  const props = config.props(a);
  const scope = config.addClient ? a.pool : stack;
  let l1: cognito.CfnUserPoolClient;
  if (kind === 'l2') {
    const client = config.addClient ? a.pool.addClient('App', props) : new cognito.UserPoolClient(scope, 'App', { userPool: a.pool, ...props });
    l1 = client.node.defaultChild as cognito.CfnUserPoolClient;
  } else {
    l1 = new ValidatedUserPoolClient(scope, 'App', { userPool: a.pool, ...props }).resource;
  }
  return { template: Template.fromStack(stack).toJSON(), client: stack.getLogicalId(l1) };
}

const documented = (kind: 'adds' | 'replaces') =>
  new Set(DEFAULT_SETTINGS.filter((d) => d.migration?.kind === kind || d.migration?.kind === 'both').flatMap((d) => d.properties));

test('there are at least 25 configurations, and together they give every prop of the L2', () => {
  const names = Object.keys(CONFIGURATIONS);
  expect(names.length).toBeGreaterThanOrEqual(25);
  const given = new Set(Object.values(CONFIGURATIONS).flatMap((c) => Object.keys(c.props(around(new Stack(testApp(), 'S'))))));
  expect(L2_PROPS.filter((p) => !given.has(p))).toEqual([]);
  expect(L2_PROPS).toHaveLength(17);
  // Held by the type-check (the constants' types are false when the L2's props and these differ).
  expect([sameKeys, sameTypes]).toEqual([true, true]);
});

/**
 * The props are the L2's, every key and type, by types the type-check fails
 * when aws-cdk-lib adds, removes or retypes one (the construct's own list of
 * its props, in prop-shapes.ts, is held complete the same way).
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type PropTypesMatch = { [K in keyof cognito.UserPoolClientOptions]-?: Same<cognito.UserPoolClientOptions[K], ValidatedUserPoolClientOptions[K]> };
const sameKeys: Same<keyof cognito.UserPoolClientOptions, Exclude<keyof ValidatedUserPoolClientOptions, 'identityProviders' | 'validation'>> = true;
const sameTypes: [PropTypesMatch[keyof PropTypesMatch]] extends [true] ? true : false = true;
const L2_PROPS = Object.keys(PROP_MEMBERS).filter((p) => !['userPool', 'identityProviders', 'validation'].includes(p));

test('property injectors of the L2 apply to its replacement, then its own (an organisation\'s defaults carry over)', () => {
  const a = around(new Stack(testApp(), 'S'));
  const stack = Stack.of(a.pool);
  PropertyInjectors.of(stack).add({
    constructUniqueId: cognito.UserPoolClient.PROPERTY_INJECTION_ID,
    inject: (props: cognito.UserPoolClientProps) => ({ accessTokenValidity: Duration.minutes(15), enableTokenRevocation: false, ...props }),
  });
  PropertyInjectors.of(stack.node.scope!).add({
    constructUniqueId: ValidatedUserPoolClient.PROPERTY_INJECTION_ID,
    inject: (props: cognito.UserPoolClientProps) => ({ ...props, enableTokenRevocation: true }),
  });
  const l2 = new cognito.UserPoolClient(stack, 'L2', { userPool: a.pool });
  const ours = new ValidatedUserPoolClient(stack, 'Ours', { userPool: a.pool });
  const resolved = (c: cognito.CfnUserPoolClient) => stack.resolve({ access: c.accessTokenValidity, revocation: c.enableTokenRevocation });
  expect(resolved(l2.node.defaultChild as cognito.CfnUserPoolClient)).toEqual({ access: 15, revocation: false });
  // Before, the injector was ignored: the client got this construct's default of 60 minutes.
  expect(resolved(ours.resource)).toEqual({ access: 15, revocation: true });
});

describe.each(Object.entries(CONFIGURATIONS))('switching %s from the L2', (_name, config) => {
  test('keeps every resource and its logical id, replaces nothing, and changes only documented defaults', () => {
    const before = template(config, 'l2');
    const after = template(config, 'ours');
    expect(after.client).toBe(before.client);
    const diff = fullDiff(before.template, after.template);
    const impacts = Object.entries(diff.resources.changes).map(([id, change]) => [id, change.changeImpact]);
    expect(impacts.filter(([, impact]) => impact !== ResourceImpact.WILL_UPDATE)).toEqual([]);
    // Only the client changes, in place: its properties, and creation order (DependsOn on the pool's providers and servers).
    expect(impacts.map(([id]) => id)).toEqual(diff.resources.changes[before.client] ? [before.client] : []);
    const change = diff.resources.changes[before.client];
    const updates = Object.entries(change?.propertyUpdates ?? {});
    expect(updates.map(([property]) => property).sort()).toEqual([...config.changes].sort());
    for (const [property, update] of updates) {
      expect(update.changeImpact).toBe(ResourceImpact.WILL_UPDATE);
      // A property the L2 did not write is one this construct writes out; one it wrote differently is an L2 default documented as replaced.
      expect(documented(update.oldValue === undefined ? 'adds' : 'replaces')).toContain(property);
    }
    expect(Object.keys(change?.otherChanges ?? {}).filter((k) => k !== 'DependsOn')).toEqual([]);
  });
});

test('a pool with a custom-auth trigger: the default auth flows keep ALLOW_CUSTOM_AUTH, which the L2\'s client had (Cognito\'s default)', () => {
  const flowsOf = (kind: 'l2' | 'ours', addTrigger: 'before' | 'after' | 'none') => {
    const stack = new Stack(testApp(), 'Stack');
    const pool = new cognito.UserPool(stack, 'Pool');
    const trigger = () => pool.addTrigger(cognito.UserPoolOperation.DEFINE_AUTH_CHALLENGE,
      new lambda.Function(stack, 'Define', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async (e) => e;') }));
    if (addTrigger === 'before') trigger();
    if (kind === 'l2') pool.addClient('App');
    else new ValidatedUserPoolClient(stack, 'App', { userPool: pool });
    if (addTrigger === 'after') trigger();
    const clients = Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient');
    return Object.values(clients)[0].Properties.ExplicitAuthFlows as string[] | undefined;
  };
  // The L2 writes nothing: Cognito allows SRP, refresh and custom auth. Before, the switch dropped custom auth in silence.
  expect(flowsOf('l2', 'before')).toBeUndefined();
  expect(flowsOf('ours', 'before')).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
  expect(flowsOf('ours', 'none')).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
  // A trigger added after the client: the list is decided when the client is made (a plain list, which escape hatches
  // read and extend), so the synth fails rather than leave custom sign-in out in silence.
  expect(() => flowsOf('ours', 'after')).toThrow(/the DefineAuthChallenge trigger of Stack\/Pool was added after Stack\/App, whose default auth flows therefore leave out ALLOW_CUSTOM_AUTH/);
});

test('a custom-auth trigger set on the pool\'s L1 (lambdaConfig, or a property override) keeps ALLOW_CUSTOM_AUTH too', () => {
  const flowsOf = (set: (l1: cognito.CfnUserPool, arn: string) => void, when: 'before' | 'after' = 'before') => {
    const stack = new Stack(testApp(), 'Stack');
    const pool = new cognito.UserPool(stack, 'Pool');
    const define = new lambda.Function(stack, 'Define', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async (e) => e;') });
    const l1 = pool.node.defaultChild as cognito.CfnUserPool;
    if (when === 'before') set(l1, define.functionArn);
    new ValidatedUserPoolClient(stack, 'App', { userPool: pool });
    if (when === 'after') set(l1, define.functionArn);
    const clients = Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient');
    return Object.values(clients)[0].Properties.ExplicitAuthFlows as string[] | undefined;
  };
  const WITH_CUSTOM = ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
  // Before, only the L2's own record of its triggers was read: these pools have the trigger, and the client lost custom sign-in in silence.
  expect(flowsOf((l1, arn) => { l1.lambdaConfig = { defineAuthChallenge: arn }; })).toEqual(WITH_CUSTOM);
  expect(flowsOf((l1, arn) => l1.addPropertyOverride('LambdaConfig.DefineAuthChallenge', arn))).toEqual(WITH_CUSTOM);
  expect(flowsOf((l1, arn) => l1.addPropertyOverride('LambdaConfig', { DefineAuthChallenge: arn }))).toEqual(WITH_CUSTOM);
  // An override that removes the trigger (or all of LambdaConfig) takes it away.
  expect(flowsOf((l1, arn) => { l1.lambdaConfig = { defineAuthChallenge: arn }; l1.addDeletionOverride('Properties.LambdaConfig'); }))
    .toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
  // Set after the client, it fails the synth as a trigger added later does.
  expect(() => flowsOf((l1, arn) => l1.addPropertyOverride('LambdaConfig.DefineAuthChallenge', arn), 'after')).toThrow(/the DefineAuthChallenge trigger of Stack\/Pool was added after Stack\/App/);
  expect(() => flowsOf((l1, arn) => { l1.lambdaConfig = { defineAuthChallenge: arn }; }, 'after')).toThrow(/the DefineAuthChallenge trigger of Stack\/Pool was added after Stack\/App/);
});

test('a CfnUserPool given as the pool (an IUserPoolRef) is read for its custom-auth trigger too', () => {
  const flowsOf = (lambdaConfig: cognito.CfnUserPool.LambdaConfigProperty | undefined, later = false) => {
    const stack = new Stack(testApp(), 'Stack');
    const pool = new cognito.CfnUserPool(stack, 'Pool', later ? {} : { lambdaConfig });
    new ValidatedUserPoolClient(stack, 'App', { userPool: pool });
    if (later) pool.lambdaConfig = lambdaConfig;
    return Object.values(Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient'))[0].Properties.ExplicitAuthFlows as string[];
  };
  const arn = 'arn:aws:lambda:eu-west-1:111111111111:function:define';
  expect(flowsOf({ defineAuthChallenge: arn })).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
  expect(flowsOf({ preSignUp: arn })).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
  expect(() => flowsOf({ defineAuthChallenge: arn }, true)).toThrow(/the DefineAuthChallenge trigger of Stack\/Pool was added after Stack\/App/);
});

test('the resource holds the auth flows as a plain list, for escape hatches', () => {
  const stack = new Stack(testApp(), 'Stack');
  const client = new ValidatedUserPoolClient(stack, 'App', { userPool: new cognito.UserPool(stack, 'Pool') });
  expect(client.resource.explicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
  client.resource.explicitAuthFlows = [...client.resource.explicitAuthFlows!, 'ALLOW_CUSTOM_AUTH'];
  expect(Object.values(Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient'))[0].Properties.ExplicitAuthFlows)
    .toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH']);
});

test('domain.signInUrl(client) of the L2 is client.signInUrl(domain): the same URL', () => {
  const urlOf = (kind: 'l2' | 'ours') => {
    const stack = new Stack(testApp(), 'Stack');
    const pool = new cognito.UserPool(stack, 'Pool');
    const domain = pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'app' } });
    const props = { userPool: pool, oAuth: { flows: { authorizationCodeGrant: true }, callbackUrls: ['https://app.example.com/cb'] } };
    const options = { redirectUri: 'https://app.example.com/cb', signInPath: '/oauth2/authorize' };
    return stack.resolve(kind === 'l2' ? domain.signInUrl(new cognito.UserPoolClient(stack, 'App', props), options) : new ValidatedUserPoolClient(stack, 'App', props).signInUrl(domain, options));
  };
  expect(urlOf('ours')).toEqual(urlOf('l2'));
  // Without OAuth there is no sign-in page. Before, aws-cdk-lib's own error did not say that the switch had left OAuth off.
  const stack = new Stack(testApp(), 'Stack');
  const pool = new cognito.UserPool(stack, 'Pool');
  const domain = pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'app' } });
  expect(() => new ValidatedUserPoolClient(stack, 'App', { userPool: pool }).signInUrl(domain, { redirectUri: 'https://app.example.com/cb' }))
    .toThrow('ValidatedUserPoolClient Stack/App: signInUrl needs the authorization code grant (or the implicit grant), and OAuth is off (no `oAuth` was given: '
      + 'the L2 turned OAuth on by default, this construct does not). Give oAuth: { callbackUrls: [...] } (the code grant is its default flow).');
  const machine = new ValidatedUserPoolClient(stack, 'Machine', { userPool: pool, oAuth: { flows: { clientCredentials: true } } });
  expect(() => machine.signInUrl(domain, { redirectUri: 'https://app.example.com/cb' }))
    .toThrow('and oAuth.flows has neither (only client credentials). Add authorizationCodeGrant: true to oAuth.flows.');
  // oAuth given with a misspelt flow (a warning now, and ignored): the message does not say that no oAuth was given.
  const typo = new ValidatedUserPoolClient(stack, 'Typo', { userPool: pool, oAuth: { flows: { authorizationCodeGrants: true } as cognito.OAuthFlows, callbackUrls: ['https://a.example.com/cb'] } });
  expect(() => typo.signInUrl(domain, { redirectUri: 'https://a.example.com/cb' })).toThrow('and oAuth.flows has neither. Add authorizationCodeGrant: true to oAuth.flows.');
});

test('a create-only property the L2 would not write is never written: GenerateSecret is absent unless given', () => {
  const after = template(CONFIGURATIONS['userPool.addClient with no props'], 'ours');
  const client = (after.template.Resources as Record<string, { Properties: Record<string, unknown> }>)[after.client];
  expect(client.Properties).not.toHaveProperty('GenerateSecret');
  // Writing `false` onto that client would replace it: the diff engine says so, which is why the construct does not.
  const withFalse = JSON.parse(JSON.stringify(after.template));
  withFalse.Resources[after.client].Properties.GenerateSecret = false;
  expect(fullDiff(after.template, withFalse).resources.changes[after.client].changeImpact).toBe(ResourceImpact.WILL_REPLACE);
});
