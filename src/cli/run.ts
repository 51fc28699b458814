import type { ApiClient } from './api-input';
import { PoolFiles, POOL_OPTIONS, poolFilesOf, withPool } from './api-pool';
import { parseCommandLine } from './arguments';
import { pairTemplates, replacedClients } from './baseline';
import { mergeDeployments } from './deployments';
import { IMPORT_USAGE, ImportUsageError, runImport } from './import/command';
import { loadInputs } from './inputs';
import { RULE_OPTIONS, RuleChoice, ruleChoiceOf, runsOf } from './rule-choice';
import { unusedTemplateAcknowledgements, usedKey } from './template-acknowledgements';
import { apiTemplatesOf, InputError, InputKindOption, LoadedTemplate, resourcePath, templatesInSet } from './templates';
import { applyCurrent, completeUpdate, readCurrent, resetSettings } from './update-trap';
import { ranInRun } from '../engine/selection';
import { findingOf } from '../engine/validate-client';
import { clientsOf, validateTemplates } from '../engine/validate-template';
import { acknowledgedMessage } from '../reporting/acknowledgements';
import { formatJson, formatSarif, formatText, InputStatus, Located, RunSummary } from '../reporting/formats';
import { closestOf } from '../rules/closest';
import { noticeRule } from '../rules/registry';
import { InputKind, RuleSeverity } from '../rules/rule';
import { PACKAGE_VERSION } from '../version';

export const USAGE = `Usage: validate-user-pool-clients [options] <template, API JSON, cdk.out or -> [...]
       validate-user-pool-clients import [--language typescript|python] <API JSON or -> [...]

Checks every AWS::Cognito::UserPoolClient in CloudFormation templates (JSON, or
YAML with !Ref/!GetAtt/!Sub short forms) and cloud assemblies (cdk.out,
nested stages included), and in the templates of the nested stacks they
deploy, against what Cognito and CloudFormation reject and what cannot work
as written (OAuth flows with the OAuth flag absent). Also checks app
clients as the Cognito API takes and gives them: CreateUserPoolClient and
UpdateUserPoolClient requests (--cli-input-json or --cli-input-yaml files)
and DescribeUserPoolClient responses, one per file, a JSON list of them,
JSON Lines, or JSON documents one after another. - reads standard input.

Options:
  --policy FILE        also check an organisation policy (JSON; schema: docs/policy.schema.json);
                       repeatable: each file adds to those before it
  --recommended        also check the recommended policy (a --policy file adds to it)
  --format FORMAT      text (default), json or sarif (SARIF 2.1.0)
  --input-kind KIND    auto (default: by the file's shape), template or api
  --strict             exit 1 on warnings too
  --disable-rule ID    do not run a rule, service or policy (repeatable)
  --warning-rule ID    report a rule's errors as warnings (repeatable)
  --baseline OLD       also compare with OLD (the template or cdk.out deployed
                       before): an app client the inputs would replace or
                       delete is an error (VUPC-CLIENT-REPLACED)
  --current FILE       the client an UpdateUserPoolClient request updates (a
                       DescribeUserPoolClient response): each setting it has
                       that the request omits, which the update would reset,
                       is a warning (VUPC-UPDATE-FULL-STATE)
  --print-complete-update
                       with --current: print the update request with those
                       settings added, instead of a report (its other
                       findings go to standard error; an error exits 1)
  --user-pool FILE     the user pool of API clients (a DescribeUserPool
                       response), so that the rules about the pool run
  --identity-providers FILE, --resource-servers FILE
                       with --user-pool: its providers and resource servers
                       (List... or Describe... responses; repeatable)
  --version            print the version
  --help               print this help

A finding acknowledged in a cloud assembly (UserPoolClientAcknowledgements),
or in a template's or resource's Metadata
("cdk-validated-user-pool-client": {"acknowledgements": [{"ruleId", "reason"}]}),
is reported as an info that names the reason.

\`import\` prints code that declares the clients of DescribeUserPoolClient
responses as ValidatedUserPoolClients (\`import --help\` says more).

Exit status: 0 no error (warnings allowed), 1 errors found (or warnings with
--strict), 2 bad usage or unreadable input (2 wins over 1).
`;

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}


class UsageError extends Error {}


/** The options: what runs (the policy, rules off or reported as warnings, from the flags and the policy file), and the rest. */
interface Options extends RuleChoice {
  readonly inputs: string[];
  readonly format: 'text' | 'json' | 'sarif';
  readonly strict: boolean;
  /** The template or cdk.out deployed before, to compare with. */
  readonly baseline?: string;
  readonly inputKind: InputKindOption;
  /** The client the update requests among the inputs change (a DescribeUserPoolClient response). */
  readonly current?: string;
  readonly printCompleteUpdate: boolean;
  /** The pool of API clients, from the API's outputs. */
  readonly pool?: PoolFiles;
}

const FORMATS = ['text', 'json', 'sarif'];
const INPUT_KINDS = ['auto', 'template', 'api'];

/** The allowed value closest to one given (`SARIF`, `jsno`), as the import command's --language names it. */
const didYouMean = (value: string, allowed: readonly string[]) => {
  const closest = closestOf(value, allowed);
  return closest ? ` (did you mean '${closest}'?)` : '';
};

function options(argv: string[]): Options | 'help' | 'version' {
  const parsed = parseCommandLine(argv, {
    ...RULE_OPTIONS,
    'format': { type: 'string' },
    'input-kind': { type: 'string' },
    'current': { type: 'string' },
    'print-complete-update': { type: 'boolean' },
    ...POOL_OPTIONS,
    'strict': { type: 'boolean' },
    'baseline': { type: 'string' },
    'version': { type: 'boolean' },
    'help': { type: 'boolean' },
  } as const, (message) => new UsageError(message));
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.version) return 'version';
  const format = v.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif; got '${format}'${didYouMean(format, FORMATS)}.`);
  if (parsed.positionals.length === 0) throw new UsageError('give at least one template file or cdk.out directory.');
  const inputKind = v['input-kind'] ?? 'auto';
  if (inputKind !== 'auto' && inputKind !== 'template' && inputKind !== 'api') {
    throw new UsageError(`--input-kind must be auto, template or api; got '${inputKind}'${didYouMean(inputKind, INPUT_KINDS)}.`);
  }
  const choice = ruleChoiceOf(v, (message) => new UsageError(message));
  if (v['print-complete-update'] && v.current === undefined) throw new UsageError('--print-complete-update needs --current, the client the update request changes.');
  // It prints the request, not a report (its findings go to standard error, as text), and compares no templates.
  for (const other of ['format', 'baseline'] as const) {
    if (v['print-complete-update'] && v[other] !== undefined) throw new UsageError(`--print-complete-update prints the update request itself; --${other} does not apply to it.`);
  }
  const pool = poolFilesOf(v, (message) => new UsageError(message));
  return {
    inputs: parsed.positionals,
    format,
    strict: v.strict ?? false,
    ...choice,
    baseline: v.baseline,
    inputKind,
    current: v.current,
    printCompleteUpdate: v['print-complete-update'] ?? false,
    pool,
  };
}

/** A finding acknowledged where the template (or its cloud assembly) says so becomes an info that names every reason. */
function acknowledged(t: LoadedTemplate, located: Located): Located {
  const { finding } = located;
  // An info is acknowledged too (a notice such as VUPC-POOL-NOT-FOUND), as the plugin does: else its waiver is reported as unused.
  const acks = t.acknowledgements(finding.ruleId, located.logicalId, finding.path);
  if (acks.length === 0) return located;
  const info = { ...finding, severity: RuleSeverity.INFO, message: acknowledgedMessage(acks, finding.message) };
  return { ...located, acknowledgements: acks, acknowledgedSeverity: finding.severity, finding: info };
}

/** The baseline's findings are made outside the engine: --warning-rule applies to them here. */
function downgraded(located: Located, warnings: ReadonlySet<string>): Located {
  const { finding } = located;
  if (finding.severity !== RuleSeverity.ERROR || !warnings.has(finding.ruleId)) return located;
  return { ...located, finding: { ...finding, severity: RuleSeverity.WARNING } };
}

/** A nested stack whose template cannot be read: never a silent pass, and the same finding as the plugin's. */
function uncheckedNestedStack(t: LoadedTemplate, { logicalId, problem }: { logicalId: string; problem: string }): Located {
  const rule = noticeRule('VUPC-NOT-VALIDATED');
  const violation = {
    property: '',
    problem,
    fix: 'Give that template\'s file with this one: a file whose name the TemplateURL ends with is read as the nested stack\'s template, with its parameters. '
      + 'Or acknowledge this finding in the nested stack resource\'s Metadata.',
  };
  const finding = findingOf(rule, resourcePath(t, logicalId), violation, rule.severity);
  return { file: t.file, line: t.line(logicalId), logicalId, finding };
}

function check(
  templates: LoadedTemplate[], unreadable: readonly InputStatus[], o: Options, before: readonly LoadedTemplate[], current?: ApiClient,
): RunSummary {
  const findings: Located[] = [];
  const inputs: InputStatus[] = [];
  const inSet = templatesInSet(templates);
  const api = (t: LoadedTemplate) => (t.input === InputKind.API_REQUEST ? 'request' : t.input === InputKind.API_RESPONSE ? 'response' : undefined);
  // The clients in the nested stacks each template deploys, at any depth: a parent with none of its own still has those.
  const nestedClients = new Map<LoadedTemplate, number>();
  for (const t of templates) {
    const own = clientsOf(t.template).length;
    for (let p = t.parent?.template; own > 0 && p !== undefined; p = p.parent?.template) nestedClients.set(p, (nestedClients.get(p) ?? 0) + own);
  }
  for (const t of templates) {
    const nestedIn = t.parent ? { nestedIn: t.parent.template.file } : {};
    const deployment = { ...nestedIn, ...(t.deployedAs === undefined ? {} : { deployedAs: t.deployedAs }) };
    const nested = nestedClients.has(t) ? { nestedClients: nestedClients.get(t) } : {};
    inputs.push({ file: t.file, status: 'checked', clients: clientsOf(t.template).length, ...nested, notices: t.notices, ...deployment, ...(api(t) ? { api: api(t) } : {}) });
  }
  // The templates given together deploy together: a client may import its pool from another, or from its parent stack.
  // Each template's clients are checked as what they were read from: a template, an API request or an API response.
  const runOf = runsOf(o, (i) => templates[i].input);
  for (const { template, logicalId, finding } of validateTemplates(inSet, runOf)) {
    const t = templates[template];
    findings.push(acknowledged(t, { file: t.file, line: t.line(logicalId, finding.property || undefined), logicalId, finding }));
  }
  if (!o.disabled.has('VUPC-NOT-VALIDATED')) {
    for (const t of templates) findings.push(...(t.uncheckedNestedStacks ?? []).map((nested) => acknowledged(t, uncheckedNestedStack(t, nested))));
  }
  if (current && !o.disabled.has('VUPC-UPDATE-FULL-STATE')) findings.push(...resetSettings(templates, current));
  if (o.baseline !== undefined && !o.disabled.has('VUPC-CLIENT-REPLACED')) {
    const { pairs, unpaired } = pairTemplates(before, templates);
    const byFile = new Map(templates.map((t) => [t.file, t]));
    for (const located of replacedClients(pairs)) findings.push(acknowledged(byFile.get(located.file)!, downgraded(located, o.warnings)));
    for (const t of before) {
      const notices = unpaired.includes(t) ? ['has no counterpart among the inputs: its app clients were not compared'] : [];
      inputs.push({ file: t.file, status: 'baseline', clients: clientsOf(t.template).length, notices });
    }
  }
  if (!o.disabled.has('VUPC-ACKNOWLEDGEMENT-UNUSED')) {
    const keysOf = ({ file, finding, acknowledgements: acks }: Located) => (acks ?? []).map((a) => usedKey(file, a.scope, finding.ruleId, a.reason));
    const used = new Set(findings.flatMap(keysOf));
    const ran = ranInRun({ disabled: o.disabled, policy: o.policy, compared: { '--baseline': o.baseline !== undefined, '--current': current !== undefined } });
    findings.push(...unusedTemplateAcknowledgements(templates, used, ran));
  }
  return { inputs: [...inputs, ...unreadable], findings: mergeDeployments(findings, templates), toolVersion: PACKAGE_VERSION };
}

/** Runs the command line; returns the exit status. Never throws. */
export function runCli(argv: string[], io: CliIo): number {
  try {
    if (argv[0] === 'import') return runImport(argv.slice(1), io);
    const o = options(argv);
    if (o === 'help') {
      io.out(USAGE);
      return 0;
    }
    if (o === 'version') {
      io.out(`${PACKAGE_VERSION}\n`);
      return 0;
    }
    const unreadable: InputStatus[] = [];
    // Each file is read once; what cannot be read (a nested template its cloud assembly names included) is named.
    // What could not be read is named, and a baseline as the baseline (its file alone could be taken for an input).
    const load = (inputs: readonly string[], as = '') => loadInputs(inputs, o.inputKind, (status) => {
      const named = { ...status, error: `${as}${status.error}` };
      io.err(`validate-user-pool-clients: ${named.error}\n`);
      unreadable.push(named);
    });
    const loaded = load(o.inputs);
    const current = o.current === undefined ? undefined : readCurrent(o.current);
    if (current) applyCurrent(loaded, current);
    // --current compares an update request with the client it changes: without one among the inputs it would compare nothing.
    if (current && unreadable.length === 0 && !loaded.some((t) => t.apiClients?.some((c) => c.update))) {
      throw new UsageError('--current compares UpdateUserPoolClient requests with the client they change; the inputs hold none (give the update request, or leave --current out).');
    }
    const templates = withPool(loaded, o.pool);
    const fails = (severity: RuleSeverity) => severity === RuleSeverity.ERROR || (o.strict && severity === RuleSeverity.WARNING);
    if (current && o.printCompleteUpdate) {
      if (unreadable.length > 0) return 2;
      const complete = completeUpdate(templates, current);
      io.out(`${JSON.stringify(complete, null, 2)}\n`);
      // The printed request is what is checked (the settings it takes from --current included), and an error fails the
      // command, so that a script does not send a request Cognito refuses.
      const request = templates.find((t) => t.apiClients?.some((c) => c.update));
      const completed = withPool(apiTemplatesOf(complete, `${request?.file ?? 'the request'}, completed`), o.pool);
      applyCurrent(completed, current);
      const summary = check(completed, unreadable, o, [], current);
      if (summary.findings.length > 0) io.err(formatText(summary));
      return summary.findings.some(({ finding }) => fails(finding.severity)) ? 1 : 0;
    }
    const summary = check(templates, unreadable, o, o.baseline === undefined ? [] : load([o.baseline], 'the baseline (--baseline) '), current);
    io.out(o.format === 'json' ? formatJson(summary) : o.format === 'sarif' ? formatSarif(summary) : formatText(summary));
    if (unreadable.length > 0) return 2;
    const failing = summary.findings.some(({ finding }) => fails(finding.severity));
    return failing ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`validate-user-pool-clients: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof ImportUsageError) {
      io.err(`validate-user-pool-clients import: ${e.message}\n\n${IMPORT_USAGE}`);
      return 2;
    }
    if (e instanceof InputError) {
      io.err(`validate-user-pool-clients: ${e.message}\n`);
      return 2;
    }
    io.err(`validate-user-pool-clients: internal error: ${(e as Error)?.stack ?? e}\nPlease report this.\n`);
    return 2;
  }
}

