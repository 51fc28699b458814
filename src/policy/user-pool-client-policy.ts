import { IAspect } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { checkPolicyProps, isOn, PolicyOption } from './options';
import type { UserPoolClientPolicyProps } from './props';
import { checkClientNode, checkRuleIds } from '../aspects/client-check';
import { isUserPoolClientResource } from '../aspects/cloudformation-resource';
import { onVisit } from '../aspects/synthesis-cache';
import { RuleSelection } from '../engine/validate-client';
import { POLICY_RULES } from '../rules/registry';
import type { RuleDefinition } from '../rules/rule';

/** The policy rules a set of options turns on. */
export function enabledPolicyRules(props: UserPoolClientPolicyProps): RuleDefinition[] {
  return POLICY_RULES.filter((r) => (r.policyOptions ?? []).some((o) => isOn(props, o as PolicyOption)));
}

/** The rule selection of a policy: its enabled rules, at the severities it asks for. */
export function policySelection(props: UserPoolClientPolicyProps, owner = 'UserPoolClientPolicy'): RuleSelection {
  return { rules: enabledPolicyRules(props), warningRules: checkRuleIds(owner, 'warningRules', props.warningRules, POLICY_RULES) };
}

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
  public static readonly RECOMMENDED: UserPoolClientPolicyProps = {
    requireClientName: true,
    forbidImplicitGrant: true,
    requirePreventUserExistenceErrors: true,
    requireTokenRevocation: true,
    forbidVerifiedFlagWrites: true,
    requireExplicitAuthFlows: true,
    forbiddenAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'],
  };

  /**
   * The recommended baseline: no implicit grant, PreventUserExistenceErrors
   * ENABLED, token revocation on, no self-service writes to the verified
   * flags, explicit auth flows without the password flows, and a client name.
   *
   * @param additions options to set on top of the baseline (they win where both set one)
   */
  public static recommended(additions: UserPoolClientPolicyProps = {}): UserPoolClientPolicy {
    return new UserPoolClientPolicy({ ...UserPoolClientPolicy.RECOMMENDED, ...additions });
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
