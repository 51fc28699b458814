import { Annotations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { acknowledgementsFor } from './acknowledgements';
import { warningAcknowledgedInCdk } from './internals';
import type { Finding } from '../engine/finding';
import { acknowledgedMessage } from '../reporting/acknowledgements';
import { RuleSeverity } from '../rules/rule';

/**
 * Adds a finding as an annotation, once. An acknowledged finding (through
 * this library, on the client or an ancestor) becomes an info annotation
 * that names every reason, so nothing disappears silently.
 */
export function report(node: IConstruct, finding: Finding): void {
  // Looked up first: an acknowledgement that accepts a finding reported in an earlier synthesis is used in this one too.
  const acks = finding.severity === RuleSeverity.INFO ? [] : acknowledgementsFor(node, finding.ruleId);
  if (node.node.metadata.some((m) => typeof m.data === 'string' && m.data.includes(finding.message))) return;
  const annotations = Annotations.of(node);
  if (acks.length > 0) {
    annotations.addInfo(acknowledgedMessage(acks.map((a) => ({ scope: a.path, reason: a.reason })), finding.message));
  } else if (finding.severity === RuleSeverity.ERROR) {
    annotations.addError(finding.message);
  } else if (finding.severity === RuleSeverity.WARNING) {
    if (!warningAcknowledgedInCdk(node, finding.ruleId)) annotations.addWarningV2(finding.ruleId, finding.message);
  } else {
    annotations.addInfoV2(finding.ruleId, finding.message);
  }
}
