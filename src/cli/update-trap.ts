import { ApiClient, apiClientsOf, readApiFile, UPDATE_REQUEST } from './api-input';
import { InputError } from './input-error';
import { LoadedTemplate, resourcePath } from './templates';
import { findingOf } from '../engine/validate-client';
import type { Located } from '../reporting/formats';
import { API_DEFAULT_VALUES, API_VALIDITY_DEFAULTS, UNIT_SECONDS } from '../rules/api-model';
import { findRule } from '../rules/registry';
import { InputKind } from '../rules/rule';

/**
 * The update trap: UpdateUserPoolClient resets every setting the request
 * omits to its default. Given the client it updates (`--current`, a
 * DescribeUserPoolClient response), each setting the client has that an
 * update request leaves out is reported (VUPC-UPDATE-FULL-STATE), unless it
 * is at the API's default already; `--print-complete-update` prints the
 * request with them added.
 */

const isStruct = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A current value the API's default equals: a reset loses nothing (a structure: when each of its members is at its default). */
const atDefault = (member: string, value: unknown): boolean => API_DEFAULT_VALUES[member] === value || (Array.isArray(value) && value.length === 0)
  || (isStruct(value) && Object.entries(value).every(([inner, innerValue]) => atDefault(`${member}.${inner}`, innerValue)));

/**
 * True when the request's structure keeps the current one's members it
 * omits: always for units and rotation; for analytics, only when both name
 * the same kind of target (a request that moves from an application id to
 * an ARN replaces the role and external id, which the ARN form has not).
 */
function mergesMembers(member: string, current: Record<string, unknown>, request: Record<string, unknown>): boolean {
  if (member !== 'AnalyticsConfiguration') return true;
  const target = (c: Record<string, unknown>) => (c.ApplicationArn !== undefined ? 'arn' : c.ApplicationId !== undefined ? 'id' : undefined);
  return target(request) === undefined || target(request) === target(current);
}

type Settings = Readonly<Record<string, unknown>>;
const TOKENS = ['AccessToken', 'IdToken', 'RefreshToken'] as const;
type Token = typeof TOKENS[number];

/** The unit a client's or request's settings give a token's validity: its TokenValidityUnits member, else the API's default unit. */
function unitOf(settings: Settings, token: Token): string {
  const units = settings.TokenValidityUnits;
  const unit = isStruct(units) ? units[token] : undefined;
  return typeof unit === 'string' ? unit : API_VALIDITY_DEFAULTS[token].unit;
}

/** True when `member` is a token's validity that lasts as long as the API's default (60 minutes is the default 1 hour): a reset changes nothing. */
function validityAtDefault(member: string, current: Settings): boolean {
  const token = TOKENS.find((t) => member === `${t}Validity`);
  const value = current[member];
  return token !== undefined && typeof value === 'number' && value * (UNIT_SECONDS[unitOf(current, token)] ?? NaN) === API_VALIDITY_DEFAULTS[token].seconds;
}

/**
 * The members (`Structure.Member` for a structure the request gives in part)
 * that the request omits and the current client sets. A token's unit is no
 * setting of its own: with its validity omitted too, both reset to the API's
 * default lifetime (reported on the validity, when that differs); with its
 * validity in the request, it is how the API reads that value (`unitChanges`).
 */
function omitted(current: Settings, request: Settings): Array<{ property: string; value: unknown }> {
  const out: Array<{ property: string; value: unknown }> = [];
  for (const [member, value] of Object.entries(current)) {
    if (!UPDATE_REQUEST.has(member) || member === 'TokenValidityUnits') continue;
    const asked = request[member];
    if (asked === undefined) {
      if (!atDefault(member, value) && !validityAtDefault(member, current)) out.push({ property: member, value });
    } else if (isStruct(value) && isStruct(asked) && mergesMembers(member, value, asked)) {
      for (const [inner, innerValue] of Object.entries(value)) {
        const property = `${member}.${inner}`;
        if (inner in asked || atDefault(property, innerValue) || serviceLinkedRole(member, value, inner)) continue;
        out.push({ property, value: innerValue });
      }
    }
  }
  return out;
}

/**
 * The tokens whose validity the request sets without a unit while the current
 * client counts it in another: the API reads the request's number in its
 * default unit (10 is 10 hours for an access token), not in the client's.
 */
function unitChanges(current: Settings, request: Settings): Array<{ token: Token; value: unknown; from: string; to: string }> {
  return TOKENS.flatMap((token) => {
    const value = request[`${token}Validity`];
    const asked = isStruct(request.TokenValidityUnits) ? request.TokenValidityUnits[token] : undefined;
    const [from, to] = [unitOf(current, token), unitOf(request, token)];
    return value === undefined || asked !== undefined || from === to ? [] : [{ token, value, from, to }];
  });
}

/** Beside an application ARN, a described RoleArn is Cognito's service-linked role, which a request may not send. */
const serviceLinkedRole = (member: string, value: Record<string, unknown>, inner: string) =>
  member === 'AnalyticsConfiguration' && inner === 'RoleArn' && value.ApplicationArn !== undefined;

/**
 * What an update request cannot say itself, taken from the client it
 * updates: whether the client has a secret (an update cannot change that).
 */
export function applyCurrent(templates: readonly LoadedTemplate[], current: ApiClient): void {
  for (const { client } of updatesOf(templates, current)) client.properties.GenerateSecret = current.properties.GenerateSecret === true;
}

/** The client `--current` describes: one DescribeUserPoolClient response. */
export function readCurrent(file: string): ApiClient {
  const clients = apiClientsOf(readApiFile(file), file);
  if (clients.length !== 1 || clients[0].kind !== InputKind.API_RESPONSE) {
    throw new InputError(`${file}: --current takes one DescribeUserPoolClient response ({"UserPoolClient": {...}}), the client the update requests change; got ${clients.length === 1 ? 'a request' : `${clients.length} clients`}.`);
  }
  return clients[0];
}

/**
 * The update requests among the inputs, with the template each was read
 * into; each must update the client `--current` describes (its ClientId,
 * and its pool where both name one), or nothing is compared or printed.
 */
function updatesOf(templates: readonly LoadedTemplate[], current: ApiClient): Array<{ t: LoadedTemplate; client: ApiClient }> {
  const updates = templates.flatMap((t) => (t.apiClients ?? []).filter((c) => c.update).map((client) => ({ t, client })));
  const poolOf = (c: ApiClient) => (typeof c.properties.UserPoolId === 'string' ? c.properties.UserPoolId : undefined);
  for (const { t, client } of updates) {
    const [pool, currentPool] = [poolOf(client), poolOf(current)];
    if (client.clientId !== current.clientId || (pool !== undefined && currentPool !== undefined && pool !== currentPool)) {
      const described = `${current.clientId ?? 'a client without ClientId'}${currentPool === undefined ? '' : ` of ${currentPool}`}`;
      throw new InputError(`${t.file}: ${client.at} updates client ${client.clientId}${pool === undefined ? '' : ` of ${pool}`}, but --current describes ${described}.`);
    }
  }
  return updates;
}

/** What each update request of the inputs would reset on the current client. */
export function resetSettings(templates: readonly LoadedTemplate[], current: ApiClient): Located[] {
  const rule = findRule('VUPC-UPDATE-FULL-STATE')!;
  const out: Located[] = [];
  for (const { t, client } of updatesOf(templates, current)) {
    for (const { property, value } of omitted(current.properties, client.properties)) {
      const violation = {
        property,
        value,
        problem: 'is set on the current client and missing from this UpdateUserPoolClient request, which resets it to its default',
        fix: `Add ${property} with its current value to the request (--print-complete-update prints the complete request), or leave it out if the reset is meant.`,
      };
      const finding = findingOf(rule, resourcePath(t, client.at), violation, rule.severity);
      out.push({ file: t.file, line: client.line, logicalId: client.at, finding });
    }
    for (const { token, value, from, to } of unitChanges(current.properties, client.properties)) {
      const property = `TokenValidityUnits.${token}`;
      const violation = {
        property,
        value: from,
        problem: `is set on the current client and missing from this UpdateUserPoolClient request, so the request's ${token}Validity ${value} `
          + `is read in ${to} (the API's default unit), not in ${from}`,
        fix: `Add ${property}: ${from} to the request if ${value} ${from} is meant, or ${to} to say so (--print-complete-update writes ${to}, `
          + 'as the API reads the request).',
      };
      const finding = findingOf(rule, resourcePath(t, client.at), violation, rule.severity);
      out.push({ file: t.file, line: client.line, logicalId: client.at, finding });
    }
  }
  return out;
}

/** The update request with every setting of the current client it omits added: what to send to keep them. */
export function completeUpdate(templates: readonly LoadedTemplate[], current: ApiClient): Record<string, unknown> {
  const updates = updatesOf(templates, current);
  if (updates.length !== 1) throw new InputError(`--print-complete-update takes one UpdateUserPoolClient request among the inputs; got ${updates.length}.`);
  const { client } = updates[0];
  const kept = Object.fromEntries(Object.entries(current.properties).filter(([member]) => UPDATE_REQUEST.has(member)));
  const analytics = kept.AnalyticsConfiguration;
  if (isStruct(analytics) && analytics.RoleArn !== undefined && serviceLinkedRole('AnalyticsConfiguration', analytics, 'RoleArn')) {
    const { RoleArn: _serviceLinked, ...rest } = analytics;
    kept.AnalyticsConfiguration = rest;
  }
  const { GenerateSecret: _notAnUpdateMember, ...request } = client.properties;
  // A structure the request gives in part keeps the current members it omits: the update would reset them one by one.
  const merged: Record<string, unknown> = { ...kept, ...request };
  for (const [member, asked] of Object.entries(request)) {
    const value = kept[member];
    if (isStruct(value) && isStruct(asked) && mergesMembers(member, value, asked)) merged[member] = { ...value, ...asked };
  }
  // A validity the request gives without its unit is read in the API's default unit: the current client's unit must not change it.
  const changes = unitChanges(current.properties, request);
  if (changes.length > 0) {
    const units = isStruct(merged.TokenValidityUnits) ? merged.TokenValidityUnits : {};
    merged.TokenValidityUnits = { ...units, ...Object.fromEntries(changes.map(({ token, to }) => [token, to])) };
  }
  return { ...merged, ClientId: client.clientId };
}
