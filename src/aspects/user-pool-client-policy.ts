import { IAspect } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { checkClientNode } from './client-check';
import { isUserPoolClientResource } from '../cdk/stack-index';
import { onVisit } from '../cdk/synthesis-cache';
import { policySelection } from '../engine/selection';
import type { RuleSelection } from '../engine/validate-client';
import { checkPolicyProps } from '../rules/policy/options';
import type { UserPoolClientPolicyProps } from '../rules/policy/props';
import { RECOMMENDED_POLICY } from '../rules/policy/recommended';

/**
 * An organisation's policy for app clients, as a CDK Aspect: every policy is
 * opt-in and configurable, and applies to every `AWS::Cognito::UserPoolClient`
 * in the scope, however it was made. Policy findings are errors unless listed
 * in `warningRules`; acknowledge them per construct with a reason
 * (`UserPoolClientAcknowledgements.acknowledge`).
 *
 * Add it with read-only priority:
 * `Aspects.of(app).add(UserPoolClientPolicy.recommended(), { priority: AspectPriority.READONLY })`.
 */
export class UserPoolClientPolicy implements IAspect {
  /** The options of `recommended()`. */
  public static readonly RECOMMENDED: UserPoolClientPolicyProps = RECOMMENDED_POLICY;

  /**
   * The recommended baseline: no implicit grant, PreventUserExistenceErrors
   * ENABLED, token revocation on, no self-service writes to the verified
   * flags, explicit auth flows without the password flows, and a client name.
   *
   * @param additions options to set on top of the baseline (they win where both set one)
   */
  public static recommended(additions: UserPoolClientPolicyProps = {}): UserPoolClientPolicy {
    return new UserPoolClientPolicy({ ...RECOMMENDED_POLICY, ...additions });
  }

  /** The policy's options. */
  public readonly props: UserPoolClientPolicyProps;
  private readonly selection: RuleSelection;

  public constructor(props: UserPoolClientPolicyProps) {
    this.props = checkPolicyProps(props, 'UserPoolClientPolicy');
    this.selection = policySelection(this.props);
  }

  public visit(node: IConstruct): void {
    onVisit(node);
    if (!isUserPoolClientResource(node)) return;
    checkClientNode(node, { policy: this.props }, this.selection, 'policy');
  }
}
