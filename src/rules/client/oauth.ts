import { API_STRINGS, RESERVED_SCOPES } from '../api-model';
import type { ClientView } from '../client-view';
import { checkEnum, checkListEntries, checkListSize } from '../constraint-checks';
import { InputKind, RuleContext, RuleDefinition, RuleSeverity } from '../rule';
import { Sources } from '../sources';

const NEEDS_OPENID = ['phone', 'email', 'profile'];

/** The OAuth flows or scopes a client sets (concrete, non-empty lists), which need the OAuth flag. */
function oauthSettings(client: ClientView): string[] {
  return ['AllowedOAuthFlows', 'AllowedOAuthScopes'].filter((property) => client.knownNonEmpty(property));
}

/**
 * True when the client turns OAuth off explicitly (AllowedOAuthFlowsUserPoolClient: false). Its flows, scopes
 * and URLs are then dead settings, which VUPC-OAUTH-FLAG-OFF names as a warning: the rules about how those
 * settings combine (a callback for the code grant, a secret and custom scopes for client_credentials) stay
 * silent, as whether Cognito checks them with the flag off is not known (U-08) and the client works for SDK sign-in.
 */
export const oauthTurnedOff = (client: ClientView): boolean => client.boolean('AllowedOAuthFlowsUserPoolClient') === false;
const OFF_DECISION = 'Not reported on a client that sets AllowedOAuthFlowsUserPoolClient: false, whose OAuth settings have no effect (VUPC-OAUTH-FLAG-OFF warns about them).';

/**
 * Why a client runs no user OAuth flow (the code or implicit grant with the
 * flag on), for the rules about settings only such a flow uses (URLs,
 * federated providers): `flag-off` or `no-user-flow`. Undefined when one
 * runs, when the flag or the flows are known only at deployment, and when
 * flows or scopes are set without the flag on, which VUPC-OAUTH-FLAG-REQUIRED
 * or VUPC-OAUTH-FLAG-OFF names with those settings: one cause, one finding.
 */
export function withoutUserOAuth(client: ClientView): 'flag-off' | 'no-user-flow' | undefined {
  if (client.isUnknown('AllowedOAuthFlowsUserPoolClient') || (client.has('AllowedOAuthFlows') && !client.fullyKnown('AllowedOAuthFlows'))) return undefined;
  const flows = client.oauthFlows();
  if (client.boolean('AllowedOAuthFlowsUserPoolClient') === true) return flows.has('code') || flows.has('implicit') ? undefined : 'no-user-flow';
  return oauthSettings(client).length > 0 ? undefined : 'flag-off';
}

/** The OAuth settings a client sets (flows and scopes, then the URLs), for a message that names all of them. */
function settingsNamed(client: ClientView, settings: string[]): string {
  const all = [...settings, ...URL_PROPERTIES.filter((property) => client.nonEmpty(property))];
  return all.length <= 2 ? all.join(' and ') : `${all.slice(0, -1).join(', ')} and ${all[all.length - 1]}`;
}
const URL_PROPERTIES = ['CallbackURLs', 'LogoutURLs', 'DefaultRedirectURI'];

export const OAUTH_RULES: RuleDefinition[] = [
  {
    id: 'VUPC-OAUTH-FLOWS-ENUM',
    catalogueId: 'R-OAUTH-FLOWS-ENUM',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ['AllowedOAuthFlows'],
    summary: 'AllowedOAuthFlows holds at most 3 values, each code, implicit or client_credentials.',
    why: 'The API model constrains OAuthFlowType to code, implicit and client_credentials ("token" is not a flow name), and the list to 3 entries.',
    fix: "Use 'code' for the authorization code grant, 'implicit' for the implicit grant, 'client_credentials' for machine-to-machine clients.",
    source: Sources.CREATE_CLIENT,
    check: (client, report) => {
      checkListSize(client, report, 'AllowedOAuthFlows');
      checkEnum(client, report, 'AllowedOAuthFlows', 'AllowedOAuthFlows', true);
    },
  },
  {
    id: 'VUPC-OAUTH-CC-ONLY',
    catalogueId: 'R-OAUTH-CC-ONLY',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ['AllowedOAuthFlows'],
    summary: 'client_credentials is the only entry of AllowedOAuthFlows when present.',
    why: 'Cognito does not allow client_credentials together with code or implicit in one client.',
    fix: 'Create one client for machine-to-machine access (client_credentials) and another for users (code).',
    source: Sources.CREATE_CLIENT,
    check: (client, report) => {
      const flows = client.oauthFlows();
      if (flows.has('client_credentials') && (flows.has('code') || flows.has('implicit'))) {
        report({ property: 'AllowedOAuthFlows', value: [...flows], problem: 'combines client_credentials with user flows' });
      }
    },
  },
  {
    id: 'VUPC-OAUTH-CC-SECRET',
    catalogueId: 'R-OAUTH-CC-SECRET',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ['AllowedOAuthFlows', 'GenerateSecret', 'ClientSecret', 'AllowedOAuthFlowsUserPoolClient'],
    summary: 'A client_credentials client has a secret.',
    why: 'Client credentials grants are authorized with the client id and secret; the app client must have a client secret.',
    fix: 'Set GenerateSecret: true (this replaces an existing client; in an API request, a custom ClientSecret also gives the client a secret).',
    propsFix: 'Set generateSecret: true (this replaces an existing client).',
    source: Sources.APP_CLIENTS,
    decision: `The exact API error was not found (U-09); the developer guide states the requirement, and a token request without a secret cannot succeed. ${OFF_DECISION}`,
    check: (client, report) => {
      if (client.oauthFlows().has('client_credentials') && client.withoutSecret() && !oauthTurnedOff(client)) {
        const set = client.has('GenerateSecret');
        report({ property: 'GenerateSecret', value: set ? client.value('GenerateSecret') : undefined, problem: `${set ? 'leaves' : 'is not set, which leaves'} the client without a secret, and client_credentials needs one` });
      }
    },
  },
  {
    id: 'VUPC-OAUTH-CC-SCOPES',
    catalogueId: 'R-OAUTH-CC-SCOPES',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ['AllowedOAuthFlows', 'AllowedOAuthScopes', 'AllowedOAuthFlowsUserPoolClient'],
    summary: 'A client_credentials client does not list openid.',
    why: 'Cognito refuses openid with client_credentials ("openid is not supported with client_credentials flow"): the flow signs in no user, so there is no identity to issue.',
    fix: 'Remove openid and list resource-server scopes (identifier/scope).',
    source: Sources.RESOURCE_SERVERS,
    decision: `The rejection is observed for openid only; the other reserved scopes are VUPC-OAUTH-CC-RESERVED-SCOPES, a warning (U-10). ${OFF_DECISION}`,
    check: (client, report) => {
      if (!client.oauthFlows().has('client_credentials') || oauthTurnedOff(client)) return;
      for (const { index, value } of client.strings('AllowedOAuthScopes')) {
        if (value === 'openid') report({ property: `AllowedOAuthScopes[${index}]`, value, problem: 'is listed on a client_credentials client' });
      }
    },
  },
  {
    id: 'VUPC-OAUTH-CC-RESERVED-SCOPES',
    catalogueId: 'R-OAUTH-CC-SCOPES',
    severity: RuleSeverity.WARNING,
    context: RuleContext.CLIENT,
    properties: ['AllowedOAuthFlows', 'AllowedOAuthScopes', 'AllowedOAuthFlowsUserPoolClient'],
    summary: 'A client_credentials client lists no reserved scope other than openid (email, phone, profile, aws.cognito.signin.user.admin).',
    why: 'Client credentials tokens carry only custom scopes: a reserved scope about a user has no user to describe on this flow, so it has no effect.',
    fix: 'Remove the reserved scope and list resource-server scopes (identifier/scope).',
    source: Sources.RESOURCE_SERVERS,
    decision: `A warning: Cognito is observed refusing openid on this flow (VUPC-OAUTH-CC-SCOPES), and no refusal of the other reserved scopes was found (U-10); the developer guide says only custom scopes reach the token. ${OFF_DECISION}`,
    check: (client, report) => {
      if (!client.oauthFlows().has('client_credentials') || oauthTurnedOff(client)) return;
      for (const { index, value } of client.strings('AllowedOAuthScopes')) {
        if (value !== 'openid' && RESERVED_SCOPES.has(value)) report({ property: `AllowedOAuthScopes[${index}]`, value, problem: 'is a reserved scope on a client_credentials client, where it has no effect' });
      }
    },
  },
  {
    id: 'VUPC-OAUTH-CC-SCOPES-NONEMPTY',
    catalogueId: 'R-OAUTH-CC-SCOPES-NONEMPTY',
    severity: RuleSeverity.WARNING,
    context: RuleContext.CLIENT,
    properties: ['AllowedOAuthFlows', 'AllowedOAuthScopes', 'AllowedOAuthFlowsUserPoolClient'],
    summary: 'A client_credentials client lists at least one custom scope.',
    why: 'Client credentials tokens can only carry custom scopes; without one the client cannot request a useful token.',
    fix: 'Add a resource server to the pool and list its scopes (identifier/scope).',
    source: Sources.RESOURCE_SERVERS,
    check: (client, report) => {
      if (client.oauthFlows().has('client_credentials') && !client.nonEmpty('AllowedOAuthScopes') && !oauthTurnedOff(client)) {
        report({ property: 'AllowedOAuthScopes', problem: 'is empty on a client_credentials client' });
      }
    },
  },
  {
    id: 'VUPC-OAUTH-CALLBACK-REQUIRED',
    catalogueId: 'R-OAUTH-CALLBACK-REQUIRED',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ['AllowedOAuthFlows', 'CallbackURLs', 'AllowedOAuthFlowsUserPoolClient'],
    summary: 'A client with the code or implicit flow has at least one callback URL.',
    why: 'Cognito refuses it: "CallbackUrls can not be empty when code flow or implicit flow is selected".',
    fix: 'Add the URL your app receives the sign-in response on to CallbackURLs.',
    source: Sources.CREATE_CLIENT,
    decision: OFF_DECISION,
    check: (client, report) => {
      const flows = client.oauthFlows();
      if ((flows.has('code') || flows.has('implicit')) && !client.nonEmpty('CallbackURLs') && !oauthTurnedOff(client)) {
        report({ property: 'CallbackURLs', problem: `is empty while ${flows.has('code') ? 'code' : 'implicit'} is an allowed OAuth flow` });
      }
    },
  },
  {
    id: 'VUPC-OAUTH-FLAG-REQUIRED',
    catalogueId: 'R-OAUTH-FLAG-REQUIRED',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ['AllowedOAuthFlowsUserPoolClient', 'AllowedOAuthFlows', 'AllowedOAuthScopes', 'CallbackURLs', 'LogoutURLs', 'DefaultRedirectURI'],
    summary: 'A client that sets OAuth flows or scopes sets AllowedOAuthFlowsUserPoolClient: true.',
    why: 'The flag must be true before OAuth flows and scopes take effect, and it defaults to false: Cognito accepts the client, and every OAuth request fails (invalid_grant, unauthorized_client).',
    fix: 'Set AllowedOAuthFlowsUserPoolClient: true.',
    propsFix: 'Remove the property override that removes the OAuth flag: the construct writes it from oAuth and disableOAuth.',
    source: Sources.CREATE_CLIENT,
    decision: 'An error only when the flag is absent: flows and scopes written without it show that the author expects OAuth to work, and it cannot (U-08). When the template sets the flag to false itself, OAuth is turned off on purpose and SDK sign-in works: that is VUPC-OAUTH-FLAG-OFF, a warning.',
    check: (client, report) => {
      if (client.has('AllowedOAuthFlowsUserPoolClient')) return;
      const set = oauthSettings(client);
      // The URLs are named here, not by VUPC-URL-WITHOUT-OAUTH: one cause, one finding.
      const named = settingsNamed(client, set);
      if (set.length > 0) report({ property: 'AllowedOAuthFlowsUserPoolClient', problem: `is not set (so it is false) while ${named} ${named.includes(' and ') ? 'are' : 'is'} set` });
    },
  },
  {
    id: 'VUPC-OAUTH-FLAG-OFF',
    catalogueId: 'R-OAUTH-FLAG-REQUIRED',
    severity: RuleSeverity.WARNING,
    context: RuleContext.CLIENT,
    properties: ['AllowedOAuthFlowsUserPoolClient', 'AllowedOAuthFlows', 'AllowedOAuthScopes', 'CallbackURLs', 'LogoutURLs', 'DefaultRedirectURI'],
    summary: 'A client that turns OAuth off (AllowedOAuthFlowsUserPoolClient: false) sets no OAuth flows or scopes.',
    why: 'With the flag false, Cognito creates the client and SDK sign-in works, but the OAuth flows and scopes have no effect: they are dead settings that suggest OAuth works.',
    fix: 'Remove the OAuth flows and scopes, or set AllowedOAuthFlowsUserPoolClient: true if the client should use OAuth.',
    propsFix: 'Remove the oAuth settings, or drop disableOAuth if the client should use OAuth.',
    source: Sources.CREATE_CLIENT,
    decision: 'A warning: the template turns OAuth off explicitly, and a working reading exists (SDK sign-in). Public templates deploy such clients.',
    check: (client, report) => {
      if (client.boolean('AllowedOAuthFlowsUserPoolClient') !== false) return;
      const set = oauthSettings(client);
      const named = settingsNamed(client, set);
      if (set.length > 0) report({ property: 'AllowedOAuthFlowsUserPoolClient', value: false, problem: `turns OAuth off, so ${named} ${named.includes(' and ') ? 'have' : 'has'} no effect` });
    },
  },
  {
    id: 'VUPC-OAUTH-FLAG-NEEDS-FLOWS',
    catalogueId: 'R-OAUTH-FLAG-NEEDS-FLOWS',
    severity: RuleSeverity.WARNING,
    context: RuleContext.CLIENT,
    properties: ['AllowedOAuthFlowsUserPoolClient', 'AllowedOAuthFlows', 'AllowedOAuthScopes'],
    summary: 'A client with AllowedOAuthFlowsUserPoolClient: true lists OAuth flows and scopes.',
    why: 'An OAuth client without flows or scopes cannot complete any OAuth request.',
    fix: 'Add the flows and scopes the client uses, or set AllowedOAuthFlowsUserPoolClient: false.',
    propsFix: 'List the flows and scopes the client uses in oAuth, or set disableOAuth: true.',
    source: Sources.CREATE_CLIENT,
    decision: 'API behaviour for the flag with empty flows or scopes is unverified, so a warning (as in the catalogue).',
    check: (client, report) => {
      if (client.boolean('AllowedOAuthFlowsUserPoolClient') !== true) return;
      for (const property of ['AllowedOAuthFlows', 'AllowedOAuthScopes']) {
        if (!client.nonEmpty(property)) report({ property, problem: 'is empty while AllowedOAuthFlowsUserPoolClient is true' });
      }
    },
  },
  {
    id: 'VUPC-OAUTH-SCOPES-FORMAT',
    catalogueId: 'R-OAUTH-SCOPES-FORMAT',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ['AllowedOAuthScopes'],
    summary: 'AllowedOAuthScopes holds at most 50 scopes of 1-256 printable ASCII characters without space, " or \\.',
    why: 'The API model constrains ScopeListType to 50 entries and ScopeType to 1-256 characters matching [\\x21\\x23-\\x5B\\x5D-\\x7E]+.',
    fix: 'Remove spaces, quotes and backslashes from scope names; split clients that need more than 50 scopes.',
    source: Sources.CREATE_CLIENT,
    check: (client, report) => {
      checkListSize(client, report, 'AllowedOAuthScopes');
      checkListEntries(client, report, 'AllowedOAuthScopes', API_STRINGS.Scope);
    },
  },
  {
    id: 'VUPC-OAUTH-OPENID-REQUIRED',
    catalogueId: 'R-OAUTH-OPENID-REQUIRED',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    // A describe response shows a client Cognito accepted: the refusal users report did not happen to it.
    inputs: [InputKind.TEMPLATE, InputKind.API_REQUEST],
    properties: ['AllowedOAuthScopes', 'AllowedOAuthFlows'],
    summary: 'A client that allows the phone, email or profile scope also allows openid.',
    why: 'The phone, email and profile scopes can only be requested together with openid; the console and CloudFormation refuse email without openid.',
    fix: "Add 'openid' to AllowedOAuthScopes.",
    source: Sources.AUTHORIZE,
    decision: 'The create-time rejection is reported by users, not by AWS (U-11); the requirement itself is documented. An error, which can be turned off.',
    check: (client, report) => {
      if (!client.fullyKnown('AllowedOAuthScopes') || client.oauthFlows().has('client_credentials')) return;
      const scopes = client.stringSet('AllowedOAuthScopes');
      const needing = NEEDS_OPENID.filter((s) => scopes.has(s));
      if (needing.length > 0 && !scopes.has('openid')) {
        report({ property: 'AllowedOAuthScopes', value: [...scopes], problem: `includes ${needing.join(', ')} without openid` });
      }
    },
  },
  {
    id: 'VUPC-OAUTH-OPENID-INFO',
    catalogueId: 'R-OAUTH-OPENID-INFO',
    severity: RuleSeverity.INFO,
    context: RuleContext.CLIENT,
    properties: ['AllowedOAuthScopes', 'AllowedOAuthFlows'],
    summary: 'Code and implicit clients without openid get no ID token, and the userInfo endpoint refuses their access tokens.',
    why: 'An ID token is only returned when openid is requested; userInfo requires openid in the access token.',
    fix: "Add 'openid' when the app needs an ID token or userInfo.",
    source: Sources.AUTHORIZE,
    decision: 'Documentation only: a client that needs neither is valid.',
  },
];
