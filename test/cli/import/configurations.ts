import { readFileSync } from 'fs';
import { join } from 'path';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as fc from 'fast-check';
import { API_DEFAULT_AUTH_FLOWS, API_DEFAULT_VALUES } from '../../../src/rules/api-model';
import { CONFIGURATIONS as REPRESENTATIVE } from '../../construct/configurations';
import { testApp, withCdkBuiltinValidationQuiet } from '../../helpers';

/** A described client (a DescribeUserPoolClient response's UserPoolClient, or a CreateUserPoolClient request). */
export type Settings = Record<string, unknown>;
export interface Configuration {
  readonly name: string;
  /** The file `import` reads. */
  readonly input: unknown;
  readonly settings: Settings;
}

const FIXTURES = join(__dirname, '..', 'fixtures', 'api');
const fixture = (file: string) => JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'));
const POOL = 'eu-west-1_Import1';
const described = (name: string, client: Settings): Configuration => {
  const settings = { UserPoolId: POOL, ClientId: `id${name.replace(/[^a-z0-9]/gi, '').toLowerCase()}`, ClientName: name, ...client };
  return { name, input: { UserPoolClient: settings }, settings };
};
const WEB = {
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ['code'],
  AllowedOAuthScopes: ['openid', 'email', 'profile'],
  CallbackURLs: ['https://app.example.com/callback'],
  LogoutURLs: ['https://app.example.com/'],
  SupportedIdentityProviders: ['COGNITO'],
};

/**
 * The library's representative configurations (the snapshot tests'), as
 * Cognito would describe the clients they deploy: the synthesized
 * properties under the API's names, a secret for GenerateSecret.
 */
function representative(): Configuration[] {
  return Object.entries(REPRESENTATIVE).map(([name, build]) => {
    const stack = new Stack(testApp(), 'Stack', { env: { region: 'us-west-2' } });
    build(stack, cognito.UserPool.fromUserPoolId(stack, 'Pool', POOL));
    const resources = Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string; Properties: Settings }>;
    const [client] = Object.values(resources).filter((r) => r.Type === 'AWS::Cognito::UserPoolClient');
    const { GenerateSecret, ...properties } = concrete(client.Properties, resources) as Settings;
    return described(`representative: ${name}`, { ...properties, ...(GenerateSecret === true ? { ClientSecret: 'not-shown' } : {}) });
  });
}

/** A value as deployed: a resource server's `Ref` is its identifier, an application's ARN a string, a join of strings the string. */
function concrete(value: unknown, resources: Record<string, { Properties: Settings }>): unknown {
  if (Array.isArray(value)) return value.map((v) => concrete(v, resources));
  if (value === null || typeof value !== 'object') return value;
  const v = value as Settings;
  if (typeof v.Ref === 'string') return String(resources[v.Ref].Properties.Identifier);
  // The Pinpoint application of the CLI example: its ARN.
  const getAtt = v['Fn::GetAtt'] as [string, string] | undefined;
  if (getAtt?.[1] === 'Arn') return `arn:aws:mobiletargeting:us-west-2:123456789012:apps/${getAtt[0].toLowerCase()}`;
  const joined = v['Fn::Join'] as [string, unknown[]] | undefined;
  if (joined) return joined[1].map((p) => concrete(p, resources)).join(joined[0]);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, concrete(x, resources)]));
}

/** The AWS CLI reference's example, the library's representative configurations, hand-picked shapes a deployed client can have, and fuzzed ones (fixed seed). */
export function configurations(): Configuration[] {
  const seed = fixture('describe-response.json');
  const request = fixture('create-request.json');
  const hand: Configuration[] = [
    { name: 'AWS CLI example (describe)', input: seed, settings: seed.UserPoolClient },
    { name: 'AWS CLI example (create request)', input: request, settings: request },
    described('Nothing set', {}),
    described('Console web app', {
      ...WEB,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 30,
      AuthSessionValidity: 3,
      EnableTokenRevocation: true,
      EnablePropagateAdditionalUserContextData: false,
    }),
    described('machine to machine', {
      ClientSecret: 'not-shown',
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: ['orders/read', 'orders/write'],
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      SupportedIdentityProviders: ['COGNITO'],
    }),
    described('legacy flows', { ExplicitAuthFlows: ['ADMIN_NO_SRP_AUTH', 'USER_PASSWORD_AUTH', 'CUSTOM_AUTH_FLOW_ONLY'] }),
    described('rotation', { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'], RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 } }),
    described('no refresh flow', { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_AUTH'] }),
    described('seconds', {
      AccessTokenValidity: 301,
      IdTokenValidity: 3600,
      RefreshTokenValidity: 2,
      TokenValidityUnits: { AccessToken: 'seconds', IdToken: 'seconds', RefreshToken: 'hours' },
    }),
    described('units left out', { AccessTokenValidity: 2, IdTokenValidity: 1, RefreshTokenValidity: 90 }),
    described('oauth off with settings kept', {
      AllowedOAuthFlowsUserPoolClient: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid'],
      CallbackURLs: ['https://old.example.com/cb'],
      LogoutURLs: ['https://old.example.com/'],
      DefaultRedirectURI: 'https://old.example.com/cb',
    }),
    described('email without openid', { ...WEB, AllowedOAuthScopes: ['email'] }),
    described('attributes', { ReadAttributes: ['email', 'custom:tier', 'dev:custom:score'], WriteAttributes: ['given_name', 'custom:tier'] }),
    described('custom attributes only', { ReadAttributes: ['custom:tier', 'name', 'updated_at', 'zoneinfo', 'picture'], WriteAttributes: [] }),
    described('analytics by id', {
      AnalyticsConfiguration: { ApplicationId: 'abcdef0123456789abcdef0123456789', RoleArn: 'arn:aws:iam::123456789012:role/pinpoint', ExternalId: 'ext-1', UserDataShared: false },
    }),
    described('analytics by id without role', { AnalyticsConfiguration: { ApplicationId: 'abcdef0123456789abcdef0123456789', ExternalId: 'ext-2' } }),
    described('no providers and empty lists', { SupportedIdentityProviders: [], ReadAttributes: [], ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'] }),
    described('federated', {
      ...WEB,
      SupportedIdentityProviders: ['COGNITO', 'SignInWithApple', 'LoginWithAmazon', 'Corp SAML'],
      DefaultRedirectURI: 'https://app.example.com/callback',
      AllowedOAuthFlows: ['code', 'implicit'],
      AllowedOAuthScopes: ['openid', 'phone', 'aws.cognito.signin.user.admin'],
    }),
    described('legacy errors', { PreventUserExistenceErrors: 'LEGACY', EnableTokenRevocation: false, EnablePropagateAdditionalUserContextData: false }),
    described('user context', { ClientSecret: 'not-shown', EnablePropagateAdditionalUserContextData: true, AuthSessionValidity: 15 }),
    described('my app.prod@v2', { ...WEB, LogoutURLs: [] }),
    described('class', { ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
    described('oauth on, no flows', { AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthScopes: ['openid'] }),
    described('rotation off, grace kept', { RefreshTokenRotation: { Feature: 'DISABLED', RetryGracePeriodSeconds: 30 } }),
  ];
  return [...hand, ...withCdkBuiltinValidationQuiet(representative), ...fuzzed(12)];
}

const CHOICES = {
  flows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'USER_PASSWORD_AUTH'],
  oauthFlows: ['code', 'implicit', 'client_credentials'],
  scopes: ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin', 'api/read', 'api/write'],
  providers: ['COGNITO', 'Google', 'Facebook', 'Okta'],
  attributes: ['email', 'email_verified', 'family_name', 'name', 'phone_number', 'custom:tier', 'dev:custom:x'],
  units: ['seconds', 'minutes', 'hours', 'days'],
};
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
const subset = (values: readonly string[]) => fc.subarray([...values]);

/** Describe responses with any subset of settings (fast-check, fixed seed): not all are valid clients, all are readable. */
function fuzzed(count: number): Configuration[] {
  const arb = fc.record({
    ExplicitAuthFlows: optional(subset(CHOICES.flows)),
    AllowedOAuthFlowsUserPoolClient: optional(fc.boolean()),
    AllowedOAuthFlows: optional(subset(CHOICES.oauthFlows)),
    AllowedOAuthScopes: optional(subset(CHOICES.scopes)),
    CallbackURLs: optional(subset(['https://a.example.com/cb', 'http://localhost:3000/cb', 'myapp://cb'])),
    LogoutURLs: optional(subset(['https://a.example.com/'])),
    SupportedIdentityProviders: optional(subset(CHOICES.providers)),
    ReadAttributes: optional(subset(CHOICES.attributes)),
    WriteAttributes: optional(subset(CHOICES.attributes)),
    AccessTokenValidity: optional(fc.integer({ min: 1, max: 1440 })),
    IdTokenValidity: optional(fc.integer({ min: 1, max: 1440 })),
    RefreshTokenValidity: optional(fc.integer({ min: 1, max: 3650 })),
    TokenValidityUnits: optional(fc.record({
      AccessToken: optional(fc.constantFrom(...CHOICES.units)),
      RefreshToken: optional(fc.constantFrom(...CHOICES.units)),
    })),
    AuthSessionValidity: optional(fc.integer({ min: 3, max: 15 })),
    PreventUserExistenceErrors: optional(fc.constantFrom('ENABLED', 'LEGACY')),
    EnableTokenRevocation: optional(fc.boolean()),
    EnablePropagateAdditionalUserContextData: optional(fc.boolean()),
    RefreshTokenRotation: optional(fc.record({ Feature: fc.constantFrom('ENABLED', 'DISABLED'), RetryGracePeriodSeconds: optional(fc.integer({ min: 0, max: 60 })) })),
    ClientSecret: optional(fc.constant('not-shown')),
  });
  const samples = fc.sample(arb, { seed: 20261203, numRuns: count });
  return samples.map((s, i) => described(`fuzzed ${i + 1}`, withoutUndefined(s) as Settings));
}

function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, withoutUndefined(v)]));
}

const MINUTES: Record<string, number> = { seconds: 1 / 60, minutes: 1, hours: 60, days: 1440 };
const VALIDITIES: Array<[string, string, string, number]> = [
  ['AccessTokenValidity', 'AccessToken', 'hours', 60], ['IdTokenValidity', 'IdToken', 'hours', 60], ['RefreshTokenValidity', 'RefreshToken', 'days', 43200],
];

/**
 * A client's settings in one form, whether described by the API or
 * synthesized: what the API fills in dropped (a secret read as
 * GenerateSecret), validities in minutes (with the API's default units and
 * values), settings left out given the API's default value, lists as sets
 * (Cognito keeps no order) with an empty list as none, and an application
 * ARN's service-linked role dropped (Cognito fills it in; a request may not send it).
 */
export function canonical(settings: Settings): Settings {
  const s: Settings = { ...settings };
  s.GenerateSecret = s.GenerateSecret === true || typeof s.ClientSecret === 'string';
  for (const member of ['ClientId', 'ClientSecret', 'CreationDate', 'LastModifiedDate']) delete s[member];
  const units = (s.TokenValidityUnits ?? {}) as Record<string, string>;
  for (const [property, unit, defaultUnit, defaultMinutes] of VALIDITIES) {
    s[property] = typeof s[property] === 'number' ? (s[property] as number) * MINUTES[units[unit] ?? defaultUnit] : defaultMinutes;
  }
  delete s.TokenValidityUnits;
  for (const [property, value] of Object.entries(API_DEFAULT_VALUES)) if (s[property] === undefined) s[property] = value;
  s.ExplicitAuthFlows ??= [...API_DEFAULT_AUTH_FLOWS];
  for (const [property, value] of Object.entries(s)) {
    if (!Array.isArray(value)) continue;
    if (value.length === 0) delete s[property];
    else s[property] = [...value].sort();
  }
  if (s.AnalyticsConfiguration) {
    const { RoleArn, ...a } = s.AnalyticsConfiguration as Settings;
    const role = a.ApplicationArn === undefined && RoleArn !== undefined ? { RoleArn } : {};
    s.AnalyticsConfiguration = { ...role, ...a, UserDataShared: a.UserDataShared ?? false };
  }
  const rotation = (s.RefreshTokenRotation ?? {}) as Settings;
  s.RefreshTokenRotation = { Feature: rotation.Feature ?? 'DISABLED', RetryGracePeriodSeconds: rotation.RetryGracePeriodSeconds ?? 0 };
  return s;
}
