import { Annotations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { safeString } from '../engine/message';
import { ACKNOWLEDGEMENT_METADATA } from '../reporting/acknowledgements';
import { findRule } from '../rules/registry';

const METADATA_TYPE = ACKNOWLEDGEMENT_METADATA;

/** A rule acknowledged on a construct subtree, with the reason. */
export interface RuleAcknowledgement {
  /** The rule id, e.g. `VUPC-CALLBACK-HTTPS`. */
  readonly ruleId: string;
  /** Why the finding is accepted. */
  readonly reason: string;
  /** Path of the construct the acknowledgement was made on. */
  readonly path: string;
}

/**
 * Acknowledge findings of this library on a construct and everything below it.
 *
 * Warnings are acknowledged through CDK's own machinery
 * (`Annotations.acknowledgeWarning`), so they also disappear from `cdk synth`
 * output. Errors cannot be acknowledged in CDK; the validator honours these
 * acknowledgements instead and reports the finding as an info annotation
 * naming the reason. Every acknowledgement is recorded as construct metadata
 * (`cdk-validated-user-pool-client:acknowledgement`), which lands in the cloud
 * assembly's manifest as an audit trail.
 */
export class UserPoolClientAcknowledgements {
  /**
   * Acknowledge a rule on `scope` and its children.
   *
   * @param scope the construct (a client, a stack, a stage, an app)
   * @param ruleId the rule id, e.g. `UserPoolClientRuleIds.CALLBACK_HTTPS`
   * @param reason why the finding is accepted; must not be empty
   */
  public static acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
    if (typeof ruleId !== 'string' || !findRule(ruleId)) {
      throw new Error(`UserPoolClientAcknowledgements.acknowledge: '${safeString(ruleId)}' is not a rule id of cdk-validated-user-pool-client; use a UserPoolClientRuleIds member (the ids are listed in docs/rules.md).`);
    }
    if (typeof reason !== 'string' || reason.trim().length === 0) {
      throw new Error(`UserPoolClientAcknowledgements.acknowledge: a non-empty reason is required to acknowledge ${ruleId} on ${scope.node.path || '<app>'}.`);
    }
    scope.node.addMetadata(METADATA_TYPE, { ruleId, reason: reason.trim() });
    Annotations.of(scope).acknowledgeWarning(ruleId, reason.trim());
  }

  /** The acknowledgement of `ruleId` that applies to `node` (made on it or an ancestor), if any. */
  public static find(node: IConstruct, ruleId: string): RuleAcknowledgement | undefined {
    for (const scope of [...node.node.scopes].reverse()) {
      for (const entry of scope.node.metadata) {
        const data = entry.data as { ruleId?: string; reason?: string } | undefined;
        if (entry.type === METADATA_TYPE && data?.ruleId === ruleId) {
          return { ruleId, reason: data.reason ?? '', path: scope.node.path };
        }
      }
    }
    return undefined;
  }

  private constructor() {}
}
