import { App, AppProps, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Finding } from '../src/engine/finding';
import { PropNames, RuleSelection, validateClient } from '../src/engine/validate-client';
import { PER_CLIENT_PROPERTIES } from '../src/rules/api-model';
import { ClientContext } from '../src/rules/client-view';
import { asString, isIntrinsic } from '../src/rules/values';

/**
 * An app for tests. CDK's built-in CloudFormation validation (aws-cdk-lib
 * >= 2.262) is switched off where the version allows, so that its findings
 * do not mix with ours.
 */
export function testApp(props: AppProps = {}): App {
  return new App({ builtinCloudFormationValidation: false, ...props } as AppProps);
}

export function testStack(id = 'Stack'): { app: App; stack: Stack; pool: cognito.UserPool } {
  const app = testApp();
  const stack = new Stack(app, id, { env: { account: '123456789012', region: 'eu-west-1' } });
  const pool = new cognito.UserPool(stack, 'Pool');
  return { app, stack, pool };
}

/** A complete, valid client as CloudFormation properties (what ValidatedUserPoolClient writes for a web app). */
export const VALID_WEB_CLIENT: Record<string, unknown> = Object.freeze({
  UserPoolId: 'eu-west-1_AbCdEf123',
  ClientName: 'web-app',
  GenerateSecret: false,
  AccessTokenValidity: 60,
  IdTokenValidity: 60,
  RefreshTokenValidity: 30,
  TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
  AuthSessionValidity: 3,
  ReadAttributes: ['email', 'email_verified', 'name'],
  WriteAttributes: ['email', 'name'],
  ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  SupportedIdentityProviders: ['COGNITO'],
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ['code'],
  AllowedOAuthScopes: ['openid', 'email', 'profile'],
  CallbackURLs: ['https://app.example.com/callback', 'http://localhost:3000/callback'],
  LogoutURLs: ['https://app.example.com/'],
  DefaultRedirectURI: 'https://app.example.com/callback',
  PreventUserExistenceErrors: 'ENABLED',
  EnableTokenRevocation: true,
  EnablePropagateAdditionalUserContextData: false,
  RefreshTokenRotation: { Feature: 'DISABLED', RetryGracePeriodSeconds: 0 },
}) as Record<string, unknown>;

/** `base` with `patch` applied; a patch value of `undefined` removes the property. */
export function patched(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

/** Runs the engine on CloudFormation properties. */
export function findingsFor(properties: unknown, context: ClientContext = {}, selection: RuleSelection = {}, propNames?: PropNames): Finding[] {
  return validateClient({ path: 'Test/Client', properties, propNames }, context, selection);
}

export function ruleIdsOf(findings: Finding[]): string[] {
  return [...new Set(findings.map((f) => f.ruleId))];
}

/**
 * Another value of the same shape (see `shapeOf` in the rule memo): every
 * concrete string, number or boolean, alone or in a list, becomes another
 * string; an intrinsic becomes another intrinsic; the rest is kept.
 */
export function sameShape(value: unknown): unknown {
  const changed = (v: unknown) => (asString(v) !== undefined ? `other ${String(v)}` : v);
  if (Array.isArray(value)) return value.map(changed);
  return isIntrinsic(value) ? { Ref: 'SomethingElse' } : changed(value);
}

/** The properties with every per-client property (name, URLs, pool id, secret) replaced by another value of its shape. */
export function perClientReshaped(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, PER_CLIENT_PROPERTIES.has(k) ? sameShape(v) : v]));
}

/**
 * For test files that synthesize deliberately invalid clients: aws-cdk-lib
 * 2.262-2.275 runs its built-in "CloudFormation Validate" plugin on every
 * synth (2.276 lets `testApp` switch it off) and prints its findings with
 * console.error. Those lines, and only those, are dropped in the calling file.
 */
export function quietCdkBuiltinValidation(): void {
  let restore: (() => void) | undefined;
  beforeAll(() => (restore = dropBuiltinValidationOutput()));
  afterAll(() => restore?.());
}

/** `fn` with the built-in validation's console.error lines dropped: for synths while a test file is being collected. */
export function withCdkBuiltinValidationQuiet<T>(fn: () => T): T {
  const restore = dropBuiltinValidationOutput();
  try {
    return fn();
  } finally {
    restore();
  }
}

function dropBuiltinValidationOutput(): () => void {
  const original = console.error.bind(console);
  const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const first = args[0];
    if (typeof first === 'string' && (first.startsWith('[Warning] Template validation found issues') || first.includes('(CloudFormation Validate)'))) return;
    original(...args);
  });
  return () => spy.mockRestore();
}
