/** An identity provider of a pool, as the template defines it. */
export interface IdentityProviderInfo {
  readonly logicalId: string;
  /** User pool attributes the provider maps (keys of AttributeMapping); undefined when not concrete. */
  readonly mappedAttributes?: ReadonlySet<string>;
  /**
   * True for a provider the app imports by name (`UserPoolIdentityProvider.fromProviderName`):
   * it is made outside the template, before the client, which needs no dependency on it.
   */
  readonly external?: boolean;
}

/**
 * What the engine knows of the user pool a client belongs to, when that pool
 * is defined in the same template or another of the app (a cross-stack
 * reference, or an import from a template validated with it). A field that is not concrete is left undefined, and the rules
 * that need it skip: never guess.
 */
export interface PoolIndex {
  /** Logical id of the AWS::Cognito::UserPool; for a pool of another template, its construct path or location (messages name the pool by it). */
  readonly logicalId: string;
  /** Names (without the custom: prefix) of the pool's custom attributes. */
  readonly customAttributes?: ReadonlySet<string>;
  /** Attributes the pool's schema marks Required. */
  readonly requiredAttributes?: ReadonlySet<string>;
  /** UserPoolTier (LITE, ESSENTIALS, PLUS) when set to a concrete value. */
  readonly tier?: string;
  /** True when an AWS::Cognito::UserPoolDomain of the pool is in the template (or the pool's); undefined when unknown. */
  readonly hasDomain?: boolean;
  /** Why whether the pool has a domain is not known, as a clause of a message, when something the checks cannot read may create one. */
  readonly domainUnknown?: string;
  /**
   * Identity providers by ProviderName: all of the pool's, or, when
   * `identityProvidersUnknown` is set, those named literally; undefined when
   * none can be known (API JSON given without the pool's providers).
   */
  readonly identityProviders?: ReadonlyMap<string, IdentityProviderInfo>;
  /** Resource-server scopes (`identifier/scope`) with the server's logical id; partial or undefined as `identityProviders`. */
  readonly resourceServerScopes?: ReadonlyMap<string, string>;
  /**
   * Why `identityProviders` holds only some of the pool's providers (one
   * whose ProviderName is known only at deploy time), as a clause of a
   * message: whether another name exists cannot be said, and a client that
   * lists one is told.
   */
  readonly identityProvidersUnknown?: string;
  /** Why `resourceServerScopes` holds only some of the pool's scopes (see `identityProvidersUnknown`). */
  readonly resourceServersUnknown?: string;
  /**
   * Identifiers of resource servers the app imports (`UserPoolResourceServer.fromUserPoolResourceServerId`):
   * made outside the template, with scopes it does not list, so every scope under them is taken to exist.
   */
  readonly externalResourceServers?: ReadonlySet<string>;
  /**
   * Ids of the pool's providers and resource servers (as the two maps above
   * name them) that exist before the client in any case: those of a pool in
   * another stack, whose stack the client's stack depends on. A client needs
   * no DependsOn on them.
   */
  readonly deployedBefore?: ReadonlySet<string>;
  /**
   * Identifies the pool among those of the templates or stacks checked
   * together (the same pool has the same key in every template that refers
   * to it), so that its app clients can be counted across them.
   */
  readonly key?: string;
}
