/**
 * The aws-cdk L2's names for the API's values, as data that needs no
 * aws-cdk-lib: the construct writes the API's values from the L2's props
 * with them, and the command line's `import` writes the L2's props from the
 * API's values. A test holds each name to aws-cdk-lib's own.
 */

/** `cognito.AuthFlow` members and the flows they allow, in the order the L2 writes them. */
export const AUTH_FLOW_MEMBERS = [
  ['userPassword', 'ALLOW_USER_PASSWORD_AUTH'],
  ['adminUserPassword', 'ALLOW_ADMIN_USER_PASSWORD_AUTH'],
  ['custom', 'ALLOW_CUSTOM_AUTH'],
  ['userSrp', 'ALLOW_USER_SRP_AUTH'],
  ['user', 'ALLOW_USER_AUTH'],
] as const;

/** `cognito.OAuthFlows` members and the OAuth flows they allow, in the order the L2 writes them. */
export const OAUTH_FLOW_MEMBERS = [
  ['clientCredentials', 'client_credentials'],
  ['implicitCodeGrant', 'implicit'],
  ['authorizationCodeGrant', 'code'],
] as const;

/** `cognito.OAuthScope` constants by scope name. */
export const OAUTH_SCOPE_CONSTANTS: { readonly [scope: string]: string } = Object.freeze({
  'openid': 'OPENID', 'email': 'EMAIL', 'phone': 'PHONE', 'profile': 'PROFILE', 'aws.cognito.signin.user.admin': 'COGNITO_ADMIN',
});

/** The scopes the L2 completes with openid (Cognito requires it with them). */
export const SCOPES_NEEDING_OPENID: readonly string[] = Object.freeze(['phone', 'email', 'profile']);

/** `cognito.UserPoolClientIdentityProvider` constants by provider name. */
export const IDENTITY_PROVIDER_CONSTANTS: { readonly [provider: string]: string } = Object.freeze({
  COGNITO: 'COGNITO', Google: 'GOOGLE', Facebook: 'FACEBOOK', LoginWithAmazon: 'AMAZON', SignInWithApple: 'APPLE',
});

/** `cognito.StandardAttributesMask` members by attribute name. */
export const STANDARD_ATTRIBUTE_MEMBERS: { readonly [attribute: string]: string } = Object.freeze({
  address: 'address',
  birthdate: 'birthdate',
  email: 'email',
  family_name: 'familyName',
  gender: 'gender',
  given_name: 'givenName',
  locale: 'locale',
  middle_name: 'middleName',
  name: 'fullname',
  nickname: 'nickname',
  phone_number: 'phoneNumber',
  picture: 'profilePicture',
  preferred_username: 'preferredUsername',
  profile: 'profilePage',
  zoneinfo: 'timezone',
  updated_at: 'lastUpdateTime',
  website: 'website',
  email_verified: 'emailVerified',
  phone_number_verified: 'phoneNumberVerified',
});
