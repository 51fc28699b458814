/**
 * The constraints of Cognito's CreateUserPoolClient request, from the API
 * model every AWS SDK is generated from (botocore 1.43.11,
 * `cognito-idp/2016-04-18/service-2.json`), and the property types of the
 * CloudFormation resource `AWS::Cognito::UserPoolClient`.
 *
 * `test/fixtures/create-user-pool-client-constraints.json` holds the same
 * constraints extracted straight from the model; the conformance test checks
 * this table against it, so a drift between the two fails the build.
 *
 * Patterns are applied as full matches: the service rejects values that an
 * unanchored match would accept (aws/aws-cli#2941). `\w` is ASCII and `\s` is
 * the Java whitespace class, as on the service.
 */

export interface StringConstraint {
  readonly min?: number;
  readonly max?: number;
  /** The model's pattern, translated to a JavaScript (`u` flag) regex body. */
  readonly pattern?: string;
  /** The model's pattern, as written there (for messages). */
  readonly modelPattern?: string;
  readonly enum?: readonly string[];
  /** The model's shape name, for the rules document. */
  readonly shape: string;
}

export interface IntegerConstraint {
  readonly min: number;
  readonly max: number;
  readonly shape: string;
}

const JAVA_SPACE = ' \\t\\n\\x0B\\f\\r';
const ARN_PATTERN = 'arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?';

export const API_STRINGS = {
  UserPoolId: { min: 1, max: 55, pattern: '[\\w-]+_[0-9a-zA-Z]+', modelPattern: '[\\w-]+_[0-9a-zA-Z]+', shape: 'UserPoolIdType' },
  ClientName: { min: 1, max: 128, pattern: `[\\w${JAVA_SPACE}+=,.@-]+`, modelPattern: '[\\w\\s+=,.@-]+', shape: 'ClientNameType' },
  ClientSecret: { min: 24, max: 64, pattern: '[\\w+]+', modelPattern: '[\\w+]+', shape: 'ClientSecretType' },
  Attribute: { min: 1, max: 2048, shape: 'ClientPermissionType' },
  ProviderName: {
    min: 1,
    max: 32,
    pattern: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\p{Z}]+',
    modelPattern: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\p{Z}]+',
    shape: 'ProviderNameType',
  },
  RedirectUrl: {
    min: 1,
    max: 1024,
    pattern: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+',
    modelPattern: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+',
    shape: 'RedirectUrlType',
  },
  Scope: { min: 1, max: 256, pattern: '[\\x21\\x23-\\x5B\\x5D-\\x7E]+', modelPattern: '[\\x21\\x23-\\x5B\\x5D-\\x7E]+', shape: 'ScopeType' },
  ApplicationId: { pattern: '[0-9a-fA-F]+', modelPattern: '^[0-9a-fA-F]+$', shape: 'HexStringType' },
  Arn: { min: 20, max: 2048, pattern: ARN_PATTERN, modelPattern: ARN_PATTERN, shape: 'ArnType' },
  ExternalId: { min: 0, max: 131072, shape: 'StringType' },
} satisfies Record<string, StringConstraint>;

export const API_INTEGERS = {
  AccessTokenValidity: { min: 1, max: 86400, shape: 'AccessTokenValidityType' },
  IdTokenValidity: { min: 1, max: 86400, shape: 'IdTokenValidityType' },
  RefreshTokenValidity: { min: 0, max: 315360000, shape: 'RefreshTokenValidityType' },
  AuthSessionValidity: { min: 3, max: 15, shape: 'AuthSessionValidityType' },
  RetryGracePeriodSeconds: { min: 0, max: 60, shape: 'RetryGracePeriodSecondsType' },
} satisfies Record<string, IntegerConstraint>;

export const API_LISTS = {
  CallbackURLs: { max: 100, shape: 'CallbackURLsListType' },
  LogoutURLs: { max: 100, shape: 'LogoutURLsListType' },
  AllowedOAuthFlows: { max: 3, shape: 'OAuthFlowsType' },
  AllowedOAuthScopes: { max: 50, shape: 'ScopeListType' },
} as const;

/**
 * Enumerations. The model lags the service (see U-14 in the research
 * catalogue): `ALLOW_CLIENT_TOKEN_AUTH` is documented for GetClientToken but
 * absent from botocore 1.43.11, so it is accepted here and marked as newer.
 */
export const LEGACY_AUTH_FLOWS = ['ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH_FLOW_ONLY', 'USER_PASSWORD_AUTH'] as const;
/** The ALLOW_ name of each legacy flow name: the same flow. */
export const ALLOW_NAME_OF_LEGACY_FLOW: { readonly [legacy: string]: string } = Object.freeze({
  ADMIN_NO_SRP_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
  CUSTOM_AUTH_FLOW_ONLY: 'ALLOW_CUSTOM_AUTH',
});
export const AUTH_FLOWS_NEWER_THAN_MODEL = ['ALLOW_CLIENT_TOKEN_AUTH'] as const;
export const API_ENUMS = {
  'ExplicitAuthFlows': [
    ...LEGACY_AUTH_FLOWS,
    'ALLOW_ADMIN_USER_PASSWORD_AUTH',
    'ALLOW_CUSTOM_AUTH',
    'ALLOW_USER_PASSWORD_AUTH',
    'ALLOW_USER_SRP_AUTH',
    'ALLOW_REFRESH_TOKEN_AUTH',
    'ALLOW_USER_AUTH',
    ...AUTH_FLOWS_NEWER_THAN_MODEL,
  ],
  'AllowedOAuthFlows': ['code', 'implicit', 'client_credentials'],
  'TokenValidityUnits': ['seconds', 'minutes', 'hours', 'days'],
  'PreventUserExistenceErrors': ['LEGACY', 'ENABLED'],
  'RefreshTokenRotation.Feature': ['ENABLED', 'DISABLED'],
} as const;

export type EnumProperty = keyof typeof API_ENUMS;
export const ENUM_PROPERTIES = Object.keys(API_ENUMS) as EnumProperty[];


/**
 * What ValidatedUserPoolClient writes when a prop is not given, in
 * CloudFormation's terms (validities in minutes). The construct's public
 * `UserPoolClientDefaults` are built from these, and the command line's
 * `import` reads them without aws-cdk-lib, to say where a client differs.
 */
export const LIBRARY_DEFAULT_VALUES = Object.freeze({
  AccessTokenValidity: 60,
  IdTokenValidity: 60,
  RefreshTokenValidity: 30 * 24 * 60,
  AuthSessionValidity: 3,
  EnableTokenRevocation: true,
  EnablePropagateAdditionalUserContextData: false,
  PreventUserExistenceErrors: 'ENABLED',
  UserDataShared: false,
  ExplicitAuthFlows: Object.freeze(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']) as readonly string[],
} as const);

/** Seconds in each unit of TokenValidityUnits. */
export const UNIT_SECONDS: { readonly [unit: string]: number } = Object.freeze({ seconds: 1, minutes: 60, hours: 3600, days: 86400 });

/**
 * What the API applies to a token validity: the unit of a bare number (its
 * TokenValidityUnits member absent), and the validity when the property is
 * absent, in seconds.
 */
export const API_VALIDITY_DEFAULTS = Object.freeze({
  AccessToken: { unit: 'hours', seconds: 3600 },
  IdToken: { unit: 'hours', seconds: 3600 },
  RefreshToken: { unit: 'days', seconds: 30 * 86400 },
} as const);

/**
 * What CreateUserPoolClient and UpdateUserPoolClient set a parameter to when
 * the request omits it, where the API reference gives one value whatever the
 * token units (token validities are left out: their defaults depend on them).
 */
export const API_DEFAULT_VALUES: { readonly [property: string]: string | number | boolean } = Object.freeze({
  'GenerateSecret': false,
  'AuthSessionValidity': 3,
  'PreventUserExistenceErrors': 'LEGACY',
  'EnableTokenRevocation': true,
  'EnablePropagateAdditionalUserContextData': false,
  'AllowedOAuthFlowsUserPoolClient': false,
  // Members of structures, which an update also resets one by one when its structure omits them.
  'TokenValidityUnits.AccessToken': API_VALIDITY_DEFAULTS.AccessToken.unit,
  'TokenValidityUnits.IdToken': API_VALIDITY_DEFAULTS.IdToken.unit,
  'TokenValidityUnits.RefreshToken': API_VALIDITY_DEFAULTS.RefreshToken.unit,
  'RefreshTokenRotation.Feature': 'DISABLED',
  'RefreshTokenRotation.RetryGracePeriodSeconds': 0,
  'AnalyticsConfiguration.UserDataShared': false,
});

/** The auth flows Cognito allows when ExplicitAuthFlows is not set. */
export const API_DEFAULT_AUTH_FLOWS = ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'] as const;

/** OAuth scopes that Cognito reserves (everything else is `resource-server/scope`). */
export const RESERVED_SCOPES: ReadonlySet<string> = new Set(['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin']);

/** Standard user pool attributes an app client may read or write. */
export const STANDARD_ATTRIBUTES = [
  'address', 'birthdate', 'email', 'email_verified', 'family_name', 'gender', 'given_name', 'locale',
  'middle_name', 'name', 'nickname', 'phone_number', 'phone_number_verified', 'picture',
  'preferred_username', 'profile', 'updated_at', 'website', 'zoneinfo',
] as const;

/**
 * The schema name of a custom attribute as a client or a described pool
 * names it: `custom:<name>`, a developer-only one `dev:custom:<name>` (also
 * written `dev:<name>`); a template's Schema names both `<name>`.
 */
export const customAttributeName = (name: string): string => name.replace(/^dev:/, '').replace(/^custom:/, '');

/**
 * Property types of `AWS::Cognito::UserPoolClient` in the CloudFormation
 * registry schema, read-only properties included (see READ_ONLY_PROPERTIES).
 */
export type PropertyType = 'string' | 'integer' | 'boolean' | 'string-list' | { readonly [member: string]: PropertyType };

export const CFN_PROPERTY_TYPES: { readonly [property: string]: PropertyType } = {
  AccessTokenValidity: 'integer',
  AllowedOAuthFlows: 'string-list',
  AllowedOAuthFlowsUserPoolClient: 'boolean',
  AllowedOAuthScopes: 'string-list',
  AnalyticsConfiguration: {
    ApplicationArn: 'string',
    ApplicationId: 'string',
    ExternalId: 'string',
    RoleArn: 'string',
    UserDataShared: 'boolean',
  },
  AuthSessionValidity: 'integer',
  CallbackURLs: 'string-list',
  ClientId: 'string',
  ClientName: 'string',
  ClientSecret: 'string',
  DefaultRedirectURI: 'string',
  EnablePropagateAdditionalUserContextData: 'boolean',
  EnableTokenRevocation: 'boolean',
  ExplicitAuthFlows: 'string-list',
  GenerateSecret: 'boolean',
  IdTokenValidity: 'integer',
  LogoutURLs: 'string-list',
  Name: 'string',
  PreventUserExistenceErrors: 'string',
  ReadAttributes: 'string-list',
  RefreshTokenRotation: { Feature: 'string', RetryGracePeriodSeconds: 'integer' },
  RefreshTokenValidity: 'integer',
  SupportedIdentityProviders: 'string-list',
  TokenValidityUnits: { AccessToken: 'string', IdToken: 'string', RefreshToken: 'string' },
  UserPoolId: 'string',
  WriteAttributes: 'string-list',
};

/**
 * The schema's `readOnlyProperties`: CloudFormation accepts them in a
 * template and ignores them (they are outputs: `Fn::GetAtt Client.ClientId`),
 * so none of them reaches Cognito.
 */
export const READ_ONLY_PROPERTIES: ReadonlySet<string> = new Set(['ClientId', 'ClientSecret', 'Name']);

/** The schema's `createOnlyProperties`: changing one replaces the client (a new client id). */
export const CREATE_ONLY_PROPERTIES: ReadonlySet<string> = new Set(['GenerateSecret', 'UserPoolId']);

/**
 * Properties whose values usually differ from one client to the next (its
 * name, its URLs, its pool, its secret). The other properties are the
 * client's configuration, which apps with many clients repeat: the engine
 * remembers what rules found on a configuration, and only rules that read
 * one of these properties run on every client.
 */
export const PER_CLIENT_PROPERTIES: ReadonlySet<string> = new Set(['ClientName', 'ClientSecret', 'UserPoolId', 'CallbackURLs', 'LogoutURLs', 'DefaultRedirectURI', 'ClientId', 'Name']);

/**
 * The Unicode-category patterns accept every printable ASCII character
 * (the space only with \p{Z}), so an ASCII value, as nearly every URL and
 * provider name is, needs no test against them: compiling one costs
 * milliseconds per process. A test checks both against every ASCII character.
 */
export const ACCEPTS_ASCII: ReadonlyMap<string, RegExp> = new Map([
  [API_STRINGS.RedirectUrl.pattern, /^[\x21-\x7E]+$/],
  [API_STRINGS.ProviderName.pattern, /^[\x20-\x7E]+$/],
]);

const compiled = new Map<string, RegExp>();
/** Full-match test of a model pattern; regexes are compiled once. */
export function matchesPattern(pattern: string, value: string): boolean {
  if (ACCEPTS_ASCII.get(pattern)?.test(value)) return true;
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`, 'u');
    compiled.set(pattern, re);
  }
  return re.test(value);
}
