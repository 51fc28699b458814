import type { PolicyOption } from './options';
import type { UserPoolClientPolicyProps } from './props';
import { ALLOW_NAME_OF_LEGACY_FLOW, API_DEFAULT_AUTH_FLOWS, API_ENUMS } from '../api-model';
import { humanDuration, validity } from '../client/token-validity';
import { builtUrlHost, builtUrlHostSuffix, forEachBuiltRedirectUrl, forEachRedirectUrl, LOOPBACK_HOSTS, parseUrl, UrlList, urlProperty, urlValue } from '../client/urls';
import type { ClientView } from '../client-view';
import { Report, RuleContext, RuleDefinition, RuleSeverity } from '../rule';
import { Sources } from '../sources';
import { isIntrinsic, StringParts } from '../values';

const VERIFIED_FLAGS = ['email_verified', 'phone_number_verified'];
/** A flow by its ALLOW_ name, whichever name it is given by. */
const allowName = (flow: string) => ALLOW_NAME_OF_LEGACY_FLOW[flow] ?? flow;
const STANDARD_WRITABLE = 'every standard attribute (WriteAttributes is not set)';

type PolicyCheck = (client: ClientView, report: Report, policy: UserPoolClientPolicyProps) => void;

function policyRule(options: PolicyOption[], rule: Omit<RuleDefinition, 'severity' | 'context' | 'check' | 'policyOptions'> & { check: PolicyCheck }): RuleDefinition {
  return {
    ...rule,
    severity: RuleSeverity.ERROR,
    context: RuleContext.POLICY,
    policyOptions: options,
    check: (client, report) => rule.check(client, report, client.context.policy ?? {}),
  };
}

/** Host names are case-insensitive: `url.hostname` is lower case, and so is each allowed host, wildcards included. */
function hostAllowed(host: string, allowed: readonly string[]): boolean {
  return allowed.some((a) => {
    const lower = a.toLowerCase();
    return lower.startsWith('*.') ? host.endsWith(lower.slice(1)) && host.length > lower.length - 1 : host === lower;
  });
}

/** True when a host of which only the end is known (`suffix`, from its first dot) may be one of `hosts` (wildcards allowed). */
function suffixMayBe(suffix: string, hosts: readonly string[]): boolean {
  return hosts.some((h) => {
    const lower = h.toLowerCase();
    const domain = lower.startsWith('*.') ? lower.slice(1) : undefined;
    return domain !== undefined ? suffix.endsWith(domain) || domain.endsWith(suffix) : lower.endsWith(suffix) && lower.length > suffix.length;
  });
}

/**
 * The host options of a policy that cannot judge a URL built at deploy time
 * (parts undefined: not even its literal text is known): none when its
 * literal text gives its host, or a scheme other than http(s); where it gives
 * only the end of the host, those the end does not decide.
 */
function hostOptionsUndecided(parts: StringParts | undefined, policy: UserPoolClientPolicyProps): string[] {
  if (parts && builtUrlHost(parts)) return [];
  const scheme = parts && typeof parts[0] === 'string' ? /^([a-z][a-z0-9+.-]*):/i.exec(parts[0])?.[1] : undefined;
  if (scheme !== undefined && !/^https?$/i.test(scheme)) return [];
  const end = parts && builtUrlHostSuffix(parts);
  const allowed = policy.allowedUrlHosts;
  return [
    allowed && !(end && !suffixMayBe(end.suffix, allowed)) ? 'allowedUrlHosts' : undefined,
    policy.forbidLoopbackUrls && !(end && !suffixMayBe(end.suffix, [...LOOPBACK_HOSTS])) ? 'forbidLoopbackUrls' : undefined,
  ].filter((o): o is string => o !== undefined);
}

/** Why a client is public (it cannot keep a secret): the implicit grant, or callbacks that are all app schemes or loopback URLs. */
function whyPublic(client: ClientView): string | undefined {
  if (client.oauthFlows().has('implicit')) return 'it allows the implicit grant, which hands tokens to the browser';
  const callbacks = client.strings('CallbackURLs');
  const onDevice = callbacks.length > 0 && client.fullyKnown('CallbackURLs') && callbacks.every(({ value }) => {
    const url = parseUrl(value);
    return url !== undefined && (!url.protocol.startsWith('http') || LOOPBACK_HOSTS.has(url.hostname));
  });
  return onDevice ? `its callbacks are all app-scheme or loopback URLs, so it runs on the user's device: ${callbacks.map((c) => c.value).join(', ')}` : undefined;
}

const LIFETIMES: Array<[PolicyOption, 'AccessToken' | 'IdToken' | 'RefreshToken', number]> = [
  ['maxAccessTokenMinutes', 'AccessToken', 60],
  ['maxIdTokenMinutes', 'IdToken', 60],
  ['maxRefreshTokenDays', 'RefreshToken', 86400],
];

export const POLICY_RULES: RuleDefinition[] = [
  policyRule(['requireClientName'], {
    id: 'VUPC-POLICY-CLIENT-NAME',
    catalogueId: 'R-CLIENTNAME-EXPLICIT',
    properties: ['ClientName'],
    checksAbsence: true,
    summary: 'Every client sets ClientName.',
    why: 'Without it CloudFormation generates a name, which makes the client hard to recognise in the console, logs and audits.',
    fix: 'Set ClientName.',
    propsFix: 'Set userPoolClientName.',
    source: Sources.CFN_CLIENT,
    check: (client, report) => {
      if (!client.has('ClientName')) report({ property: 'ClientName', problem: 'is not set' });
    },
  }),
  policyRule(['forbidSecretOnPublicClients'], {
    id: 'VUPC-POLICY-SECRET-PUBLIC-CLIENT',
    catalogueId: 'R-SECRET-PUBLIC-CLIENT',
    properties: ['GenerateSecret', 'ClientSecret', 'AllowedOAuthFlows', 'CallbackURLs'],
    summary: 'Public clients (implicit grant, or only app-scheme and loopback callbacks) have no secret.',
    why: 'A browser or mobile app cannot keep a secret; one shipped in it is public, and gives a false sense of security.',
    fix: 'Give public clients no secret (GenerateSecret: false; changing it replaces an existing client, with a new client id, and UpdateUserPoolClient cannot change it) and use the code grant with PKCE; keep secrets for server-side clients.',
    propsFix: 'Set generateSecret: false for public clients (this replaces an existing client, with a new client id) and use the code grant with PKCE; keep secrets for server-side clients.',
    source: Sources.APP_CLIENTS,
    check: (client, report) => {
      // An API request may give the client its own secret instead of GenerateSecret: a secret all the same.
      const custom = !client.generatesSecret() && client.setsCustomSecret();
      const why = client.generatesSecret() || custom ? whyPublic(client) : undefined;
      if (!why) return;
      if (custom) {
        report({
          property: 'ClientSecret',
          value: client.value('ClientSecret'),
          problem: `gives a public client a secret (${why})`,
          fix: 'Remove ClientSecret from the request for a public client and use the code grant with PKCE; keep secrets for server-side clients.',
        });
      } else {
        report({ property: 'GenerateSecret', value: true, problem: `makes a secret for a public client (${why})` });
      }
    },
  }),
  policyRule(['maxAccessTokenMinutes', 'maxIdTokenMinutes', 'maxRefreshTokenDays'], {
    id: 'VUPC-POLICY-TOKEN-LIFETIME',
    catalogueId: 'R-TOKEN-LIFETIME-POLICY',
    properties: ['AccessTokenValidity', 'IdTokenValidity', 'RefreshTokenValidity', 'TokenValidityUnits'],
    checksAbsence: true,
    summary: 'Token lifetimes stay within the organisation maximums (access and ID tokens in minutes, refresh tokens in days).',
    why: 'Long-lived tokens extend what a stolen token can do.',
    fix: 'Shorten the validity to the policy maximum.',
    source: Sources.TOKEN_UNITS,
    check: (client, report, policy) => {
      for (const [option, token, unitSeconds] of LIFETIMES) {
        const max = policy[option] as number | undefined;
        const v = validity(client, token);
        if (max !== undefined && v && v.seconds > max * unitSeconds) {
          const longer = `longer than the policy maximum of ${humanDuration(max * unitSeconds)}`;
          report(v.explicit
            ? { property: `${token}Validity`, value: v.value, problem: `(${humanDuration(v.seconds)}) is ${longer}` }
            : { property: `${token}Validity`, problem: `is not set, so the API default of ${humanDuration(v.seconds)} applies, ${longer}` });
        }
      }
    },
  }),
  policyRule(['forbidVerifiedFlagWrites'], {
    id: 'VUPC-POLICY-WRITE-VERIFIED-FLAGS',
    catalogueId: 'R-WRITE-VERIFIED-FLAGS',
    properties: ['WriteAttributes'],
    summary: 'No client can write email_verified or phone_number_verified.',
    why: 'A user who can set these flags can mark an unverified email or phone number as verified.',
    fix: 'Remove the verified flags from WriteAttributes; let Cognito verification or administrators set them.',
    propsFix: 'Remove emailVerified and phoneNumberVerified from writeAttributes; let Cognito verification or administrators set them.',
    source: Sources.ATTRIBUTES,
    check: (client, report) => {
      for (const { index, value } of client.strings('WriteAttributes')) {
        if (VERIFIED_FLAGS.includes(value)) report({ property: `WriteAttributes[${index}]`, value, problem: 'lets users mark their own contact data as verified' });
      }
    },
  }),
  policyRule(['requireExplicitReadAttributes'], {
    id: 'VUPC-POLICY-READ-EXPLICIT',
    catalogueId: 'R-READ-LEAST-PRIVILEGE',
    properties: ['ReadAttributes'],
    checksAbsence: true,
    summary: 'Every client sets ReadAttributes.',
    why: 'Without it the client reads every standard attribute, and ID tokens carry every readable attribute.',
    fix: 'Set ReadAttributes to the attributes the app needs.',
    propsFix: 'Give readAttributes (a ClientAttributes) with the attributes the app needs.',
    source: Sources.ATTRIBUTES,
    check: (client, report) => {
      if (!client.has('ReadAttributes')) report({ property: 'ReadAttributes', problem: 'is not set, so every standard attribute is readable' });
    },
  }),
  policyRule(['requireExplicitWriteAttributes'], {
    id: 'VUPC-POLICY-WRITE-EXPLICIT',
    catalogueId: 'R-WRITE-LEAST-PRIVILEGE',
    properties: ['WriteAttributes'],
    checksAbsence: true,
    summary: 'Every client sets WriteAttributes.',
    why: 'Without it users can change every standard attribute through the client.',
    fix: 'Set WriteAttributes to the attributes users may change.',
    propsFix: 'Give writeAttributes (a ClientAttributes) with the attributes users may change.',
    source: Sources.ATTRIBUTES,
    check: (client, report) => {
      if (!client.has('WriteAttributes')) report({ property: 'WriteAttributes', problem: 'is not set, so every standard attribute is writable' });
    },
  }),
  policyRule(['neverWritableAttributes'], {
    id: 'VUPC-POLICY-WRITE-FORBIDDEN',
    catalogueId: 'R-WRITE-LEAST-PRIVILEGE',
    properties: ['WriteAttributes'],
    checksAbsence: true,
    summary: 'No client can write the attributes the organisation reserves (e.g. custom:tenant, custom:role).',
    why: 'Attributes used for authorization must not be changeable by the user they describe (privilege escalation).',
    fix: 'Remove the attribute from WriteAttributes; set it from a trusted back end with the admin API.',
    propsFix: 'Leave the attribute out of writeAttributes (give writeAttributes when it is not set); set it from a trusted back end with the admin API.',
    source: Sources.ATTRIBUTES,
    check: (client, report, policy) => {
      const forbidden = new Set(policy.neverWritableAttributes ?? []);
      if (!client.has('WriteAttributes')) {
        const standard = [...forbidden].filter((a) => !a.includes(':'));
        if (standard.length > 0) report({ property: 'WriteAttributes', problem: `is not set, so ${standard.join(', ')} ${standard.length > 1 ? 'are' : 'is'} writable (${STANDARD_WRITABLE})` });
        return;
      }
      for (const { index, value } of client.strings('WriteAttributes')) {
        if (forbidden.has(value)) report({ property: `WriteAttributes[${index}]`, value, problem: 'is an attribute the policy reserves' });
      }
    },
  }),
  policyRule(['forbiddenAuthFlows'], {
    id: 'VUPC-POLICY-AUTHFLOW-FORBIDDEN',
    catalogueId: 'R-AUTHFLOW-PASSWORD-POLICY',
    properties: ['ExplicitAuthFlows'],
    checksAbsence: true,
    summary: 'No client allows the auth flows the organisation forbids (e.g. the password flows).',
    why: 'In the password flows Cognito receives the password itself instead of an SRP proof.',
    fix: 'Use ALLOW_USER_SRP_AUTH or ALLOW_USER_AUTH instead; acknowledge the rule where a flow is needed (e.g. a user migration trigger).',
    propsFix: 'Use authFlows.userSrp or authFlows.user instead; acknowledge the rule where a flow is needed (e.g. a user migration trigger).',
    source: Sources.AUTH_FLOWS,
    decision: 'A legacy flow name is the same flow as its ALLOW_ name (USER_PASSWORD_AUTH is ALLOW_USER_PASSWORD_AUTH, ADMIN_NO_SRP_AUTH is ALLOW_ADMIN_USER_PASSWORD_AUTH, CUSTOM_AUTH_FLOW_ONLY is ALLOW_CUSTOM_AUTH), and Cognito still accepts it: forbidding either name forbids both.',
    check: (client, report, policy) => {
      const forbidden = new Set((policy.forbiddenAuthFlows ?? []).map(allowName));
      if (!client.has('ExplicitAuthFlows')) {
        const defaults = API_DEFAULT_AUTH_FLOWS.filter((f) => forbidden.has(f));
        if (defaults.length > 0) report({ property: 'ExplicitAuthFlows', problem: `is not set, so Cognito's default allows ${defaults.join(', ')}` });
        return;
      }
      for (const { index, value } of client.strings('ExplicitAuthFlows')) {
        if (!forbidden.has(allowName(value))) continue;
        const problem = allowName(value) === value ? 'is a flow the policy forbids' : `is the legacy name of ${allowName(value)}, a flow the policy forbids`;
        report({ property: `ExplicitAuthFlows[${index}]`, value, problem });
      }
    },
  }),
  policyRule(['requireExplicitAuthFlows'], {
    id: 'VUPC-POLICY-AUTHFLOW-EXPLICIT',
    catalogueId: 'R-AUTHFLOW-EXPLICIT',
    properties: ['ExplicitAuthFlows'],
    checksAbsence: true,
    summary: 'Every client sets ExplicitAuthFlows.',
    why: "Without it Cognito's default applies, which includes ALLOW_CUSTOM_AUTH.",
    fix: 'Set ExplicitAuthFlows to the flows the app uses.',
    propsFix: 'Give authFlows with the flows the app uses.',
    source: Sources.AUTH_FLOWS,
    check: (client, report) => {
      if (!client.has('ExplicitAuthFlows')) report({ property: 'ExplicitAuthFlows', problem: `is not set, so ${API_DEFAULT_AUTH_FLOWS.join(', ')} are allowed` });
    },
  }),
  policyRule(['forbidImplicitGrant'], {
    id: 'VUPC-POLICY-NO-IMPLICIT-GRANT',
    catalogueId: 'R-OAUTH-IMPLICIT-POLICY',
    properties: ['AllowedOAuthFlows'],
    summary: 'No client allows the implicit grant.',
    why: 'The implicit grant returns tokens in the URL fragment (browser history, referrers) and issues no refresh token.',
    fix: 'Use the authorization code grant (with PKCE for public clients).',
    propsFix: 'Give oAuth.flows with authorizationCodeGrant only (flows left out allow the implicit grant too); use PKCE for public clients.',
    source: Sources.AUTHORIZE,
    check: (client, report) => {
      for (const { index, value } of client.strings('AllowedOAuthFlows')) {
        if (value === 'implicit') report({ property: `AllowedOAuthFlows[${index}]`, value, problem: 'is the implicit grant' });
      }
    },
  }),
  policyRule(['forbidAdminScope'], {
    id: 'VUPC-POLICY-ADMIN-SCOPE',
    catalogueId: 'R-OAUTH-ADMIN-SCOPE-POLICY',
    properties: ['AllowedOAuthScopes'],
    summary: 'No client allows aws.cognito.signin.user.admin unless acknowledged.',
    why: 'The scope lets the token call the user self-service APIs (change attributes, delete the user).',
    fix: 'Remove the scope; acknowledge the rule on clients that call the self-service APIs.',
    source: Sources.APP_CLIENTS,
    check: (client, report) => {
      for (const { index, value } of client.strings('AllowedOAuthScopes')) {
        if (value === 'aws.cognito.signin.user.admin') report({ property: `AllowedOAuthScopes[${index}]`, value, problem: 'grants the self-service user APIs' });
      }
    },
  }),
  policyRule(['forbidLoopbackUrls'], {
    id: 'VUPC-POLICY-NO-LOOPBACK-URLS',
    catalogueId: 'R-CALLBACK-LOCALHOST-PROD',
    properties: ['CallbackURLs', 'LogoutURLs', 'DefaultRedirectURI'],
    summary: 'No callback or logout URL points to localhost, 127.0.0.1 or [::1].',
    why: 'Loopback URLs are for development; in production any local process can receive the authorization code.',
    fix: 'Remove loopback URLs from production clients (apply this policy to production stages only).',
    source: Sources.CREATE_CLIENT,
    check: (client, report) => {
      forEachRedirectUrl(client, true, (value, list, index) => {
        const url = parseUrl(value);
        if (url && LOOPBACK_HOSTS.has(url.hostname)) report({ property: urlProperty(list, index), value, problem: 'points to a loopback address' });
      });
      // Built at deploy time, where the literal text decides the host (`http://localhost:` + a port).
      forEachBuiltRedirectUrl(client, true, (parts, list, index) => {
        const url = builtUrlHost(parts);
        if (url && LOOPBACK_HOSTS.has(url.hostname)) report({ property: urlProperty(list, index), value: urlValue(client, list, index), problem: 'points to a loopback address' });
      });
    },
  }),
  policyRule(['allowedUrlHosts'], {
    id: 'VUPC-POLICY-URL-HOSTS',
    properties: ['CallbackURLs', 'LogoutURLs', 'DefaultRedirectURI'],
    summary: 'http(s) callback, logout and default redirect URLs use only the hosts the organisation allows.',
    why: 'A redirect to a host outside the organisation hands authorization codes or tokens to it.',
    fix: 'Use an allowed host, or add the host to allowedUrlHosts.',
    source: Sources.CREATE_CLIENT,
    check: (client, report, policy) => {
      const allowed = policy.allowedUrlHosts ?? [];
      const check = (url: { protocol: string; hostname: string } | undefined, list: UrlList, index: number, value: unknown) => {
        if (url?.protocol.startsWith('http') && !hostAllowed(url.hostname, allowed)) {
          report({ property: urlProperty(list, index), value, problem: `uses host ${url.hostname}, which is not in allowedUrlHosts (${allowed.join(', ')})` });
        }
      };
      forEachRedirectUrl(client, true, (value, list, index) => check(parseUrl(value), list, index, value));
      // Built at deploy time, where the literal text decides the host (`https://app.example.com/` + a path), or its end
      // alone rules every allowed host out (`https://` + a subdomain + `.evil.example/`).
      forEachBuiltRedirectUrl(client, true, (parts, list, index) => {
        const url = builtUrlHost(parts);
        if (url) return check(url, list, index, urlValue(client, list, index));
        const end = builtUrlHostSuffix(parts);
        if (end?.protocol.startsWith('http') && !suffixMayBe(end.suffix, allowed)) {
          const problem = `uses a host ending with ${end.suffix}, which none of allowedUrlHosts (${allowed.join(', ')}) can be`;
          report({ property: urlProperty(list, index), value: urlValue(client, list, index), problem });
        }
      });
    },
  }),
  {
    id: 'VUPC-POLICY-URL-HOST-UNKNOWN',
    severity: RuleSeverity.INFO,
    context: RuleContext.POLICY,
    policyOptions: ['allowedUrlHosts', 'forbidLoopbackUrls'],
    properties: ['CallbackURLs', 'LogoutURLs', 'DefaultRedirectURI'],
    summary: 'A callback, logout or default redirect URL whose host is known only at deployment is named: the policy\'s host checks could not judge it.',
    why: 'allowedUrlHosts and forbidLoopbackUrls judge a URL by its host. A host that comes from a parameter, an import or a dynamic reference '
      + 'is known only when the stack deploys, and a check that could not run is never passed over in silence.',
    fix: 'Write the host in the template (the path may stay a parameter), or check the deployed client (its DescribeUserPoolClient output) with this tool.',
    source: Sources.CREATE_CLIENT,
    decision: 'Info, not an error: nothing is known to be wrong, and templates commonly take their URLs from parameters. A URL whose literal text '
      + 'decides the host (https://app.example.com/ + a path) is judged by the host rules instead, and so is one whose literal end of the host '
      + 'decides an option (https:// + a subdomain + .evil.example/ can be no allowed app.example.com, and no loopback host); one whose literal '
      + 'text gives a scheme other than http(s) (an app scheme) has no host to judge. The finding names the options left undecided.',
    check: (client, report) => {
      const policy = client.context.policy ?? {};
      const problem = (options: string[]) => `has a host known only when the stack deploys, so ${options.join(' and ')} could not check it`;
      for (const list of ['CallbackURLs', 'LogoutURLs'] as const) {
        const read = client.list(list);
        if (read && !read.known) {
          const options = hostOptionsUndecided(undefined, policy);
          report({ property: list, value: client.value(list), problem: `${problem(options).replace(/^has a host/, 'has hosts')} (the whole list is built when it deploys)` });
          continue;
        }
        const built = new Map(client.partialStrings(list).map((p) => [p.index, p.parts]));
        read?.items.forEach((item, index) => {
          const options = isIntrinsic(item) ? hostOptionsUndecided(built.get(index), policy) : [];
          if (options.length > 0) report({ property: urlProperty(list, index), value: urlValue(client, list, index), problem: problem(options) });
        });
      }
      const options = client.isUnknown('DefaultRedirectURI') ? hostOptionsUndecided(client.partialString('DefaultRedirectURI'), policy) : [];
      if (options.length > 0) report({ property: 'DefaultRedirectURI', value: client.value('DefaultRedirectURI'), problem: problem(options) });
    },
  },
  policyRule(['forbidAnalyticsUserData'], {
    id: 'VUPC-POLICY-ANALYTICS-USER-DATA',
    catalogueId: 'R-ANALYTICS-USERDATA-POLICY',
    properties: ['AnalyticsConfiguration.UserDataShared'],
    summary: 'No client shares user data with analytics.',
    why: 'With UserDataShared Cognito includes user data in the events it sends to Amazon Pinpoint.',
    fix: 'Set UserDataShared: false, or acknowledge with the data-protection approval as the reason.',
    propsFix: 'Set analytics.shareUserData: false, or acknowledge with the data-protection approval as the reason.',
    source: Sources.ANALYTICS_TYPE,
    check: (client, report) => {
      if (client.boolean('AnalyticsConfiguration.UserDataShared') === true) report({ property: 'AnalyticsConfiguration.UserDataShared', value: true, problem: 'sends user data to analytics' });
    },
  }),
  policyRule(['requirePreventUserExistenceErrors'], {
    id: 'VUPC-POLICY-PREVENT-USER-EXISTENCE-ERRORS',
    catalogueId: 'R-PUEE-POLICY',
    properties: ['PreventUserExistenceErrors'],
    checksAbsence: true,
    summary: 'Every client sets PreventUserExistenceErrors: ENABLED.',
    why: 'With LEGACY (the API default) sign-in and recovery errors reveal which users exist.',
    fix: 'Set PreventUserExistenceErrors: ENABLED.',
    propsFix: 'Set preventUserExistenceErrors: true.',
    source: Sources.USER_EXISTENCE,
    check: (client, report) => {
      if (client.isUnknown('PreventUserExistenceErrors')) return;
      const value = client.string('PreventUserExistenceErrors');
      if (value !== API_ENUMS.PreventUserExistenceErrors[1]) report({ property: 'PreventUserExistenceErrors', value, problem: value === undefined ? 'is not set, so LEGACY applies' : 'is not ENABLED' });
    },
  }),
  policyRule(['requireTokenRevocation'], {
    id: 'VUPC-POLICY-TOKEN-REVOCATION',
    catalogueId: 'R-REVOCATION-POLICY',
    properties: ['EnableTokenRevocation'],
    summary: 'No client turns token revocation off.',
    why: 'Without revocation, RevokeToken and the revocation endpoint do not work: a leaked refresh token stays valid until it expires.',
    fix: 'Set EnableTokenRevocation: true.',
    propsFix: 'Set enableTokenRevocation: true.',
    source: Sources.TOKEN_REVOCATION,
    check: (client, report) => {
      if (client.boolean('EnableTokenRevocation') === false) report({ property: 'EnableTokenRevocation', value: false, problem: 'turns revocation off' });
    },
  }),
  policyRule(['requireRefreshTokenRotation'], {
    id: 'VUPC-POLICY-REFRESH-TOKEN-ROTATION',
    catalogueId: 'R-ROTATION-POLICY',
    properties: ['RefreshTokenRotation.Feature', 'AllowedOAuthFlows'],
    checksAbsence: true,
    summary: 'Every client that issues refresh tokens rotates them.',
    why: 'With rotation a stolen refresh token stops working as soon as the legitimate client refreshes.',
    fix: 'Enable refresh token rotation (after checking that the app refreshes with GetTokensFromRefreshToken or the token endpoint).',
    propsFix: 'Give refreshTokenRotationGracePeriod (0-60 seconds), which turns rotation on (after checking that the app refreshes with GetTokensFromRefreshToken or the token endpoint).',
    source: Sources.REFRESH_TOKEN,
    check: (client, report) => {
      const flows = client.oauthFlows();
      const machineOnly = flows.size > 0 && [...flows].every((f) => f === 'client_credentials');
      if (machineOnly || client.isUnknown('RefreshTokenRotation.Feature')) return;
      const feature = client.string('RefreshTokenRotation.Feature');
      if (feature !== 'ENABLED') report({ property: 'RefreshTokenRotation.Feature', value: feature, problem: feature === undefined ? 'is not set, so rotation is off' : 'is not ENABLED' });
    },
  }),
];
