/**
 * Benchmark: what validation costs at synth time, and the command line on a
 * large template. Run with `npx projen bench` (it uses the newest aws-cdk-lib
 * tested, whose built-in CloudFormation validation can be switched off).
 *
 * Every comparison runs in this one process, alternating the variants, and
 * reports medians and ratios; results go to bench/results/<date>.json.
 * BENCH_SIZES=100,1000 and BENCH_REPS=3 narrow a run.
 */
import { execFileSync, spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { cpus, tmpdir, totalmem } from 'os';
import { join } from 'path';
import { App, AppProps, AspectPriority, Aspects, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { UserPoolClientPolicy, UserPoolClientValidator, ValidatedUserPoolClient } from '../src';

const SIZES = (process.env.BENCH_SIZES ?? '100,1000,3000').split(',').map(Number);
const REPS = Number(process.env.BENCH_REPS ?? 5);
const STACK_RESOURCES = 400;
const SUPPORT_RESOURCES = 6; // a pool, its domain, three identity providers, a resource server
const CLI_CLIENTS = 5000;

type ClientKind = 'l1' | 'l2' | 'validated';
interface Variant {
  readonly kind: ClientKind;
  readonly validator?: boolean;
  readonly policy?: boolean;
  readonly builtinValidation?: boolean;
}

/** An app of `n` clients over stacks of at most 400 resources, half web clients (code grant), half machine clients. */
function buildApp(n: number, v: Variant): App {
  const app = new App({ builtinCloudFormationValidation: v.builtinValidation ?? false, outdir: mkdtempSync(join(tmpdir(), 'vupc-bench-')) } as AppProps);
  const perStack = STACK_RESOURCES - SUPPORT_RESOURCES;
  for (let s = 0; s * perStack < n; s++) {
    const stack = new Stack(app, `Clients${s}`);
    const pool = new cognito.UserPool(stack, 'Pool');
    pool.addDomain('Domain', { cognitoDomain: { domainPrefix: `bench-${s}` } });
    const read = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'read' });
    const server = new cognito.UserPoolResourceServer(stack, 'Api', { userPool: pool, identifier: 'api', scopes: [read] });
    for (const [i, name] of ['CorpA', 'CorpB', 'CorpC'].entries()) {
      new cognito.UserPoolIdentityProviderOidc(stack, name, { userPool: pool, name, clientId: `id${i}`, clientSecret: 'secret', issuerUrl: `https://login${i}.example.com` });
    }
    for (let c = 0; c < Math.min(perStack, n - s * perStack); c++) addClient(stack, `C${c}`, { pool, server, read }, c % 2 === 0, v.kind);
    if (v.validator) Aspects.of(stack).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
    if (v.policy) Aspects.of(stack).add(UserPoolClientPolicy.recommended(), { priority: AspectPriority.READONLY });
  }
  return app;
}

interface Support {
  readonly pool: cognito.UserPool;
  readonly server: cognito.UserPoolResourceServer;
  readonly read: cognito.ResourceServerScope;
}

function addClient(stack: Stack, id: string, { pool, server, read }: Support, web: boolean, kind: ClientKind): void {
  const scope = cognito.OAuthScope.resourceServer(server, read);
  const callbackUrls = [`https://${id.toLowerCase()}.example.com/cb`];
  const cognitoOnly = [cognito.UserPoolClientIdentityProvider.COGNITO];
  if (kind === 'validated') {
    new ValidatedUserPoolClient(stack, id, web
      ? { userPool: pool, oAuthFlows: { authorizationCodeGrant: true }, callbackUrls, supportedIdentityProviders: cognitoOnly }
      : { userPool: pool, generateSecret: true, authFlows: {}, oAuthFlows: { clientCredentials: true }, oAuthScopes: [scope] });
  } else if (kind === 'l2') {
    const oAuth = { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID], callbackUrls };
    const secure = { userPool: pool, userPoolClientName: id, preventUserExistenceErrors: true, authFlows: { userSrp: true } };
    new cognito.UserPoolClient(stack, id, web
      ? { ...secure, oAuth, supportedIdentityProviders: cognitoOnly }
      : { ...secure, generateSecret: true, oAuth: { flows: { clientCredentials: true }, scopes: [scope] } });
  } else {
    // Clients that pass the validator and the recommended policy: the benchmark measures checking, not reporting.
    const secure = { userPoolId: pool.userPoolId, clientName: id, preventUserExistenceErrors: 'ENABLED', explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] };
    new cognito.CfnUserPoolClient(stack, id, web
      ? { ...secure, allowedOAuthFlowsUserPoolClient: true, allowedOAuthFlows: ['code'], allowedOAuthScopes: ['openid'], callbackUrLs: callbackUrls, supportedIdentityProviders: ['COGNITO'] }
      : { ...secure, generateSecret: true, allowedOAuthFlowsUserPoolClient: true, allowedOAuthFlows: ['client_credentials'], allowedOAuthScopes: [scope.scopeName] });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

interface Timing {
  /** `app.synth()` alone (aspects run here). */
  readonly synth: number;
  /** Building the app and synthesizing it: what `cdk synth` runs. */
  readonly total: number;
}

/** Times fresh apps, the variants alternating, `reps` times each; medians in milliseconds. */
function timeSynth(n: number, variants: Record<string, Variant>, reps: number): Record<string, Timing> {
  const times: Record<string, { synth: number[]; total: number[] }> = {};
  for (const k of Object.keys(variants)) times[k] = { synth: [], total: [] };
  for (let r = 0; r < reps; r++) {
    for (const [name, v] of Object.entries(variants)) {
      gc();
      const start = process.hrtime.bigint();
      const app = buildApp(n, v);
      const built = process.hrtime.bigint();
      app.synth();
      const end = process.hrtime.bigint();
      times[name].synth.push(Number(end - built) / 1e6);
      times[name].total.push(Number(end - start) / 1e6);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, t]) => [k, { synth: median(t.synth), total: median(t.total) }]));
}

function cliTemplate(n: number): string {
  const resources: Record<string, unknown> = {
    Pool: { Type: 'AWS::Cognito::UserPool' },
    Domain: { Type: 'AWS::Cognito::UserPoolDomain', Properties: { UserPoolId: { Ref: 'Pool' }, Domain: 'bench' } },
    Api: { Type: 'AWS::Cognito::UserPoolResourceServer', Properties: { UserPoolId: { Ref: 'Pool' }, Identifier: 'api', Name: 'api', Scopes: [{ ScopeName: 'read', ScopeDescription: 'read' }] } },
  };
  for (let i = 0; i < n; i++) {
    resources[`Client${i}`] = {
      Type: 'AWS::Cognito::UserPoolClient',
      Properties: i % 2 === 0
        ? { UserPoolId: { Ref: 'Pool' }, ClientName: `web${i}`, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid', 'email'], CallbackURLs: [`https://web${i}.example.com/cb`], SupportedIdentityProviders: ['COGNITO'], AccessTokenValidity: 60, TokenValidityUnits: { AccessToken: 'minutes' } }
        : { UserPoolId: { Ref: 'Pool' }, ClientName: `m2m${i}`, GenerateSecret: true, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['api/read'] },
      ...(i % 2 === 0 ? {} : { DependsOn: ['Api'] }),
    };
  }
  const file = join(mkdtempSync(join(tmpdir(), 'vupc-cli-bench-')), 'clients.json');
  writeFileSync(file, JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }, null, 1));
  return file;
}

function timeCommand(cmd: string, args: string[], reps: number): number | undefined {
  const xs: number[] = [];
  for (let r = 0; r < reps; r++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(cmd, args, { stdio: 'ignore' });
    if (result.error) return undefined;
    xs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(xs);
}

function main(): void {
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    awsCdkLib: JSON.parse(readFileSync(require.resolve('aws-cdk-lib/package.json'), 'utf8')).version,
    reps: REPS,
    synth: [] as unknown[],
  };
  const rows: string[] = [
    '| clients | plain: build + synth (ms) | + validator | ratio | synth only: plain | + validator | ratio | + validator + policy (build + synth) | ratio | L2 UserPoolClient | ValidatedUserPoolClient | ratio |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  buildApp(50, { kind: 'l1', validator: true }).synth(); // warm-up
  for (const n of SIZES) {
    const reps = n >= 3000 ? Math.max(3, Math.ceil(REPS / 2)) : REPS;
    const t = timeSynth(n, {
      plain: { kind: 'l1' },
      validator: { kind: 'l1', validator: true },
      policy: { kind: 'l1', validator: true, policy: true },
      l2: { kind: 'l2' },
      validated: { kind: 'validated' },
    }, reps);
    const r = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    const ratios = {
      validator: r(t.validator.total, t.plain.total),
      validatorSynthOnly: r(t.validator.synth, t.plain.synth),
      validatorAndPolicy: r(t.policy.total, t.plain.total),
      validatedVsL2: r(t.validated.total, t.l2.total),
    };
    (results.synth as unknown[]).push({ clients: n, reps, medianMs: t, ratios });
    const ms = (x: number) => x.toFixed(0);
    rows.push(`| ${n} | ${ms(t.plain.total)} | ${ms(t.validator.total)} | ${ratios.validator} | ${ms(t.plain.synth)} | ${ms(t.validator.synth)} | ${ratios.validatorSynthOnly} | ${ms(t.policy.total)} | ${ratios.validatorAndPolicy} | ${ms(t.l2.total)} | ${ms(t.validated.total)} | ${ratios.validatedVsL2} |`);
    console.log(rows[rows.length - 1]);
  }
  const builtinN = Math.min(1000, Math.max(...SIZES));
  const builtin = timeSynth(builtinN, { off: { kind: 'l1' }, on: { kind: 'l1', builtinValidation: true } }, Math.min(REPS, 3));
  const builtinRatio = Math.round((builtin.on.synth / builtin.off.synth) * 100) / 100;
  results.builtinCloudFormationValidation = { clients: builtinN, medianMs: builtin, ratio: builtinRatio };

  const template = cliTemplate(CLI_CLIENTS);
  const cli = timeCommand(process.execPath, [join(__dirname, '..', 'lib', 'cli', 'main.js'), template], 3);
  const cfnLint = execFileExists('cfn-lint') ? timeCommand('cfn-lint', [template], 1) : undefined;
  results.cli = { clients: CLI_CLIENTS, medianMs: cli, cfnLintMs: cfnLint ?? 'cfn-lint is not installed on this machine' };

  console.log(`\n${rows.join('\n')}\n`);
  console.log(`CDK's built-in CloudFormation validation at ${builtinN} clients: synth ${builtin.off.synth.toFixed(0)} ms off, ${builtin.on.synth.toFixed(0)} ms on (${(builtin.on.synth / builtin.off.synth).toFixed(2)}x), not counted above.`);
  console.log(`Command line on one template of ${CLI_CLIENTS} clients: ${cli?.toFixed(0)} ms${cfnLint ? `; cfn-lint: ${cfnLint.toFixed(0)} ms (${(cfnLint / cli!).toFixed(1)}x slower)` : '; cfn-lint is not installed on this machine'}.`);
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `${new Date().toISOString().slice(0, 10)}.json`);
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`Results: ${out}`);
}

function execFileExists(cmd: string): boolean {
  try {
    execFileSync(cmd, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

main();
