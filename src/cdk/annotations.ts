import { Annotations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { acknowledgementsFor, cdkAcknowledgementsFor } from './acknowledgements';
import { whereWarningAcknowledgedInCdk } from './internals';
import type { Finding } from '../engine/finding';
import { acknowledgedMessage, CDK_ACKNOWLEDGED_METADATA } from '../reporting/acknowledgements';
import { RuleSeverity } from '../rules/rule';

/**
 * True when an aspect reported the finding on the node (as found, or as the
 * info of its acknowledgement), compared by rule, property, condition and
 * severity: an aspect names a construct's props in its messages where a
 * template's reader names CloudFormation properties, and an aspect that made
 * an error a warning has not reported the error.
 */
export function wasReported(node: IConstruct, finding: Finding): boolean {
  return REPORTED.get(node)?.has(reportKey(finding)) === true;
}

const REPORTED = new WeakMap<IConstruct, Set<string>>();
const reportKey = (f: Finding) => `${f.ruleId}\u0000${f.property}\u0000${f.condition ?? ''}\u0000${f.severity}`;
function noteReported(node: IConstruct, finding: Finding): void {
  let keys = REPORTED.get(node);
  if (!keys) REPORTED.set(node, (keys = new Set()));
  keys.add(reportKey(finding));
}

/**
 * Notes in the cloud assembly that CDK's `Annotations.acknowledgeWarning`
 * accepted the rule's warning on the node, once: CDK itself leaves no trace,
 * and the command line, run on the assembly, would report it again.
 */
function recordAcknowledgedWithCdk(node: IConstruct, ruleId: string, madeOn: string): void {
  const ruleOf = (data: unknown) => (data as { ruleId?: unknown } | undefined)?.ruleId;
  const recorded = node.node.metadata.some((m) => m.type === CDK_ACKNOWLEDGED_METADATA && ruleOf(m.data) === ruleId);
  // `scope` names where it was made when that is a scope of the node (an L2 client, a stack), for the audit trail.
  const scope = madeOn === node.node.path ? {} : { scope: madeOn };
  if (!recorded) node.node.addMetadata(CDK_ACKNOWLEDGED_METADATA, { ruleId, reason: 'acknowledged with Annotations.acknowledgeWarning', ...scope });
}

/**
 * Adds a finding as an annotation, once. An acknowledged finding (through
 * this library, on the client or an ancestor) becomes an info annotation
 * that names every reason, so nothing disappears silently.
 */
export function report(node: IConstruct, finding: Finding): void {
  // Looked up first: an acknowledgement that accepts a finding reported in an earlier synthesis is used in this one too.
  // An info is acknowledged too (a notice such as VUPC-POOL-NOT-FOUND), as the plugin does: else its waiver is reported as unused.
  const acks = [
    ...acknowledgementsFor(node, finding.ruleId).map((a) => ({ scope: a.path, reason: a.reason })),
    ...cdkAcknowledgementsFor(node, finding.ruleId),
  ];
  noteReported(node, finding);
  if (node.node.metadata.some((m) => typeof m.data === 'string' && m.data.includes(finding.message))) return;
  const annotations = Annotations.of(node);
  if (acks.length > 0) {
    annotations.addInfo(acknowledgedMessage(acks, finding.message));
  } else if (finding.severity === RuleSeverity.ERROR) {
    annotations.addError(finding.message);
  } else if (finding.severity === RuleSeverity.WARNING) {
    const madeOn = whereWarningAcknowledgedInCdk(node, finding.ruleId);
    if (madeOn === undefined) annotations.addWarningV2(finding.ruleId, finding.message);
    else recordAcknowledgedWithCdk(node, finding.ruleId, madeOn);
  } else {
    annotations.addInfoV2(finding.ruleId, finding.message);
  }
}
