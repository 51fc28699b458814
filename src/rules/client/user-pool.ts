import { oauthTurnedOff, withoutUserOAuth } from './oauth';
import { RESERVED_SCOPES, STANDARD_ATTRIBUTES } from '../api-model';
import type { ClientView } from '../client-view';
import { InputKind, RuleContext, RuleDefinition, RuleSeverity } from '../rule';
import { Sources } from '../sources';

/**
 * Rules that need the client's user pool, its identity providers and
 * resource servers. They run when the pool is defined in the same template,
 * or in another stack of the app (a cross-stack reference, or an import from
 * a template validated with it); for a pool from elsewhere they are skipped:
 * never guessed.
 */
const COGNITO = 'COGNITO';
const STANDARD = new Set<string>(STANDARD_ATTRIBUTES);

/**
 * True for a user pool attribute an app client can be given write access
 * to: a standard attribute, or a custom: or dev: one. Other keys of an
 * AttributeMapping (`username`, which maps the provider's user id) are not
 * attributes WriteAttributes can list.
 */
function isWritableAttribute(name: string): boolean {
  return STANDARD.has(name) || name.startsWith('custom:') || name.startsWith('dev:');
}
const QUOTA_CLIENTS = 1000;

/** True when the client depends on the resource, or it exists before the client anyway (it is in the pool's stack, deployed first). */
function dependsOn(client: ClientView, logicalId: string): boolean {
  return client.context.pool?.deployedBefore?.has(logicalId) || (client.context.dependencies?.has(logicalId) ?? true);
}

export const USER_POOL_RULES: RuleDefinition[] = [
  {
    id: 'VUPC-IDP-EXISTS',
    catalogueId: 'R-IDP-EXISTS',
    severity: RuleSeverity.ERROR,
    context: RuleContext.USER_POOL,
    properties: ['SupportedIdentityProviders'],
    summary: 'Each supported identity provider is COGNITO or the ProviderName of an identity provider of the pool.',
    why: 'Cognito refuses the client: "The provider X does not exist for User Pool Y". Names are case-sensitive (Google, Facebook, SignInWithApple, LoginWithAmazon).',
    fix: 'Define the identity provider on the pool (AWS::Cognito::UserPoolIdentityProvider), or correct the name.',
    apiFix: 'Create the identity provider in the pool (aws cognito-idp create-identity-provider), or correct the name.',
    source: Sources.IDPS,
    decision: 'A provider the app imports by name (UserPoolIdentityProvider.fromProviderName) is taken to exist: importing it says it was made outside the template. So is one that another template or stack adds to a pool of a third (aws-cdk apps keep providers in a stack of their own), for the clients outside the pool\'s template; VUPC-IDP-DEPENDENCY asks no DependsOn across templates. For a client in the pool\'s own template it is an error: that template deploys before any template that refers to its pool.',
    check: (client, report) => {
      const providers = client.context.pool?.identityProviders;
      // When some providers are named only at deploy time, a name that matches none of the others may be theirs.
      if (!providers || client.context.pool?.identityProvidersUnknown !== undefined) return;
      for (const { index, value } of client.strings('SupportedIdentityProviders')) {
        if (value !== COGNITO && !providers.has(value)) {
          const known = [COGNITO, ...providers.keys()].join(', ');
          report({ property: `SupportedIdentityProviders[${index}]`, value, problem: `is not an identity provider of user pool ${client.context.pool!.logicalId} (it has: ${known})` });
        }
      }
    },
  },
  {
    id: 'VUPC-IDP-DEPENDENCY',
    severity: RuleSeverity.ERROR,
    context: RuleContext.USER_POOL,
    // About the order CloudFormation creates resources in: an API request is made when the pool's resources exist.
    inputs: [InputKind.TEMPLATE],
    properties: ['SupportedIdentityProviders', 'DependsOn'],
    summary: 'A client depends on every identity provider it lists (DependsOn, or a Ref to the provider).',
    why: 'CloudFormation creates resources without a dependency in parallel: the client can be created before the provider and fail with "The provider X does not exist" (aws/aws-cdk#15850).',
    fix: 'Add the provider to the client\'s DependsOn, or name it with a Ref to the provider.',
    propsFix: 'Make the client depend on the provider (client.node.addDependency(provider)), or use ValidatedUserPoolClient, whose `identityProviders` add the dependency.',
    source: Sources.IDPS,
    decision: 'An error, although a stack that exists deploys: Cognito refuses the client whenever CloudFormation creates it before the provider, and nothing in the template prevents that, so creating the stack anew (another account or Region, a recovery, a replaced stack) fails at random, as aws/aws-cdk#15850 reports. The fix changes no resource. A team that accepts the race makes it a warning (`warningRules`).',
    check: (client, report) => {
      const providers = client.context.pool?.identityProviders;
      if (!providers) return;
      for (const { index, value } of client.strings('SupportedIdentityProviders')) {
        const provider = providers.get(value);
        if (provider && !provider.external && !dependsOn(client, provider.logicalId)) {
          report({ property: `SupportedIdentityProviders[${index}]`, value, problem: `names ${provider.logicalId}, which the client does not depend on` });
        }
      }
    },
  },
  {
    id: 'VUPC-OAUTH-SCOPE-EXISTS',
    catalogueId: 'R-OAUTH-SCOPE-EXISTS',
    severity: RuleSeverity.ERROR,
    context: RuleContext.USER_POOL,
    properties: ['AllowedOAuthScopes'],
    summary: 'Each custom scope (identifier/scope) is defined by a resource server of the pool.',
    why: 'Cognito refuses the client with ScopeDoesNotExistException "Invalid scope requested".',
    fix: 'Add the scope to an AWS::Cognito::UserPoolResourceServer of the pool, or correct the identifier or scope name.',
    source: Sources.RESOURCE_SERVERS,
    decision: 'Every scope of a resource server the app imports (UserPoolResourceServer.fromUserPoolResourceServerId) is taken to exist: the server was made outside the template, with scopes it does not list. So is every scope of a server that another template or stack adds to a pool of a third, for the clients outside the pool\'s template (as VUPC-IDP-EXISTS decides for providers).',
    check: (client, report) => {
      const scopes = client.context.pool?.resourceServerScopes;
      // When some scopes are named only at deploy time, one that matches none of the others may be theirs.
      if (!scopes || client.context.pool?.resourceServersUnknown !== undefined) return;
      const external = client.context.pool?.externalResourceServers;
      for (const { index, value } of client.strings('AllowedOAuthScopes')) {
        // A scope name holds no '/': what stands before the last one is the server's identifier.
        if (!RESERVED_SCOPES.has(value) && !scopes.has(value) && !external?.has(value.slice(0, value.lastIndexOf('/')))) {
          report({ property: `AllowedOAuthScopes[${index}]`, value, problem: `is not a scope of any resource server of user pool ${client.context.pool!.logicalId}` });
        }
      }
    },
  },
  {
    id: 'VUPC-OAUTH-SCOPE-DEPENDENCY',
    severity: RuleSeverity.ERROR,
    context: RuleContext.USER_POOL,
    // About the order CloudFormation creates resources in: an API request is made when the pool's resources exist.
    inputs: [InputKind.TEMPLATE],
    properties: ['AllowedOAuthScopes', 'DependsOn'],
    summary: 'A client depends on the resource server of every custom scope it lists.',
    why: 'Without a dependency CloudFormation may create the client before the resource server, and Cognito refuses the unknown scope (aws/aws-cdk#10676).',
    fix: 'Name the scope with a Ref to the resource server (Fn::Join of the Ref and the scope name), or add the resource server to the client\'s DependsOn.',
    propsFix: 'Build the scope with OAuthScope.resourceServer(server, scope), which refers to the server.',
    source: Sources.RESOURCE_SERVERS,
    check: (client, report) => {
      const scopes = client.context.pool?.resourceServerScopes;
      if (!scopes) return;
      for (const { index, value } of client.strings('AllowedOAuthScopes')) {
        const server = scopes.get(value);
        if (server && !dependsOn(client, server)) {
          report({ property: `AllowedOAuthScopes[${index}]`, value, problem: `belongs to ${server}, which the client does not depend on` });
        }
      }
    },
  },
  {
    id: 'VUPC-WRITE-REQUIRED',
    catalogueId: 'R-WRITE-REQUIRED',
    severity: RuleSeverity.ERROR,
    context: RuleContext.USER_POOL,
    properties: ['WriteAttributes'],
    summary: 'When WriteAttributes is set, it includes every required attribute of the pool.',
    why: 'Required attributes are always writable; a client whose write list omits one is refused with "Invalid write attributes specified".',
    fix: 'Add the pool\'s required attributes to WriteAttributes.',
    source: Sources.ATTRIBUTES,
    check: (client, report) => {
      // The pool's schema is read only when needed: it is rendered on first read.
      if (!client.fullyKnown('WriteAttributes')) return;
      const required = client.context.pool?.requiredAttributes;
      if (!required) return;
      const written = client.stringSet('WriteAttributes');
      const missing = [...required].filter((a) => !written.has(a));
      if (missing.length > 0) report({ property: 'WriteAttributes', value: [...written], problem: `omits ${missing.join(', ')}, required by user pool ${client.context.pool!.logicalId}` });
    },
  },
  {
    id: 'VUPC-WRITE-MAPPED',
    catalogueId: 'R-WRITE-MAPPED',
    severity: RuleSeverity.ERROR,
    context: RuleContext.USER_POOL,
    properties: ['WriteAttributes', 'SupportedIdentityProviders', 'AllowedOAuthFlowsUserPoolClient', 'AllowedOAuthFlows', 'AllowedOAuthScopes'],
    summary: 'When WriteAttributes is set on a client that signs users in with OAuth, it includes every attribute that a listed identity provider maps.',
    why: 'Cognito updates mapped attributes at every federated sign-in and fails the sign-in when the client cannot write one.',
    fix: 'Add the mapped attributes to WriteAttributes, or remove them from the provider\'s AttributeMapping.',
    source: Sources.CREATE_CLIENT,
    decision: 'Documented as "must" for a client that lets users sign in through an identity provider; it fails at sign-in, not at deployment. An error, which can be turned off. Not reported on a client without the code or implicit grant with OAuth on, where no federated sign-in happens (VUPC-IDP-WITHOUT-OAUTH or VUPC-OAUTH-FLAG-OFF warns instead). Only mapping keys that are user pool attributes count (standard ones, custom: and dev:): `username`, which maps the provider\'s user id, is no attribute WriteAttributes can list.',
    check: (client, report) => {
      const providers = client.context.pool?.identityProviders;
      if (!providers || !client.fullyKnown('WriteAttributes') || withoutUserOAuth(client) !== undefined || oauthTurnedOff(client)) return;
      const written = client.stringSet('WriteAttributes');
      for (const { index, value } of client.strings('SupportedIdentityProviders')) {
        const missing = [...(providers.get(value)?.mappedAttributes ?? [])].filter((a) => isWritableAttribute(a) && !written.has(a));
        if (missing.length > 0) report({ property: `SupportedIdentityProviders[${index}]`, value, problem: `maps ${missing.join(', ')}, which WriteAttributes omits` });
      }
    },
  },
  {
    id: 'VUPC-POOL-RESOURCES-UNKNOWN',
    severity: RuleSeverity.INFO,
    context: RuleContext.USER_POOL,
    properties: ['SupportedIdentityProviders', 'AllowedOAuthScopes', 'AllowedOAuthFlows'],
    summary: 'A client is told which identity providers, custom scopes or domain of its pool were not checked, where the pool\'s are named only at deploy time or a custom resource may make them.',
    why: 'A name the template does not define may still exist: a provider\'s ProviderName (or a resource server\'s Identifier or scopes) that comes from a parameter or another resource may be that name, and a custom resource given the pool\'s id may create providers, servers or the domain (Amplify Gen 1 makes social providers and the domain so). VUPC-IDP-EXISTS, VUPC-IDP-DEPENDENCY, VUPC-WRITE-MAPPED, VUPC-OAUTH-SCOPE-EXISTS, VUPC-OAUTH-SCOPE-DEPENDENCY and VUPC-OAUTH-NEEDS-DOMAIN cannot check those; what the template defines is still checked.',
    fix: 'Check those names (or the domain) by hand, or define the provider, resource server or domain in the template.',
    source: Sources.IDPS,
    decision: 'Info: nothing is known to be wrong, but a check the client would otherwise get did not run, and the library never passes over that in silence. Reported only on a client that lists such a name (or sets OAuth flows), once per property. A custom resource counts when its properties refer to the pool (a Ref or Fn::GetAtt, also inside Fn::Join or Fn::Sub), whether or not the client depends on it: what its code creates is not in the template. Pools of another template or stack are not followed for this.',
    check: (client, report) => {
      const pool = client.context.pool;
      if (!pool) return;
      if (pool.identityProvidersUnknown !== undefined) {
        const providers = pool.identityProviders;
        const unmatched = [...client.strings('SupportedIdentityProviders')].map((e) => e.value).filter((v) => v !== COGNITO && !providers?.has(v));
        if (unmatched.length > 0) {
          report({ property: 'SupportedIdentityProviders', value: unmatched, problem: `were not checked against user pool ${pool.logicalId}: ${pool.identityProvidersUnknown}` });
        }
      }
      if (pool.domainUnknown !== undefined && pool.hasDomain !== true && client.oauthFlows().size > 0) {
        report({ property: 'AllowedOAuthFlows', value: [...client.oauthFlows()], problem: `were not checked for a domain of user pool ${pool.logicalId}: ${pool.domainUnknown}` });
      }
      if (pool.resourceServersUnknown !== undefined) {
        const scopes = pool.resourceServerScopes;
        const external = pool.externalResourceServers;
        const unmatched = [...client.strings('AllowedOAuthScopes')].map((e) => e.value)
          .filter((v) => !RESERVED_SCOPES.has(v) && !scopes?.has(v) && !external?.has(v.slice(0, v.lastIndexOf('/'))));
        if (unmatched.length > 0) {
          report({ property: 'AllowedOAuthScopes', value: unmatched, problem: `were not checked against user pool ${pool.logicalId}: ${pool.resourceServersUnknown}` });
        }
      }
    },
  },
  {
    id: 'VUPC-AUTHFLOW-USER-AUTH-TIER',
    catalogueId: 'R-AUTHFLOW-USER-AUTH-TIER',
    severity: RuleSeverity.ERROR,
    context: RuleContext.USER_POOL,
    properties: ['ExplicitAuthFlows'],
    summary: 'ALLOW_USER_AUTH only on a pool of the Essentials or Plus feature plan.',
    why: 'Choice-based sign-in needs the Essentials tier or higher; Cognito refuses it on Lite with FeatureUnavailableInTierException.',
    fix: 'Set the pool\'s UserPoolTier (featurePlan) to ESSENTIALS or PLUS, or remove ALLOW_USER_AUTH.',
    source: Sources.FEATURE_PLANS,
    decision: 'Checked only when the pool sets UserPoolTier: new pools default to Essentials, older ones were Lite, so an unset tier is undecidable.',
    check: (client, report) => {
      if (!client.stringSet('ExplicitAuthFlows').has('ALLOW_USER_AUTH') || client.context.pool?.tier !== 'LITE') return;
      for (const { index, value } of client.strings('ExplicitAuthFlows')) {
        if (value === 'ALLOW_USER_AUTH') report({ property: `ExplicitAuthFlows[${index}]`, value, problem: `needs the Essentials or Plus plan; user pool ${client.context.pool.logicalId} is LITE` });
      }
    },
  },
  {
    id: 'VUPC-OAUTH-NEEDS-DOMAIN',
    catalogueId: 'R-OAUTH-NEEDS-DOMAIN',
    severity: RuleSeverity.WARNING,
    context: RuleContext.USER_POOL,
    properties: ['AllowedOAuthFlows'],
    summary: 'A client with OAuth flows belongs to a pool that has a domain.',
    why: 'The authorization and token endpoints exist only once the pool has a domain; without one no OAuth flow can run.',
    fix: 'Add an AWS::Cognito::UserPoolDomain for the pool, or, if the app signs in only through the SDK, turn OAuth off (AllowedOAuthFlowsUserPoolClient: false, without flows and scopes).',
    propsFix: 'Add a domain (userPool.addDomain(...)), or, if the app signs in only through the SDK, turn OAuth off (disableOAuth: true).',
    apiFix: 'Add a domain to the pool (aws cognito-idp create-user-pool-domain), or, if the app signs in only through the SDK, turn OAuth off '
      + '(AllowedOAuthFlowsUserPoolClient: false, without flows and scopes).',
    source: Sources.DOMAINS,
    decision: 'A domain any template or stack checked together defines for the pool counts, the pool\'s own template\'s clients included: OAuth needs the domain when users sign in, not when the client is created.',
    check: (client, report) => {
      const pool = client.context.pool;
      // Undefined: whether the pool has a domain is not known.
      if (pool?.hasDomain === false && client.oauthFlows().size > 0) {
        // The pool of API clients is its DescribeUserPool response: what it lacks is named in the API's terms.
        const lacking = client.fromApi() ? 'its DescribeUserPool response gives no Domain or CustomDomain' : 'no AWS::Cognito::UserPoolDomain refers to it';
        report({ property: 'AllowedOAuthFlows', value: [...client.oauthFlows()], problem: `is set, but user pool ${pool.logicalId} has no domain (${lacking})` });
      }
    },
  },
  {
    id: 'VUPC-QUOTA-CLIENTS',
    catalogueId: 'R-QUOTA-CLIENTS',
    severity: RuleSeverity.INFO,
    context: RuleContext.USER_POOL,
    properties: ['UserPoolId'],
    summary: 'A user pool holds at most 1,000 app clients unless the quota was raised (up to 10,000).',
    why: 'Past the quota CreateUserPoolClient fails with LimitExceededException.',
    fix: 'Request a quota increase for app clients per user pool before deploying, or spread the clients over pools.',
    source: Sources.QUOTAS,
    decision: 'One finding per pool, on the pool, with the count: the app clients whose UserPoolId refers to it across the app (the aspects follow cross-stack references and imports of a name another stack of the app exports) or across the templates checked together (the command line and the plugin follow Fn::ImportValue and nested stacks). Info: the quota of an account is not in the template.',
    checkPool: (pool, report) => {
      if (pool.clients > QUOTA_CLIENTS) {
        report({ property: '', problem: `${pool.clients.toLocaleString('en-US')} app clients refer to user pool ${pool.name}, past the default quota of ${QUOTA_CLIENTS.toLocaleString('en-US')}` });
      }
    },
  },
];
