import { Annotations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { UserPoolClientAcknowledgements } from './acknowledgements';
import type { Finding } from '../engine/finding';
import { acknowledgedMessage } from '../reporting/acknowledgements';
import { RuleSeverity } from '../rules/rule';

/**
 * CDK checks acknowledgements only on a construct's ancestors when a warning
 * is added later (aws-cdk-lib 2.262-2.276), so one made with
 * `Annotations.acknowledgeWarning` on the client resource itself would not
 * apply to warnings added at synth time. Read CDK's record for the node
 * itself; the lookup is guarded and answers false if CDK changes it.
 */
function acknowledgedInCdk(node: IConstruct, ruleId: string): boolean {
  const root = node.node.root as unknown as Record<symbol, { acks?: Map<string, Set<string>> } | undefined>;
  const acks = root[Symbol.for('@aws-cdk/core.Acknowledgements')]?.acks;
  return acks instanceof Map && acks.get(node.node.path)?.has(ruleId) === true;
}

/**
 * Adds a finding as an annotation, once. An acknowledged finding (through
 * this library, on the client or an ancestor) becomes an info annotation
 * that names the reason, so nothing disappears silently.
 */
export function report(node: IConstruct, finding: Finding): void {
  if (node.node.metadata.some((m) => typeof m.data === 'string' && m.data.includes(finding.message))) return;
  const annotations = Annotations.of(node);
  const ack = finding.severity === RuleSeverity.INFO ? undefined : UserPoolClientAcknowledgements.find(node, finding.ruleId);
  if (ack) {
    annotations.addInfo(acknowledgedMessage(ack.path, ack.reason, finding.message));
  } else if (finding.severity === RuleSeverity.ERROR) {
    annotations.addError(finding.message);
  } else if (finding.severity === RuleSeverity.WARNING) {
    if (!acknowledgedInCdk(node, finding.ruleId)) annotations.addWarningV2(finding.ruleId, finding.message);
  } else {
    annotations.addInfoV2(finding.ruleId, finding.message);
  }
}
