/**
 * How an acknowledgement (a finding accepted, with a reason) is recorded and
 * shown, by every door: the aspects write construct metadata, which lands in
 * the cloud assembly, where the command line reads it; a template records it
 * in Metadata.
 */

import { isRecord } from '../rules/values';

/** The type of the construct metadata entry `UserPoolClientAcknowledgements.acknowledge` writes (data: an AcknowledgementRecord). */
export const ACKNOWLEDGEMENT_METADATA = 'cdk-validated-user-pool-client:acknowledgement';

/**
 * The type of the construct metadata entry the aspects write when CDK's own
 * `Annotations.acknowledgeWarning` hid one of their warnings (data: an
 * AcknowledgementRecord), which leaves no trace in the cloud assembly: the
 * command line reads it, so that the pipeline accepts what the synth did.
 */
export const CDK_ACKNOWLEDGED_METADATA = 'cdk-validated-user-pool-client:acknowledged-with-cdk';

/** CDK's record of `Validations.of(scope).acknowledge({ id, reason })` (data: reasons by id), which CDK applies by id to the whole app. */
export const CDK_ACKNOWLEDGED_RULES = 'aws:cdk:acknowledged-rules';

/**
 * The type of the construct metadata entry the aspects write on a stack for
 * each rule that CDK's `Validations.acknowledge` accepted on the app or a
 * stage above it (data: an AcknowledgementRecord whose reason is worded as
 * `cdkAcknowledgedRules` words it, and whose `scope` names where it was
 * made): an app or a stage has no place of its own in the cloud assembly.
 */
export const CDK_ACKNOWLEDGED_ABOVE_METADATA = 'cdk-validated-user-pool-client:validations-acknowledged-above';

/** The rule id of an id CDK acknowledges: a warning annotation's (`Annotation::<id>`) or the plugin's (`<plugin>::<id>`). */
function ruleIdOfCdkAcknowledgement(id: string, pluginName: string): string | undefined {
  for (const prefix of ['Annotation::', `${pluginName}::`]) if (id.startsWith(prefix) && id.length > prefix.length) return id.slice(prefix.length);
  return undefined;
}

/** A construct metadata entry, as CDK keeps it and as the cloud assembly records it. */
type MetadataEntry = { readonly type?: unknown; readonly data?: unknown };

/**
 * The rules of `pluginName` that one metadata entry of CDK's
 * `Validations.acknowledge` (CDK_ACKNOWLEDGED_RULES) accepts, each with its
 * reason as every door shows it; none for an entry of another type.
 */
export function cdkAcknowledgedRules(entry: MetadataEntry | undefined, pluginName: string): Array<{ ruleId: string; reason: string }> {
  if (entry?.type !== CDK_ACKNOWLEDGED_RULES || !isRecord(entry.data)) return [];
  return Object.entries(entry.data).flatMap(([id, reason]) => {
    const ruleId = ruleIdOfCdkAcknowledgement(id, pluginName);
    return ruleId !== undefined && typeof reason === 'string' ? [{ ruleId, reason: `${reason}; made with Validations.acknowledge, which CDK applies to the whole app` }] : [];
  });
}

/**
 * An acknowledgement as the cloud assembly records it. `scope` is set on the
 * copy a stack carries of one made on an app or a stage (its path; empty for
 * the app); without it, the acknowledgement was made on the construct whose
 * metadata holds it.
 */
export interface AcknowledgementRecord {
  readonly ruleId: string;
  readonly reason: string;
  readonly scope?: string;
}

/** Where a finding was accepted, and why. */
export interface AppliedAcknowledgement {
  /** Path of the construct (or the template and resource) where it was made; empty for the app. */
  readonly scope: string;
  readonly reason: string;
}

/**
 * The key of a template's or a resource's Metadata under which
 * `acknowledgements: [{ ruleId, reason }]` accept findings (for templates
 * not made with CDK).
 */
export const TEMPLATE_METADATA_KEY = 'cdk-validated-user-pool-client';

/** An acknowledged finding, as every door reports it: an info that names every place it was accepted, closest first, and why. */
export function acknowledgedMessage(acknowledgements: readonly AppliedAcknowledgement[], message: string): string {
  const [first, ...more] = acknowledgements;
  const also = more.map((a) => `; also on ${a.scope || '<app>'} (${a.reason})`).join('');
  return `Acknowledged on ${first.scope || '<app>'} (${first.reason})${also}: ${message}`;
}

/** Every entry of the acknowledgements list a Metadata value holds under TEMPLATE_METADATA_KEY, well-formed or not. */
export function acknowledgementEntries(metadata: unknown): unknown[] {
  const section = isRecord(metadata) ? metadata[TEMPLATE_METADATA_KEY] : undefined;
  const list = isRecord(section) ? section.acknowledgements : undefined;
  return Array.isArray(list) ? list : [];
}

/** True for an entry that can accept findings: a rule id and a reason. */
export const isAcknowledgement = (a: unknown): a is { ruleId: string; reason: string } =>
  isRecord(a) && typeof a.ruleId === 'string' && typeof a.reason === 'string' && a.reason.trim() !== '';

/** The acknowledgements a Metadata value records (`{ acknowledgements: [{ ruleId, reason }] }` under TEMPLATE_METADATA_KEY). */
export function acknowledgementsIn(metadata: unknown): Array<{ ruleId: string; reason: string }> {
  return acknowledgementEntries(metadata).filter(isAcknowledgement);
}

