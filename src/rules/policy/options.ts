import type { UserPoolClientPolicyProps } from './props';
import { API_ENUMS, STANDARD_ATTRIBUTES } from '../api-model';
import { closestOf } from '../closest';

export type PolicyOptionType = 'boolean' | 'number' | 'string-list';
export type PolicyOption = keyof UserPoolClientPolicyProps;

/** What one item of a list option may be: the problem with `value`, and the closest valid value when there is one. */
export type ItemCheck = (value: string) => { readonly problem: string; readonly suggestion?: string } | undefined;

/**
 * One policy option: its JSON type and what its values may be. The one
 * definition behind the construct's checks, the policy file's checks, the
 * JSON schema and the docs.
 */
export interface PolicyOptionDefinition {
  readonly type: PolicyOptionType;
  /** Numbers: the range Cognito allows for the setting the option limits (a limit outside it allows nothing or everything). */
  readonly range?: { readonly min: number; readonly max: number; readonly unit: string };
  /** Lists: the values allowed, when they are a closed set. */
  readonly values?: readonly string[];
  /** Lists: a pattern every item matches (for the JSON schema), and the check behind it. */
  readonly pattern?: string;
  readonly item?: ItemCheck;
}

const AUTH_FLOWS: readonly string[] = API_ENUMS.ExplicitAuthFlows;

/** A writable attribute: a standard one, `custom:name` or `dev:custom:name` (name: 1-20 characters, Cognito's limit). */
const ATTRIBUTE_PATTERN = `^((dev:)?custom:[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]{1,20}|${STANDARD_ATTRIBUTES.join('|')})$`;
const checkAttribute: ItemCheck = (value) => {
  if (new RegExp(ATTRIBUTE_PATTERN, 'u').test(value)) return undefined;
  if (/^[\w.-]{1,20}$/.test(value) && !value.includes(':')) {
    const standard = closestOf(value, STANDARD_ATTRIBUTES);
    return { problem: 'is neither a standard attribute nor a custom attribute (custom attributes are named with their custom: prefix)', suggestion: standard ?? `custom:${value}` };
  }
  return { problem: 'is not an attribute name (a standard attribute, or custom:name)', suggestion: closestOf(value, STANDARD_ATTRIBUTES) };
};

/**
 * A host or `*.domain` (letters, digits, hyphens and dots), or an IPv6
 * address in brackets as URLs write it (`[::1]`, the loopback Cognito allows
 * http for); no scheme, path, port or credentials.
 */
const HOST_PATTERN = '^((\\*\\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\])$';
const checkHost: ItemCheck = (value) => {
  if (new RegExp(HOST_PATTERN).test(value)) return undefined;
  // An IPv6 address without the brackets URLs need reads as a host with a port.
  if (/^[0-9A-Fa-f]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$/.test(value)) {
    return { problem: 'is an IPv6 address without its brackets; URLs write it in brackets, and so does allowedUrlHosts', suggestion: `[${value}]` };
  }
  const host = hostIn(value)?.replace(/\.$/, '');
  const what = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? 'has a scheme' : /[/?#]/.test(value) ? 'has a path' : /:\d*$/.test(value) ? 'has a port'
    : value.endsWith('.') ? 'ends with a dot' : /\*/.test(value.replace(/^\*\./, '')) ? 'has a * that is not a leading *.' : 'is not a host name';
  // A suggestion that is the value itself helps no one.
  const suggestion = host !== undefined && host !== value && new RegExp(HOST_PATTERN).test(host) ? host : undefined;
  return { problem: `${what}; allowedUrlHosts lists host names (app.example.com) or subdomain patterns (*.example.com), which match http and https URLs on any port`, suggestion };
};
function hostIn(value: string): string | undefined {
  const wildcard = value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').startsWith('*.');
  try {
    // Only a leading *. is a pattern: a * elsewhere is no host, and no suggestion is made of it.
    const named = value.replace(/^((?:[a-z][a-z0-9+.-]*:\/\/)?)\*\./i, '$1wildcard.');
    if (named.includes('*')) return undefined;
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(named) ? named : `https://${named}`);
    const host = url.hostname.replace(/^wildcard\./, '');
    return host ? `${wildcard ? '*.' : ''}${host}` : undefined;
  } catch {
    return undefined;
  }
}

const checkAuthFlow: ItemCheck = (value) =>
  AUTH_FLOWS.includes(value) ? undefined : { problem: `is not an auth flow; allowed: ${AUTH_FLOWS.join(', ')}`, suggestion: closestOf(value, AUTH_FLOWS) };

const MINUTES = { min: 5, max: 1440, unit: 'minutes' };

/** Every policy option. */
export const POLICY_OPTIONS: { readonly [K in PolicyOption]-?: PolicyOptionDefinition } = Object.freeze({
  requireClientName: { type: 'boolean' },
  forbidSecretOnPublicClients: { type: 'boolean' },
  // Cognito's ranges: access and ID tokens 5 minutes to 1 day, refresh tokens 60 minutes to 3,650 days.
  maxAccessTokenMinutes: { type: 'number', range: MINUTES },
  maxIdTokenMinutes: { type: 'number', range: MINUTES },
  maxRefreshTokenDays: { type: 'number', range: { min: 1 / 24, max: 3650, unit: 'days' } },
  forbidVerifiedFlagWrites: { type: 'boolean' },
  requireExplicitReadAttributes: { type: 'boolean' },
  requireExplicitWriteAttributes: { type: 'boolean' },
  neverWritableAttributes: { type: 'string-list', pattern: ATTRIBUTE_PATTERN, item: checkAttribute },
  forbiddenAuthFlows: { type: 'string-list', values: AUTH_FLOWS, item: checkAuthFlow },
  requireExplicitAuthFlows: { type: 'boolean' },
  forbidImplicitGrant: { type: 'boolean' },
  forbidAdminScope: { type: 'boolean' },
  forbidLoopbackUrls: { type: 'boolean' },
  allowedUrlHosts: { type: 'string-list', pattern: HOST_PATTERN, item: checkHost },
  forbidAnalyticsUserData: { type: 'boolean' },
  requirePreventUserExistenceErrors: { type: 'boolean' },
  requireTokenRevocation: { type: 'boolean' },
  requireRefreshTokenRotation: { type: 'boolean' },
  // Rule ids: checked against the rules the option's owner runs (see checkPolicyProps).
  warningRules: { type: 'string-list' },
  disabledRules: { type: 'string-list' },
});

/** The options that select rules rather than turn a policy on. */
export const RULE_LIST_OPTIONS: ReadonlySet<PolicyOption> = new Set<PolicyOption>(['warningRules', 'disabledRules']);

/** True when the option turns its policy on (true, a number, a non-empty list). */
export function isOn(props: UserPoolClientPolicyProps, option: PolicyOption): boolean {
  const v = props[option];
  return v === true || typeof v === 'number' || (Array.isArray(v) && v.length > 0);
}

/** A policy option given a value it cannot take. */
export class PolicyOptionError extends Error {}

const rounded = (n: number) => String(Math.round(n * 10000) / 10000);
const didYouMean = (suggestion: string | undefined) => (suggestion === undefined ? '.' : `; did you mean '${suggestion}'?`);

/**
 * Checks policy options (from code or from a JSON file) and returns them
 * typed: unknown keys, wrong types, values out of Cognito's range, unknown
 * auth flows, attribute names without their custom: prefix, URL hosts with a
 * scheme, path or port. Every problem names the option, the value and what
 * is allowed, with the closest valid value where there is one. Rule ids
 * (`warningRules`, `disabledRules`) are checked by the caller, which knows
 * which rules it runs.
 */
export function checkPolicyProps(input: unknown, where = 'policy'): UserPoolClientPolicyProps {
  const keys = Object.keys(POLICY_OPTIONS);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new PolicyOptionError(`${where} must be an object of policy options; allowed keys: ${keys.join(', ')}.`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    // A policy file may name its schema, for editors; it is no option.
    if (key === SCHEMA_KEY && typeof value === 'string') continue;
    // Own keys only: '__proto__' (which JSON.parse makes an own key) is no option either.
    const option = Object.prototype.hasOwnProperty.call(POLICY_OPTIONS, key) ? POLICY_OPTIONS[key as PolicyOption] : undefined;
    if (option === undefined) {
      throw new PolicyOptionError(`${where}: '${key}' is not a policy option${didYouMean(closestOf(key, keys))} Allowed keys: ${keys.join(', ')}.`);
    }
    if (value === undefined) continue;
    checkValue(`${where}: ${key}`, option, value, RULE_LIST_OPTIONS.has(key as PolicyOption));
    // A copy: options are checked once, so the caller's list must not change them afterwards (an allowed host pushed later).
    out[key] = Array.isArray(value) ? Object.freeze([...value]) : value;
  }
  return Object.freeze(out) as UserPoolClientPolicyProps;
}

/** The key a policy file names its JSON schema under. */
export const SCHEMA_KEY = '$schema';

function checkValue(name: string, option: PolicyOptionDefinition, value: unknown, mayBeEmpty: boolean): void {
  // JSON reads a number too large for a double (1e400) as Infinity, which JSON.stringify would write as null.
  const got = typeof value === 'number' && !Number.isFinite(value) ? `${value} (a number out of range)` : JSON.stringify(value) ?? String(value);
  if (option.type === 'boolean' && typeof value !== 'boolean') throw new PolicyOptionError(`${name} must be true or false; got ${got}.`);
  if (option.type === 'number') {
    const { min, max, unit } = option.range!;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new PolicyOptionError(`${name} must be a number of ${unit} from ${rounded(min)} to ${max}; got ${got}.`);
    if (value < min || value > max) {
      throw new PolicyOptionError(`${name} is ${value}, outside what Cognito allows (${rounded(min)} to ${max} ${unit}); did you mean ${rounded(value < min ? min : max)}?`);
    }
  }
  if (option.type === 'string-list') {
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.length === 0)) throw new PolicyOptionError(`${name} must be a list of non-empty strings; got ${got}.`);
    // An empty list turns the option off, as leaving it out does; in a cascade it would also silently turn off a
    // farther policy's list. Refused, so that turning a rule off is always explicit (disabledRules).
    if (value.length === 0 && !mayBeEmpty) {
      throw new PolicyOptionError(`${name} is an empty list, which checks nothing; list at least one value, or leave the option out (to turn its rule off below a policy that sets it, use disabledRules).`);
    }
    for (const item of value as string[]) {
      const wrong = option.item?.(item);
      if (wrong) throw new PolicyOptionError(`${name} has '${item}', which ${wrong.problem}${didYouMean(wrong.suggestion)}`);
    }
  }
}
