/**
 * The prop behind each CloudFormation property of a client made with
 * construct props (the aws-cdk L2 `UserPoolClient`, whose props
 * ValidatedUserPoolClient shares), so that a finding names the prop the user wrote.
 */
export const L2_PROP_NAMES: { readonly [cfnProperty: string]: string } = Object.freeze({
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
  SupportedIdentityProviders: 'supportedIdentityProviders',
  AllowedOAuthFlows: 'oAuth.flows',
  AllowedOAuthScopes: 'oAuth.scopes',
  AllowedOAuthFlowsUserPoolClient: 'oAuth, disableOAuth',
  CallbackURLs: 'oAuth.callbackUrls',
  LogoutURLs: 'oAuth.logoutUrls',
  DefaultRedirectURI: 'oAuth.defaultRedirectUri',
  AnalyticsConfiguration: 'analytics',
  PreventUserExistenceErrors: 'preventUserExistenceErrors',
  EnableTokenRevocation: 'enableTokenRevocation',
  EnablePropagateAdditionalUserContextData: 'enablePropagateAdditionalUserContextData',
  RefreshTokenRotation: 'refreshTokenRotationGracePeriod',
});

/** The same for ValidatedUserPoolClient, whose `identityProviders` also fill SupportedIdentityProviders. */
export const PROP_NAMES: { readonly [cfnProperty: string]: string } = Object.freeze({
  ...L2_PROP_NAMES,
  SupportedIdentityProviders: 'supportedIdentityProviders, identityProviders',
});
