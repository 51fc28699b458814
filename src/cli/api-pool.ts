import { isDeepStrictEqual } from 'util';
import { readApiFile } from './api-input';
import { InputError } from './input-error';
import type { LoadedTemplate } from './templates';
import type { ExternalResources } from '../engine/pools';
import { customAttributeName } from '../rules/api-model';
import { isPlainObject } from '../rules/values';

/**
 * The user pool around API clients, from the API's own outputs: what the
 * template index reads from a template's pool, providers, resource servers
 * and domain, so that the cross-resource rules run on API input too.
 *
 * - `--user-pool`: a DescribeUserPool response (`{"UserPool": {...}}`): its
 *   id, custom and required attributes, feature plan (`UserPoolTier`) and domain;
 * - `--identity-providers`: ListIdentityProviders responses (provider names
 *   and types; attribute mappings unknown) or DescribeIdentityProvider
 *   responses (with their mappings);
 * - `--resource-servers`: ListResourceServers or DescribeResourceServer responses.
 *
 * The clients whose UserPoolId is the described pool's are checked against
 * it; others, and every client when no pool is given, are treated as clients
 * of an imported pool (the rules about the pool are skipped).
 */
export interface PoolFiles {
  readonly userPool: string;
  readonly identityProviders?: readonly string[];
  readonly resourceServers?: readonly string[];
}

/** The command line's options that give API clients their pool (for `parseArgs`), in every command that reads API JSON. */
export const POOL_OPTIONS = {
  'user-pool': { type: 'string' },
  'identity-providers': { type: 'string', multiple: true },
  'resource-servers': { type: 'string', multiple: true },
} as const;

/** The files those options name; `usage` makes the error for providers or servers given without their pool. */
export function poolFilesOf(
  v: { readonly 'user-pool'?: string; readonly 'identity-providers'?: string[]; readonly 'resource-servers'?: string[] },
  usage: (message: string) => Error,
): PoolFiles | undefined {
  if ((v['identity-providers'] || v['resource-servers']) && v['user-pool'] === undefined) {
    throw usage('--identity-providers and --resource-servers need --user-pool, the pool they belong to.');
  }
  return v['user-pool'] === undefined ? undefined : { userPool: v['user-pool'], identityProviders: v['identity-providers'], resourceServers: v['resource-servers'] };
}

function values(file: string): unknown[] {
  return readApiFile(file).flatMap(({ value }) => (Array.isArray(value) ? value : [value]));
}

/** The pool as template resources, with the pool's id and what names each resource in findings. */
function poolResources(files: PoolFiles): { poolId: string; resources: Record<string, unknown>; names: Map<string, string>; unmapped: string[] } {
  const all = values(files.userPool);
  // One pool per run: a second description would be left unread, so it is refused rather than ignored.
  if (all.length > 1) {
    throw new InputError(`${files.userPool}: --user-pool takes one DescribeUserPool response; the file holds ${all.length} JSON values. `
      + 'Give the pool of the app clients checked (run once per pool for clients of several pools).');
  }
  const [described] = all;
  const pool = isPlainObject(described) ? described.UserPool : undefined;
  if (!isPlainObject(pool) || typeof pool.Id !== 'string') {
    throw new InputError(`${files.userPool}: --user-pool takes a DescribeUserPool response ({"UserPool": {"Id": ..., ...}}).`);
  }
  // The pool's id is its logical id here: findings about it then name it as the API does.
  const poolId = pool.Id;
  const schema = Array.isArray(pool.SchemaAttributes) ? pool.SchemaAttributes.filter(isPlainObject) : [];
  const resources: Record<string, unknown> = {
    [poolId]: {
      Type: 'AWS::Cognito::UserPool',
      Properties: {
        // A template names a custom attribute without its prefix; a described pool, with it.
        Schema: schema.filter((a) => typeof a.Name === 'string').map((a) => ({ Name: customAttributeName(a.Name as string), Required: a.Required === true })),
        ...(typeof pool.UserPoolTier === 'string' ? { UserPoolTier: pool.UserPoolTier } : {}),
      },
    },
  };
  const names = new Map([[poolId, `${files.userPool} (user pool ${pool.Id})`]]);
  if (typeof pool.Domain === 'string' || typeof pool.CustomDomain === 'string') {
    resources.Domain = { Type: 'AWS::Cognito::UserPoolDomain', Properties: { UserPoolId: { Ref: poolId }, Domain: pool.CustomDomain ?? pool.Domain } };
  }
  // A provider given twice (its list entry and its description) is one provider: what the description adds is kept.
  const providers = new Map<string, { provider: Record<string, unknown>; file: string }>();
  for (const file of files.identityProviders ?? []) {
    for (const provider of providersIn(file, poolId)) {
      const name = provider.ProviderName as string;
      const known = providers.get(name);
      if (known && provider.AttributeMapping === undefined) continue;
      if (known?.provider.AttributeMapping !== undefined && !isDeepStrictEqual(known.provider.AttributeMapping, provider.AttributeMapping)) {
        throw new InputError(`${file}: --identity-providers describes identity provider ${name} with another AttributeMapping than ${known.file} does: `
          + 'give one description of each provider.');
      }
      providers.set(name, { provider, file });
    }
  }
  for (const { provider, file } of providers.values()) {
    const id = `IdentityProvider${Object.keys(resources).length}`;
    // A listed provider's attribute mapping is not in the list: unknown (null), not empty.
    resources[id] = { Type: 'AWS::Cognito::UserPoolIdentityProvider', Properties: { UserPoolId: { Ref: poolId }, ProviderName: provider.ProviderName, ProviderType: provider.ProviderType, AttributeMapping: provider.AttributeMapping ?? null } };
    names.set(id, `${file} (identity provider ${String(provider.ProviderName)})`);
  }
  const unmapped = [...providers].filter(([, { provider }]) => provider.AttributeMapping === undefined).map(([name]) => name);
  for (const file of files.resourceServers ?? []) {
    for (const server of serversIn(file, poolId)) {
      const id = `ResourceServer${Object.keys(resources).length}`;
      resources[id] = { Type: 'AWS::Cognito::UserPoolResourceServer', Properties: { UserPoolId: { Ref: poolId }, Identifier: server.Identifier, Name: server.Name, Scopes: server.Scopes ?? [] } };
      names.set(id, `${file} (resource server ${String(server.Identifier)})`);
    }
  }
  return { poolId, resources, names, unmapped };
}

/** How the API names one kind of pool resource in its List and Describe responses. */
interface Shapes {
  readonly list: string;
  readonly one: string;
  readonly key: string;
  readonly what: string;
  readonly operations: [string, string];
}

/**
 * The entries of List... responses (`{"<list>": [...]}`) or Describe...
 * responses (`{"<one>": {...}}`), each with its `key`, all of the pool
 * `poolId` where an entry names its pool.
 */
function entriesIn(file: string, option: string, shapes: Shapes, poolId: string): Array<Record<string, unknown>> {
  return values(file).flatMap((v) => {
    // One page of a list: what is on the next pages would be reported as missing from the pool.
    if (isPlainObject(v) && Array.isArray(v[shapes.list]) && typeof v.NextToken === 'string' && v.NextToken !== '') {
      throw new InputError(`${file}: ${option} holds one page of a ${shapes.operations[0]} response (NextToken is set): give every page `
        + '(the AWS CLI pages through them unless --max-items or --no-paginate is given), or the rest would be reported as missing.');
    }
    if (isPlainObject(v) && Array.isArray(v[shapes.list])) return (v[shapes.list] as unknown[]).filter(isPlainObject);
    if (isPlainObject(v) && isPlainObject(v[shapes.one])) {
      const one = v[shapes.one] as Record<string, unknown>;
      // A described provider without a mapping maps nothing (only a list leaves the mapping unknown).
      return [shapes === PROVIDERS && !('AttributeMapping' in one) ? { ...one, AttributeMapping: {} } : one];
    }
    throw new InputError(`${file}: ${option} takes ${shapes.operations[0]} responses ({"${shapes.list}": [...]}) or ${shapes.operations[1]} responses ({"${shapes.one}": {...}}).`);
  }).map((entry) => {
    if (typeof entry[shapes.key] !== 'string') throw new InputError(`${file}: ${shapes.what} has no ${shapes.key}.`);
    // Another pool's (a dev pool's list beside the prod pool) would stand in for what this pool lacks: a silent pass.
    if (typeof entry.UserPoolId === 'string' && entry.UserPoolId !== poolId) {
      throw new InputError(`${file}: ${option} holds ${shapes.what} of user pool ${entry.UserPoolId} (${shapes.key} ${String(entry[shapes.key])}), `
        + `not of the --user-pool pool ${poolId}: give the ${shapes.operations[0]} response of ${poolId}.`);
    }
    return entry;
  });
}

const PROVIDERS: Shapes = {
  list: 'Providers', one: 'IdentityProvider', key: 'ProviderName', what: 'an identity provider', operations: ['ListIdentityProviders', 'DescribeIdentityProvider'],
};
const SERVERS: Shapes = {
  list: 'ResourceServers', one: 'ResourceServer', key: 'Identifier', what: 'a resource server', operations: ['ListResourceServers', 'DescribeResourceServer'],
};
const providersIn = (file: string, poolId: string) => entriesIn(file, '--identity-providers', PROVIDERS, poolId);
const serversIn = (file: string, poolId: string) => entriesIn(file, '--resource-servers', SERVERS, poolId);

type ClientResource = { Type: string; Properties: Record<string, unknown> };

/**
 * A DescribeUserPool response lists neither the pool's identity providers
 * nor its resource servers: without their options they are unknown, not
 * absent, and the rules about them do not run (said in a notice).
 */
function unknownAroundPool(files: PoolFiles, unmapped: readonly string[]): { external: ExternalResources; notices: string[] } {
  const providers = files.identityProviders === undefined;
  const servers = files.resourceServers === undefined;
  const notices: string[] = [];
  if (providers) notices.push('the pool\'s identity providers were not given (--identity-providers), so the rules about the providers a client lists did not run');
  // A ListIdentityProviders response has no attribute mappings: which attributes a provider writes is unknown, not none.
  if (unmapped.length > 0) {
    notices.push(`the attribute mapping of identity provider${unmapped.length === 1 ? '' : 's'} ${unmapped.join(', ')} is not in a ListIdentityProviders response, `
      + 'so VUPC-WRITE-MAPPED did not run for them: give their DescribeIdentityProvider responses (aws cognito-idp describe-identity-provider) with --identity-providers');
  }
  if (servers) notices.push('the pool\'s resource servers were not given (--resource-servers), so the rules about the custom scopes a client lists did not run');
  return { external: { identityProviders: [], resourceServers: [], unknownIdentityProviders: providers, unknownResourceServers: servers }, notices };
}

/** What an API client checked without its pool is told (never a silent pass). */
const POOL_RULES_NOT_RUN = 'the rules about the user pool (identity providers, scopes, attributes, domain) did not run: give --user-pool to run them';

/**
 * The API templates with the pool added, when one is given: the clients of
 * the described pool refer to it. A client checked without one (no pool
 * given, or a client of another pool) is named in its input's notices.
 */
export function withPool(templates: readonly LoadedTemplate[], files: PoolFiles | undefined): LoadedTemplate[] {
  if (!files) return templates.map((t) => (t.apiClients ? { ...t, notices: [...t.notices, POOL_RULES_NOT_RUN] } : t));
  const { poolId, resources, names, unmapped } = poolResources(files);
  const unknown = unknownAroundPool(files, unmapped);
  return templates.map((t) => {
    if (!t.apiClients) return t;
    const own = (isPlainObject(t.template) && isPlainObject(t.template.Resources) ? t.template.Resources : {}) as Record<string, ClientResource>;
    const ofPool = (r: ClientResource) => ({ ...r, Properties: { ...r.Properties, UserPoolId: { Ref: poolId } } });
    const clients = Object.fromEntries(Object.entries(own).map(([id, r]) => [id, r.Properties.UserPoolId === poolId ? ofPool(r) : r]));
    const elsewhere = t.apiClients.filter((c) => c.properties.UserPoolId !== poolId).map((c) => {
      const id = c.properties.UserPoolId;
      return `${c.at} (${c.label}) is a client of ${typeof id === 'string' ? `pool ${id}` : 'no named pool'}, not of the --user-pool pool ${poolId}: `
        + 'the rules about the user pool did not run for it';
    });
    return {
      ...t,
      template: { Resources: { ...resources, ...clients } },
      constructPaths: new Map([...names, ...t.constructPaths]),
      notices: [...t.notices, ...elsewhere, ...(elsewhere.length < t.apiClients.length ? unknown.notices : [])],
      external: unknown.external,
    };
  });
}
