import { Annotations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { UserPoolClientAcknowledgements } from './acknowledgements';
import { warningAcknowledgedInCdk } from './internals';
import type { Finding } from '../engine/finding';
import { acknowledgedMessage } from '../reporting/acknowledgements';
import { RuleSeverity } from '../rules/rule';

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
    if (!warningAcknowledgedInCdk(node, finding.ruleId)) annotations.addWarningV2(finding.ruleId, finding.message);
  } else {
    annotations.addInfoV2(finding.ruleId, finding.message);
  }
}
