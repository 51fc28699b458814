import { withoutUserOAuth } from './oauth';
import { API_STRINGS } from '../api-model';
import { checkListEntries } from '../constraint-checks';
import { RuleContext, RuleDefinition, RuleSeverity } from '../rule';
import { Sources } from '../sources';

export const IDENTITY_PROVIDER_RULES: RuleDefinition[] = [
  {
    id: 'VUPC-IDP-FORMAT',
    catalogueId: 'R-IDP-FORMAT',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ['SupportedIdentityProviders'],
    summary: 'Each identity provider name is 1-32 characters of letters, marks, symbols, numbers, punctuation and spaces.',
    why: 'The API model constrains ProviderNameType to 1-32 characters matching [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\p{Z}]+.',
    fix: 'Use the ProviderName of the identity provider exactly (COGNITO, Google, Facebook, SignInWithApple, LoginWithAmazon, or your SAML/OIDC name).',
    source: Sources.CREATE_CLIENT,
    decision: 'The quota page says 40 characters (U-12); the API model (32) is what the service validates requests against.',
    check: (client, report) => checkListEntries(client, report, 'SupportedIdentityProviders', API_STRINGS.ProviderName),
  },
  {
    id: 'VUPC-IDP-DUPLICATE',
    severity: RuleSeverity.WARNING,
    context: RuleContext.CLIENT,
    properties: ['SupportedIdentityProviders'],
    summary: 'Each identity provider is listed once in SupportedIdentityProviders.',
    why: 'A provider listed twice (by name and by a reference to it, for example) is a mistake, and how Cognito treats it is not documented.',
    fix: 'List each provider once.',
    propsFix: 'List each provider once, in supportedIdentityProviders or identityProviders (ValidatedUserPoolClient writes each once).',
    source: Sources.CREATE_CLIENT,
    decision: 'A warning: the API model does not forbid repeated entries, and no rejection has been seen.',
    check: (client, report) => {
      const seen = new Set<string>();
      for (const { index, value } of client.strings('SupportedIdentityProviders')) {
        if (seen.has(value)) report({ property: `SupportedIdentityProviders[${index}]`, value, problem: 'is listed before' });
        seen.add(value);
      }
    },
  },
  {
    id: 'VUPC-IDP-NONEMPTY-FOR-OAUTH',
    catalogueId: 'R-IDP-NONEMPTY-FOR-OAUTH',
    severity: RuleSeverity.WARNING,
    context: RuleContext.CLIENT,
    properties: ['SupportedIdentityProviders', 'AllowedOAuthFlows'],
    summary: 'A client with the code or implicit flow lists at least one identity provider.',
    why: 'Without an identity provider, managed login offers the user no way to sign in.',
    fix: "Add 'COGNITO' (local users) or the names of federated identity providers to SupportedIdentityProviders.",
    source: Sources.APP_CLIENTS,
    check: (client, report) => {
      const flows = client.oauthFlows();
      if ((flows.has('code') || flows.has('implicit')) && !client.nonEmpty('SupportedIdentityProviders')) {
        report({ property: 'SupportedIdentityProviders', problem: `is ${client.has('SupportedIdentityProviders') ? 'empty' : 'not set'} on a client with a user OAuth flow` });
      }
    },
  },
  {
    id: 'VUPC-IDP-WITHOUT-OAUTH',
    severity: RuleSeverity.WARNING,
    context: RuleContext.CLIENT,
    properties: ['SupportedIdentityProviders', 'AllowedOAuthFlowsUserPoolClient', 'AllowedOAuthFlows', 'AllowedOAuthScopes'],
    summary: 'A client that lists a federated identity provider allows the code or implicit grant.',
    why: 'Federated sign-in is a feature of the user pool\'s OAuth 2.0 authorization server (the authorize endpoint and managed login), not of the user pools API: a client without the code or implicit grant cannot sign anyone in with the provider.',
    fix: 'Turn OAuth on with the code grant (AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: [code], callback URLs) if the client signs users in with the provider, or list only COGNITO.',
    propsFix: 'Give oAuth (the code grant and callbackUrls) if the client signs users in with the provider, or set supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO].',
    source: Sources.AUTHORIZATION_SERVER,
    decision: 'A warning: Cognito accepts the client and SDK sign-in works; the provider is dead configuration, or sign-in the author expects that cannot happen. Not for a client_credentials client, which signs in no user (the L2 lists the pool\'s providers on it by default). It matters most after a switch from the aws-cdk L2, whose client without oAuth had OAuth on (code and implicit grant) and listed the pool\'s providers: ValidatedUserPoolClient turns OAuth off there and keeps the providers, so this names what federated sign-in needs.',
    check: (client, report) => {
      const without = withoutUserOAuth(client);
      if (!without) return;
      // A machine-to-machine client signs in no user: the providers the aws-cdk L2 lists on it by default are inert.
      if (without === 'no-user-flow' && client.oauthFlows().has('client_credentials')) return;
      const federated = client.strings('SupportedIdentityProviders').filter(({ value }) => value !== 'COGNITO');
      if (federated.length === 0) return;
      const names = federated.map(({ value }) => value).join(', ');
      report({ property: 'SupportedIdentityProviders', problem: `lists ${names}, but the client has no code or implicit grant with OAuth on, so no one can sign in with ${federated.length > 1 ? 'them' : 'it'}` });
    },
  },
  {
    id: 'VUPC-IDP-COGNITO-NOT-A-BLOCK',
    catalogueId: 'R-IDP-COGNITO-NOT-A-BLOCK',
    severity: RuleSeverity.INFO,
    context: RuleContext.CLIENT,
    properties: ['SupportedIdentityProviders'],
    summary: 'Leaving COGNITO out of SupportedIdentityProviders does not stop SDK sign-in of local users.',
    why: 'It only removes local sign-in from managed login; the user pools API still authenticates local users.',
    fix: 'Block SDK authentication with an AWS WAF rule if local users must not sign in.',
    source: Sources.CREATE_CLIENT,
    decision: 'Documentation only.',
  },
];
