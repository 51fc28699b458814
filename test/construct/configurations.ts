import { Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as pinpoint from 'aws-cdk-lib/aws-pinpoint';
import { ValidatedUserPoolClient } from '../../src';

/** Representative configurations, each built in its own stack. */
export const CONFIGURATIONS: Record<string, (stack: Stack, pool: cognito.IUserPool) => ValidatedUserPoolClient> = {
  'defaults only': (stack, pool) => new ValidatedUserPoolClient(stack, 'Client', { userPool: pool }),

  'browser single-page app (code grant, public client)': (stack, pool) =>
    new ValidatedUserPoolClient(stack, 'Spa', {
      userPool: pool,
      userPoolClientName: 'spa',
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: ['https://app.example.com/callback', 'http://localhost:5173/callback'],
        logoutUrls: ['https://app.example.com/'],
        defaultRedirectUri: 'https://app.example.com/callback',
      },
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(7),
      readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, emailVerified: true, givenName: true }),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ givenName: true }),
    }),

  'server-side web app with a secret': (stack, pool) =>
    new ValidatedUserPoolClient(stack, 'WebApp', {
      userPool: pool,
      userPoolClientName: 'portal',
      generateSecret: true,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
        callbackUrls: ['https://portal.example.com/oauth2/idpresponse'],
        logoutUrls: ['https://portal.example.com/signed-out'],
      },
      enablePropagateAdditionalUserContextData: true,
      refreshTokenValidity: Duration.hours(12),
      authSessionValidity: Duration.minutes(5),
    }),

  'machine-to-machine client with a custom scope': (stack, pool) => {
    const read = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read orders' });
    const server = new cognito.UserPoolResourceServer(stack, 'Orders', { userPool: pool, identifier: 'orders', scopes: [read] });
    return new ValidatedUserPoolClient(stack, 'Worker', {
      userPool: pool,
      userPoolClientName: 'orders-worker',
      generateSecret: true,
      oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.resourceServer(server, read)] },
      accessTokenValidity: Duration.minutes(15),
      idTokenValidity: Duration.minutes(15),
      refreshTokenValidity: Duration.minutes(60),
    });
  },

  'refresh token rotation, SDK sign-in only': (stack, pool) =>
    new ValidatedUserPoolClient(stack, 'Mobile', {
      userPool: pool,
      userPoolClientName: 'mobile',
      authFlows: { user: true, userSrp: true },
      disableOAuth: true,
      refreshTokenRotationGracePeriod: Duration.seconds(10),
    }),

  'the AWS CLI documentation example (MyTestClient)': (stack, pool) =>
    new ValidatedUserPoolClient(stack, 'MyTestClient', {
      userPool: pool,
      userPoolClientName: 'MyTestClient',
      generateSecret: true,
      refreshTokenValidity: Duration.days(10),
      accessTokenValidity: Duration.minutes(60),
      idTokenValidity: Duration.minutes(60),
      readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, phoneNumber: true }),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, phoneNumber: true }),
      authFlows: { adminUserPassword: true, userPassword: true, userSrp: true },
      supportedIdentityProviders: [
        cognito.UserPoolClientIdentityProvider.GOOGLE,
        cognito.UserPoolClientIdentityProvider.FACEBOOK,
        cognito.UserPoolClientIdentityProvider.custom('MyOIDC'),
      ],
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.PROFILE, cognito.OAuthScope.COGNITO_ADMIN, cognito.OAuthScope.custom('solar-system-data/asteroids.add')],
        callbackUrls: ['https://www.amazon.com', 'https://example.com', 'http://localhost:8001', 'myapp://example'],
        logoutUrls: ['https://example.com/logout'],
        defaultRedirectUri: 'https://example.com',
      },
      analytics: { application: new pinpoint.CfnApp(stack, 'Analytics', { name: 'thisisanexamplepinpointapplication' }), shareUserData: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      enablePropagateAdditionalUserContextData: true,
      authSessionValidity: Duration.minutes(4),
    }),
};
