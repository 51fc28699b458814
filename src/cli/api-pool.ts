import { readFileSync } from 'fs';
import { parseApiText } from './api-input';
import { InputError } from './input-error';
import type { LoadedTemplate } from './templates';

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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function values(file: string): unknown[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
  return parseApiText(text, file).flatMap(({ value }) => (Array.isArray(value) ? value : [value]));
}

/** The pool as template resources, with the pool's id and what names each resource in findings. */
export function poolResources(files: PoolFiles): { poolId: string; resources: Record<string, unknown>; names: Map<string, string> } {
  const [described] = values(files.userPool);
  const pool = isObject(described) ? described.UserPool : undefined;
  if (!isObject(pool) || typeof pool.Id !== 'string') {
    throw new InputError(`${files.userPool}: --user-pool takes a DescribeUserPool response ({"UserPool": {"Id": ..., ...}}).`);
  }
  // The pool's id is its logical id here: findings about it then name it as the API does.
  const poolId = pool.Id;
  const schema = Array.isArray(pool.SchemaAttributes) ? pool.SchemaAttributes.filter(isObject) : [];
  const resources: Record<string, unknown> = {
    [poolId]: {
      Type: 'AWS::Cognito::UserPool',
      Properties: {
        // A template names a custom attribute without its prefix; a described pool, with it.
        Schema: schema.filter((a) => typeof a.Name === 'string').map((a) => ({ Name: (a.Name as string).replace(/^custom:/, ''), Required: a.Required === true })),
        ...(typeof pool.UserPoolTier === 'string' ? { UserPoolTier: pool.UserPoolTier } : {}),
      },
    },
  };
  const names = new Map([[poolId, `${files.userPool} (user pool ${pool.Id})`]]);
  if (typeof pool.Domain === 'string' || typeof pool.CustomDomain === 'string') {
    resources.Domain = { Type: 'AWS::Cognito::UserPoolDomain', Properties: { UserPoolId: { Ref: poolId }, Domain: pool.CustomDomain ?? pool.Domain } };
  }
  for (const file of files.identityProviders ?? []) {
    for (const [i, provider] of providersIn(file).entries()) {
      const id = `IdentityProvider${Object.keys(resources).length}`;
      // A listed provider's attribute mapping is not in the list: unknown (null), not empty.
      resources[id] = { Type: 'AWS::Cognito::UserPoolIdentityProvider', Properties: { UserPoolId: { Ref: poolId }, ProviderName: provider.ProviderName, ProviderType: provider.ProviderType, AttributeMapping: provider.AttributeMapping ?? null } };
      names.set(id, `${file} (identity provider ${String(provider.ProviderName ?? i)})`);
    }
  }
  for (const file of files.resourceServers ?? []) {
    for (const server of serversIn(file)) {
      const id = `ResourceServer${Object.keys(resources).length}`;
      resources[id] = { Type: 'AWS::Cognito::UserPoolResourceServer', Properties: { UserPoolId: { Ref: poolId }, Identifier: server.Identifier, Name: server.Name, Scopes: server.Scopes ?? [] } };
      names.set(id, `${file} (resource server ${String(server.Identifier)})`);
    }
  }
  return { poolId, resources, names };
}

function providersIn(file: string): Array<Record<string, unknown>> {
  return values(file).flatMap((v) => {
    if (isObject(v) && Array.isArray(v.Providers)) return v.Providers.filter(isObject);
    if (isObject(v) && isObject(v.IdentityProvider)) return [v.IdentityProvider];
    throw new InputError(`${file}: --identity-providers takes ListIdentityProviders responses ({"Providers": [...]}) or DescribeIdentityProvider responses ({"IdentityProvider": {...}}).`);
  }).map((p) => {
    if (typeof p.ProviderName !== 'string') throw new InputError(`${file}: an identity provider has no ProviderName.`);
    return p;
  });
}

function serversIn(file: string): Array<Record<string, unknown>> {
  return values(file).flatMap((v) => {
    if (isObject(v) && Array.isArray(v.ResourceServers)) return v.ResourceServers.filter(isObject);
    if (isObject(v) && isObject(v.ResourceServer)) return [v.ResourceServer];
    throw new InputError(`${file}: --resource-servers takes ListResourceServers responses ({"ResourceServers": [...]}) or DescribeResourceServer responses ({"ResourceServer": {...}}).`);
  }).map((s) => {
    if (typeof s.Identifier !== 'string') throw new InputError(`${file}: a resource server has no Identifier.`);
    return s;
  });
}

type ClientResource = { Type: string; Properties: Record<string, unknown> };

/** The API templates with the pool added: the clients of the described pool refer to it. */
export function withPool(templates: readonly LoadedTemplate[], files: PoolFiles): LoadedTemplate[] {
  const { poolId, resources, names } = poolResources(files);
  return templates.map((t) => {
    if (!t.apiClients) return t;
    const own = (isObject(t.template) && isObject(t.template.Resources) ? t.template.Resources : {}) as Record<string, ClientResource>;
    const ofPool = (r: ClientResource) => ({ ...r, Properties: { ...r.Properties, UserPoolId: { Ref: poolId } } });
    const clients = Object.fromEntries(Object.entries(own).map(([id, r]) => [id, r.Properties.UserPoolId === poolId ? ofPool(r) : r]));
    return { ...t, template: { Resources: { ...resources, ...clients } }, constructPaths: new Map([...names, ...t.constructPaths]) };
  });
}
