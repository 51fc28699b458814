/**
 * The ValidatedUserPoolClient prop behind each CloudFormation property, so
 * that a finding on the construct names the prop the user wrote.
 */
export const PROP_NAMES: { readonly [cfnProperty: string]: string } = {
  UserPoolId: 'userPool',
  ClientName: 'userPoolClientName',
  GenerateSecret: 'generateSecret',
  AccessTokenValidity: 'accessTokenValidity',
  IdTokenValidity: 'idTokenValidity',
  RefreshTokenValidity: 'refreshTokenValidity',
  TokenValidityUnits: 'accessTokenValidity, idTokenValidity, refreshTokenValidity',
  AuthSessionValidity: 'authSessionValidity',
  ReadAttributes: 'readAttributes',
  WriteAttributes: 'writeAttributes',
  ExplicitAuthFlows: 'authFlows',
  SupportedIdentityProviders: 'supportedIdentityProviders, identityProviders',
  AllowedOAuthFlows: 'oAuthFlows',
  AllowedOAuthScopes: 'oAuthScopes',
  AllowedOAuthFlowsUserPoolClient: 'oAuthEnabled',
  CallbackURLs: 'callbackUrls',
  LogoutURLs: 'logoutUrls',
  DefaultRedirectURI: 'defaultRedirectUri',
  AnalyticsConfiguration: 'analytics',
  PreventUserExistenceErrors: 'preventUserExistenceErrors',
  EnableTokenRevocation: 'enableTokenRevocation',
  EnablePropagateAdditionalUserContextData: 'enablePropagateAdditionalUserContextData',
  RefreshTokenRotation: 'enableRefreshTokenRotation, refreshTokenRotationGracePeriod',
};
