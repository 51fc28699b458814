/** Documentation pages rules cite; one place so links stay consistent. */
export class Sources {
  public static readonly CREATE_CLIENT = 'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html';
  public static readonly CDK_ANNOTATIONS = 'https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.Annotations.html';
  public static readonly CDK_ASPECTS = 'https://docs.aws.amazon.com/cdk/v2/guide/aspects.html';
  public static readonly CFN_CLIENT = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cognito-userpoolclient.html';
  public static readonly TOKEN_UNITS = 'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_TokenValidityUnitsType.html';
  public static readonly QUOTAS = 'https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html';
  public static readonly REFRESH_TOKEN = 'https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html';
  public static readonly ROTATION = 'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html';
  public static readonly APP_CLIENTS = 'https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-client-apps.html';
  public static readonly AUTHORIZE = 'https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html';
  public static readonly ANALYTICS = 'https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-pinpoint-integration.html';
  public static readonly ANALYTICS_TYPE = 'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AnalyticsConfigurationType.html';
  public static readonly PINPOINT_END = 'https://docs.aws.amazon.com/pinpoint/latest/userguide/migrate.html';
  public static readonly AUTH_FLOWS = 'https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html';
  public static readonly GET_CLIENT_TOKEN = 'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetClientToken.html';
  public static readonly ATTRIBUTES = 'https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html';
  public static readonly RESOURCE_SERVERS = 'https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html';
  public static readonly AUTHORIZATION_SERVER = 'https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-userpools-server-contract-reference.html';
  public static readonly IDPS = 'https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-identity-federation.html';
  public static readonly FEATURE_PLANS = 'https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html';
  public static readonly DOMAINS = 'https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain.html';
  public static readonly MANAGED_LOGIN = 'https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-managed-login.html';
  public static readonly UPDATE_CLIENT = 'https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolClient.html';
  public static readonly USER_EXISTENCE = 'https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html';
  public static readonly TOKEN_REVOCATION = 'https://docs.aws.amazon.com/cognito/latest/developerguide/token-revocation.html';
  public static readonly THREAT_PROTECTION = 'https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-adaptive-authentication.html';

  private constructor() {}
}
