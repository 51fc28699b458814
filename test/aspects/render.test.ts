import { CfnCondition, CfnParameter, CfnResource, Fn, Lazy, SecretValue, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { fastRender, fullRender, indexedRender, MARKERS_HOLD } from '../../src/cdk/render';
import { stackIndex } from '../../src/cdk/stack-index';
import { CONFIGURATIONS } from '../construct/configurations';
import { testApp } from '../helpers';

/** The validator's fast rendering must equal CDK's own, or decline (undefined) and leave it to CDK's. */
function expectSameRendering(stack: Stack) {
  const clients = stack.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::Cognito::UserPoolClient');
  expect(clients.length).toBeGreaterThan(0);
  let fast = 0;
  for (const client of clients) {
    const quick = fastRender(client);
    if (quick) {
      fast++;
      // As a template holds them: undefined members are never written.
      const asTemplate = (r: unknown) => JSON.parse(JSON.stringify(r));
      expect(asTemplate(quick.resource)).toEqual(asTemplate(fullRender(client)?.resource));
    }
  }
  return fast;
}

test.each(Object.entries(CONFIGURATIONS))('%s', (_name, build) => {
  const stack = new Stack(testApp(), 'Stack');
  build(stack, new cognito.UserPool(stack, 'Pool'));
  expect(expectSameRendering(stack)).toBe(1);
});

test('L1, L2 and raw clients with tokens, lazies and dependencies', () => {
  const stack = new Stack(testApp(), 'Stack');
  const pool = new cognito.UserPool(stack, 'Pool');
  const host = new CfnParameter(stack, 'Host');
  const server = pool.addResourceServer('Api', { identifier: 'api', scopes: [new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'r' })] });
  const l1 = new cognito.CfnUserPoolClient(stack, 'L1', {
    userPoolId: pool.userPoolId,
    clientName: Fn.join('-', ['web', host.valueAsString]),
    callbackUrLs: [`https://${host.valueAsString}/cb`, 'http://localhost/cb'],
    allowedOAuthScopes: Lazy.list({ produce: () => ['openid'] }),
    tokenValidityUnits: { accessToken: Lazy.string({ produce: () => 'minutes' }) },
    accessTokenValidity: Lazy.number({ produce: () => 30 }),
  });
  // A resource-level dependency (addResourceDependency: newer aws-cdk-lib deprecates addDependency).
  l1.addResourceDependency(server.node.defaultChild as CfnResource);
  new cognito.UserPoolClient(stack, 'L2', { userPool: pool, generateSecret: true, oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.resourceServer(server, new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'r' }))] } });
  new CfnResource(stack, 'Raw', { type: 'AWS::Cognito::UserPoolClient', properties: { UserPoolId: pool.userPoolId, ClientName: 'raw', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] } });
  expect(expectSameRendering(stack)).toBe(3);
});

test('overrides, conditions and whole-struct tokens take CDK\'s full rendering', () => {
  const stack = new Stack(testApp(), 'Stack');
  const pool = new cognito.UserPool(stack, 'Pool');
  const overridden = new cognito.CfnUserPoolClient(stack, 'Overridden', { userPoolId: pool.userPoolId });
  overridden.addPropertyOverride('ClientName', 'x');
  const lazyStruct = new cognito.CfnUserPoolClient(stack, 'LazyStruct', { userPoolId: pool.userPoolId, tokenValidityUnits: Lazy.any({ produce: () => ({ accessToken: 'minutes' }) }) });
  for (const client of [overridden, lazyStruct]) expect(fastRender(client)).toBeUndefined();
  expect(fullRender(lazyStruct)?.resource.Properties).toEqual({ UserPoolId: { Ref: expect.any(String) }, TokenValidityUnits: { AccessToken: 'minutes' } });
});

test('a struct member the L1 does not declare, and classes that render their own way, take CDK\'s full rendering', () => {
  const stack = new Stack(testApp(), 'Stack');
  const pool = new cognito.UserPool(stack, 'Pool');
  // CDK's converter drops members a struct does not declare; the validator must not see them either.
  const extra = new cognito.CfnUserPoolClient(stack, 'Extra', { userPoolId: pool.userPoolId, tokenValidityUnits: { accessToken: 'minutes', extra: 'x' } as cognito.CfnUserPoolClient.TokenValidityUnitsProperty });
  // A CfnResource subclass keeps its keys as they are (CDK does not capitalise them).
  class Custom extends CfnResource {}
  const custom = new Custom(stack, 'Custom', { type: 'AWS::Cognito::UserPoolClient', properties: { UserPoolId: pool.userPoolId, clientName: 'lower' } });
  class OwnRender extends cognito.CfnUserPoolClient {
    protected renderProperties(props: { [key: string]: unknown }) {
      return { ...super.renderProperties(props), ClientName: 'rendered' };
    }
  }
  const own = new OwnRender(stack, 'Own', { userPoolId: pool.userPoolId, clientName: 'given' });
  expect(fastRender(extra)).toBeUndefined();
  expect(fastRender(own)).toBeUndefined();
  expect(fullRender(extra)?.resource.Properties).toEqual({ UserPoolId: { Ref: expect.any(String) }, TokenValidityUnits: { AccessToken: 'minutes' } });
  expect(fullRender(own)?.resource.Properties).toMatchObject({ ClientName: 'rendered' });
  // The subclass renders like a raw CfnResource: its key stays 'clientName' (unknown to the schema), as CDK writes it.
  expect(fastRender(custom)).toBeUndefined();
  expect(fullRender(custom)?.resource.Properties).toMatchObject({ clientName: 'lower' });
});

test('the index renders pools, domains, identity providers and resource servers as CDK does', () => {
  const stack = new Stack(testApp(), 'Stack');
  const pool = new cognito.UserPool(stack, 'Pool', {
    featurePlan: cognito.FeaturePlan.ESSENTIALS,
    standardAttributes: { email: { required: true, mutable: true }, givenName: { required: false } },
    customAttributes: { tenant: new cognito.StringAttribute({ mutable: false }), plan: new cognito.NumberAttribute({ min: 1 }) },
  });
  pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'render-test' } });
  pool.addResourceServer('Api', { identifier: 'api', scopes: [new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'r' })] });
  new cognito.UserPoolIdentityProviderOidc(stack, 'Oidc', {
    userPool: pool,
    name: 'Corp',
    clientId: 'id',
    clientSecret: 'secret',
    issuerUrl: 'https://login.example.com',
    attributeMapping: { email: cognito.ProviderAttribute.other('mail'), custom: { 'custom:tenant': cognito.ProviderAttribute.other('tid') } },
  });
  new cognito.UserPoolIdentityProviderGoogle(stack, 'Google', { userPool: pool, clientId: 'g', clientSecretValue: SecretValue.unsafePlainText('s') });
  new cognito.CfnUserPool(stack, 'L1Pool', { userPoolTier: 'LITE', schema: [{ name: 'email', required: true }, { name: 'plan', attributeDataType: 'String' }] });
  const indexed = stack.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType.startsWith('AWS::Cognito::'));
  expect(indexed.length).toBe(6);
  const asTemplate = (r: unknown) => JSON.parse(JSON.stringify(r));
  for (const resource of indexed) {
    const full = fullRender(resource);
    // The index reads Type and Properties (resource-level attributes such as DeletionPolicy are not rendered).
    const expected = { logicalId: full?.logicalId, resource: { Type: full?.resource.Type, Properties: full?.resource.Properties } };
    const { userPoolId, ...rendering } = indexedRender(resource)!;
    expect(asTemplate(rendering)).toEqual(asTemplate(expected));
    // The UserPoolId as the resource holds it (a token for the pool's children), which resolves to what CDK renders.
    expect(stack.resolve(userPoolId)).toEqual((full?.resource.Properties as Record<string, unknown> | undefined)?.UserPoolId);
  }
});

test('plain strings skip the token test: CDK encodes tokens with the markers the reader looks for', () => {
  expect(MARKERS_HOLD).toBe(true);
  const stack = new Stack(testApp(), 'Stack');
  const pool = new cognito.UserPool(stack, 'Pool');
  const port = Lazy.number({ produce: () => 8443 });
  new cognito.CfnUserPoolClient(stack, 'Client', {
    userPoolId: pool.userPoolId,
    clientName: `name-${Lazy.string({ produce: () => 'x' })}`,
    callbackUrLs: [`https://app.example.com:${port}/cb`, 'https://plain.example.com/cb'],
  });
  expect(expectSameRendering(stack)).toBe(1);
});

test('the index takes CDK\'s full rendering for overridden or conditional resources, and leaves out one it cannot render', () => {
  const stack = new Stack(testApp(), 'Stack');
  const pool = new cognito.UserPool(stack, 'Pool');
  (pool.node.defaultChild as CfnResource).addPropertyOverride('UserPoolTier', 'LITE');
  const google = new cognito.UserPoolIdentityProviderGoogle(stack, 'Google', { userPool: pool, clientId: 'g', clientSecretValue: SecretValue.unsafePlainText('s') });
  (google.node.defaultChild as CfnResource).cfnOptions.condition = new CfnCondition(stack, 'WithGoogle', { expression: Fn.conditionEquals('a', 'a') });
  const broken = new cognito.CfnUserPoolResourceServer(stack, 'Broken', { userPoolId: pool.userPoolId, identifier: 'api', name: 'api' });
  (broken as unknown as { _toCloudFormation: () => never })._toCloudFormation = () => {
    throw new Error('cannot render');
  };
  (broken as unknown as { renderProperties: () => never }).renderProperties = () => {
    throw new Error('cannot render');
  };
  for (const resource of [pool.node.defaultChild, google.node.defaultChild] as CfnResource[]) {
    expect(indexedRender(resource)).toEqual(fullRender(resource));
  }
  const logicalId = (r: CfnResource) => stack.resolve(r.logicalId);
  const index = stackIndex(stack);
  const context = index.read({ Properties: { UserPoolId: { Ref: logicalId(pool.node.defaultChild as CfnResource) } } }).context;
  expect(context.pool?.tier).toBe('LITE');
  expect(context.pool?.identityProviders?.has('Google')).toBe(true);
  expect(context.pool?.resourceServerScopes?.size).toBe(0);
});

test('undefined list entries are dropped and unchanged lists kept, number and list tokens resolved, as CDK renders them', () => {
  const stack = new Stack(testApp(), 'Stack');
  const pool = new cognito.UserPool(stack, 'Pool');
  const plain = ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
  const client = new cognito.CfnUserPoolClient(stack, 'Client', {
    userPoolId: pool.userPoolId,
    explicitAuthFlows: plain,
    // What JavaScript callers can pass: CDK leaves undefined entries out of the template.
    callbackUrLs: ['https://a.example.com/cb', undefined as unknown as string, 'https://b.example.com/cb'],
    allowedOAuthScopes: Lazy.list({ produce: () => ['openid'] }),
    accessTokenValidity: Lazy.number({ produce: () => 30 }),
  });
  const quick = fastRender(client)!.resource.Properties as Record<string, unknown>;
  expect(quick).toEqual(fullRender(client)?.resource.Properties);
  expect(quick.CallbackURLs).toEqual(['https://a.example.com/cb', 'https://b.example.com/cb']);
  expect(quick.AllowedOAuthScopes).toEqual(['openid']);
  expect(quick.AccessTokenValidity).toBe(30);
  expect(quick.ExplicitAuthFlows).toBe(plain);
});

test('the index renders a user pool only when a rule asks about its schema or tier, and knows nothing of one it cannot render', () => {
  const stack = new Stack(testApp(), 'Stack');
  const pool = new cognito.UserPool(stack, 'Pool', { customAttributes: { tenant: new cognito.StringAttribute() } });
  const cfnPool = pool.node.defaultChild as CfnResource;
  let renders = 0;
  const render = (cfnPool as unknown as { renderProperties: (p: unknown) => unknown }).renderProperties;
  (cfnPool as unknown as { renderProperties: (p: unknown) => unknown }).renderProperties = function (this: unknown, p: unknown) {
    renders++;
    return render.call(this, p);
  };
  const context = stackIndex(stack).read({ Properties: { UserPoolId: { Ref: stack.resolve(cfnPool.logicalId) } } }).context;
  expect(context.pool?.logicalId).toBe(stack.resolve(cfnPool.logicalId));
  expect(renders).toBe(0);
  expect(context.pool?.customAttributes).toEqual(new Set(['tenant']));
  expect(context.pool?.tier).toBeUndefined();
  expect(renders).toBe(1);

  const other = new Stack(testApp(), 'Other');
  const broken = new cognito.UserPool(other, 'Pool').node.defaultChild as CfnResource;
  (broken as unknown as { renderProperties: () => never }).renderProperties = () => {
    throw new Error('cannot render');
  };
  const unknown = stackIndex(other).read({ Properties: { UserPoolId: { Ref: other.resolve(broken.logicalId) } } }).context;
  expect(unknown.pool).toBeDefined();
  expect([unknown.pool?.customAttributes, unknown.pool?.requiredAttributes, unknown.pool?.tier]).toEqual([undefined, undefined, undefined]);
});
