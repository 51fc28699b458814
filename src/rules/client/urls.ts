import { API_STRINGS } from '../api-model';
import { withoutUserOAuth } from './oauth';
import type { ClientView } from '../client-view';
import { checkListEntries, checkListSize, checkStringProperty } from '../constraint-checks';
import { RuleContext, RuleDefinition, RuleSeverity } from '../rule';
import { Sources } from '../sources';
import { StringParts, UNKNOWN } from '../values';

export const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:./;

/**
 * Calls `visit` with each concrete redirect URL of the client: its callback
 * URLs, its default redirect URI and, when asked, its logout URLs, with the
 * list and position it stands at (`urlProperty` names it for a report).
 * Nothing is allocated per URL: every web client's URLs are read by several
 * rules.
 */
export function forEachRedirectUrl(client: ClientView, withLogout: boolean, visit: (value: string, list: UrlList, index: number) => void): void {
  for (const { index, value } of client.strings('CallbackURLs')) visit(value, 'CallbackURLs', index);
  if (withLogout) for (const { index, value } of client.strings('LogoutURLs')) visit(value, 'LogoutURLs', index);
  const fallback = client.string('DefaultRedirectURI');
  if (fallback !== undefined) visit(fallback, 'DefaultRedirectURI', -1);
}

/** Calls `visit` with each redirect URL built at deploy time from literal text and unknown parts (`Fn::Join`, `Fn::Sub`). */
export function forEachBuiltRedirectUrl(
  client: ClientView,
  withLogout: boolean,
  visit: (parts: StringParts, list: UrlList, index: number) => void,
): void {
  for (const { index, parts } of client.partialStrings('CallbackURLs')) visit(parts, 'CallbackURLs', index);
  if (withLogout) for (const { index, parts } of client.partialStrings('LogoutURLs')) visit(parts, 'LogoutURLs', index);
  const fallback = client.partialString('DefaultRedirectURI');
  if (fallback) visit(fallback, 'DefaultRedirectURI', -1);
}

export type UrlList = 'CallbackURLs' | 'LogoutURLs' | 'DefaultRedirectURI';

/** The property a URL stands at: `CallbackURLs[2]`, or the property itself for a single URL (index -1). */
export function urlProperty(list: UrlList, index: number): string {
  return index < 0 ? list : `${list}[${index}]`;
}

export function parseUrl(value: string): URL | undefined {
  if (!SCHEME.test(value)) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

const problems = new Map<string, UrlProblems>();
export type UrlProblems = { absolute?: string; fragment?: string; https?: string };

/** The hygiene problems of one redirect URL (remembered: the three rules ask about the same URLs). */
export function urlProblems(value: string): UrlProblems {
  let found = problems.get(value);
  if (!found) {
    if (problems.size > 10000) problems.clear();
    found = computeUrlProblems(value);
    problems.set(value, found);
  }
  return found;
}

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
/**
 * `https://host[:port][/path][?query]` in plain ASCII, whose host is a
 * domain name with a last label that starts with a letter (so no parser
 * reads it as an IPv4 address) and no punycode label (`xn--`, which the
 * parser decodes). Such a URL is absolute, has no fragment and uses https:
 * it needs no parse, which is most of what these rules cost.
 * A property test checks this shortcut against the URL parser.
 */
const PLAIN_HTTPS = new RegExp(
  `^https://(?:${LABEL}\\.)*[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?::(\\d{1,5}))?(?:/[\\w.~!$&'()*+,;=:@%/-]*)?(?:\\?[\\w.~!$&'()*+,;=:@%/?-]*)?$`,
);
const NO_PROBLEMS: UrlProblems = Object.freeze({});

/** The authority and its port. */
const AUTHORITY_PORT = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*):(\d+)(?=[/?#]|$)/;
/** The URL without a port above 65535, which the parser refuses and RFC 3986 does not: the rest is read as it stands. */
const withoutLargePort = (value: string) =>
  value.replace(AUTHORITY_PORT, (whole, authority: string, port: string) => (Number(port) > 65535 ? authority : whole));

/** A label in punycode: the parser decodes it, and rejects what does not decode. */
const PUNYCODE = /xn--/i;

function computeUrlProblems(value: string): UrlProblems {
  const plain = PLAIN_HTTPS.exec(value);
  if (plain && (plain[1] === undefined || Number(plain[1]) <= 65535) && !PUNYCODE.test(value)) return NO_PROBLEMS;
  return parsedUrlProblems(value);
}

/** The problems as the URL parser sees them (the reference for the shortcut above). */
export function parsedUrlProblems(value: string): UrlProblems {
  // A port above 65535 is the parser's limit, not a URI's (RFC 3986 bounds no port): such a URL is still absolute.
  const url = parseUrl(value) ?? parseUrl(withoutLargePort(value));
  if (!url) return { absolute: 'is not an absolute URL (scheme and host or path)' };
  return {
    fragment: value.includes('#') ? 'contains a fragment (#...)' : undefined,
    https: url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname) ? `uses http:// for ${url.hostname || 'a host'}, which is not localhost, 127.0.0.1 or [::1]` : undefined,
  };
}

/**
 * What the literal text of a URL built at deploy time decides: a `#`
 * anywhere is a fragment; literal text before any unknown part that cannot
 * start a scheme makes it relative; `http://` followed by a host that the
 * literal text ends (with `/`, `:`, `?` or `#`) is judged as a concrete URL
 * would be. Nothing that depends on an unknown part is a problem.
 */
export function builtUrlProblems(parts: StringParts): UrlProblems {
  if (!parts.includes(UNKNOWN)) return urlProblems((parts as string[]).join(''));
  const literal = parts.filter((p): p is string => p !== UNKNOWN);
  const first = typeof parts[0] === 'string' ? parts[0] : '';
  const scheme = first.includes(':') ? first.slice(0, first.indexOf(':')) : first;
  // As for a concrete URL, a URL that is not absolute has that problem alone.
  if (first !== '' && !/^[a-zA-Z][a-zA-Z0-9+.-]*$/.test(scheme)) {
    return { absolute: `starts with '${first.length > 20 ? `${first.slice(0, 20)}…` : first}', so it has no scheme and is not an absolute URL` };
  }
  const known = builtUrlHost(parts);
  const host = known?.protocol === 'http:' ? known.hostname : undefined;
  return {
    fragment: literal.some((p) => p.includes('#')) ? 'contains a fragment (#...) in its literal text' : undefined,
    https: host !== undefined && !LOOPBACK_HOSTS.has(host) ? `uses http:// for ${host || 'a host'}, which is not localhost, 127.0.0.1 or [::1]` : undefined,
  };
}

/**
 * The scheme and host of a URL built at deploy time, when its literal text
 * decides them (`https://app.example.com/` + path, `http://localhost:` +
 * port), as the URL parser reads them (it normalises case and number forms
 * such as 0x7f.1); undefined when an unknown part may change the host.
 */
export function builtUrlHost(parts: StringParts): { readonly protocol: string; readonly hostname: string } | undefined {
  const first = typeof parts[0] === 'string' ? parts[0] : '';
  const [, scheme, written] = /^([a-z][a-z0-9+.-]*):\/\/([^/:?#@\\]*)[/:?#]/i.exec(first) ?? [];
  const url = written === undefined ? undefined : parseUrl(`${scheme}://${written}/`);
  return url && { protocol: url.protocol, hostname: url.hostname };
}

/**
 * The literal end of the host of a URL built at deploy time whose host
 * starts with an unknown part (`https://` + a subdomain + `.example.com/cb`):
 * `.example.com`, in lower case, with the scheme; undefined otherwise.
 */
export function builtUrlHostSuffix(parts: StringParts): { readonly protocol: string; readonly suffix: string } | undefined {
  const [first, unknown, rest] = parts;
  if (typeof first !== 'string' || unknown !== UNKNOWN || typeof rest !== 'string') return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\/$/i.exec(first)?.[1];
  const suffix = /^((?:\.[a-z0-9-]+)+)[/:?#]/i.exec(rest)?.[1];
  return scheme && suffix ? { protocol: `${scheme.toLowerCase()}:`, suffix: suffix.toLowerCase() } : undefined;
}

/** The value at a URL's place, as the template holds it. */
export function urlValue(client: ClientView, list: UrlList, index: number): unknown {
  return index < 0 ? client.value(list) : client.list(list)?.items[index];
}

function hygieneRule(kind: 'absolute' | 'fragment' | 'https', base: Omit<RuleDefinition, 'check' | 'context' | 'severity'>): RuleDefinition {
  return {
    ...base,
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    check: (client, report) => {
      forEachRedirectUrl(client, false, (value, list, index) => {
        const problem = urlProblems(value)[kind];
        if (problem) report({ property: urlProperty(list, index), value, problem });
      });
      forEachBuiltRedirectUrl(client, false, (parts, list, index) => {
        const problem = builtUrlProblems(parts)[kind];
        if (problem) report({ property: urlProperty(list, index), value: urlValue(client, list, index), problem });
      });
    },
  };
}


export const URL_RULES: RuleDefinition[] = [
  {
    id: 'VUPC-URL-COUNT',
    catalogueId: 'R-URL-COUNT',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ['CallbackURLs', 'LogoutURLs'],
    summary: 'CallbackURLs and LogoutURLs hold at most 100 entries each.',
    why: 'The API model constrains both lists to 0-100 entries (a quota that cannot be raised).',
    fix: 'Remove unused URLs, or split the apps over several clients.',
    source: Sources.QUOTAS,
    check: (client, report) => {
      checkListSize(client, report, 'CallbackURLs');
      checkListSize(client, report, 'LogoutURLs');
    },
  },
  {
    id: 'VUPC-URL-FORMAT',
    catalogueId: 'R-URL-FORMAT',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ['CallbackURLs', 'LogoutURLs', 'DefaultRedirectURI'],
    summary: 'Every URL is 1-1024 characters of letters, marks, symbols, numbers and punctuation (no spaces or control characters).',
    why: 'The API model constrains RedirectUrlType to 1-1024 characters matching [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+.',
    fix: 'Percent-encode spaces and control characters (%20), and keep URLs under 1024 characters.',
    source: Sources.CREATE_CLIENT,
    check: (client, report) => {
      checkListEntries(client, report, 'CallbackURLs', API_STRINGS.RedirectUrl);
      checkListEntries(client, report, 'LogoutURLs', API_STRINGS.RedirectUrl);
      checkStringProperty(client, report, 'DefaultRedirectURI', API_STRINGS.RedirectUrl);
    },
  },
  hygieneRule('absolute', {
    id: 'VUPC-CALLBACK-ABSOLUTE',
    catalogueId: 'R-CALLBACK-ABSOLUTE',
    properties: ['CallbackURLs', 'DefaultRedirectURI'],
    summary: 'Callback URLs and the default redirect URI are absolute URLs.',
    why: 'Cognito requires a redirect URI to be an absolute URI.',
    fix: 'Write the full URL with its scheme, for example https://app.example.com/callback.',
    source: Sources.CREATE_CLIENT,
  }),
  hygieneRule('fragment', {
    id: 'VUPC-CALLBACK-NO-FRAGMENT',
    catalogueId: 'R-CALLBACK-NO-FRAGMENT',
    properties: ['CallbackURLs', 'DefaultRedirectURI'],
    summary: 'Callback URLs and the default redirect URI have no fragment (#...).',
    why: 'Cognito requires that a redirect URI does not include a fragment component.',
    fix: 'Remove the #... part; single-page apps can route after the redirect.',
    source: Sources.CREATE_CLIENT,
  }),
  hygieneRule('https', {
    id: 'VUPC-CALLBACK-HTTPS',
    catalogueId: 'R-CALLBACK-HTTPS',
    properties: ['CallbackURLs', 'DefaultRedirectURI'],
    summary: 'Callback URLs use https://, an app scheme (myapp://), or http:// only for localhost, 127.0.0.1 and [::1].',
    why: 'Cognito requires HTTPS for callback URLs except for the loopback addresses, which are for testing.',
    fix: 'Use https:// (or an app scheme such as myapp://callback for native apps).',
    source: Sources.CREATE_CLIENT,
    decision: 'The API texts differ on the loopback exceptions (U-01); the CreateUserPoolClient text, the newest and most specific, names localhost, 127.0.0.1 and [::1], so all three are accepted, with any port.',
  }),
  {
    id: 'VUPC-DEFAULT-REDIRECT-IN-CALLBACKS',
    catalogueId: 'R-DEFAULT-REDIRECT-IN-CALLBACKS',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ['DefaultRedirectURI', 'CallbackURLs'],
    summary: 'DefaultRedirectURI is one of the CallbackURLs, exactly.',
    why: 'Cognito requires the default redirect URI to be in the CallbackURLs list.',
    fix: 'Add the default redirect URI to CallbackURLs, character for character.',
    source: Sources.CREATE_CLIENT,
    check: (client, report) => {
      const uri = client.string('DefaultRedirectURI');
      if (uri === undefined) return;
      if (client.has('CallbackURLs') && !client.fullyKnown('CallbackURLs')) return;
      if (!client.stringSet('CallbackURLs').has(uri)) report({ property: 'DefaultRedirectURI', value: uri, problem: 'is not one of the CallbackURLs' });
    },
  },
  {
    id: 'VUPC-LOGOUT-URL-SCHEME',
    catalogueId: 'R-LOGOUT-URL-SCHEME',
    severity: RuleSeverity.WARNING,
    context: RuleContext.CLIENT,
    properties: ['LogoutURLs'],
    summary: 'Logout URLs follow the callback URL rules: absolute, no fragment, https:// except for loopback hosts.',
    why: 'Users are redirected to a logout URL after sign-out; a plain-http or relative URL is unsafe or unusable.',
    fix: 'Use an absolute https:// URL (or an app scheme) without a fragment.',
    source: Sources.CREATE_CLIENT,
    decision: 'The API documents these rules for callback URLs only (U-18), so a warning for logout URLs.',
    check: (client, report) => {
      for (const { index, value } of client.strings('LogoutURLs')) {
        const p = urlProblems(value);
        for (const problem of [p.absolute, p.fragment, p.https]) if (problem) report({ property: urlProperty('LogoutURLs', index), value, problem });
      }
      for (const { index, parts } of client.partialStrings('LogoutURLs')) {
        const p = builtUrlProblems(parts);
        for (const problem of [p.absolute, p.fragment, p.https]) if (problem) report({ property: urlProperty('LogoutURLs', index), value: urlValue(client, 'LogoutURLs', index), problem });
      }
    },
  },
  {
    id: 'VUPC-URL-WITHOUT-OAUTH',
    catalogueId: 'R-URL-WITHOUT-OAUTH',
    severity: RuleSeverity.WARNING,
    context: RuleContext.CLIENT,
    properties: ['CallbackURLs', 'LogoutURLs', 'DefaultRedirectURI', 'AllowedOAuthFlows', 'AllowedOAuthFlowsUserPoolClient', 'AllowedOAuthScopes'],
    summary: 'Callback and logout URLs are set only on clients that use the code or implicit flow.',
    why: 'URLs on a client without OAuth, or with only client_credentials, are never used; they usually mean OAuth was meant to be enabled.',
    fix: 'Enable OAuth (AllowedOAuthFlowsUserPoolClient: true with code), or remove the URLs.',
    propsFix: 'Enable the code grant (oAuth.flows.authorizationCodeGrant), or remove the URLs from oAuth.',
    source: Sources.CREATE_CLIENT,
    decision: 'A list known only at deployment (a Ref to a CommaDelimitedList parameter) is set all the same: it holds at least one entry, or Cognito rejects the empty URL. Where the flag is not true and flows or scopes are set, VUPC-OAUTH-FLAG-REQUIRED or VUPC-OAUTH-FLAG-OFF reports the URLs with them: one cause, one finding.',
    check: (client, report) => {
      const without = withoutUserOAuth(client);
      if (!without) return;
      const why = without === 'no-user-flow' ? 'is set on a client without the code or implicit flow' : 'is set while AllowedOAuthFlowsUserPoolClient is not true';
      for (const property of ['CallbackURLs', 'LogoutURLs']) {
        if (client.nonEmpty(property)) report({ property, problem: why });
      }
      if (client.has('DefaultRedirectURI')) report({ property: 'DefaultRedirectURI', problem: why });
    },
  },
  {
    id: 'VUPC-CALLBACK-EXACT-MATCH',
    catalogueId: 'R-CALLBACK-EXACT-MATCH',
    severity: RuleSeverity.INFO,
    context: RuleContext.CLIENT,
    properties: ['CallbackURLs'],
    summary: 'redirect_uri must match a registered callback URL exactly: no wildcards, and a trailing slash matters.',
    why: 'Cognito refuses authorization requests whose redirect_uri is not in CallbackURLs.',
    fix: 'Register every variant the app sends.',
    source: Sources.CREATE_CLIENT,
    decision: 'Documentation only: what the app sends is not in the template.',
  },
];
