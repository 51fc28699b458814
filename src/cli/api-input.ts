import { readFileSync } from 'fs';
import { InputError, jsonErrorMessage, withinDepth } from './input-error';
import { redact } from '../engine/message';
import { CFN_PROPERTY_TYPES, PropertyType, READ_ONLY_PROPERTIES } from '../rules/api-model';
import { closestOf } from '../rules/closest';
import { InputKind } from '../rules/rule';
import { isPlainObject } from '../rules/values';

/**
 * App clients as the Cognito API gives and takes them: a CreateUserPoolClient
 * or UpdateUserPoolClient request (what `--generate-cli-skeleton` prints and
 * `--cli-input-json` reads), a DescribeUserPoolClient (or create or update)
 * response `{"UserPoolClient": {...}}`, or many of them (a JSON array, or
 * JSON Lines). The API's members are the resource's properties under the
 * same names; what differs is handled here, explicitly:
 *
 * - a request may carry a custom `ClientSecret` (checked by the API-request
 *   rules, never echoed) and, for an update, the `ClientId` it updates;
 * - a response carries what Cognito fills in itself (`ClientId`, the
 *   generated `ClientSecret`, dates), which is not configuration and is
 *   dropped (a secret is read as `GenerateSecret: true`, the client having
 *   one), and is checked as a configuration Cognito has already accepted
 *   (InputKind.API_RESPONSE: the rules about what a request may contain,
 *   such as a role beside an application ARN, do not run).
 */

/** One client read from API JSON. */
export interface ApiClient {
  /** Where it stands in the input: a JSON path (`$`, `$[2].UserPoolClient`), after `line N: ` for JSON Lines. */
  readonly at: string;
  /** The line of a JSON Lines input it is on. */
  readonly line?: number;
  readonly kind: InputKind.API_REQUEST | InputKind.API_RESPONSE;
  /** ClientName and ClientId, as the input gives them, to name the client in findings. */
  readonly label: string;
  /** Its settings under the resource's property names. */
  readonly properties: Record<string, unknown>;
  /** For an UpdateUserPoolClient request, and a response: the client's id. */
  readonly clientId?: string;
  /** True for an UpdateUserPoolClient request. */
  readonly update?: boolean;
}

/** Members of a CreateUserPoolClient request (botocore's CreateUserPoolClientRequest). */
const CONFIGURATION = Object.keys(CFN_PROPERTY_TYPES).filter((p) => !READ_ONLY_PROPERTIES.has(p));
const CREATE_REQUEST = new Set([...CONFIGURATION, 'ClientSecret']);
/** An UpdateUserPoolClient request names the client and cannot change its secret. */
export const UPDATE_REQUEST: ReadonlySet<string> = new Set([...CONFIGURATION.filter((p) => p !== 'GenerateSecret'), 'ClientId']);
/** A UserPoolClientType, as responses carry it: no GenerateSecret, but what Cognito fills in. */
const RESPONSE = new Set([...CONFIGURATION.filter((p) => p !== 'GenerateSecret'), 'ClientId', 'ClientSecret', 'CreationDate', 'LastModifiedDate']);
/** What a response carries that is not configuration. */
const FILLED_IN_BY_COGNITO = ['ClientId', 'ClientSecret', 'CreationDate', 'LastModifiedDate'];

/** A value the rules cannot know (a reference), standing for whether the client an update request changes has a secret. */
export const SECRET_OF_UPDATED_CLIENT = Object.freeze({ Ref: 'SecretOfTheUpdatedClient' });


/** True when a parsed JSON value has the shape of API input rather than of a template. */
export function looksLikeApi(value: unknown): boolean {
  const first = Array.isArray(value) ? value[0] : value;
  return isPlainObject(first) && !('Resources' in first) && ('UserPoolClient' in first || 'UserPoolClients' in first || 'UserPoolId' in first || 'ClientId' in first);
}

/** Parses API JSON text: one JSON value (an object or an array of them), or JSON Lines. */
export function parseApiText(text: string, shown: string): Array<{ value: unknown; line?: number }> {
  return parseApiValues(text, shown).map((v) => ({ ...v, value: withinDepth(v.value, shown) }));
}

function parseApiValues(text: string, shown: string): Array<{ value: unknown; line?: number }> {
  try {
    return [{ value: JSON.parse(text) }];
  } catch (whole) {
    const lines = text.split('\n');
    if (lines.filter((l) => l.trim()).length < 2) throw new InputError(`${shown}: is not valid JSON (${jsonErrorMessage(whole, text)}).`);
    // Responses written one after another, as a loop over `aws cognito-idp describe-user-pool-client` writes them.
    const documents = jsonDocuments(text);
    if (documents && !documents.broken && documents.values.length > 1) return documents.values;
    // Pretty-printed documents (not JSON Lines, whose first line is a whole value): name the one that is broken, not the position after the first.
    if (documents?.broken && documents.values.length > 0 && !isJson(lines.find((l) => l.trim())!)) {
      throw new InputError(`${shown}: the JSON document that starts on line ${documents.broken.line} ${documents.broken.problem}; expected JSON documents one after another.`);
    }
    return lines.flatMap((l, i) => {
      if (!l.trim()) return [];
      try {
        return [{ value: JSON.parse(l) as unknown, line: i + 1 }];
      } catch (e) {
        throw new InputError(`${shown}: line ${i + 1} is not valid JSON (${jsonErrorMessage(e)}); expected one API request or response per line (JSON Lines), `
          + 'JSON documents one after another, or one JSON document.');
      }
    });
  }
}

interface JsonDocuments {
  readonly values: Array<{ value: unknown; line: number }>;
  readonly broken?: { readonly line: number; readonly problem: string };
}

/**
 * The JSON objects or lists of a text, one after another, up to the first
 * that cannot be parsed (`broken`: the line it starts on, and why); undefined
 * when the text holds something else between them.
 */
export function jsonDocuments(text: string): JsonDocuments | undefined {
  const values: Array<{ value: unknown; line: number }> = [];
  let depth = 0;
  let inString = false;
  let start = -1;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (depth === 0 && start < 0) {
      if (/\s/.test(ch) || ch === '\uFEFF') continue;
      if (ch !== '{' && ch !== '[') return undefined;
      start = i;
      startLine = line;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') depth--;
    if (depth === 0 && start >= 0) {
      try {
        values.push({ value: JSON.parse(text.slice(start, i + 1)), line: startLine });
      } catch (e) {
        // Node.js gives the position in the document: the line in the file says where to look.
        const position = /at position (\d+)/.exec(jsonErrorMessage(e))?.[1];
        const at = position === undefined ? '' : ` on line ${startLine + (text.slice(start, start + Number(position)).match(/\n/g)?.length ?? 0)}`;
        return { values, broken: { line: startLine, problem: `is not valid JSON${at} (${jsonErrorMessage(e)})` } };
      }
      start = -1;
    }
  }
  return start < 0 ? { values } : { values, broken: { line: startLine, problem: 'is cut off: it ends before its closing brace or bracket' } };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The JSON values of an API output file given with an option (--current, --user-pool, ...). */
export function readApiFile(file: string): Array<{ value: unknown; line?: number }> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
  return parseApiText(text, file);
}

/** The app clients of API JSON, each checked against the API's shapes; throws InputError naming what is wrong. */
export function apiClientsOf(values: ReadonlyArray<{ value: unknown; line?: number }>, shown: string): ApiClient[] {
  const out: ApiClient[] = [];
  for (const { value, line } of values) {
    const prefix = line === undefined ? '' : `line ${line}: `;
    const items = Array.isArray(value) ? value.map((v, i) => ({ v, at: `$[${i}]` })) : [{ v: value, at: '$' }];
    for (const { v, at } of items) out.push(clientOf(v, `${prefix}${at}`, line, shown));
  }
  if (out.length === 0) throw new InputError(`${shown}: holds no API request or response (an empty list).`);
  return out;
}

/** The pool option that takes an API output with these top-level keys (a description of the pool, its providers or servers), if any. */
export function poolOptionFor(value: object): string | undefined {
  if ('UserPool' in value) return '--user-pool';
  if ('Providers' in value || 'IdentityProvider' in value) return '--identity-providers';
  if ('ResourceServers' in value || 'ResourceServer' in value) return '--resource-servers';
  return undefined;
}

/** What a describe response always holds: one without them was not printed by the API, and would be read as a client it is not. */
const DESCRIBED = ['UserPoolId', 'ClientName', 'ClientId'] as const;

function clientOf(value: unknown, at: string, line: number | undefined, shown: string): ApiClient {
  const where = `${shown}: ${at}`;
  if (!isPlainObject(value)) throw new InputError(`${where} is ${value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value}, not an API request or response.`);
  if ('UserPoolClients' in value) {
    throw new InputError(`${where} is a ListUserPoolClients response, which holds only each client's id and name: describe each client (aws cognito-idp describe-user-pool-client) and give those responses.`);
  }
  // A UserPoolClientType on its own (`--query UserPoolClient`, an SDK's response.UserPoolClient): only a response has these dates.
  if (!('UserPoolClient' in value) && ('CreationDate' in value || 'LastModifiedDate' in value)) {
    return clientOf({ UserPoolClient: value }, at, line, shown);
  }
  if ('UserPoolClient' in value) {
    // The SDKs add their request metadata beside it (boto3: ResponseMetadata; the JavaScript SDK v3: $metadata).
    const extra = Object.keys(value).filter((k) => k !== 'UserPoolClient' && k !== 'ResponseMetadata' && k !== '$metadata');
    if (extra.length > 0) throw new InputError(`${where} has ${extra.join(', ')} beside UserPoolClient; a DescribeUserPoolClient response has only UserPoolClient.`);
    const client = value.UserPoolClient;
    if (!isPlainObject(client)) {
      throw new InputError(`${where}.UserPoolClient is ${client === null ? 'null' : Array.isArray(client) ? 'a list' : typeof client}, not an object: `
        + 'a DescribeUserPoolClient response is {"UserPoolClient": {"UserPoolId": ..., "ClientName": ..., "ClientId": ..., ...}}.');
    }
    checkMembers(client, RESPONSE, `${where}.UserPoolClient`, 'a UserPoolClient (DescribeUserPoolClient response)');
    const missing = DESCRIBED.filter((member) => typeof client[member] !== 'string');
    if (missing.length > 0) {
      throw new InputError(`${where}.UserPoolClient has no ${missing.join(', ')} (as a string), which every DescribeUserPoolClient response holds: `
        + 'give the response as the API printed it.');
    }
    const properties: Record<string, unknown> = { ...client };
    for (const member of FILLED_IN_BY_COGNITO) delete properties[member];
    // A response has no GenerateSecret: the secret Cognito keeps is how it says the client has one (never shown).
    if (typeof client.ClientSecret === 'string') properties.GenerateSecret = true;
    return { at: `${at}.UserPoolClient`, line, kind: InputKind.API_RESPONSE, label: labelOf(client), properties, clientId: client.ClientId as string | undefined };
  }
  const option = poolOptionFor(value);
  if (option) throw new InputError(`${where} looks like the API's description of the pool around clients, not a client: give it with ${option}.`);
  const update = 'ClientId' in value;
  checkMembers(value, update ? UPDATE_REQUEST : CREATE_REQUEST, where, update ? 'an UpdateUserPoolClient request' : 'a CreateUserPoolClient request');
  for (const required of update ? ['UserPoolId', 'ClientId'] : ['UserPoolId', 'ClientName']) {
    if (!(required in value)) throw new InputError(`${where} has no ${required}, which ${update ? 'an UpdateUserPoolClient' : 'a CreateUserPoolClient'} request requires.`);
  }
  const properties: Record<string, unknown> = { ...value };
  delete properties.ClientId;
  // An update cannot say whether the client has a secret: until --current tells, that is unknown to the rules.
  if (update) properties.GenerateSecret = SECRET_OF_UPDATED_CLIENT;
  return { at, line, kind: InputKind.API_REQUEST, label: labelOf(value), properties, clientId: value.ClientId as string | undefined, update };
}

const labelOf = (client: Record<string, unknown>) =>
  // A skeleton's placeholders are empty strings: they name nothing.
  [client.ClientName, client.ClientId].filter((v): v is string => typeof v === 'string' && v !== '').join(', ') || 'unnamed client';

/** Unknown members and wrong types, with the closest member name. */
function checkMembers(value: Record<string, unknown>, allowed: ReadonlySet<string>, where: string, what: string, types = CFN_PROPERTY_TYPES): void {
  for (const [member, v] of Object.entries(value)) {
    if (!allowed.has(member)) {
      const closest = closestOf(member, [...allowed]);
      throw new InputError(`${where} has '${member}', which is not a member of ${what}${closest ? ` (did you mean '${closest}'?)` : ''}. Members: ${[...allowed].sort().join(', ')}.`);
    }
    if (member === 'CreationDate' || member === 'LastModifiedDate') {
      if (typeof v !== 'number' && typeof v !== 'string') throw new InputError(`${where}.${member} must be a timestamp (a number or a date string); got ${JSON.stringify(v)}.`);
      continue;
    }
    checkType(v, types[member], `${where}.${member}`);
  }
}

function checkType(value: unknown, type: PropertyType, where: string): void {
  // A secret given with the wrong type is not shown either (ClientSecret, an ExternalId, inside AnalyticsConfiguration).
  const [parent, member] = where.split('.').slice(-2);
  // JSON.stringify writes a number too large for a double (1e400, read as Infinity) as null.
  const got = () => (typeof value === 'number' && !Number.isFinite(value) ? 'a number too large to be one'
    : JSON.stringify(redact(parent === 'AnalyticsConfiguration' ? `${parent}.${member}` : member, value)) ?? String(value));
  if (type === 'string' && typeof value !== 'string') throw new InputError(`${where} must be a string; got ${got()}.`);
  if (type === 'boolean' && typeof value !== 'boolean') throw new InputError(`${where} must be true or false; got ${got()}.`);
  if (type === 'integer' && !Number.isInteger(value)) throw new InputError(`${where} must be an integer; got ${got()}.`);
  if (type === 'string-list' && (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))) throw new InputError(`${where} must be a list of strings; got ${got()}.`);
  if (typeof type === 'object') {
    if (!isPlainObject(value)) throw new InputError(`${where} must be an object with ${Object.keys(type).join(', ')}; got ${got()}.`);
    checkMembers(value, new Set(Object.keys(type)), where, 'this structure', type);
  }
}
