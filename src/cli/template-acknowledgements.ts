import { LoadedTemplate, resourcePath } from './templates';
import { findingOf } from '../engine/validate-client';
import { acknowledgementEntries, isAcknowledgement, TEMPLATE_METADATA_KEY } from '../reporting/acknowledgements';
import type { Located } from '../reporting/formats';
import { closestOf } from '../rules/closest';
import { ALL_RULES, findRule, noticeRule } from '../rules/registry';
import { isRecord } from '../rules/values';

/** The key of an acknowledgement that accepted a finding: its template, where it was made, rule and reason. */
export const usedKey = (file: string, scope: string, ruleId: string, reason: string) => `${file}\u0000${scope}\u0000${ruleId}\u0000${reason}`;

/**
 * The acknowledgements in templates' Metadata (the waivers of templates not
 * made with CDK) that accept nothing: a rule that ran and found nothing to
 * accept there in this run (`used` holds those that did, see `usedKey`),
 * an id that is no rule, an entry without a reason. Each is a
 * VUPC-ACKNOWLEDGEMENT-UNUSED warning where it was made, as the aspects report
 * a stale waiver. Acknowledgements of rules that did not run (`ran`) are
 * not judged. Those a cloud assembly records are the synth's to judge.
 */
export function unusedTemplateAcknowledgements(
  templates: readonly LoadedTemplate[], used: ReadonlySet<string>, ran: (ruleId: string) => boolean,
): Located[] {
  const rule = noticeRule('VUPC-ACKNOWLEDGEMENT-UNUSED');
  const out: Located[] = [];
  // A template read once per deployment holds its acknowledgements once: `used` counts what every reading used.
  const judged = new Set<string>();
  for (const t of templates) {
    if (t.apiClients || !isRecord(t.template) || judged.has(t.file)) continue;
    judged.add(t.file);
    const resources = isRecord(t.template.Resources) ? t.template.Resources : {};
    const ofResources = Object.entries(resources).map(([id, r]): [string, unknown] => [id, isRecord(r) ? r.Metadata : undefined]);
    const places: Array<[string | undefined, unknown]> = [[undefined, t.template.Metadata], ...ofResources];
    for (const [logicalId, metadata] of places) {
      // A section this reader cannot read accepts nothing either: named, never ignored.
      for (const { key, problem, fix } of malformedSections(metadata)) {
        const path = logicalId === undefined ? t.file : resourcePath(t, logicalId, true);
        const finding = findingOf(rule, path, { property: `Metadata.${key}`, problem, fix }, rule.severity);
        out.push({ file: t.file, line: logicalId === undefined ? undefined : t.line(logicalId), logicalId: logicalId ?? '', finding });
      }
      acknowledgementEntries(metadata).forEach((entry, index) => {
        const scope = logicalId ?? t.file;
        const where = logicalId === undefined ? 'this template' : 'this resource';
        const problem = problemOf(entry, where, (ruleId, reason) => used.has(usedKey(t.file, scope, ruleId, reason)), ran);
        if (problem === undefined) return;
        const property = `Metadata.${TEMPLATE_METADATA_KEY}.acknowledgements[${index}]`;
        const path = logicalId === undefined ? t.file : resourcePath(t, logicalId, true);
        const finding = findingOf(rule, path, { property, ...problem }, rule.severity);
        out.push({ file: t.file, line: logicalId === undefined ? undefined : t.line(logicalId), logicalId: logicalId ?? '', finding });
      });
    }
  }
  return out;
}

const SHAPE = `{ "${TEMPLATE_METADATA_KEY}": { "acknowledgements": [{ "ruleId": "VUPC-…", "reason": "…" }] } }`;

/**
 * What in a Metadata value looks meant as acknowledgements but cannot be
 * read as them: this library's key misspelt, its section not an object, a
 * key in it other than `acknowledgements` (the US spelling, say), or an
 * acknowledgements value that is not a list.
 */
function malformedSections(metadata: unknown): Array<{ key: string; problem: string; fix: string }> {
  if (!isRecord(metadata)) return [];
  const out: Array<{ key: string; problem: string; fix: string }> = [];
  const fix = `Write it as ${SHAPE}.`;
  for (const key of Object.keys(metadata)) {
    if (key !== TEMPLATE_METADATA_KEY && closestOf(key, [TEMPLATE_METADATA_KEY]) !== undefined) {
      out.push({ key, problem: `is not read (did you mean '${TEMPLATE_METADATA_KEY}'?), so it accepts nothing`, fix });
    }
  }
  const section = metadata[TEMPLATE_METADATA_KEY];
  if (section === undefined) return out;
  if (!isRecord(section)) {
    out.push({ key: TEMPLATE_METADATA_KEY, problem: `is ${Array.isArray(section) ? 'a list' : typeof section}, not an object with an acknowledgements list, so it accepts nothing`, fix });
    return out;
  }
  for (const key of Object.keys(section)) {
    if (key === 'acknowledgements') continue;
    const closest = closestOf(key, ['acknowledgements']);
    out.push({ key: `${TEMPLATE_METADATA_KEY}.${key}`, problem: `is not read${closest ? ' (did you mean \'acknowledgements\'?)' : ' (the only key read is acknowledgements)'}, so it accepts nothing`, fix });
  }
  if (section.acknowledgements !== undefined && !Array.isArray(section.acknowledgements)) {
    out.push({ key: `${TEMPLATE_METADATA_KEY}.acknowledgements`, problem: `is ${typeof section.acknowledgements}, not a list, so it accepts nothing`, fix });
  }
  return out;
}

function problemOf(
  entry: unknown, where: string, used: (ruleId: string, reason: string) => boolean, ran: (ruleId: string) => boolean,
): { problem: string; fix: string } | undefined {
  if (!isRecord(entry) || typeof entry.ruleId !== 'string') {
    return { problem: 'is not an acknowledgement ({ ruleId, reason }), so it accepts nothing', fix: 'Write it as { "ruleId": "VUPC-…", "reason": "…" }, or remove it.' };
  }
  const id = entry.ruleId;
  if (!findRule(id)) {
    const closest = closestOf(id, ALL_RULES.map((r) => r.id));
    return { problem: `names '${id}', which is no rule id${closest ? ` (did you mean '${closest}'?)` : ''}, so it accepts nothing`, fix: 'Correct the rule id (docs/rules.md lists them), or remove the acknowledgement.' };
  }
  if (!isAcknowledgement(entry)) return { problem: `accepts ${id} without a reason, so it accepts nothing`, fix: 'Give the reason the finding is accepted, for the audit trail.' };
  if (!ran(id) || used(id, entry.reason)) return undefined;
  return {
    problem: `accepts ${id} ("${entry.reason}"), which found nothing on ${where} to accept in this run`,
    fix: 'Remove the acknowledgement (its finding was fixed, or the client removed), or disable VUPC-ACKNOWLEDGEMENT-UNUSED where stale waivers are expected.',
  };
}
