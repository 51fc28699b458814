import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import {
  AUTH_FLOW_MEMBERS, IDENTITY_PROVIDER_CONSTANTS, OAUTH_FLOW_MEMBERS, OAUTH_SCOPE_CONSTANTS, SCOPES_NEEDING_OPENID, STANDARD_ATTRIBUTE_MEMBERS,
} from '../../src/rules/l2-model';

/** The L2's names the construct and `import` share, held to aws-cdk-lib's own (on every version the suite runs on). */

test('every cognito.OAuthScope constant named is that scope', () => {
  const statics = cognito.OAuthScope as unknown as Record<string, cognito.OAuthScope>;
  for (const [scope, constant] of Object.entries(OAUTH_SCOPE_CONSTANTS)) expect([constant, statics[constant]?.scopeName]).toEqual([constant, scope]);
});

test('every cognito.UserPoolClientIdentityProvider constant named is that provider', () => {
  const statics = cognito.UserPoolClientIdentityProvider as unknown as Record<string, cognito.UserPoolClientIdentityProvider>;
  for (const [provider, constant] of Object.entries(IDENTITY_PROVIDER_CONSTANTS)) {
    expect([constant, statics[constant]?.name]).toEqual([constant, provider]);
  }
});

test('every StandardAttributesMask member named gives that attribute, and every standard attribute has one', () => {
  for (const [attribute, member] of Object.entries(STANDARD_ATTRIBUTE_MEMBERS)) {
    expect([member, new cognito.ClientAttributes().withStandardAttributes({ [member]: true }).attributes()]).toEqual([member, [attribute]]);
  }
  expect(Object.keys(STANDARD_ATTRIBUTE_MEMBERS).length).toBe(19);
});

test('the flows and the scopes completed with openid are what the L2 writes', () => {
  const pool = new cognito.UserPool(new Stack(), 'Pool');
  for (const [member, flow] of AUTH_FLOW_MEMBERS) {
    const client = pool.addClient(member, { authFlows: { [member]: true } });
    expect((client.node.defaultChild as cognito.CfnUserPoolClient).explicitAuthFlows).toEqual([flow, 'ALLOW_REFRESH_TOKEN_AUTH']);
  }
  for (const [member, flow] of OAUTH_FLOW_MEMBERS) {
    const client = pool.addClient(`OAuth${member}`, { oAuth: { flows: { [member]: true }, scopes: [cognito.OAuthScope.custom('api/read')], callbackUrls: ['https://a.example.com'] } });
    expect((client.node.defaultChild as cognito.CfnUserPoolClient).allowedOAuthFlows).toEqual([flow]);
  }
  for (const scope of SCOPES_NEEDING_OPENID) {
    const client = pool.addClient(`Scope${scope}`, { oAuth: { scopes: [cognito.OAuthScope.custom(scope)], callbackUrls: ['https://a.example.com'] } });
    expect((client.node.defaultChild as cognito.CfnUserPoolClient).allowedOAuthScopes).toEqual([scope, 'openid']);
  }
});
