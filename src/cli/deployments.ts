import { deployedAsSuffix, LoadedTemplate } from './templates';
import type { Located } from '../reporting/formats';

/**
 * Findings on a nested template that several stack resources deploy: each
 * reading is checked with its own parameters, and its findings name the
 * deployment. A finding that every deployment has is reported once, without
 * a deployment's name (it holds for the template); one that only some have
 * is reported for each of those.
 */
export function mergeDeployments(findings: readonly Located[], templates: readonly LoadedTemplate[]): Located[] {
  const readings = new Map<string, LoadedTemplate[]>();
  for (const t of templates) if (t.deployedAs !== undefined) readings.set(t.file, [...(readings.get(t.file) ?? []), t]);
  if (readings.size === 0) return [...findings];
  const suffixOf = new Map<Located, string>();
  const keyOf = new Map<Located, string>();
  const groups = new Map<string, Located[]>();
  for (const located of findings) {
    const copies = readings.get(located.file);
    const suffix = copies?.map(deployedAsSuffix).find((s) => located.finding.path.endsWith(s));
    if (suffix === undefined) continue;
    suffixOf.set(located, suffix);
    const { finding } = located;
    const key = [located.file, located.line, located.logicalId, finding.ruleId, finding.severity, finding.condition, finding.message.split(suffix).join('')].join('\u0000');
    keyOf.set(located, key);
    groups.set(key, [...(groups.get(key) ?? []), located]);
  }
  const out: Located[] = [];
  const done = new Set<Located>();
  for (const located of findings) {
    if (done.has(located)) continue;
    const suffix = suffixOf.get(located);
    const group = groups.get(keyOf.get(located) ?? '');
    if (suffix === undefined || !group || new Set(group.map((l) => suffixOf.get(l))).size < readings.get(located.file)!.length) {
      out.push(located);
      continue;
    }
    for (const l of group) done.add(l);
    const strip = (text: string) => text.split(suffix).join('');
    out.push({ ...located, finding: { ...located.finding, path: strip(located.finding.path), message: strip(located.finding.message) } });
  }
  return out;
}
