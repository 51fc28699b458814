import { Aspects, CfnOutput, Duration, NestedStack, SecretValue, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as elbv2Actions from 'aws-cdk-lib/aws-elasticloadbalancingv2-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as pinpoint from 'aws-cdk-lib/aws-pinpoint';
import { UserPoolClientDefaults, UserPoolClientRuleIds, ValidatedUserPoolClient, ValidatedUserPoolClientOptions } from '../../src';
import { quietCdkBuiltinValidation, testStack } from '../helpers';

quietCdkBuiltinValidation();

function render(options: ValidatedUserPoolClientOptions = {}) {
  const { stack, pool } = testStack();
  const client = new ValidatedUserPoolClient(stack, 'Client', { userPool: pool, ...options });
  return { stack, pool, client, template: Template.fromStack(stack) };
}
const expectProps = (options: ValidatedUserPoolClientOptions, props: Record<string, unknown>) =>
  render(options).template.hasResourceProperties('AWS::Cognito::UserPoolClient', props);

describe('defaults are written out', () => {
  test('a client with only userPool carries every documented default', () => {
    const { template } = render();
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      UserPoolId: { Ref: Match.stringLikeRegexp('^Pool') },
      ClientName: Match.stringLikeRegexp('^Stack-Client-[0-9A-F]{8}$'),
      // Create-only: written only when given, as the L2 does.
      GenerateSecret: Match.absent(),
      // In Cognito's default unit of each token, as the L2 leaves a lifetime it is not given (see the escape hatch test).
      AccessTokenValidity: 1,
      IdTokenValidity: 1,
      RefreshTokenValidity: 30,
      TokenValidityUnits: { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' },
      AuthSessionValidity: 3,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      EnablePropagateAdditionalUserContextData: false,
      RefreshTokenRotation: { Feature: 'DISABLED', RetryGracePeriodSeconds: 0 },
      AllowedOAuthFlows: Match.absent(),
      AllowedOAuthScopes: Match.absent(),
      CallbackURLs: Match.absent(),
      LogoutURLs: Match.absent(),
      DefaultRedirectURI: Match.absent(),
      // As the L2: the pool's registered providers (none here), then COGNITO.
      SupportedIdentityProviders: ['COGNITO'],
      ReadAttributes: Match.absent(),
      WriteAttributes: Match.absent(),
      AnalyticsConfiguration: Match.absent(),
    });
  });

  test('the derived client name is deterministic and fits the API pattern', () => {
    const a = render().client.userPoolClientName;
    const b = render().client.userPoolClientName;
    expect(a).toBe(b);
    expect(a).toMatch(/^[\w\s+=,.@-]{1,128}$/);
  });

  test('the defaults class publishes the values the construct writes, and its list cannot be changed', () => {
    expect(UserPoolClientDefaults.EXPLICIT_AUTH_FLOWS).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    expect(UserPoolClientDefaults.ACCESS_TOKEN_VALIDITY.toMinutes()).toBe(60);
    expect(UserPoolClientDefaults.REFRESH_TOKEN_VALIDITY.toDays()).toBe(30);
    expect(UserPoolClientDefaults.PREVENT_USER_EXISTENCE_ERRORS).toBe(true);
    expect(() => UserPoolClientDefaults.EXPLICIT_AUTH_FLOWS.push('ALLOW_CUSTOM_AUTH')).toThrow(TypeError);
    // Before, an assignment from JavaScript changed the default of every client created after it.
    expect(() => Object.assign(UserPoolClientDefaults, { ACCESS_TOKEN_VALIDITY: Duration.days(1) })).toThrow(TypeError);
    expect(() => Object.assign(UserPoolClientRuleIds, { CALLBACK_HTTPS: 'VUPC-NOPE' })).toThrow(TypeError);
    expectProps({}, { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], AccessTokenValidity: 1, TokenValidityUnits: { AccessToken: 'hours' } });
  });

  test('a lifetime given is written in minutes, as the L2 writes it; the others keep their default unit', () => {
    expectProps({ accessTokenValidity: Duration.minutes(15), refreshTokenValidity: Duration.days(7) }, {
      AccessTokenValidity: 15,
      IdTokenValidity: 1,
      RefreshTokenValidity: 7 * 24 * 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'hours', RefreshToken: 'minutes' },
    });
  });

  test('a lifetime an escape hatch sets means what it meant with the L2 (before, the construct\'s minutes turned 90 days into 90 minutes)', () => {
    const lifetimes = (make: (stack: Stack, pool: cognito.UserPool) => cognito.CfnUserPoolClient) => {
      const { stack, pool } = testStack();
      const l1 = make(stack, pool);
      l1.addPropertyOverride('RefreshTokenValidity', 90);
      l1.idTokenValidity = 12;
      const [client] = Object.values(Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient'));
      const p = client.Properties as Record<string, unknown>;
      // Absent units are Cognito's defaults: days for refresh tokens, hours for ID tokens.
      const units = (p.TokenValidityUnits ?? {}) as Record<string, unknown>;
      return { refresh: [p.RefreshTokenValidity, units.RefreshToken ?? 'days'], id: [p.IdTokenValidity, units.IdToken ?? 'hours'] };
    };
    const l2 = lifetimes((stack, pool) => new cognito.UserPoolClient(stack, 'Client', { userPool: pool }).node.defaultChild as cognito.CfnUserPoolClient);
    const ours = lifetimes((stack, pool) => new ValidatedUserPoolClient(stack, 'Client', { userPool: pool }).resource);
    expect(l2).toEqual({ refresh: [90, 'days'], id: [12, 'hours'] });
    expect(ours).toEqual(l2);
  });

  test('oAuth without flows or scopes: the code grant and the L2\'s scopes without aws.cognito.signin.user.admin; no callback invented', () => {
    expectProps({ oAuth: { callbackUrls: ['https://a.example.com/cb'] } }, {
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['profile', 'phone', 'email', 'openid'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: ['https://a.example.com/cb'],
    });
    expectProps({ oAuth: {} }, { AllowedOAuthFlows: ['code'], CallbackURLs: Match.absent() });
  });

  test('a client credentials client gets no default scope and no user sign-in flow', () => {
    expectProps({ generateSecret: true, oAuth: { flows: { clientCredentials: true } } }, {
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: [],
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
    });
    // Asked for, user flows are written as asked.
    expectProps({ generateSecret: true, authFlows: { userSrp: true }, oAuth: { flows: { clientCredentials: true } } }, {
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
  });

  test('the identity providers registered on the pool are kept, as the L2 lists them', () => {
    const { stack, pool } = testStack();
    const google = new cognito.UserPoolIdentityProviderGoogle(stack, 'Google', { userPool: pool, clientId: 'g', clientSecretValue: SecretValue.unsafePlainText('s') });
    const l2 = new cognito.UserPoolClient(stack, 'L2', { userPool: pool });
    const ours = new ValidatedUserPoolClient(stack, 'Ours', { userPool: pool });
    const providers = (c: cognito.CfnUserPoolClient) => stack.resolve(c.supportedIdentityProviders);
    expect(providers(ours.resource)).toEqual([{ Ref: stack.getLogicalId(google.node.defaultChild as cognito.CfnUserPoolIdentityProvider) }, 'COGNITO']);
    expect(providers(ours.resource)).toEqual(providers(l2.node.defaultChild as cognito.CfnUserPoolClient));
  });

  test('a provider given in supportedIdentityProviders and identityProviders is written once', () => {
    const { COGNITO, GOOGLE } = cognito.UserPoolClientIdentityProvider;
    const { stack, pool } = testStack();
    const google = new cognito.UserPoolIdentityProviderGoogle(stack, 'Google', { userPool: pool, clientId: 'g', clientSecretValue: SecretValue.unsafePlainText('s') });
    const client = new ValidatedUserPoolClient(stack, 'Client', {
      userPool: pool,
      supportedIdentityProviders: [COGNITO, GOOGLE, GOOGLE],
      identityProviders: [google],
    });
    // The L2 provider's name is a reference to it, which resolves to 'Google': named twice by name and once as an object, it stands once.
    expect(stack.resolve(client.resource.supportedIdentityProviders)).toEqual(['COGNITO', 'Google']);
    expect(client.resource.node.dependencies).toContain(google);
  });
});

describe('creation order', () => {
  test('the client depends on the pool\'s providers it lists, and only those: one in a stack that depends on the client\'s is no cycle', () => {
    // Before, the client depended on every provider registered on the pool, and this app failed to synthesize with a
    // cyclic reference ('Auth' depends on 'Partners') where the L2 synthesizes.
    const { app, stack: auth, pool } = testStack('Auth');
    const partners = new Stack(app, 'Partners', { env: { account: '123456789012', region: 'eu-west-1' } });
    const secret = SecretValue.unsafePlainText('s');
    const google = new cognito.UserPoolIdentityProviderGoogle(partners, 'Google', { userPool: pool, clientId: 'g', clientSecretValue: secret });
    const admin = new ValidatedUserPoolClient(auth, 'Admin', { userPool: pool, supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO], disableOAuth: true });
    expect(admin.resource.node.dependencies).toEqual([]);
    expect(() => app.synth()).not.toThrow();
    // Listed (by default, as the L2 lists the pool's providers, or by name), the provider is a dependency.
    const web = new ValidatedUserPoolClient(partners, 'Web', { userPool: pool });
    const named = new ValidatedUserPoolClient(partners, 'Named', { userPool: pool, supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.GOOGLE] });
    expect([web.resource.node.dependencies, named.resource.node.dependencies]).toEqual([[google], [google]]);
  });

  test('a scope written as text depends on the resource server of its stack with that identifier on the pool, added before or after the client', () => {
    // Before, OAuthScope.custom('orders/read') made no dependency, and the construct's own validation failed the synth
    // (VUPC-OAUTH-SCOPE-DEPENDENCY) on an app that switched from the L2 by its class name.
    const { app, stack, pool } = testStack();
    pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'scope-dependency' } });
    const scopes = [new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'read' })];
    pool.addResourceServer('Orders', { identifier: 'orders', scopes });
    const oAuth = { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.custom('orders/read'), cognito.OAuthScope.custom('billing/read')] };
    new ValidatedUserPoolClient(stack, 'Worker', { userPool: pool, generateSecret: true, oAuth });
    // A server added after the client, and one of another pool with the same identifier (no dependency on that one).
    new cognito.UserPoolResourceServer(stack, 'Billing', { userPool: pool, identifier: 'billing', scopes });
    const other = new cognito.UserPool(stack, 'Other');
    new cognito.UserPoolResourceServer(stack, 'OtherOrders', { userPool: other, identifier: 'orders', scopes });
    const template = Template.fromStack(stack);
    const servers = template.findResources('AWS::Cognito::UserPoolResourceServer');
    const logicalIdOf = (identifier: string, poolId: string) => Object.entries(servers)
      .find(([, r]) => r.Properties.Identifier === identifier && r.Properties.UserPoolId.Ref === poolId)![0];
    const poolId = stack.getLogicalId(pool.node.defaultChild as cognito.CfnUserPool);
    const [client] = Object.values(template.findResources('AWS::Cognito::UserPoolClient'));
    expect(client.DependsOn).toEqual([logicalIdOf('billing', poolId), logicalIdOf('orders', poolId)].sort());
    expect(app.synth().getStackByName(stack.stackName).messages.filter((m) => m.level === 'error')).toEqual([]);
  });

  test('a resource server of a nested stack is no dependency (it would make one on the nested stack, a cycle when that stack reads the client)', () => {
    const { stack, pool } = testStack();
    const oAuth = { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.custom('orders/read')] };
    const client = new ValidatedUserPoolClient(stack, 'Worker', { userPool: pool, generateSecret: true, oAuth });
    const nested = new NestedStack(stack, 'Api');
    new cognito.UserPoolResourceServer(nested, 'Orders', { userPool: pool, identifier: 'orders', scopes: [new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'read' })] });
    new CfnOutput(nested, 'WorkerClientId', { value: client.userPoolClientId });
    const [resource] = Object.values(Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient'));
    expect(resource.DependsOn).toBeUndefined();
  });

  test('a client an app\'s own aspect creates during synthesis gets its dependency, and the synth does not fail', () => {
    // Before, CDK refused the dependency aspect (CannotInvokeAspectWithLowerPriority): it was added, during synthesis, to a
    // stack the app's aspect of a higher priority had visited.
    const { app, stack, pool } = testStack();
    pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'aspect-made' } });
    pool.addResourceServer('Orders', { identifier: 'orders', scopes: [new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'read' })] });
    const oAuth = { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.custom('orders/read')] };
    Aspects.of(stack).add({
      visit: (node) => {
        if (node === stack && !stack.node.tryFindChild('Worker')) new ValidatedUserPoolClient(stack, 'Worker', { userPool: pool, generateSecret: true, oAuth });
      },
    });
    const assembly = app.synth();
    const template = assembly.getStackByName(stack.stackName).template as { Resources: Record<string, { Type: string; DependsOn?: string[] }> };
    const client = Object.values(template.Resources).find((r) => r.Type === 'AWS::Cognito::UserPoolClient');
    expect(client?.DependsOn).toEqual([expect.stringMatching(/^PoolOrders/)]);
  });
});

describe('each prop maps to its CloudFormation property as in the L2', () => {
  test.each<[string, ValidatedUserPoolClientOptions, Record<string, unknown>]>([
    ['userPoolClientName', { userPoolClientName: 'web' }, { ClientName: 'web' }],
    ['generateSecret: true', { generateSecret: true }, { GenerateSecret: true }],
    ['generateSecret: false, as given', { generateSecret: false }, { GenerateSecret: false }],
    ['accessTokenValidity in minutes', { accessTokenValidity: Duration.hours(2) }, { AccessTokenValidity: 120, TokenValidityUnits: Match.objectLike({ AccessToken: 'minutes' }) }],
    ['idTokenValidity in minutes', { idTokenValidity: Duration.minutes(5) }, { IdTokenValidity: 5, TokenValidityUnits: Match.objectLike({ IdToken: 'minutes' }) }],
    ['refreshTokenValidity in minutes', { refreshTokenValidity: Duration.days(3650) }, { RefreshTokenValidity: 5256000, TokenValidityUnits: Match.objectLike({ RefreshToken: 'minutes' }) }],
    ['authSessionValidity', { authSessionValidity: Duration.minutes(15) }, { AuthSessionValidity: 15 }],
    ['readAttributes', { readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }).withCustomAttributes('tenant') }, { ReadAttributes: ['custom:tenant', 'email'] }],
    ['writeAttributes', { writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ givenName: true }) }, { WriteAttributes: ['given_name'] }],
    ['authFlows, in the L2\'s order', { authFlows: { user: true, custom: true, adminUserPassword: true, userPassword: true, userSrp: true } }, { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
    ['authFlows: {} as absent (the L2 leaves both to Cognito)', { authFlows: {} }, { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
    ['authFlows with only false members: refresh only, as the L2', { authFlows: { userSrp: false } }, { ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'] }],
    ['supportedIdentityProviders', { supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.APPLE, cognito.UserPoolClientIdentityProvider.AMAZON] }, { SupportedIdentityProviders: ['SignInWithApple', 'LoginWithAmazon'] }],
    ['oAuth flows and scopes (openid added after phone, as the L2)', { oAuth: { flows: { implicitCodeGrant: true, authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.PHONE], callbackUrls: ['myapp://cb'] } }, { AllowedOAuthFlows: ['implicit', 'code'], AllowedOAuthScopes: ['phone', 'openid'] }],
    ['disableOAuth', { disableOAuth: true }, { AllowedOAuthFlowsUserPoolClient: false, AllowedOAuthFlows: Match.absent(), AllowedOAuthScopes: Match.absent() }],
    ['callbackUrls, logoutUrls, defaultRedirectUri', { oAuth: { callbackUrls: ['https://a.example.com/cb'], logoutUrls: ['https://a.example.com/'], defaultRedirectUri: 'https://a.example.com/cb' } }, { CallbackURLs: ['https://a.example.com/cb'], LogoutURLs: ['https://a.example.com/'], DefaultRedirectURI: 'https://a.example.com/cb' }],
    ['preventUserExistenceErrors: false', { preventUserExistenceErrors: false }, { PreventUserExistenceErrors: 'LEGACY' }],
    ['enableTokenRevocation: false', { enableTokenRevocation: false }, { EnableTokenRevocation: false }],
    ['enablePropagateAdditionalUserContextData', { generateSecret: true, enablePropagateAdditionalUserContextData: true }, { EnablePropagateAdditionalUserContextData: true }],
    ['a grace period turns rotation on and drops ALLOW_REFRESH_TOKEN_AUTH, as in the L2', { refreshTokenRotationGracePeriod: Duration.seconds(30) }, { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 30 }, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] }],
    ['a grace period of 0 seconds turns rotation on too', { refreshTokenRotationGracePeriod: Duration.seconds(0) }, { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 } }],
  ])('%s', (_name, options, props) => expectProps(options, props));

  test('analytics with an application, or by application id with a role', () => {
    const { stack, pool } = testStack();
    const role = new iam.Role(stack, 'AnalyticsRole', { assumedBy: new iam.ServicePrincipal('cognito-idp.amazonaws.com') });
    const app = new pinpoint.CfnApp(stack, 'App', { name: 'app' });
    new ValidatedUserPoolClient(stack, 'ById', { userPool: pool, analytics: { applicationId: '0123456789abcdef0123456789abcdef', role, externalId: 'ext' } });
    new ValidatedUserPoolClient(stack, 'ByApp', { userPool: pool, analytics: { application: app, shareUserData: true } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AnalyticsConfiguration: { ApplicationId: '0123456789abcdef0123456789abcdef', RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AnalyticsRole'), 'Arn'] }, ExternalId: 'ext', UserDataShared: false },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', { AnalyticsConfiguration: { ApplicationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^App'), 'Arn'] }, UserDataShared: true } });
  });
});

describe('the construct as an IUserPoolClient', () => {
  test('exposes the id, the name, the OAuth flows, the L1 as default child with id Resource, and the reference', () => {
    const { stack, client } = render({ userPoolClientName: 'web', oAuth: { flows: { authorizationCodeGrant: true } } });
    expect(client.oAuthFlows).toEqual({ authorizationCodeGrant: true });
    expect(render().client.oAuthFlows).toEqual({});
    expect(client.node.defaultChild).toBe(client.resource);
    expect(client.resource.node.id).toBe('Resource');
    expect(stack.resolve(client.userPoolClientId)).toEqual({ Ref: stack.getLogicalId(client.resource) });
    expect(client.userPoolClientName).toBe('web');
    expect(stack.resolve(client.userPoolClientRef.clientId)).toEqual({ Ref: stack.getLogicalId(client.resource) });
  });

  test('keeps the logical id the aws-cdk L2 gives the same construct path', () => {
    const l2 = testStack();
    new cognito.UserPoolClient(l2.stack, 'Client', { userPool: l2.pool });
    const ours = render();
    expect(Object.keys(Template.fromStack(ours.stack).findResources('AWS::Cognito::UserPoolClient'))).toEqual(
      Object.keys(Template.fromStack(l2.stack).findResources('AWS::Cognito::UserPoolClient')),
    );
  });

  test('the client secret is a SecretValue from the ClientSecret attribute, only with generateSecret', () => {
    const { stack, client } = render({ generateSecret: true });
    expect(SecretValue.isSecretValue(client.userPoolClientSecret)).toBe(true);
    expect(stack.resolve(client.userPoolClientSecret.unsafeUnwrap())).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(client.resource), 'ClientSecret'] });
    expect(() => render().client.userPoolClientSecret).toThrow(/userPoolClientSecret is only available when generateSecret is true/);
  });

  test('works with an imported pool and plugs into load-balancer authentication', () => {
    const stack = new Stack();
    const pool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'eu-west-1_abc');
    const client = new ValidatedUserPoolClient(stack, 'Client', { userPool: pool, generateSecret: true, oAuth: { callbackUrls: ['https://lb.example.com/oauth2/idpresponse'] } });
    const domain = pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'example' } });
    const action = () =>
      new elbv2Actions.AuthenticateCognitoAction({ userPool: pool, userPoolClient: client, userPoolDomain: domain, next: undefined as never });
    expect(action).not.toThrow();
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', { UserPoolId: 'eu-west-1_abc' });
  });

  test('imports a client by id, as the L2 does', () => {
    const stack = new Stack();
    expect(ValidatedUserPoolClient.fromUserPoolClientId(stack, 'Imported', 'abc123').userPoolClientId).toBe('abc123');
  });
});

describe('props that cannot be rendered throw at construction, naming the prop', () => {
  test.each<[string, ValidatedUserPoolClientOptions, RegExp]>([
    ['access token in seconds', { accessTokenValidity: Duration.seconds(90) }, /accessTokenValidity is 1 minute 30 seconds, not a whole number of minutes; give whole minutes/],
    ['refresh token in seconds', { refreshTokenValidity: Duration.seconds(3601) }, /refreshTokenValidity is .*not a whole number of minutes/],
    ['auth session in seconds', { authSessionValidity: Duration.seconds(200) }, /authSessionValidity is .*not a whole number of minutes/],
    ['grace period in milliseconds', { refreshTokenRotationGracePeriod: Duration.millis(1500) }, /refreshTokenRotationGracePeriod is .*not a whole number of seconds/],
    ['oAuth with disableOAuth, as in the L2', { disableOAuth: true, oAuth: { flows: { authorizationCodeGrant: true } } }, /oAuth is given while disableOAuth is true/],
  ])('%s', (_name, options, message) => {
    expect(() => render(options)).toThrow(message);
  });

  test('a missing userPool', () => {
    const { stack } = testStack();
    expect(() => new ValidatedUserPoolClient(stack, 'Client', {} as never)).toThrow(/userPool is required/);
  });
});
