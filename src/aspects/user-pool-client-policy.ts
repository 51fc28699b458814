import { IAspect, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { aspectsReaching, CascadeCache, cascadeRuleLists, optionsIfClosest, RuleLists } from './cascade';
import { checkClientNode, noteReach } from './client-check';
import { watchNestedStages } from './stage-reach';
import { stageRuleOff } from './user-pool-client-validator';
import { report } from '../cdk/annotations';
import { isUserPoolClientResource } from '../cdk/stack-index';
import { onVisit } from '../cdk/synthesis-cache';
import { readPolicyJson } from '../engine/policy-file';
import { policySelection } from '../engine/selection';
import { findingOf, RuleSelection } from '../engine/validate-client';
import { checkPolicyProps, PolicyOptionError } from '../rules/policy/options';
import type { UserPoolClientPolicyProps } from '../rules/policy/props';
import { RECOMMENDED_POLICY, withAdditions } from '../rules/policy/recommended';
import { noticeRule } from '../rules/registry';

/** Marks policy instances across copies of this library (instanceof would not: a team's copy and the platform's cascade too). */
const POLICY = Symbol.for('cdk-validated-user-pool-client.UserPoolClientPolicy');

/**
 * An organisation's policy for app clients, as a CDK Aspect: every policy is
 * opt-in and configurable, and applies to every `AWS::Cognito::UserPoolClient`
 * in the scope, however it was made. Policy findings are errors unless listed
 * in `warningRules`; acknowledge them per construct with a reason
 * (`UserPoolClientAcknowledgements.acknowledge`).
 *
 * Add it with read-only priority:
 * `Aspects.of(app).add(UserPoolClientPolicy.recommended(), { priority: AspectPriority.READONLY })`.
 *
 * Where several policies reach a client (the organisation's on the app, a
 * team's on a stack), the closest checks it and options cascade: each option
 * is the closest policy's that sets it, and for each rule id in
 * `warningRules` or `disabledRules`, the closest policy that lists it decides.
 *
 * @example
 * Aspects.of(app).add(UserPoolClientPolicy.recommended({
 *   maxAccessTokenMinutes: 15,
 *   allowedUrlHosts: ['*.example.com', 'localhost'],
 * }), { priority: AspectPriority.READONLY });
 */
export class UserPoolClientPolicy implements IAspect {
  /** The options of `recommended()`. */
  public static readonly RECOMMENDED: UserPoolClientPolicyProps = RECOMMENDED_POLICY;

  /**
   * True when `x` is a UserPoolClientPolicy (from any copy of this library).
   */
  public static isUserPoolClientPolicy(x: unknown): x is UserPoolClientPolicy {
    return typeof x === 'object' && x !== null && POLICY in x;
  }

  /**
   * The recommended baseline: no implicit grant, PreventUserExistenceErrors
   * ENABLED, token revocation on, no self-service writes to the verified
   * flags, explicit auth flows without the password flows, and a client name.
   *
   * @param additions options added to the baseline. A list adds its values to the baseline's list, any other option replaces the baseline's value, and `disabledRules` takes a baseline rule out.
   */
  public static recommended(additions: UserPoolClientPolicyProps = {}): UserPoolClientPolicy {
    return new UserPoolClientPolicy(withAdditions(RECOMMENDED_POLICY, checkPolicyProps(additions, 'UserPoolClientPolicy.recommended')));
  }

  /**
   * A policy from a JSON file of its options (the file the command line's
   * `--policy` and the validation plugin's policy read, which may name its
   * schema under `$schema`), checked as the constructor checks options: one
   * file serves every door and every language.
   *
   * @param path the file's path
   */
  public static fromFile(path: string): UserPoolClientPolicy {
    const where = 'UserPoolClientPolicy.fromFile';
    let json: unknown;
    try {
      json = readPolicyJson(path);
    } catch (e) {
      throw new PolicyOptionError(`${where}: ${(e as Error).message}`);
    }
    // Checked here first, so that a message names the file.
    return new UserPoolClientPolicy(checkPolicyProps(json, `${where}: ${path}`));
  }

  /** The policy's options. */
  public readonly props: UserPoolClientPolicyProps;

  public constructor(props: UserPoolClientPolicyProps) {
    Object.defineProperty(this, POLICY, { value: true });
    this.props = checkPolicyProps(props, 'UserPoolClientPolicy');
    // Checks the rule lists now (an unknown id, one both disabled and a warning), not at the first client.
    policySelection(this.props);
  }

  public visit(node: IConstruct): void {
    // Clients first: they are most of what is visited, and a resource is neither a stack nor a stage.
    if (!isUserPoolClientResource(node)) {
      onVisit(node);
      if (Stage.isStage(node)) watchNestedStages(node, 'policy', () => stageRuleOff(node));
      // A stale waiver on a stack whose clients are gone is still this policy's to judge.
      if (Stack.isStack(node)) noteReach(node, aspectsReaching(node, isPolicy), this, (chain) => CASCADE.of(chain).selection);
      return;
    }
    // Where several policies reach the client, the closest checks it, with the options of all of them cascaded.
    const merged = optionsIfClosest(this, aspectsReaching(node, isPolicy), CASCADE);
    if (!merged) return;
    // Never a silent pass: policies that turn on no rule (an empty file, rule lists only) would check nothing.
    if (merged.selection.rules?.length === 0) return reportNoPolicyRule(node, merged.selection);
    checkClientNode(node, merged.configuration, merged.selection, 'policy');
  }
}

/** The client is named as not checked by the policy, as the plugin and the command line refuse such a policy. */
function reportNoPolicyRule(node: IConstruct, selection: RuleSelection): void {
  const rule = noticeRule('VUPC-NOT-VALIDATED');
  if (selection.disabledRules?.has(rule.id)) return;
  const violation = {
    property: 'Properties',
    problem: 'is not checked by UserPoolClientPolicy: the policies that reach it turn on no rule (empty options or file, or rule lists only)',
    fix: 'Set at least one policy option (or use UserPoolClientPolicy.recommended()) on a policy that reaches the client.',
  };
  report(node, findingOf(rule, node.node.path, violation, rule.severity));
}

const isPolicy = (a: IAspect): a is UserPoolClientPolicy => UserPoolClientPolicy.isUserPoolClientPolicy(a);

/**
 * A chain of policies, merged: each option is the closest policy's that sets it; rule lists merge per rule id.
 * `configuration` is what each client is checked with, made once rather than per client.
 */
type Merged = { configuration: { policy: UserPoolClientPolicyProps }; selection: RuleSelection };
const CASCADE = new CascadeCache((chain: readonly UserPoolClientPolicy[]): Merged => {
  const props: Record<string, unknown> = {};
  for (const policy of chain) {
    for (const [option, value] of Object.entries(policy.props)) if (value !== undefined) props[option] = value;
  }
  const lists = cascadeRuleLists(chain.map((p) => policySelection(p.props) as RuleLists));
  const merged = { ...props, warningRules: [...lists.warningRules], disabledRules: [...lists.disabledRules] } as UserPoolClientPolicyProps;
  return { configuration: { policy: merged }, selection: { ...policySelection(merged), ...lists } };
});
