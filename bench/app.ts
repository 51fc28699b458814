/**
 * The benchmark's apps: `n` app clients over stacks of at most 400
 * resources, each stack with a user pool, its domain, three OIDC identity
 * providers and a resource server; half web clients (code grant), half
 * machine-to-machine clients. Every client passes the validator and the
 * recommended policy, so the benchmark measures checking, not reporting.
 * The cross-stack variants keep each stack's pool and what surrounds it in
 * one stack of pools instead, which the clients refer to.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { App, AppProps, AspectPriority, Aspects, IAspect, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct, IConstruct } from 'constructs';
// The compiled library, as apps use it (`npx projen bench` compiles it first).
// eslint-disable-next-line import/no-unresolved
import { UserPoolClientPolicy, UserPoolClientValidator, ValidatedUserPoolClient } from '../lib';

// ts-node, which runs the benchmark, maps every stack trace through source maps, and CDK
// captures one for each construct it creates. An app run as compiled JavaScript does not
// pay that, so the benchmark does not either (it would inflate every baseline).
(Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined;

const STACK_RESOURCES = 400;
const SUPPORT_RESOURCES = 6; // a pool, its domain, three identity providers, a resource server

export type ClientKind = 'l1' | 'l2' | 'validated';
export interface Variant {
  readonly kind: ClientKind;
  /** Every client gets token lifetimes of its own, so no two share a configuration (the memo's worst case). */
  readonly distinct?: boolean;
  /** The pools (with their domains, providers and resource servers) are in a stack of their own. */
  readonly crossStack?: boolean;
  readonly validator?: boolean;
  readonly policy?: boolean;
  /** An aspect that does nothing, in the validator's place: what CDK charges for applying any aspect. */
  readonly noopAspect?: boolean;
  readonly builtinValidation?: boolean;
}

/** The variants every size is measured with. */
export const VARIANTS: Record<string, Variant> = {
  plain: { kind: 'l1' },
  validator: { kind: 'l1', validator: true },
  policy: { kind: 'l1', validator: true, policy: true },
  l2: { kind: 'l2' },
  validated: { kind: 'validated' },
  plainDistinct: { kind: 'l1', distinct: true },
  validatorDistinct: { kind: 'l1', distinct: true, validator: true },
  plainCrossStack: { kind: 'l1', crossStack: true },
  validatorCrossStack: { kind: 'l1', crossStack: true, validator: true },
  /** The plain app again, in processes of its own with the no-op aspect. */
  baseline: { kind: 'l1' },
  noopAspect: { kind: 'l1', noopAspect: true },
};

/** CDK's built-in CloudFormation validation on: measured on its own, not in the ratios above. */
export const BUILTIN_VALIDATION: Variant = { kind: 'l1', builtinValidation: true };

export function buildApp(n: number, v: Variant): App {
  const app = new App({ builtinCloudFormationValidation: v.builtinValidation ?? false, outdir: mkdtempSync(join(tmpdir(), 'vupc-bench-')) } as AppProps);
  const perStack = STACK_RESOURCES - SUPPORT_RESOURCES;
  const pools = v.crossStack ? new Stack(app, 'Pools') : undefined;
  for (let s = 0; s * perStack < n; s++) {
    const stack = new Stack(app, `Clients${s}`);
    const support = addSupport(pools ? new Construct(pools, `For${s}`) : stack, s);
    for (let c = 0; c < Math.min(perStack, n - s * perStack); c++) {
      addClient(stack, `C${c}`, support, c % 2 === 0, v.kind, v.distinct ? s * perStack + c : undefined);
    }
    if (v.noopAspect) Aspects.of(stack).add(new Timed({ visit: () => undefined }), { priority: AspectPriority.READONLY });
    if (v.validator) Aspects.of(stack).add(new Timed(new UserPoolClientValidator()), { priority: AspectPriority.READONLY });
    if (v.policy) Aspects.of(stack).add(new Timed(UserPoolClientPolicy.recommended()), { priority: AspectPriority.READONLY });
  }
  return app;
}

/** Milliseconds spent inside the library's aspects since the last reset. */
let insideAspects = 0;

/**
 * Times an aspect's visits: the library's own share of a synth, a figure
 * far steadier than the difference of two noisy runs. It costs two clock
 * reads per construct (well under 0.1% of a synth).
 */
class Timed implements IAspect {
  public constructor(private readonly inner: IAspect) {}
  public visit(node: IConstruct): void {
    const start = performance.now();
    this.inner.visit(node);
    insideAspects += performance.now() - start;
  }
}

interface Support {
  readonly pool: cognito.UserPool;
  readonly server: cognito.UserPoolResourceServer;
  readonly read: cognito.ResourceServerScope;
}

/** A pool with its domain, a resource server and three OIDC providers, for the clients of stack `s`. */
function addSupport(scope: Construct, s: number): Support {
  const pool = new cognito.UserPool(scope, 'Pool');
  pool.addDomain('Domain', { cognitoDomain: { domainPrefix: `bench-${s}` } });
  const read = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'read' });
  const server = new cognito.UserPoolResourceServer(scope, 'Api', { userPool: pool, identifier: 'api', scopes: [read] });
  for (const [i, name] of ['CorpA', 'CorpB', 'CorpC'].entries()) {
    new cognito.UserPoolIdentityProviderOidc(scope, name, { userPool: pool, name, clientId: `id${i}`, clientSecret: 'secret', issuerUrl: `https://login${i}.example.com` });
  }
  return { pool, server, read };
}

/** Access and ID token lifetimes (60-1,440 minutes) that no other client of the app has. */
function lifetimesOf(index: number) {
  const span = 1440 - 60 + 1;
  return { accessTokenValidity: 60 + (index % span), idTokenValidity: 60 + Math.floor(index / span), tokenValidityUnits: { accessToken: 'minutes', idToken: 'minutes' } };
}

function addClient(stack: Stack, id: string, { pool, server, read }: Support, web: boolean, kind: ClientKind, distinct?: number): void {
  const scope = cognito.OAuthScope.resourceServer(server, read);
  const callbackUrls = [`https://${id.toLowerCase()}.example.com/cb`];
  const cognitoOnly = [cognito.UserPoolClientIdentityProvider.COGNITO];
  if (kind === 'validated') {
    new ValidatedUserPoolClient(stack, id, web
      ? { userPool: pool, oAuth: { scopes: [cognito.OAuthScope.OPENID], callbackUrls }, supportedIdentityProviders: cognitoOnly }
      : { userPool: pool, generateSecret: true, oAuth: { flows: { clientCredentials: true }, scopes: [scope] } });
  } else if (kind === 'l2') {
    const oAuth = { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID], callbackUrls };
    const secure = { userPool: pool, userPoolClientName: id, preventUserExistenceErrors: true, authFlows: { userSrp: true } };
    new cognito.UserPoolClient(stack, id, web
      ? { ...secure, oAuth, supportedIdentityProviders: cognitoOnly }
      : { ...secure, generateSecret: true, oAuth: { flows: { clientCredentials: true }, scopes: [scope] } });
  } else {
    const secure = {
      userPoolId: pool.userPoolId,
      clientName: id,
      preventUserExistenceErrors: 'ENABLED',
      explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      ...(distinct === undefined ? {} : lifetimesOf(distinct)),
    };
    new cognito.CfnUserPoolClient(stack, id, web
      ? { ...secure, allowedOAuthFlowsUserPoolClient: true, allowedOAuthFlows: ['code'], allowedOAuthScopes: ['openid'], callbackUrLs: callbackUrls, supportedIdentityProviders: ['COGNITO'] }
      : { ...secure, generateSecret: true, allowedOAuthFlowsUserPoolClient: true, allowedOAuthFlows: ['client_credentials'], allowedOAuthScopes: [scope.scopeName] });
  }
}

export interface Timing {
  /** `app.synth()` alone (aspects run here). */
  readonly synth: number;
  /** Building the app and synthesizing it: what `cdk synth` runs. */
  readonly total: number;
  /** Inside the library's aspects (validator and policy), during the synth. */
  readonly aspects: number;
}

/** Builds and synthesizes one app; milliseconds. The cloud assembly is removed afterwards (untimed). */
export function timeOnce(n: number, v: Variant): Timing {
  insideAspects = 0;
  const start = process.hrtime.bigint();
  const app = buildApp(n, v);
  const built = process.hrtime.bigint();
  app.synth();
  const end = process.hrtime.bigint();
  rmSync(app.outdir, { recursive: true, force: true });
  return { synth: Number(end - built) / 1e6, total: Number(end - start) / 1e6, aspects: insideAspects };
}
