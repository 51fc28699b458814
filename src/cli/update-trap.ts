import { ApiClient, apiClientsOf, readApiFile, UPDATE_REQUEST } from './api-input';
import { InputError } from './input-error';
import { LoadedTemplate, resourcePath } from './templates';
import { findingOf } from '../engine/validate-client';
import type { Located } from '../reporting/formats';
import { API_DEFAULT_VALUES } from '../rules/api-model';
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

/** A current value the API's default equals: a reset loses nothing. */
const atDefault = (member: string, value: unknown) =>
  API_DEFAULT_VALUES[member] === value || (Array.isArray(value) && value.length === 0);

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
    for (const member of Object.keys(current.properties)) {
      const value = current.properties[member];
      if (!UPDATE_REQUEST.has(member) || member in client.properties || atDefault(member, value)) continue;
      const violation = {
        property: member,
        value,
        problem: 'is set on the current client and missing from this UpdateUserPoolClient request, which resets it to its default',
        fix: `Add ${member} with its current value to the request (--print-complete-update prints the complete request), or leave it out if the reset is meant.`,
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
  // Beside an application ARN, a described RoleArn is Cognito's service-linked role, which a request may not send.
  const analytics = kept.AnalyticsConfiguration as Record<string, unknown> | undefined;
  if (analytics?.ApplicationArn !== undefined && analytics.RoleArn !== undefined) {
    const { RoleArn: _serviceLinked, ...rest } = analytics;
    kept.AnalyticsConfiguration = rest;
  }
  const { GenerateSecret: _notAnUpdateMember, ...request } = client.properties;
  return { ...kept, ...request, ClientId: client.clientId };
}
