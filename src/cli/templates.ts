import { existsSync, readFileSync, statSync } from 'fs';
import { extname, join, relative } from 'path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, ScalarTag, CollectionTag, YAMLMap, YAMLSeq } from 'yaml';

/** A problem with an input: the command line exits 2 and names the file. */
export class InputError extends Error {}

/** A template read from disk, with a way to find the line of a resource or property. */
export interface LoadedTemplate {
  /** The file, as given or relative to the cdk.out directory it was found in. */
  readonly file: string;
  readonly template: unknown;
  /** Construct paths by logical id, when the template comes from a cloud assembly. */
  readonly constructPaths: ReadonlyMap<string, string>;
  /** The 1-based line of a resource, or of a property of it, when the source has it. */
  line(logicalId: string, property?: string): number | undefined;
}

/** Larger files are refused (CloudFormation accepts at most 1 MB of template). */
export const MAX_TEMPLATE_BYTES = 256 * 1024 * 1024;

const INTRINSICS = ['Base64', 'Cidr', 'FindInMap', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'Contains', 'EachMemberEquals', 'EachMemberIn', 'RefAll', 'ValueOf', 'ValueOfAll', 'Length', 'ToJsonString'];

/** CloudFormation's YAML short forms (!Ref, !GetAtt, !Sub, …) as the long forms JSON templates use. */
const SHORT_FORMS: Array<ScalarTag | CollectionTag> = [
  ...['Ref', 'Condition', ...INTRINSICS].flatMap((name): Array<ScalarTag | CollectionTag> => {
    const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
    const wrap = (value: unknown) => new Scalar({ [key]: value });
    return [
      { tag: `!${name}`, resolve: (str: string) => wrap(str) } as ScalarTag,
      { tag: `!${name}`, collection: 'seq', resolve: (seq: YAMLSeq | YAMLMap) => wrap(seq.toJSON()) } as CollectionTag,
      { tag: `!${name}`, collection: 'map', resolve: (map: YAMLMap | YAMLSeq) => wrap(map.toJSON()) } as CollectionTag,
    ];
  }),
  { tag: '!GetAtt', resolve: (str: string) => new Scalar({ 'Fn::GetAtt': [str.slice(0, str.indexOf('.')), str.slice(str.indexOf('.') + 1)] }) } as ScalarTag,
  { tag: '!GetAtt', collection: 'seq', resolve: (seq: YAMLSeq | YAMLMap) => new Scalar({ 'Fn::GetAtt': seq.toJSON() }) } as CollectionTag,
];

function readText(file: string, shown: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (e) {
    throw new InputError(`${shown}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
  if (size > MAX_TEMPLATE_BYTES) {
    throw new InputError(`${shown}: is ${Math.round(size / 1048576)} MiB, larger than the ${MAX_TEMPLATE_BYTES / 1048576} MiB this tool reads (CloudFormation accepts templates of at most 1 MB).`);
  }
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${shown}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
}

/**
 * Line lookup for JSON text, built in one pass: where each resource's key
 * starts, and the property key searched only up to the next resource.
 */
function jsonLines(text: string, template: unknown): LoadedTemplate['line'] {
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineAt = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi + 1) / 2);
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  let bounds: Map<string, [number, number]> | undefined;
  const boundsOf = (id: string) => {
    if (!bounds) {
      const ids = new Set(Object.keys(isObject(template) && isObject(template.Resources) ? template.Resources : {}));
      const from = Math.max(text.indexOf('"Resources"'), 0);
      const found: Array<[string, number]> = [];
      for (const m of text.slice(from).matchAll(/"((?:[^"\\]|\\.)*)"\s*:\s*\{/g)) {
        const key = JSON.parse(`"${m[1]}"`) as string;
        if (ids.delete(key)) found.push([key, from + m.index!]);
      }
      bounds = new Map(found.map(([key, at], i) => [key, [at, found[i + 1]?.[1] ?? text.length]]));
    }
    return bounds.get(id);
  };
  return (logicalId, property) => {
    const [at, end] = boundsOf(logicalId) ?? [];
    if (at === undefined) return undefined;
    const name = property?.split(/[.[]/)[0];
    const prop = name ? text.indexOf(`"${name}"`, at) : -1;
    return lineAt(prop >= 0 && prop < end! ? prop : at);
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function yamlTemplate(text: string, shown: string): { template: unknown; line: LoadedTemplate['line'] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { customTags: SHORT_FORMS, lineCounter, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new InputError(`${shown}: is not valid YAML or JSON (line ${e.linePos?.[0].line ?? '?'}: ${e.message.split('\n')[0]}).`);
  }
  const line = (logicalId: string, property?: string) => {
    const resources = doc.get('Resources', true);
    if (!isMap(resources)) return undefined;
    const pair = resources.items.find((p) => isScalar(p.key) && p.key.value === logicalId);
    if (!pair) return undefined;
    let node: unknown = pair.key;
    const [, name, index] = /^([^.[]+)(?:\[(\d+)\])?/.exec(property ?? '') ?? [];
    const props = isMap(pair.value) ? pair.value.get('Properties', true) : undefined;
    const prop = name && isMap(props) ? props.items.find((p) => isScalar(p.key) && p.key.value === name) : undefined;
    if (prop) node = index !== undefined && isSeq(prop.value) ? prop.value.items[Number(index)] ?? prop.key : prop.key;
    const offset = (node as { range?: [number] }).range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  return { template: doc.toJS({ maxAliasCount: 1000 }), line };
}

/** Reads one template file (JSON, or YAML with short-form tags). */
export function loadTemplate(file: string, shown = file, constructPaths: ReadonlyMap<string, string> = new Map()): LoadedTemplate {
  const text = readText(file, shown);
  if (text.trim().length === 0) throw new InputError(`${shown}: is empty; expected a CloudFormation template in JSON or YAML.`);
  const isJson = extname(file).toLowerCase() === '.json' || /^\s*[{[]/.test(text);
  if (isJson) {
    try {
      const template = JSON.parse(text);
      return { file: shown, template, constructPaths, line: jsonLines(text, template) };
    } catch (e) {
      if (extname(file).toLowerCase() === '.json') throw new InputError(`${shown}: is not valid JSON (${(e as Error).message}).`);
    }
  }
  const { template, line } = yamlTemplate(text, shown);
  return { file: shown, template, constructPaths, line };
}

type ArtifactMetadata = Record<string, Array<{ type?: string; data?: unknown }>>;
interface Manifest {
  artifacts?: Record<string, {
    type?: string;
    properties?: { templateFile?: string; directoryName?: string };
    metadata?: ArtifactMetadata;
    /** Newer assemblies keep the metadata in a file of its own. */
    additionalMetadataFile?: string;
  }>;
}

/** Construct paths by logical id, from a stack artifact's metadata (optional: absent or unreadable means none). */
function constructPathsOf(dir: string, artifact: NonNullable<Manifest['artifacts']>[string]): Map<string, string> {
  let metadata: ArtifactMetadata = { ...artifact.metadata };
  if (artifact.additionalMetadataFile) {
    try {
      metadata = { ...metadata, ...JSON.parse(readFileSync(join(dir, artifact.additionalMetadataFile), 'utf8')) };
    } catch {
      // Paths only improve messages; without them findings name the template and logical id.
    }
  }
  const paths = new Map<string, string>();
  for (const [path, entries] of Object.entries(metadata)) {
    for (const m of Array.isArray(entries) ? entries : []) if (m?.type === 'aws:cdk:logicalId' && typeof m.data === 'string') paths.set(m.data, path.replace(/^\//, ''));
  }
  return paths;
}

/** Every stack template of a cloud assembly (cdk.out), nested assemblies (stages) included. */
function loadAssembly(dir: string, shownRoot: string, root = dir): LoadedTemplate[] {
  const manifestFile = join(dir, 'manifest.json');
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readText(manifestFile, relative(process.cwd(), manifestFile) || manifestFile));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${join(shownRoot, relative(root, manifestFile))}: is not a valid cloud assembly manifest (${(e as Error).message}).`);
  }
  const out: LoadedTemplate[] = [];
  for (const artifact of Object.values(manifest.artifacts ?? {})) {
    if (artifact.type === 'aws:cloudformation:stack' && artifact.properties?.templateFile) {
      const file = join(dir, artifact.properties.templateFile);
      out.push(loadTemplate(file, join(shownRoot, relative(root, file)), constructPathsOf(dir, artifact)));
    } else if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      out.push(...loadAssembly(join(dir, artifact.properties.directoryName), shownRoot, root));
    }
  }
  return out;
}

/** Templates from a file, or from a cdk.out directory. */
export function loadInput(input: string): LoadedTemplate[] {
  if (!existsSync(input)) throw new InputError(`${input}: no such file or directory.`);
  if (statSync(input).isDirectory()) {
    if (!existsSync(join(input, 'manifest.json'))) {
      throw new InputError(`${input}: is a directory without manifest.json; give template files, or a cdk.out directory.`);
    }
    return loadAssembly(input, input);
  }
  return [loadTemplate(input)];
}
