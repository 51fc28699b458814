/** An identity provider of a pool, as the template defines it. */
export interface IdentityProviderInfo {
  readonly logicalId: string;
  /** User pool attributes the provider maps (keys of AttributeMapping); undefined when not concrete. */
  readonly mappedAttributes?: ReadonlySet<string>;
}

/**
 * What the engine knows of the user pool a client belongs to, when that pool
 * is defined in the same template. A field that is not concrete in the
 * template is left undefined, and the rules that need it skip: never guess.
 */
export interface PoolIndex {
  /** Logical id of the AWS::Cognito::UserPool. */
  readonly logicalId: string;
  /** Names (without the custom: prefix) of the pool's custom attributes. */
  readonly customAttributes?: ReadonlySet<string>;
  /** Attributes the pool's schema marks Required. */
  readonly requiredAttributes?: ReadonlySet<string>;
  /** UserPoolTier (LITE, ESSENTIALS, PLUS) when set to a concrete value. */
  readonly tier?: string;
  /** True when an AWS::Cognito::UserPoolDomain of the pool is in the template. */
  readonly hasDomain?: boolean;
  /** Identity providers by ProviderName; undefined when any provider's name is not concrete. */
  readonly identityProviders?: ReadonlyMap<string, IdentityProviderInfo>;
  /** Resource-server scopes (`identifier/scope`) with the server's logical id; undefined when any is not concrete. */
  readonly resourceServerScopes?: ReadonlyMap<string, string>;
  /** Position (0-based, template order) of each of the pool's app clients in the template, by logical id. */
  readonly clientPositions?: ReadonlyMap<string, number>;
}
