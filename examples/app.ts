/**
 * The bundled example: one stack with a user pool and three app clients made
 * three ways. Two are fine; the aws-cdk L2 client below has two mistakes that
 * Cognito would only reveal at deploy time (or at sign-in), and the validator
 * reports them at synth time.
 */
import { App, AspectPriority, Aspects, Duration, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { UserPoolClientValidator, ValidatedUserPoolClient } from '../src';

export function buildExampleApp(app: App): Stack {
  const stack = new Stack(app, 'ExampleStack', { env: { account: '123456789012', region: 'eu-west-1' } });
  const pool = new cognito.UserPool(stack, 'Pool', { signInAliases: { email: true } });
  pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'example-validated-clients' } });

  // A browser app: authorization code grant, no secret, every setting written out.
  new ValidatedUserPoolClient(stack, 'WebApp', {
    userPool: pool,
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
      callbackUrls: ['https://app.example.com/callback', 'http://localhost:5173/callback'],
      logoutUrls: ['https://app.example.com/'],
    },
    refreshTokenValidity: Duration.days(7),
  });

  // A service calling an API with client credentials.
  const read = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read orders' });
  const orders = pool.addResourceServer('Orders', { identifier: 'orders', scopes: [read] });
  new ValidatedUserPoolClient(stack, 'Worker', {
    userPool: pool,
    generateSecret: true,
    oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.resourceServer(orders, read)] },
  });

  // The aws-cdk L2: a plain-http callback and client_credentials without a secret both synthesize there.
  new cognito.UserPoolClient(stack, 'LegacyClient', {
    userPool: pool,
    oAuth: {
      flows: { clientCredentials: true },
      scopes: [cognito.OAuthScope.resourceServer(orders, read)],
      callbackUrls: ['http://partner.example.com/callback'],
    },
  });

  // Check every app client in the app, however it was made.
  Aspects.of(app).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
  return stack;
}
