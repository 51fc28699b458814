import { Duration, SecretValue, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as elbv2Actions from 'aws-cdk-lib/aws-elasticloadbalancingv2-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { UserPoolClientDefaults, ValidatedUserPoolClient, ValidatedUserPoolClientOptions } from '../../src';
import { testStack } from '../helpers';

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
      GenerateSecret: false,
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 30,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
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
      SupportedIdentityProviders: Match.absent(),
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

  test('the defaults class publishes the values the construct writes', () => {
    expect(UserPoolClientDefaults.EXPLICIT_AUTH_FLOWS).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    expect(UserPoolClientDefaults.ACCESS_TOKEN_VALIDITY.toMinutes()).toBe(60);
    expect(UserPoolClientDefaults.REFRESH_TOKEN_VALIDITY.toDays()).toBe(30);
    expect(UserPoolClientDefaults.PREVENT_USER_EXISTENCE_ERRORS).toBe(true);
  });

  test('OAuth with a user flow defaults to the COGNITO provider and the openid scope', () => {
    expectProps({ oAuthFlows: { authorizationCodeGrant: true }, callbackUrls: ['https://a.example.com/cb'] }, {
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: ['https://a.example.com/cb'],
    });
  });

  test('client_credentials gets no default scope and never the implicit grant', () => {
    expectProps({ generateSecret: true, oAuthFlows: { clientCredentials: true } }, {
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: Match.absent(),
    });
  });
});

describe('each prop maps to its CloudFormation property', () => {
  test.each<[string, ValidatedUserPoolClientOptions, Record<string, unknown>]>([
    ['userPoolClientName', { userPoolClientName: 'web' }, { ClientName: 'web' }],
    ['generateSecret', { generateSecret: true }, { GenerateSecret: true }],
    ['accessTokenValidity in minutes', { accessTokenValidity: Duration.hours(2) }, { AccessTokenValidity: 120, TokenValidityUnits: Match.objectLike({ AccessToken: 'minutes' }) }],
    ['idTokenValidity in minutes', { idTokenValidity: Duration.minutes(5) }, { IdTokenValidity: 5, TokenValidityUnits: Match.objectLike({ IdToken: 'minutes' }) }],
    ['refreshTokenValidity in whole days', { refreshTokenValidity: Duration.days(3650) }, { RefreshTokenValidity: 3650, TokenValidityUnits: Match.objectLike({ RefreshToken: 'days' }) }],
    ['refreshTokenValidity in minutes otherwise', { refreshTokenValidity: Duration.minutes(90) }, { RefreshTokenValidity: 90, TokenValidityUnits: Match.objectLike({ RefreshToken: 'minutes' }) }],
    ['authSessionValidity', { authSessionValidity: Duration.minutes(15) }, { AuthSessionValidity: 15 }],
    ['readAttributes', { readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }).withCustomAttributes('tenant') }, { ReadAttributes: ['custom:tenant', 'email'] }],
    ['writeAttributes', { writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ givenName: true }) }, { WriteAttributes: ['given_name'] }],
    ['authFlows', { authFlows: { user: true, custom: true, adminUserPassword: true, userPassword: true, userSrp: true } }, { ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
    ['authFlows: {} (refresh only)', { authFlows: {} }, { ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'] }],
    ['supportedIdentityProviders', { supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.APPLE, cognito.UserPoolClientIdentityProvider.AMAZON] }, { SupportedIdentityProviders: ['SignInWithApple', 'LoginWithAmazon'] }],
    ['oAuthFlows and oAuthScopes', { oAuthFlows: { implicitCodeGrant: true }, oAuthScopes: [cognito.OAuthScope.PHONE, cognito.OAuthScope.OPENID], callbackUrls: ['myapp://cb'] }, { AllowedOAuthFlows: ['implicit'], AllowedOAuthScopes: ['phone', 'openid'] }],
    ['oAuthEnabled', { oAuthEnabled: false, oAuthFlows: { authorizationCodeGrant: true } }, { AllowedOAuthFlowsUserPoolClient: false }],
    ['callbackUrls, logoutUrls, defaultRedirectUri', { callbackUrls: ['https://a.example.com/cb'], logoutUrls: ['https://a.example.com/'], defaultRedirectUri: 'https://a.example.com/cb' }, { CallbackURLs: ['https://a.example.com/cb'], LogoutURLs: ['https://a.example.com/'], DefaultRedirectURI: 'https://a.example.com/cb' }],
    ['analytics by ARN', { analytics: { applicationArn: 'arn:aws:mobiletargeting:eu-west-1:123456789012:apps/abc' } }, { AnalyticsConfiguration: { ApplicationArn: 'arn:aws:mobiletargeting:eu-west-1:123456789012:apps/abc', UserDataShared: false } }],
    ['preventUserExistenceErrors: false', { preventUserExistenceErrors: false }, { PreventUserExistenceErrors: 'LEGACY' }],
    ['enableTokenRevocation: false', { enableTokenRevocation: false }, { EnableTokenRevocation: false }],
    ['enablePropagateAdditionalUserContextData', { generateSecret: true, enablePropagateAdditionalUserContextData: true }, { EnablePropagateAdditionalUserContextData: true }],
    ['refresh token rotation drops ALLOW_REFRESH_TOKEN_AUTH', { enableRefreshTokenRotation: true, refreshTokenRotationGracePeriod: Duration.seconds(30) }, { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 30 }, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] }],
  ])('%s', (_name, options, props) => expectProps(options, props));

  test('analytics by application id with a role', () => {
    const { stack, pool } = testStack();
    const role = new iam.Role(stack, 'AnalyticsRole', { assumedBy: new iam.ServicePrincipal('cognito-idp.amazonaws.com') });
    new ValidatedUserPoolClient(stack, 'Client', { userPool: pool, analytics: { applicationId: '0123456789abcdef0123456789abcdef', role, externalId: 'ext' } });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AnalyticsConfiguration: { ApplicationId: '0123456789abcdef0123456789abcdef', RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AnalyticsRole'), 'Arn'] }, ExternalId: 'ext', UserDataShared: false },
    });
  });
});

describe('the construct as an IUserPoolClient', () => {
  test('exposes the id, the name, the L1 as default child with id Resource, and the reference', () => {
    const { stack, client } = render({ userPoolClientName: 'web' });
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
    const client = new ValidatedUserPoolClient(stack, 'Client', { userPool: pool, generateSecret: true, oAuthFlows: { authorizationCodeGrant: true }, callbackUrls: ['https://lb.example.com/oauth2/idpresponse'] });
    const domain = pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'example' } });
    const action = () =>
      new elbv2Actions.AuthenticateCognitoAction({ userPool: pool, userPoolClient: client, userPoolDomain: domain, next: undefined as never });
    expect(action).not.toThrow();
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', { UserPoolId: 'eu-west-1_abc' });
  });
});

describe('props that cannot be rendered throw at construction, naming the prop', () => {
  test.each<[string, ValidatedUserPoolClientOptions, RegExp]>([
    ['access token in seconds', { accessTokenValidity: Duration.seconds(90) }, /accessTokenValidity is 1 minute 30 seconds, not a whole number of minutes; give whole minutes/],
    ['refresh token in seconds', { refreshTokenValidity: Duration.seconds(3601) }, /refreshTokenValidity is .*not a whole number of minutes/],
    ['auth session in seconds', { authSessionValidity: Duration.seconds(200) }, /authSessionValidity is .*not a whole number of minutes/],
    ['grace period in milliseconds', { enableRefreshTokenRotation: true, refreshTokenRotationGracePeriod: Duration.millis(1500) }, /refreshTokenRotationGracePeriod is .*not a whole number of seconds/],
    ['grace period without rotation', { refreshTokenRotationGracePeriod: Duration.seconds(5) }, /refreshTokenRotationGracePeriod is given while enableRefreshTokenRotation is false/],
    ['analytics by ARN and id', { analytics: { applicationArn: 'arn:aws:mobiletargeting:eu-west-1:1:apps/a', applicationId: 'ab' } }, /analytics gives both applicationArn and applicationId/],
    ['analytics ARN with external id', { analytics: { applicationArn: 'arn:aws:mobiletargeting:eu-west-1:1:apps/a', externalId: 'x' } }, /analytics gives role or externalId with applicationArn/],
  ])('%s', (_name, options, message) => {
    expect(() => render(options)).toThrow(message);
  });

  test('a missing userPool', () => {
    const { stack } = testStack();
    expect(() => new ValidatedUserPoolClient(stack, 'Client', {} as never)).toThrow(/userPool is required/);
  });
});
