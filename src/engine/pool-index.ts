/**
 * What the engine knows of the user pool a client belongs to, when that pool
 * is defined in the same template. Every field is optional: a value that is
 * not concrete in the template is left out, and the rules that need it skip.
 */
export interface PoolIndex {
  /** Logical id of the AWS::Cognito::UserPool. */
  readonly logicalId: string;
  /** Names (without the custom: prefix) of the pool's custom attributes. */
  readonly customAttributes?: ReadonlySet<string>;
}
