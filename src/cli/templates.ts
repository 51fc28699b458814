import { existsSync, readFileSync, realpathSync, statSync } from 'fs';
import { dirname, extname, join, relative, resolve } from 'path';
import { findNodeAtLocation, parseTree, visit as visitJson } from 'jsonc-parser';
import { apiClientsOf, ApiClient, jsonDocuments, looksLikeApi, parseApiText, poolOptionFor } from './api-input';
import { InputError, jsonErrorMessage, withinDepth } from './input-error';
import { GENERATED_TEMPLATE, isServiceFile, readServerlessVariables, SERVICE_FILE_NOTICE, serverlessNotice, serviceResources } from './serverless-variables';
import { parseCloudFormationYaml, ResourceLines, yamlLines, YamlError, YamlLimitError } from './yaml';
import { assetFilesByKey } from '../assembly/asset-files';
import { DeployTarget, targetOfEnvironment } from '../engine/deploy-targets';
import { expandedResources, LoopOrigin } from '../engine/language-extensions';
import { assemblyFileOf, nestedStacksOf } from '../engine/nested-stacks';
import type { ExternalResources } from '../engine/pools';
import type { TemplateInSet } from '../engine/validate-template';
import {
  ACKNOWLEDGEMENT_METADATA,
  acknowledgementsIn,
  AppliedAcknowledgement,
  CDK_ACKNOWLEDGED_ABOVE_METADATA,
  CDK_ACKNOWLEDGED_METADATA,
  cdkAcknowledgedRules,
} from '../reporting/acknowledgements';
import { loopSuffix, STDIN_SHOWN } from '../reporting/formats';
import { InputKind } from '../rules/rule';
import { isRecord } from '../rules/values';
import { PACKAGE_NAME } from '../version';

export { InputError };

/** How to read an input file: by its shape (`auto`), as a template, or as API JSON. */
export type InputKindOption = 'auto' | 'template' | 'api';

/** The input name of standard input. */
export const STDIN = '-';

/** A template read from disk (or standard input), with a way to find the line of a resource or property. */
export interface LoadedTemplate {
  /** The file, as given or relative to the cdk.out directory it was found in. */
  readonly file: string;
  readonly template: unknown;
  /** Construct paths by logical id, when the template comes from a cloud assembly. */
  readonly constructPaths: ReadonlyMap<string, string>;
  /** For a nested stack's template: the template and logical id of the AWS::CloudFormation::Stack that deploys it. */
  readonly parent?: { readonly template: LoadedTemplate; readonly logicalId: string };
  /** What the reader could not do with it (the pool rules not run on API input, say). */
  readonly notices: readonly string[];
  /** Nested stacks it deploys whose templates cannot be read, with why: reported as VUPC-NOT-VALIDATED, as the plugin does. */
  readonly uncheckedNestedStacks?: ReadonlyArray<{ readonly logicalId: string; readonly problem: string }>;
  /**
   * Templates of nested stacks it deploys that are local files (its cloud
   * assembly names them, or a relative TemplateURL), but that are missing or
   * cannot be read: unreadable inputs (the run is incomplete), not findings.
   */
  readonly unreadableNested?: ReadonlyArray<{ readonly file: string; readonly error: string }>;
  /** The real path of the file it was read from (undefined for standard input): the same file given twice is read once. */
  readonly realFile?: string;
  /** Where the template stands among those of its input: the same for the same stack in two assemblies (see `--baseline`). */
  readonly key: string;
  /**
   * For a nested template that more than one stack resource deploys: which
   * deployment this reading is (`parent.yaml#Prod`). Each is checked with
   * the parameters its stack resource passes; see `resourcePath`.
   */
  deployedAs?: string;
  /** For a nested stack's template: the file it was read from (resolved), which other stack resources may deploy too. */
  readonly readFrom?: string;
  /** What the clients were read from: a template (the default), or API requests or responses. */
  readonly input?: InputKind;
  /** For API JSON: its clients, by their JSON path (the template's logical ids). */
  readonly apiClients?: readonly ApiClient[];
  /** The name a top-level stack of a cloud assembly deploys as. */
  readonly stackName?: string;
  /** Where a top-level stack of a cloud assembly deploys, as far as its manifest says (its nested stacks deploy there too). */
  readonly target?: DeployTarget;
  /** What exists around the template's pools outside it (API JSON: what the pool's options did not give is unknown). */
  readonly external?: ExternalResources;
  /**
   * The acknowledgements of a rule that cover a resource, closest first:
   * recorded in the template's Metadata (the resource's, then the
   * template's own), or in the cloud assembly (on the resource's construct or
   * an ancestor, or on the app or a stage above its stack).
   * `constructPath` names a resource the template no longer has.
   */
  acknowledgements(ruleId: string, logicalId: string, constructPath?: string): AppliedAcknowledgement[];
  /** The 1-based line of a resource, or of a property of it, when the source has it. */
  line(logicalId: string, property?: string): number | undefined;
}

/** Larger files are refused (CloudFormation accepts at most 1 MB of template). */
export const MAX_TEMPLATE_BYTES = 256 * 1024 * 1024;

const errno = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

function readBytes(file: string, shown: string): Buffer {
  if (file === STDIN) {
    try {
      return readFileSync(0);
    } catch (e) {
      throw new InputError(`${shown}: standard input cannot be read (${errno(e)}).`);
    }
  }
  let size: number;
  try {
    size = statSync(file).size;
  } catch (e) {
    throw new InputError(`${shown}: cannot be read (${errno(e)}).`);
  }
  if (size > MAX_TEMPLATE_BYTES) {
    throw new InputError(`${shown}: is ${Math.round(size / 1048576)} MiB, larger than the ${MAX_TEMPLATE_BYTES / 1048576} MiB this tool reads (CloudFormation accepts templates of at most 1 MB).`);
  }
  try {
    return readFileSync(file);
  } catch (e) {
    throw new InputError(`${shown}: cannot be read (${errno(e)}).`);
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The text of a file; a file with NUL bytes, or that is not UTF-8, is not a template. */
function decode(bytes: Buffer, shown: string): string {
  // PowerShell's `>` writes UTF-16 with a byte order mark: name it, rather than call the file binary.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new InputError(`${shown}: is UTF-16 text; save it as UTF-8 (in PowerShell, Out-File -Encoding utf8), as CloudFormation templates and API JSON are read.`);
  }
  if (bytes.subarray(0, 8000).includes(0)) throw new InputError(`${shown}: is a binary file, not a CloudFormation template (JSON or YAML text).`);
  try {
    // A byte order mark is allowed before JSON or YAML text.
    return UTF8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new InputError(`${shown}: is not UTF-8 text, so it is not a CloudFormation template (JSON or YAML).`);
  }
}

/**
 * Where the keys of a JSON template's resources start: each direct child of
 * the top-level Resources object, and each direct child of its Properties
 * (a key of the same name deeper down, such as an environment variable named
 * after a resource, is not one). Read with jsonc-parser's visitor, which
 * gives each key's offset without building a tree (a template of thousands
 * of clients would make hundreds of thousands of nodes); a key given twice
 * keeps its last value, as in the parsed template.
 */
function jsonResourceKeys(text: string): { resources: Map<string, KeyOffsets>; inLoops: Map<string, number> } {
  const resources = new Map<string, KeyOffsets>();
  /** Keys inside `Fn::ForEach::…` entries of Resources, by their path from there (JSON of the keys): loops are few. */
  const inLoops = new Map<string, number>();
  let depth = 0;
  let inLoop = false;
  const enter = () => void depth++;
  const leave = () => void depth--;
  visitJson(text, {
    onObjectBegin: enter,
    onArrayBegin: enter,
    onObjectEnd: leave,
    onArrayEnd: leave,
    onObjectProperty: (key, offset, _length, _line, _column, pathOf) => {
      // The path is asked for only at the depths that matter: it is a new list each time.
      if (depth === 1 && key === 'Resources') resources.clear();
      if (depth === 2) inLoop = key.startsWith('Fn::ForEach::');
      if (depth > 2 && inLoop) {
        const path = pathOf();
        if (path[0] === 'Resources') inLoops.set(JSON.stringify([...path.slice(1), key]), offset);
        return;
      }
      if (depth !== 2 && depth !== 4) return;
      const path = pathOf();
      if (depth === 2 && path[0] === 'Resources') {
        resources.set(key, { at: offset, properties: new Map() });
        if (inLoop) inLoops.set(JSON.stringify([key]), offset);
      }
      if (depth === 4 && path[0] === 'Resources' && path[2] === 'Properties') resources.get(String(path[1]))?.properties.set(key, offset);
    },
  });
  return { resources, inLoops };
}
interface KeyOffsets {
  readonly at: number;
  readonly properties: Map<string, number>;
}

/** The line (from 1) of an offset of the text, by a binary search of the lines' starts. */
function lineOfOffset(text: string): (offset: number) => number {
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi + 1) / 2);
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/**
 * Line lookup for JSON text: a resource's key, and a property's key among
 * its Properties, found at their depth (built on first use); for a resource
 * a loop makes, by its keys inside the loop.
 */
function jsonLines(text: string): ResourceLines {
  const lineAt = lineOfOffset(text);
  let keys: ReturnType<typeof jsonResourceKeys> | undefined;
  return (path, property) => {
    keys ??= jsonResourceKeys(text);
    const name = property?.split(/[.[]/)[0];
    if (path.length > 1) {
      const at = keys.inLoops.get(JSON.stringify(path));
      const named = name === undefined ? undefined : keys.inLoops.get(JSON.stringify([...path, 'Properties', name]));
      return at === undefined ? undefined : lineAt(named ?? at);
    }
    const resource = keys.resources.get(String(path[0]));
    if (resource === undefined) return undefined;
    return lineAt((name === undefined ? undefined : resource.properties.get(name)) ?? resource.at);
  };
}

const resourcesOf = (template: unknown): Record<string, unknown> => (isRecord(template) && isRecord(template.Resources) ? template.Resources : {});

/** What a parsed value is, for a message: "a list", "a number". */
function kindOf(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
}

/**
 * Throws unless the value is a template: a mapping with a Resources mapping
 * (CloudFormation requires one). A stack of a cloud assembly may have none
 * (CDK synthesizes a stack without resources so).
 */
function requireTemplate(template: unknown, shown: string, inAssembly: boolean): void {
  if (!isRecord(template)) {
    throw new InputError(`${shown}: is ${kindOf(template)}, not a CloudFormation template (a mapping with a Resources section).`);
  }
  if (!('Resources' in template)) {
    if (inAssembly) return;
    const all = Object.keys(template);
    const keys = all.length > 8 ? `${all.slice(0, 8).join(', ')}, … (${all.length} in all)` : all.join(', ');
    const option = poolOptionFor(template);
    // A Serverless Framework service file holds CloudFormation only in its resources section, which the framework merges into what it generates.
    const hint = option
      ? `; it looks like the API's description of the pool around clients: give it with ${option}`
      : isServiceFile(template) ? `; it looks like a Serverless Framework service file${'resources' in template ? ', whose resources section may hold app clients' : ''}: `
        + `check ${GENERATED_TEMPLATE}, or its resources section as a file of its own`
        : '';
    throw new InputError(`${shown}: has no Resources section, so it is not a CloudFormation template${keys ? ` (its top-level keys: ${keys})` : ''}${hint}.`);
  }
  if (!isRecord(template.Resources)) {
    throw new InputError(`${shown}: its Resources section is ${kindOf(template.Resources)}, not a mapping of resources by logical id.`);
  }
}

/** The value of YAML text, or undefined when it is not YAML (or is a template: the template reader reports what is wrong). */
function yamlApiValue(text: string): unknown {
  try {
    return parseCloudFormationYaml(text);
  } catch {
    return undefined;
  }
}

/** Parses template text: JSON when it looks like JSON, YAML (CloudFormation's dialect) otherwise; `api`: the input is meant as API JSON. */
function parseTemplate(
  text: string, shown: string, isJsonFile: boolean, json?: { value: unknown }, api = false,
): { template: unknown; line: ResourceLines } {
  if (text.trim().length === 0) {
    // A .jsonl file is what the README's audit loop writes (one DescribeUserPoolClient response a line): empty, it holds no client.
    if (api) throw new InputError(`${shown}: is empty, so it holds no app client (expected API JSON: requests or responses, one a line in JSON Lines).`);
    throw new InputError(`${shown}: is empty; expected a CloudFormation template in JSON or YAML, or API JSON (app client requests or responses).`);
  }
  if (json) return { template: withinDepth(json.value, shown), line: jsonLines(text) };
  if (isJsonFile || /^\s*[{[]/.test(text)) {
    let template: unknown;
    try {
      template = JSON.parse(text);
    } catch (e) {
      if (isJsonFile) throw new InputError(`${shown}: is not valid JSON (${jsonErrorMessage(e, text)}).`);
    }
    if (template !== undefined) return { template: withinDepth(template, shown), line: jsonLines(text) };
  }
  try {
    return { template: parseCloudFormationYaml(text), line: yamlLines(text) };
  } catch (e) {
    const error = e as YamlError;
    // Valid YAML this tool refuses to expand (aliases repeating a node millions of times): said so, with the limit.
    if (error instanceof YamlLimitError) throw new InputError(`${shown}: is not read: ${error.reason}.`);
    throw new InputError(`${shown}: is not valid YAML or JSON (${error.line ? `line ${error.line}: ` : ''}${error.reason}).`);
  }
}

interface Source {
  /** How to read the file (`auto` unless forced with --input-kind). */
  readonly kind?: InputKindOption;
  /** Where to read it: a path, or STDIN. */
  readonly path: string;
  readonly shown: string;
  /** The construct paths of a stack artifact's resources, its nested stacks' included (see `ArtifactPaths`). */
  readonly artifactPaths?: ArtifactPaths;
  /** The construct path of the stack the template is of, in the artifact ('' for the artifact's own stack). */
  readonly stackPath?: string;
  /** The cloud assembly directory a CDK nested stack's template file is named relative to. */
  readonly assemblyDir?: string;
  readonly parent?: LoadedTemplate['parent'];
  readonly key: string;
  /** The name a top-level stack of a cloud assembly deploys as (see `LoadedTemplate.stackName`). */
  readonly stackName?: string;
  /** Where it deploys (see `LoadedTemplate.target`). */
  readonly target?: DeployTarget;
  /** The files of the nested stacks that deploy this one, up to the input (a file among them is a cycle). */
  readonly ancestors?: ReadonlySet<string>;
}

/**
 * The path of a resource of a template in findings: its construct path, or
 * the file and logical id, and which deployment unless `ofFile` (what the
 * file itself says, such as its acknowledgements, holds for every deployment).
 */
export function resourcePath(t: LoadedTemplate, logicalId: string, ofFile = false): string {
  const made = loopOrigin(t.template, logicalId);
  // A resource a loop makes has a logical id the text does not hold: which loop values made it says where it is.
  return t.constructPaths.get(logicalId) ?? `${t.file}#${logicalId}${made ? loopSuffix(made.madeBy) : ''}${ofFile ? '' : deployedAsSuffix(t)}`;
}

/** Where the `Fn::ForEach` loop that made a resource writes it, if a loop made it. */
function loopOrigin(template: unknown, logicalId: string): LoopOrigin | undefined {
  const resources = resourcesOf(template);
  return resources[logicalId] === undefined ? expandedResources(resources).origins.get(logicalId) : undefined;
}

/** The loaded templates as the engine takes those that deploy together: paths, parents, and what exists around them. */
export function templatesInSet(templates: readonly LoadedTemplate[]): TemplateInSet[] {
  return templates.map((t) => ({
    template: t.template,
    pathOf: (id: string) => resourcePath(t, id),
    parent: t.parent && { index: templates.indexOf(t.parent.template), logicalId: t.parent.logicalId },
    external: t.external,
    stackName: t.stackName,
    target: t.target,
  }));
}

/** What findings on a template deployed more than once add to its resources' paths. */
export const deployedAsSuffix = (t: Pick<LoadedTemplate, 'deployedAs'>) => (t.deployedAs === undefined ? '' : ` (deployed as ${t.deployedAs})`);

/** More nested stack deployments than this in one input are not read: a template nesting another twice at every level doubles them. */
export const MAX_NESTED_TEMPLATES = 1000;

/** What one load shares: the stack templates of an assembly, the nested templates read, and each assembly directory's asset files. */
class LoadState {
  /** Templates read as stacks of their own (an assembly's artifacts): not read again as nested ones. */
  public readonly stacks = new Set<string>();
  public nestedCount = 0;
  private readonly assets = new Map<string, Map<string, string>>();

  /** @param given the template files of the run's inputs, by file name (see `givenNamed`) */
  public constructor(private readonly given: ReadonlyMap<string, readonly string[]> = new Map()) {}

  /**
   * The one input file with this name, which a remote TemplateURL ending
   * with it is taken to name (the template given with the parent, before
   * it was uploaded); undefined when no input, or more than one, has it.
   */
  public givenNamed(fileName: string): string | undefined {
    const files = this.given.get(fileName);
    return files?.length === 1 ? files[0] : undefined;
  }

  public assetFiles(dir: string): Map<string, string> {
    let files = this.assets.get(dir);
    if (!files) this.assets.set(dir, (files = assetFilesByKey(dir)));
    return files;
  }
}

/** Reads one template and, after it, the templates of the nested stacks it deploys, when they are local files. */
function loadWithNested(source: Source, state: LoadState): LoadedTemplate[] {
  const text = decode(readBytes(source.path, source.shown), source.shown);
  const api = source.kind === 'template' ? {} : apiInput(text, source.shown, source.kind === 'api');
  if (api.templates) return api.templates;
  const parsed = parseTemplate(text, source.shown, extname(source.path).toLowerCase() === '.json', api.json, source.kind === 'api' || (source.kind !== 'template' && /\.(jsonl|ndjson)$/i.test(source.path)));
  // A Serverless Framework service file: its resources section is the CloudFormation the framework merges in.
  const service = serviceResources(parsed.template, source.shown);
  requireTemplate(service ?? parsed.template, source.shown, source.assemblyDir !== undefined);
  const variables = readServerlessVariables(service ?? parsed.template, text);
  const lineOf: ResourceLines = !service ? parsed.line : /^\s*[{[]/.test(text) ? () => undefined : yamlLines(text, ['resources']);
  const template = variables.template;
  const uncheckedNestedStacks: Array<{ logicalId: string; problem: string }> = [];
  const unreadableNested: Array<{ file: string; error: string }> = [];
  const constructPaths = source.artifactPaths?.of(source.stackPath ?? '') ?? constructPathsInTemplate(template);
  const loaded: LoadedTemplate = {
    file: source.shown,
    readFrom: source.parent ? resolve(source.path) : undefined,
    template,
    constructPaths,
    parent: source.parent,
    stackName: source.stackName,
    target: source.target,
    notices: [...(service ? [SERVICE_FILE_NOTICE] : []), ...(variables.count > 0 ? [serverlessNotice(variables.count)] : [])],
    uncheckedNestedStacks,
    unreadableNested,
    realFile: source.path === STDIN ? undefined : realPath(source.path),
    key: source.key,
    // A resource a loop makes is found where the loop writes it.
    line: (logicalId, property) => lineOf(loopOrigin(template, logicalId)?.keys ?? [logicalId], property),
    acknowledgements: (ruleId, logicalId, constructPath) => {
      const resource = resourcesOf(template)[logicalId];
      const inTemplate = [
        ...acknowledgementsIn(isRecord(resource) ? resource.Metadata : undefined).map((a) => ({ ...a, scope: logicalId })),
        ...acknowledgementsIn(isRecord(template) ? template.Metadata : undefined).map((a) => ({ ...a, scope: source.shown })),
      ].filter((a) => a.ruleId === ruleId).map(({ scope, reason }) => ({ scope, reason }));
      const path = constructPaths.get(logicalId) ?? constructPath;
      return [...inTemplate, ...(path === undefined ? [] : source.artifactPaths?.acknowledgements(ruleId, path) ?? [])];
    },
  };
  const out = [loaded];
  const here = source.path === STDIN ? process.cwd() : dirname(source.path);
  // A template given as a file of a cloud assembly (Parent.template.json in cdk.out) finds its nested stacks' templates
  // by the assembly's asset manifests, beside it, as when the directory is given.
  const assembly = source.assemblyDir ?? (source.path === STDIN ? undefined : dirname(source.path));
  // This template and those that deploy it: a nested template among them is a cycle.
  const ancestors = new Set([...(source.ancestors ?? []), resolve(source.path)]);
  for (const nested of nestedStacksOf(template)) {
    const inAssembly = assembly === undefined ? undefined : assemblyFileOf(nested, assembly, () => state.assetFiles(assembly));
    const remote = inAssembly === undefined && nested.localPath === undefined;
    const given = remote && nested.fileName !== undefined ? state.givenNamed(nested.fileName) : undefined;
    const path = inAssembly ?? (nested.localPath !== undefined ? join(here, nested.localPath) : given);
    const unchecked = (problem: string) => uncheckedNestedStacks.push({ logicalId: nested.logicalId, problem: `the nested stack's template (${nested.location}) ${problem}` });
    if (path === undefined) {
      unchecked('is not a local file, so any app client in it is not validated');
      continue;
    }
    const shown = join(dirname(source.shown), relative(here, path));
    const stackPath = source.artifactPaths?.nestedStackPath(loaded.constructPaths.get(nested.logicalId));
    // The cloud assembly (asset metadata or manifest) or the template's own TemplateURL names this local file as the
    // nested stack's template: missing or broken, it is an input that could not be read, as a stack's template would
    // be, never a warning the run passes (`aws cloudformation package` would fail on it too).
    const namedBy = inAssembly !== undefined ? 'the cloud assembly names' : given !== undefined ? 'its TemplateURL ends with the name of' : 'its TemplateURL names';
    const unreadable = (error: string) => unreadableNested.push({
      file: shown,
      error: `${error.replace(/\.$/, '')}; ${namedBy} it as the template of nested stack `
        + `${stackPath === undefined ? resourcePath(loaded, nested.logicalId) : `${stackPath} (${source.shown})`}, so the app clients in it are not validated.`,
    });
    if (!existsSync(path)) {
      unreadable(`${shown}: is not found`);
      continue;
    }
    if (state.stacks.has(path)) continue;
    if (ancestors.has(resolve(path))) {
      unchecked('is a template that deploys this one, a cycle CloudFormation cannot create, so it is not read again');
      continue;
    }
    if (state.nestedCount >= MAX_NESTED_TEMPLATES) {
      unchecked(`is not read: this input deploys nested stacks more than ${MAX_NESTED_TEMPLATES} times, so any app client in it is not validated`);
      continue;
    }
    state.nestedCount++;
    const parent = { template: loaded, logicalId: nested.logicalId };
    const artifactPaths = stackPath === undefined ? undefined : source.artifactPaths;
    try {
      // A template two stack resources deploy is read for each: each passes parameters of its own (see nameDeployments).
      out.push(...loadWithNested({ path, shown, assemblyDir: assembly, parent, artifactPaths, stackPath, key: `${source.key}/${nested.logicalId}`, ancestors }, state));
    } catch (e) {
      // The parent's own clients are still checked; the nested template is named with why it could not be read.
      if (!(e instanceof InputError)) throw e;
      unreadable(e.message);
    }
  }
  return out;
}

/** The real path of a file (links resolved), or its absolute path when it has none. */
export function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return resolve(file);
  }
}

/** Reads one template file (JSON, or YAML with short-form tags), or standard input for `-`, with its nested stacks. */
export function loadTemplate(
  file: string, shown = file === STDIN ? STDIN_SHOWN : file, kind: InputKindOption = 'auto', given?: ReadonlyMap<string, readonly string[]>,
): LoadedTemplate[] {
  const state = new LoadState(given);
  return loadWithNested({ path: file, shown, key: '', kind }, state);
}

/**
 * Names each reading of a nested template that more than one stack
 * resource deploys, among all the inputs of a run, after the deployment it
 * is (the parent's file or deployment, then the stack resource's logical
 * id), parents first.
 */
export function nameDeployments(templates: readonly LoadedTemplate[]): void {
  const readings = new Map<string, number>();
  for (const t of templates) if (t.readFrom !== undefined) readings.set(t.readFrom, (readings.get(t.readFrom) ?? 0) + 1);
  const repeated = new Set(templates.filter((t) => t.readFrom !== undefined && readings.get(t.readFrom)! > 1));
  for (const t of templates) {
    if (!t.parent) continue;
    const parent = t.parent.template;
    // Below a template deployed more than once, every template is too: named through its parent's deployment.
    if (repeated.has(t) || parent.deployedAs !== undefined) {
      t.deployedAs = parent.deployedAs === undefined ? `${parent.file}#${t.parent.logicalId}` : `${parent.deployedAs}/${t.parent.logicalId}`;
    }
  }
}

/**
 * API JSON (requests, responses, a list or JSON Lines of them) as templates
 * of its clients, one per input kind, each client under its JSON path;
 * undefined when the text is not API JSON and `forced` is not set.
 */
function apiInput(text: string, shown: string, forced: boolean): { templates?: LoadedTemplate[]; json?: { value: unknown } } {
  if (text.trim().length === 0) return {};
  let json: { value: unknown } | undefined;
  if (!/^\s*[{[]/.test(text)) {
    // YAML: a request for the AWS CLI's --cli-input-yaml (or a response saved as YAML), told from a template by its keys.
    // A template's top-level Resources key says so at once: it is not parsed twice.
    if (!forced && /^["']?Resources["']?[ \t]*:/m.test(text)) return {};
    const yaml = yamlApiValue(text);
    if (yaml === undefined || (!forced && !looksLikeApi(yaml))) return {};
    json = { value: yaml };
  } else if (!forced) {
    let first: unknown;
    try {
      // Parsed once: a JSON template that is not API input is read from this value.
      json = { value: JSON.parse(text) };
      first = json.value;
    } catch {
      try {
        // JSON Lines, or documents one after another (one of them broken, perhaps): the first tells what they are.
        first = jsonDocuments(text)?.values[0]?.value ?? JSON.parse(text.split('\n').find((l) => l.trim()) ?? '');
      } catch {
        return {};
      }
    }
    if (!looksLikeApi(first)) return { json };
  }
  const values = json ? [{ value: withinDepth(json.value, shown) }] : parseApiText(text, shown);
  return { templates: groupedByKind(apiClientsOf(values, shown), shown, apiLines(text)) };
}

/**
 * The line of a client's property in JSON API input of one document (a response as the AWS CLI prints it, a list of
 * them), found in its syntax tree, made on the first finding; the client's own line where the property is not
 * written (a response's GenerateSecret, read from its secret). JSON Lines give each client its line instead.
 */
function apiLines(text: string): ApiLines | undefined {
  if (!/^\s*[{[]/.test(text)) return undefined;
  let parsed: { tree: ReturnType<typeof parseTree>; lineAt: (offset: number) => number } | undefined;
  const steps = (path: string) => [...path.matchAll(/\[(\d+)\]|\.?([^.[\]]+)/g)].map((m) => (m[1] === undefined ? m[2] : Number(m[1])));
  return (at, property) => {
    const { tree, lineAt } = (parsed ??= { tree: parseTree(text), lineAt: lineOfOffset(text) });
    if (!tree) return undefined;
    const client = steps(at.replace(/^\$/, ''));
    const member = property ? steps(property) : [];
    const nodeAt = (path: Array<string | number>) => findNodeAtLocation(tree, [...client, ...path]);
    const node = (member.length > 0 ? nodeAt(member) ?? nodeAt([member[0]]) : undefined) ?? nodeAt([]);
    // A member's value: its line is the member's (the key's) line.
    return node ? lineAt(node.parent?.type === 'property' ? node.parent.offset : node.offset) : undefined;
  };
}

/** API JSON already parsed (a request the command line made), read as the inputs' API JSON is. */
export function apiTemplatesOf(value: unknown, shown: string): LoadedTemplate[] {
  return groupedByKind(apiClientsOf([{ value }], shown), shown);
}

/** Where a client's property is in the input (see `apiLines`). */
type ApiLines = (at: string, property?: string) => number | undefined;

/** API clients as templates the engine checks: one per kind of input (requests, responses), in the order first seen. */
function groupedByKind(clients: readonly ApiClient[], shown: string, lines?: ApiLines): LoadedTemplate[] {
  return [...new Set(clients.map((c) => c.kind))].map((kind) => apiTemplate(clients.filter((c) => c.kind === kind), shown, kind, lines));
}

function apiTemplate(clients: readonly ApiClient[], shown: string, input: InputKind, lines?: ApiLines): LoadedTemplate {
  const resources = Object.fromEntries(clients.map((c) => [c.at, { Type: 'AWS::Cognito::UserPoolClient', Properties: c.properties }]));
  const byAt = new Map(clients.map((c) => [c.at, c]));
  return {
    file: shown,
    template: { Resources: resources },
    // Findings name the file, the client's JSON path, and its name and id.
    constructPaths: new Map(clients.map((c) => [c.at, `${shown}#${c.at} (${c.label})`])),
    notices: [],
    key: '',
    input,
    apiClients: clients,
    acknowledgements: () => [],
    line: (at, property) => byAt.get(at)?.line ?? lines?.(at, property),
  };
}

/** Construct paths by logical id from the resources' own `aws:cdk:path` metadata (a nested stack's template has no manifest entry). */
function constructPathsInTemplate(template: unknown): Map<string, string> {
  const paths = new Map<string, string>();
  for (const [id, resource] of Object.entries(resourcesOf(template))) {
    const path = isRecord(resource) && isRecord(resource.Metadata) ? resource.Metadata['aws:cdk:path'] : undefined;
    // The path of a CfnResource ends in /Resource, or names the L1 itself.
    if (typeof path === 'string') paths.set(id, path);
  }
  return paths;
}

type ArtifactMetadata = Record<string, Array<{ type?: string; data?: unknown }>>;
interface Manifest {
  artifacts?: Record<string, {
    type?: string;
    properties?: { templateFile?: string; directoryName?: string; stackName?: string };
    /** `aws://<account>/<region>`, with `unknown-account` or `unknown-region` for an environment-agnostic stack. */
    environment?: string;
    metadata?: ArtifactMetadata;
    /** Newer assemblies keep the metadata in a file of its own. */
    additionalMetadataFile?: string;
  }>;
}

/**
 * The construct paths a stack artifact's metadata gives its resources
 * (`aws:cdk:logicalId` entries), nested stacks' resources included: the
 * logical ids of a nested stack's template are its own, so each template
 * takes the paths of its stack only.
 */
class ArtifactPaths {
  private readonly entries: Array<[string, string]> = [];
  /** The acknowledgements recorded on constructs of the stack (`UserPoolClientAcknowledgements.acknowledge`). */
  private readonly recorded: Array<{ scope: string; madeOn: string; ruleId: string; reason: string }> = [];
  /** The construct paths of the nested stacks, longest first. */
  private readonly nestedStacks: string[];

  /**
   * @param appWide where the acknowledgements CDK applies to the whole app
   * (`Validations.acknowledge`) are gathered, shared by every stack of the
   * assembly, nested ones included
   */
  public constructor(metadata: ArtifactMetadata, private readonly appWide: Array<{ scope: string; ruleId: string; reason: string }> = []) {
    for (const [path, list] of Object.entries(metadata)) {
      for (const m of Array.isArray(list) ? list : []) {
        const scope = path.replace(/^\//, '');
        if (m?.type === 'aws:cdk:logicalId' && typeof m.data === 'string') this.entries.push([scope, m.data]);
        const ack = m?.type === ACKNOWLEDGEMENT_METADATA && isRecord(m.data) ? m.data : undefined;
        // A stack's copy of an acknowledgement made on the app or a stage covers the stack, and is named by where it was made.
        const madeOn = typeof ack?.scope === 'string' ? ack.scope : scope;
        if (ack && typeof ack.ruleId === 'string' && typeof ack.reason === 'string') this.recorded.push({ scope, madeOn, ruleId: ack.ruleId, reason: ack.reason });
        // What CDK's own acknowledgements accepted in the synth is accepted here too.
        const hidden = m?.type === CDK_ACKNOWLEDGED_METADATA && isRecord(m.data) ? m.data : undefined;
        if (hidden && typeof hidden.ruleId === 'string' && typeof hidden.reason === 'string') {
          this.recorded.push({ scope, madeOn: typeof hidden.scope === 'string' ? hidden.scope : scope, ruleId: hidden.ruleId, reason: hidden.reason });
        }
        for (const { ruleId, reason } of cdkAcknowledgedRules(m, PACKAGE_NAME)) this.addAppWide({ scope, ruleId, reason });
        // The aspects' copy of one made on the app or a stage, which have no place of their own in the assembly.
        const above = m?.type === CDK_ACKNOWLEDGED_ABOVE_METADATA && isRecord(m.data) ? m.data : undefined;
        if (above && typeof above.ruleId === 'string' && typeof above.reason === 'string' && typeof above.scope === 'string') {
          this.addAppWide({ scope: above.scope, ruleId: above.ruleId, reason: above.reason });
        }
      }
    }
    this.nestedStacks = this.entries.flatMap(([path]) => this.nestedStackPath(path) ?? []).sort((a, b) => b.length - a.length);
  }

  /** Adds an acknowledgement CDK applies to the whole app, once (every stack below an app or a stage carries a copy). */
  private addAppWide(a: { scope: string; ruleId: string; reason: string }): void {
    if (!this.appWide.some((b) => b.scope === a.scope && b.ruleId === a.ruleId && b.reason === a.reason)) this.appWide.push(a);
  }

  /** The construct path of the nested stack whose AWS::CloudFormation::Stack resource has this path (`<stack>.NestedStack/<id>.NestedStackResource`). */
  public nestedStackPath(stackResourcePath: string | undefined): string | undefined {
    const m = stackResourcePath === undefined ? null : /^(.*)\.NestedStack\/[^/]+\.NestedStackResource$/.exec(stackResourcePath);
    return m ? m[1] : undefined;
  }

  /** The acknowledgements of a rule made on the construct at `path` or its ancestors, closest first. */
  public acknowledgements(ruleId: string, path: string): AppliedAcknowledgement[] {
    const covering = this.recorded.filter((a) => a.ruleId === ruleId && (path === a.scope || path.startsWith(`${a.scope}/`)));
    const closestFirst = covering.sort((a, b) => b.scope.length - a.scope.length || b.madeOn.length - a.madeOn.length);
    const everywhere = this.appWide.filter((a) => a.ruleId === ruleId).map(({ scope, reason }) => ({ scope, reason }));
    return [...closestFirst.map(({ madeOn, reason }) => ({ scope: madeOn, reason })), ...everywhere];
  }

  /** Construct paths by logical id of the resources of one stack: the artifact's own ('') or a nested one. */
  public of(stackPath: string): Map<string, string> {
    const paths = new Map<string, string>();
    for (const [path, id] of this.entries) {
      const owner = this.nestedStacks.find((nested) => path.startsWith(`${nested}/`)) ?? '';
      if (owner === stackPath) paths.set(id, path);
    }
    return paths;
  }
}

/** A stack artifact's construct paths (optional: absent or unreadable means none, and findings name the template and logical id). */
function artifactPathsOf(dir: string, artifact: NonNullable<Manifest['artifacts']>[string], appWide: AppWideAcknowledgements): ArtifactPaths {
  let metadata: ArtifactMetadata = { ...artifact.metadata };
  if (artifact.additionalMetadataFile) {
    try {
      metadata = { ...metadata, ...JSON.parse(readFileSync(join(dir, artifact.additionalMetadataFile), 'utf8')) };
    } catch {
      // Paths only improve messages.
    }
  }
  return new ArtifactPaths(metadata, appWide);
}

/** Every stack template of a cloud assembly (cdk.out), nested assemblies (stages) and nested stacks included. */
type AppWideAcknowledgements = Array<{ scope: string; ruleId: string; reason: string }>;

function loadAssembly(
  dir: string, shownRoot: string, root = dir, appWide: AppWideAcknowledgements = [], above: ReadonlySet<string> = new Set(),
): LoadedTemplate[] {
  const manifestFile = join(dir, 'manifest.json');
  const shownManifest = join(shownRoot, relative(root, manifestFile));
  const invalid = (problem: string) => new InputError(`${shownManifest}: is not a valid cloud assembly manifest (${problem}).`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(decode(readBytes(manifestFile, shownManifest), shownManifest));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw invalid((e as Error).message);
  }
  // A manifest written by hand or cut short (`null`, an artifact that is not an object, a path that is not a string) is
  // named as such, not an internal error with a stack trace.
  if (!isRecord(manifest)) throw invalid(`it is ${kindOf(manifest)}, not an object`);
  // A nested assembly that names this directory or one above it would be read without end.
  const ancestors = new Set([...above, realPath(dir)]);
  const out: LoadedTemplate[] = [];
  const state = new LoadState();
  const artifacts: Record<string, unknown> = isRecord(manifest.artifacts) ? manifest.artifacts : {};
  for (const [id, entry] of Object.entries(artifacts)) {
    if (!isRecord(entry)) throw invalid(`artifact ${id} is ${kindOf(entry)}, not an object`);
    const artifact = entry as NonNullable<Manifest['artifacts']>[string];
    const path = (name: 'templateFile' | 'directoryName') => {
      const value = isRecord(artifact.properties) ? artifact.properties[name] : undefined;
      if (value !== undefined && typeof value !== 'string') throw invalid(`artifact ${id}: properties.${name} is ${kindOf(value)}, not a path`);
      return value;
    };
    const templateFile = artifact.type === 'aws:cloudformation:stack' ? path('templateFile') : undefined;
    const directoryName = artifact.type === 'cdk:cloud-assembly' ? path('directoryName') : undefined;
    if (templateFile) {
      const file = join(dir, templateFile);
      state.stacks.add(file);
      const shown = join(shownRoot, relative(root, file));
      // The stack deploys under its stackName (the artifact's id when the manifest gives none): Fn::GetStackOutput names it so.
      const stackName = artifact.properties?.stackName ?? id;
      const artifactPaths = artifactPathsOf(dir, artifact, appWide);
      const target = targetOfEnvironment(artifact.environment);
      const source = { path: file, shown, artifactPaths, assemblyDir: dir, key: relative(root, file), stackName, target };
      out.push(...loadWithNested(source, state));
    } else if (directoryName) {
      const nested = join(dir, directoryName);
      if (ancestors.has(realPath(nested))) throw invalid(`artifact ${id} names the directory '${directoryName}', which contains this manifest, as a nested cloud assembly`);
      out.push(...loadAssembly(nested, shownRoot, root, appWide, ancestors));
    }
  }
  return out;
}

/** Templates from a file, a cdk.out directory, or standard input (`-`). */
/**
 * Reads one input: a template file (with its nested stacks), standard
 * input, or a cloud assembly directory. `given` holds the run's template
 * files by file name, for nested stacks whose TemplateURL is remote.
 */
export function loadInput(input: string, kind: InputKindOption = 'auto', given?: ReadonlyMap<string, readonly string[]>): LoadedTemplate[] {
  if (input === STDIN) return loadTemplate(STDIN, undefined, kind);
  if (!existsSync(input)) throw new InputError(`${input}: no such file or directory.`);
  if (statSync(input).isDirectory()) {
    if (!existsSync(join(input, 'manifest.json'))) {
      throw new InputError(`${input}: is a directory without manifest.json; give template files, or a cdk.out directory.`);
    }
    const templates = loadAssembly(input, input);
    // An assembly without stacks is refused as an empty template file is (exit 2), not passed as "nothing to check":
    // a template without clients was checked and holds none, while here nothing could be checked at all. An app
    // synthesizes none when its stacks are gated on missing context (-c env=...), a mistake the pipeline must see;
    // the CDK CLI refuses such an app too ("This app contains no stacks").
    if (templates.length === 0) {
      throw new InputError(`${input}: is a cloud assembly that contains no stack templates (its manifest.json, nested assemblies included, lists no `
        + 'CloudFormation stack), so nothing could be checked; was the app synthesized with the context that selects its stacks?');
    }
    return templates;
  }
  return loadTemplate(input, undefined, kind, given);
}
