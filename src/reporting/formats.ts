import { createHash } from 'crypto';
import { isAbsolute, sep } from 'path';
import { pathToFileURL } from 'url';
import type { AppliedAcknowledgement } from './acknowledgements';
import type { Finding } from '../engine/finding';
import { ALL_RULES } from '../rules/registry';
import { RuleSeverity } from '../rules/rule';
import { PACKAGE_REPOSITORY } from '../version';

/** A finding with where it is in a file. */
export interface Located {
  readonly file: string;
  readonly line?: number;
  readonly logicalId: string;
  readonly finding: Finding;
  /** The acknowledgements that accepted the finding (it is then an info), closest first. */
  readonly acknowledgements?: readonly AppliedAcknowledgement[];
  /** The severity the finding had before its acknowledgements made it an info (kept for the audit: a waived error or warning). */
  readonly acknowledgedSeverity?: RuleSeverity;
}

/**
 * What became of one input: a template checked (each nested stack's template
 * is one), a template of the baseline (compared with, not checked), or an
 * input that could not be read.
 */
export interface InputStatus {
  readonly file: string;
  readonly status: 'checked' | 'baseline' | 'unreadable';
  readonly clients: number;
  /** The app clients in the nested stacks it deploys (any depth), when there are some. */
  readonly nestedClients?: number;
  /** What was not checked along with it (a nested stack whose template is not a local file). */
  readonly notices: readonly string[];
  /** Why it could not be read. */
  readonly error?: string;
  /** Set for API JSON (requests or responses): what its clients were read from. */
  readonly api?: 'request' | 'response';
  /** For a nested stack's template read along with its parent's: the parent's file. */
  readonly nestedIn?: string;
  /** For a nested template that several stack resources deploy: which deployment this reading is (`parent.yaml#Prod`). */
  readonly deployedAs?: string;
}

export interface RunSummary {
  readonly inputs: readonly InputStatus[];
  readonly findings: readonly Located[];
  readonly toolVersion: string;
}

const count = (s: RunSummary, severity: RuleSeverity) => s.findings.filter((f) => f.finding.severity === severity).length;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const checked = (s: RunSummary) => s.inputs.filter((i) => i.status === 'checked');
const unreadable = (s: RunSummary) => s.inputs.filter((i) => i.status === 'unreadable');

export function formatText(s: RunSummary): string {
  const lines: string[] = [];
  // Nested stacks a template deploys whose templates were not read may hold clients: its "nothing to check" would not be true.
  const unreadNested = new Set(s.findings.filter((f) => f.finding.ruleId === 'VUPC-NOT-VALIDATED' && f.finding.property === '').map((f) => f.file));
  for (const t of s.inputs) {
    const name = t.deployedAs === undefined ? t.file : `${t.file} (deployed as ${t.deployedAs})`;
    // A parent whose clients are all in the nested stacks it deploys has something to check: those. A nested template
    // with none, read along with its parent, is no news (the JSON output lists it).
    if (t.status === 'checked' && t.clients === 0 && !t.nestedClients && (t.nestedIn === undefined || unreadNested.has(t.file))) {
      lines.push(unreadNested.has(t.file)
        ? `${name}: no AWS::Cognito::UserPoolClient resources it could read; what may make app clients is named below (VUPC-NOT-VALIDATED).`
        : `${name}: no AWS::Cognito::UserPoolClient resources, nothing to check.`);
    }
    for (const notice of t.notices) lines.push(`NOTE ${name}: ${notice}`);
  }
  for (const { file, line, finding } of s.findings) {
    lines.push(`${finding.severity.toUpperCase()} ${file}${line ? `:${line}` : ''}`, `  ${finding.message}`, '');
  }
  const clients = checked(s).reduce((n, t) => n + t.clients, 0);
  const failed = unreadable(s).length;
  const templates = checked(s).filter((t) => !t.api).length;
  const apiFiles = new Set(checked(s).filter((t) => t.api).map((t) => t.file)).size;
  const of = [templates > 0 || apiFiles === 0 ? plural(templates, 'template') : '', apiFiles > 0 ? plural(apiFiles, 'API input') : ''].filter(Boolean).join(' and ');
  if (checked(s).length === 0 && failed > 0) {
    lines.push(`Nothing was checked: ${failed === 1 ? 'the input' : `the ${failed} inputs`} could not be read, so this run is incomplete.`);
  } else {
    lines.push(`${plural(count(s, RuleSeverity.ERROR), 'error')}, ${plural(count(s, RuleSeverity.WARNING), 'warning')} in ${plural(clients, 'app client')} of ${of}`
      + (failed > 0 ? `; ${plural(failed, 'input')} could not be read, so this run is incomplete.` : '.'));
  }
  return `${lines.join('\n')}\n`;
}

export function formatJson(s: RunSummary): string {
  const body = {
    tool: { name: 'validate-user-pool-clients', version: s.toolVersion },
    // A run that could not read an input is incomplete: a consumer must not take it as clean.
    complete: unreadable(s).length === 0,
    inputs: s.inputs,
    findings: s.findings.map(({ file, line, logicalId, finding, acknowledgements, acknowledgedSeverity }) =>
      ({ ...finding, file, line, logicalId, acknowledgements, acknowledgedSeverity })),
    // The audit trail: every acknowledgement that accepted a finding in this run, with the severity the finding had
    // (an auditor tells a waived error from a waived warning). Each entry names the finding it accepted (property,
    // condition, line), so that one waiver accepting several is several entries.
    acknowledgements: s.findings.flatMap(({ file, line, logicalId, finding, acknowledgements, acknowledgedSeverity }) =>
      (acknowledgements ?? []).map(({ scope, reason }) => ({
        ruleId: finding.ruleId,
        severity: acknowledgedSeverity,
        file,
        line,
        logicalId,
        path: finding.path,
        property: finding.property,
        condition: finding.condition,
        scope,
        reason,
      }))),
    summary: {
      errors: count(s, RuleSeverity.ERROR),
      warnings: count(s, RuleSeverity.WARNING),
      infos: count(s, RuleSeverity.INFO),
      unreadableInputs: unreadable(s).length,
    },
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

const SARIF_LEVEL: Record<RuleSeverity, string> = { [RuleSeverity.ERROR]: 'error', [RuleSeverity.WARNING]: 'warning', [RuleSeverity.INFO]: 'note' };
const REPOSITORY = PACKAGE_REPOSITORY;

/**
 * The rules document of the version that ran: a release's tag (`v<version>`, what projen's release tags, with no
 * prefix), so that an alert's help says what that version checked; main for a build that is no release (package.json
 * holds 0.0.0 between releases, and a local build reports that).
 */
function rulesDoc(version: string): string {
  const released = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version) && version !== '0.0.0';
  return `${REPOSITORY}/blob/${released ? `v${version}` : 'main'}/docs/rules.md`;
}

/** What the command line shows for standard input (`-`), as the file of its findings and inputs. */
export const STDIN_SHOWN = '<stdin>';

/**
 * A file as SARIF's artifactLocation.uri takes it, a URI reference (RFC 3986): an absolute path as a `file:` URI;
 * a relative path (as given, which GitHub resolves from the repository's root) with `/` between segments and each
 * segment percent-encoded, so that a space, `%`, `#` or `?` in a name, or a `:` that would read as a scheme, stays
 * part of the path. Standard input has no URI: undefined (a `<stdin>` uri is invalid, and any placeholder would be
 * taken for a file of the repository).
 */
function sarifUri(file: string): string | undefined {
  if (file === STDIN_SHOWN) return undefined;
  if (isAbsolute(file)) return pathToFileURL(file).href;
  // A backslash separates segments where it separates them in paths (Windows); elsewhere it is part of a name.
  return file.split(sep === '\\' ? /[\\/]/ : '/').map(encodeURIComponent).join('/');
}

/** Where a file is, for a result or a notification: none for standard input (the result keeps its logical location). */
const physicalLocation = (file: string, line?: number) => {
  const uri = sarifUri(file);
  return uri === undefined ? {} : { physicalLocation: { artifactLocation: { uri }, ...(line ? { region: { startLine: line } } : {}) } };
};
const notification = (level: 'error' | 'warning', text: string, file: string) => ({
  level,
  message: { text },
  ...(sarifUri(file) === undefined ? {} : { locations: [physicalLocation(file)] }),
});

/**
 * Each finding's `partialFingerprints.primaryLocationLineHash`, by which GitHub code scanning tells one alert from
 * another across uploads. Without it, upload-sarif hashes the text around the line, which merges distinct findings
 * on one line (every item of a list in cdk.out's JSON is on its key's line) and re-keys a finding whose neighbour
 * changed. This hashes what the finding is about: the rule, the input's file as given (with `/` between segments,
 * as on every runner), the client's path (a construct path, or the template and logical id), the property with its
 * index, and the condition it holds under; never the line nor the message (which quotes values). The same finding
 * keeps its fingerprint when lines move or values change (an input given as an absolute path puts that path in it:
 * relative inputs, as the README's pipeline gives them, hold across machines). GitHub's shape, `<hash>:<n>`: n counts the findings of one
 * identity before it, in the run's stable order, so that fingerprints are unique in a run.
 */
function fingerprints(findings: readonly Located[]): string[] {
  const seen = new Map<string, number>();
  return findings.map(({ file, finding }) => {
    // Which loop values made a client names no resource: renaming the loop must not reopen its alerts.
    const path = finding.path.replace(LOOP_SUFFIX, '');
    const identity = [finding.ruleId, file.split(sep).join('/'), path, finding.property, finding.condition ?? ''].join('\u0000');
    const hash = createHash('sha256').update(identity).digest('hex').slice(0, 32);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return `${hash}:${n}`;
  });
}

/**
 * A result's suppressions, on every result of the run: SARIF 2.1.0 §3.27.23 wants them all null or all non-null in a
 * run, and an empty list says "looked for, none" (null would say "not determined"); this tool always looks for
 * acknowledgements, so every result has the list, empty when none accepted it. An acknowledgement in the analysed
 * file's own Metadata (scope: the resource's logical id, or the template's file) is `inSource`; one recorded in the
 * cloud assembly's metadata (scope: a construct path, empty for the app) is `external`. The record does not say
 * which: a construct path that is exactly the client's logical id (a stack named like the resource) reads as inSource.
 */
const suppressions = ({ file, logicalId, acknowledgements }: Located) => (acknowledgements ?? []).map((a) => ({
  kind: a.scope !== '' && (a.scope === logicalId || a.scope === file) ? 'inSource' : 'external',
  status: 'accepted',
  justification: `${a.reason} (acknowledged on ${a.scope || '<app>'})`,
}));

/** GitHub code scanning rejects a whole SARIF upload with more results than this in a run. */
export const GITHUB_MAX_RESULTS = 25_000;
/** GitHub code scanning stores at most this many results of a run, the most severe first, and drops the rest. */
export const GITHUB_STORED_RESULTS = 5_000;

/**
 * Said when the run has more results than GitHub takes or keeps. Every result is kept: the file is the run's report,
 * other consumers take it whole, and dropping some here would close their alerts on GitHub as if they were fixed.
 */
const tooManyResults = (n: number) => ({
  level: 'warning',
  message: {
    text: (n > GITHUB_MAX_RESULTS
      ? `This run has ${n} results; GitHub code scanning rejects a SARIF run of more than ${GITHUB_MAX_RESULTS} (the whole upload). `
      : `This run has ${n} results; GitHub code scanning stores only ${GITHUB_STORED_RESULTS} of a run (the most severe), so the others get no alert. `)
      + 'Every result is kept here. To upload it whole, bring it under the limit: fix findings, turn off rules with --disable-rule, '
      + 'or check the templates in several runs (each uploaded with its own category).',
  },
});

/** How a resource's path names the `Fn::ForEach` loops that made it: `template.yaml#WebClient (Fn::ForEach::Apps with App = Web)`. */
export const loopSuffix = (madeBy: string) => ` (${madeBy})`;
const LOOP_SUFFIX = / \(Fn::ForEach::[^]*?\)(?= \(deployed as |$)/;

/** A finding's logical location: its client's path, and the property it names (if any). */
const qualifiedName = ({ path, property }: Finding) => (property ? `${path}.${property}` : path);

/** SARIF 2.1.0, for code-scanning UIs: one run, every rule described, results with file and line, and the run's success. */
export function formatSarif(s: RunSummary): string {
  // Every rule of the registry, not only those with a check: the library's own notices (VUPC-CLIENT-REPLACED,
  // VUPC-NOT-VALIDATED, VUPC-ACKNOWLEDGEMENT-UNUSED, ...) are results too, and a result's rule must be described
  // (its ruleIndex is absent otherwise, SARIF 2.1.0 §3.27.6; GitHub shows the rule's descriptions and help).
  const rules = ALL_RULES;
  const indexOf = new Map(rules.map((r, i) => [r.id, i]));
  const fingerprintOf = fingerprints(s.findings);
  const doc = rulesDoc(s.toolVersion);
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'validate-user-pool-clients',
          version: s.toolVersion,
          informationUri: REPOSITORY,
          rules: rules.map((r) => ({
            id: r.id,
            name: r.id.replace(/^VUPC-/, '').toLowerCase().replace(/-(.)/g, (_, c: string) => c.toUpperCase()),
            shortDescription: { text: r.summary },
            fullDescription: { text: `${r.why} Fix: ${r.fix}` },
            helpUri: `${doc}#${r.id.toLowerCase()}`,
            help: { text: `${r.summary} ${r.why} Fix: ${r.fix} Source: ${r.source}` },
            defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
          })),
        },
      },
      // One artifact per file: a nested template deployed twice, or API JSON of requests and responses, is one file.
      // Standard input is no artifact a consumer could open: not listed.
      artifacts: [...new Set(s.inputs.map((t) => sarifUri(t.file)))].flatMap((uri) => (uri === undefined ? [] : [{ location: { uri } }])),
      // An upload after a failed read must not close the alerts of what was not read.
      invocations: [{
        executionSuccessful: unreadable(s).length === 0,
        toolExecutionNotifications: [
          ...unreadable(s).map((t) => notification('error', t.error ?? 'could not be read', t.file)),
          ...s.inputs.flatMap((t) => t.notices.map((notice) => notification('warning', notice, t.file))),
          ...(s.findings.length > GITHUB_STORED_RESULTS ? [tooManyResults(s.findings.length)] : []),
        ],
      }],
      results: s.findings.map((located, i) => ({
        ruleId: located.finding.ruleId,
        ...(indexOf.has(located.finding.ruleId) ? { ruleIndex: indexOf.get(located.finding.ruleId) } : {}),
        level: SARIF_LEVEL[located.finding.severity],
        message: { text: located.finding.message },
        suppressions: suppressions(located),
        locations: [{
          ...physicalLocation(located.file, located.line),
          logicalLocations: [{ name: located.logicalId, fullyQualifiedName: qualifiedName(located.finding), kind: 'resource' }],
        }],
        partialFingerprints: { primaryLocationLineHash: fingerprintOf[i] },
        // An acknowledged finding is a note; the severity it had stays visible, so that an audit tells a waived error.
        ...(located.acknowledgedSeverity ? { properties: { acknowledgedSeverity: located.acknowledgedSeverity } } : {}),
      })),
    }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
