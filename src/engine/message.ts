import { InputKind, RuleDefinition, Violation } from '../rules/rule';
import { isPlainObject, textAsWritten } from '../rules/values';

/** Properties whose values are secrets: never written into a message. */
const SECRET_PROPERTIES = ['ClientSecret', 'AnalyticsConfiguration.ExternalId'];
/** Their names as members of a structure, wherever it stands. */
const SECRET_MEMBERS = new Set(SECRET_PROPERTIES.map((p) => p.split('.').pop()!));
const MAX_SHOWN = 120;

/** Replaces every character with '*', so length and position stay visible. */
function mask(value: unknown): unknown {
  if (typeof value === 'string') return '*'.repeat(value.length);
  if (typeof value === 'number' || typeof value === 'boolean') return '*'.repeat(String(value).length);
  if (Array.isArray(value)) return value.map(mask);
  // Intrinsics too: a secret can stand inside Fn::Join or Fn::Sub.
  if (value !== null && typeof value === 'object') {
    try {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v)]));
    } catch {
      return '(masked)';
    }
  }
  return value;
}

/** The value with every secret masked, wherever it stands in it. */
export function redact(property: string, value: unknown): unknown {
  if (SECRET_PROPERTIES.some((p) => property === p || property.startsWith(`${p}[`) || property.startsWith(`${p}.`))) return mask(value);
  // A structure given as a list by mistake holds its secrets all the same.
  if (Array.isArray(value)) return value.map((v) => redact(property, v));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_MEMBERS.has(k) ? mask(v) : redact(`${property}.${k}`, v)]));
  }
  return value;
}

/** String(value), or the value's type tag when String() throws (objects without a prototype, with a throwing toString). */
export function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** A value as a message shows it: quoted strings, JSON otherwise, long values shortened. */
export function showValue(value: unknown): string {
  let text: string;
  try {
    // A string read as built at deployment (its dynamic references, say) is shown as written.
    const written = typeof value === 'string' ? value : textAsWritten(value);
    text = written !== undefined ? `'${written}'` : JSON.stringify(value) ?? safeString(value);
  } catch {
    text = safeString(value);
  }
  // Control characters would break one-line output (terminal, SARIF, annotations).
  text = text.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (text.length <= MAX_SHOWN) return text;
  // A long value is cut, with no count of its own: a problem about its length gives the length, as the API counts it.
  return typeof value === 'string' ? `${text.slice(0, MAX_SHOWN - 2)}…'` : `${text.slice(0, MAX_SHOWN - 1)}…`;
}

/** The construct prop of each property, for a client made with construct props. */
type PropNameMap = { readonly [p: string]: string };

/**
 * The one message format of every door: rule id, where, what, why, fix.
 *   [VUPC-CALLBACK-HTTPS] App/Web/Resource: CallbackURLs[1] 'http://…' uses http:// for … Cognito requires … Fix: …
 */
export function formatMessage(rule: RuleDefinition, path: string, violation: Violation, propNames?: PropNameMap, input?: InputKind): string {
  // A value read from a plain string is masked as that string (a masked join of Refs would show a structure nobody wrote).
  const value = textAsWritten(violation.value) ?? violation.value;
  const shown = value === undefined ? '' : ` ${showValue(redact(violation.property, value))}`;
  const prop = propNames?.[violation.property.split(/[.[]/)[0]];
  const named = prop ? `${violation.property} (prop ${prop})` : violation.property;
  // A finding about a whole resource (a pool's client count) names no property: its problem is the sentence.
  const what = named === '' ? violation.problem.charAt(0).toUpperCase() + violation.problem.slice(1) : `${named}${shown} ${violation.problem}`;
  return `[${rule.id}] ${path}: ${what}. ${rule.why} Fix: ${fixOf(rule, violation, propNames, input)}`;
}

/**
 * The fix of a finding: a client made with construct props is fixed in those props, one read from the API's JSON
 * with the API's operations, where the rule has advice in those terms.
 */
export function fixOf(rule: RuleDefinition, violation: Violation, propNames?: PropNameMap, input?: InputKind): string {
  const api = input !== undefined && input !== InputKind.TEMPLATE;
  const inTerms = propNames ? violation.propsFix ?? rule.propsFix : api ? rule.apiFix : undefined;
  return inTerms ?? violation.fix ?? rule.fix;
}
