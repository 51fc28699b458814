import { CfnResource, Names, Reference, Resource, SecretValue, Tokenization } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { ValidatedUserPoolClientProps } from './props';
import { renderClientProperties } from './render';
import { markValidatedClientResource } from '../aspects/client-check';
import { requestBuiltInValidation } from '../aspects/user-pool-client-validator';

/**
 * Orders creation after everything the client names, so that CloudFormation
 * cannot create it first ("The provider X does not exist", "Invalid scope"):
 * identity providers given as objects or registered on the pool, and the
 * resource servers behind resource-server scopes.
 */
function addCreationDependencies(resource: cognito.CfnUserPoolClient, props: ValidatedUserPoolClientProps): void {
  for (const provider of [...(props.identityProviders ?? []), ...(props.userPool.identityProviders ?? [])]) {
    resource.node.addDependency(provider);
  }
  for (const scope of props.oAuthScopes ?? []) {
    for (const token of Tokenization.reverseString(scope.scopeName).tokens) {
      if (Reference.isReference(token) && CfnResource.isCfnResource(token.target)) resource.node.addDependency(token.target);
    }
  }
}

/**
 * An Amazon Cognito app client with every setting written out and validated
 * at synth time.
 *
 * It wraps `CfnUserPoolClient` (its default child, id `Resource`, as in the
 * aws-cdk L2 `UserPoolClient`, so logical ids survive a migration), renders
 * an explicit value for every setting Cognito would otherwise default
 * silently (secure values where the API default is not), and validates
 * itself: one built-in `UserPoolClientValidator` per stack checks every
 * `ValidatedUserPoolClient` of the stack.
 *
 * @example
 * declare const pool: cognito.UserPool;
 * new ValidatedUserPoolClient(this, 'Web', {
 *   userPool: pool,
 *   oAuthFlows: { authorizationCodeGrant: true },
 *   callbackUrls: ['https://app.example.com/callback'],
 * });
 */
export class ValidatedUserPoolClient extends Resource implements cognito.IUserPoolClient {
  /** The id of the app client. @attribute */
  public readonly userPoolClientId: string;
  /** The name of the app client (given or derived from the construct path). */
  public readonly userPoolClientName: string;
  /** The underlying CloudFormation resource. */
  public readonly resource: cognito.CfnUserPoolClient;
  /** The user pool the client belongs to. */
  public readonly userPool: cognito.IUserPool;
  private readonly generateSecret: boolean;

  public constructor(scope: Construct, id: string, props: ValidatedUserPoolClientProps) {
    super(scope, id);
    if (!props || !props.userPool) throw new Error('ValidatedUserPoolClient: userPool is required; give the cognito.IUserPool the client belongs to.');
    this.userPool = props.userPool;
    this.userPoolClientName = props.userPoolClientName ?? Names.uniqueResourceName(this, { maxLength: 128, separator: '-' });
    this.generateSecret = props.generateSecret ?? false;

    this.resource = new cognito.CfnUserPoolClient(this, 'Resource', renderClientProperties(props.userPool.userPoolId, this.userPoolClientName, props));
    markValidatedClientResource(this.resource);
    this.userPoolClientId = this.resource.ref;
    addCreationDependencies(this.resource, props);

    if (props.validation ?? true) requestBuiltInValidation(this.resource);
  }

  /** Reference to the client, for constructs that take an `IUserPoolClientRef`. */
  public get userPoolClientRef(): cognito.UserPoolClientReference {
    return { userPoolId: this.userPool.userPoolId, clientId: this.userPoolClientId };
  }

  /**
   * The client secret (from the `ClientSecret` attribute). Only for clients
   * created with `generateSecret: true`.
   */
  public get userPoolClientSecret(): SecretValue {
    if (!this.generateSecret) {
      throw new Error(`ValidatedUserPoolClient ${this.node.path}: userPoolClientSecret is only available when generateSecret is true.`);
    }
    return SecretValue.resourceAttribute(this.resource.attrClientSecret);
  }
}
