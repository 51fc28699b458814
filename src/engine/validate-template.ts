import type { ConditionSections } from './conditions';
import { addDefinition, Definitions, DeployTarget, onlyDefinitionFor } from './deploy-targets';
import type { Finding } from './finding';
import { describeInclude, expandedResources, PROCESSED_TEMPLATE_FIX } from './language-extensions';
import { ExternalResources, IndexedPool, OtherTemplatePool, PoolAdditions, PoolEntry, PoolOfOtherTemplate } from './pools';
import { dependsOn, poolReference, referencedIds, refTarget, StackOutputRead } from './references';
import { RuleRunner } from './speed/runner';
import { TemplateIndex, TemplateResource, TYPES } from './template-index';
import { checkClient, ClientWithoutPool, findingOf, poolFindings, poolNotFoundFinding, RuleSelection } from './validate-client';
import type { UserPoolClientPolicyProps } from '../rules/policy/props';
import { noticeRule } from '../rules/registry';
import { InputKind } from '../rules/rule';
import { holdsDynamicReference, isPlainObject, isRecord } from '../rules/values';

/** What to run over a template. */
export interface TemplateRun {
  /** The service rules' selection; false to skip them. */
  readonly service: RuleSelection | false;
  /** The policy and its rule selection, if any. */
  readonly policy?: { readonly props: UserPoolClientPolicyProps; readonly selection: RuleSelection };
  /** The Region the template deploys to, when known. */
  readonly region?: string;
  /** Where each client is, for messages (a construct path, or `<file>#<logical id>`). */
  readonly pathOf: (logicalId: string) => string;
}

/** A template among those that deploy together, for `indexTemplates`. */
export interface TemplateInSet {
  readonly template: unknown;
  /** Names a resource of the template in messages. */
  readonly pathOf: (logicalId: string) => string;
  /** For a nested stack's template: the position of its parent's template, and the logical id of the stack resource there. */
  readonly parent?: { readonly index: number; readonly logicalId: string };
  /** Providers and resource servers the app imports by name, which exist outside the templates (see `IndexOptions.external`). */
  readonly external?: ExternalResources;
  /** The name the stack deploys as (a top-level stack of a cloud assembly), which `Fn::GetStackOutput` names it by. */
  readonly stackName?: string;
  /** Where the stack deploys, when known (a nested stack's template deploys where its parent does). */
  readonly target?: DeployTarget;
}

export interface TemplateFinding {
  readonly logicalId: string;
  readonly finding: Finding;
}

/** The app clients of a template, in template order. */
export function clientsOf(template: unknown): Array<[string, TemplateResource]> {
  return Object.entries(resourcesOf(template)).filter((e): e is [string, TemplateResource] => isPlainObject(e[1]) && e[1].Type === TYPES.client);
}

/** A template's resources as it deploys them (`Fn::ForEach` loops expanded: see `expandedResources`). */
function resourcesOf(template: unknown): Record<string, TemplateResource> {
  // (A Resources section of one `Fn::ForEach::…` or `Fn::Transform` key is no intrinsic: isRecord, not isPlainObject.)
  if (!isPlainObject(template) || !isRecord(template.Resources)) return {};
  return expandedResources(template.Resources).resources as Record<string, TemplateResource>;
}

/**
 * Never a silent pass: what may hold app clients the template does not show
 * (a loop over a parameter's values, resources or properties included with
 * Fn::Transform) is a VUPC-NOT-VALIDATED finding, unless that rule is off.
 */
function unreadFindings(template: unknown, run: TemplateRun): TemplateFinding[] {
  const rule = noticeRule('VUPC-NOT-VALIDATED');
  // Told whichever rules run (the plugin may run a policy alone), unless those rules turn the notice off.
  const selection = run.service || run.policy?.selection;
  if (!selection || selection.disabledRules?.has(rule.id) || !isPlainObject(template) || !isRecord(template.Resources)) return [];
  const found: Array<{ logicalId: string; property: string; problem: string; fix: string }> = expandedResources(template.Resources).unread
    .map(({ key, problem, fix }) => ({ logicalId: key, property: '', problem, fix }));
  for (const [logicalId, resource] of clientsOf(template)) {
    const include = includedProperties(resource);
    const problem = `are completed with Fn::Transform (${describeInclude(include)}) when it deploys, so the client is not validated`;
    if (include !== undefined) found.push({ logicalId, property: 'Properties', problem, fix: PROCESSED_TEMPLATE_FIX });
  }
  return found.map(({ logicalId, property, problem, fix }) => {
    const finding = findingOf(rule, run.pathOf(logicalId), { property, problem, fix }, rule.severity);
    return { logicalId, finding };
  });
}

/** What a resource's Properties include with Fn::Transform (AWS::Include) when it deploys; undefined for none. */
const includedProperties = (resource: TemplateResource): unknown => (isRecord(resource.Properties) ? resource.Properties['Fn::Transform'] : undefined);

/** The template's outputs, by name (each an object). */
function outputsOf(template: unknown): Array<[string, Record<string, unknown>]> {
  const outputs = isPlainObject(template) && isPlainObject(template.Outputs) ? Object.entries(template.Outputs) : [];
  return outputs.filter((entry): entry is [string, Record<string, unknown>] => isPlainObject(entry[1]));
}

/** The template's exports with a concrete name, and the value each exports. */
function exportsOf(template: unknown): Array<[string, unknown]> {
  return outputsOf(template).flatMap(([, o]) => (isPlainObject(o.Export) && typeof o.Export.Name === 'string' ? [[o.Export.Name, o.Value] as [string, unknown]] : []));
}

/**
 * Indexes templates that deploy together (the stacks of a cloud assembly,
 * and the nested stacks of a template), so that a client is checked against
 * the pool of another template it refers to: one another template exports
 * (an output with a concrete `Export.Name` whose value is the pool's `Ref` or
 * UserPoolId; that stack deploys first), one its parent passes a nested
 * stack as a parameter, or one a nested stack returns as an output. An
 * export name or stack name that more than one template may define where it
 * is used (export and stack names are unique per account and Region, and an
 * unknown account or Region may be any) names no pool: never guessed.
 */
export function indexTemplates(templates: readonly TemplateInSet[]): TemplateIndex[] {
  const indexes: TemplateIndex[] = [];
  /** The pool of template `i` that a value refers to, if it refers to one. */
  const poolOf = (i: number, value: unknown, deployedBefore?: ReadonlySet<string>): OtherTemplatePool | undefined => {
    const id = poolReference(value);
    const resource = id === undefined ? undefined : resourcesOf(templates[i].template)[id];
    if (!isPlainObject(resource) || resource.Type !== TYPES.pool) return undefined;
    return { name: templates[i].pathOf(id!), pool: () => indexes[i].poolOf({ Ref: id }), deployedBefore };
  };
  // Where each template deploys: a nested stack's template where its parent does (parents come first).
  const targets: Array<DeployTarget | undefined> = [];
  templates.forEach((t, i) => targets.push(t.target ?? (t.parent && t.parent.index < i ? targets[t.parent.index] : undefined)));
  // Exports are known before any template is indexed, so that each index adds its providers to the pools it imports.
  // Every definition of a name counts (one that exports no pool too): export names are unique per account and Region.
  const exported: Definitions<OtherTemplatePool | undefined> = new Map();
  templates.forEach((t, i) => {
    for (const [name, value] of exportsOf(t.template)) addDefinition(exported, name, { target: targets[i], value: poolOf(i, value) });
  });
  // The stacks whose outputs another stack reads with Fn::GetStackOutput (CDK's weak references), by the name they
  // deploy as (unique per account and Region).
  const stacksNamed: Definitions<number> = new Map();
  templates.forEach((t, i) => {
    if (t.stackName !== undefined) addDefinition(stacksNamed, t.stackName, { target: targets[i], value: i });
  });
  const stackOutput = (i: number, read: StackOutputRead) => {
    // The stack read is in the reader's account and Region unless the read names others (CDK's cross-account and
    // cross-Region weak references do), or says they are not known before deployment (then any).
    const reader = targets[i];
    const where = (named: string | null | undefined, own: string | undefined) => (named === undefined ? own : named ?? undefined);
    const target = { account: where(read.account, reader?.account), region: where(read.region, reader?.region) };
    const j = onlyDefinitionFor(stacksNamed.get(read.stackName), target);
    return j === undefined ? undefined : poolOf(j, new Map(outputsOf(templates[j].template)).get(read.outputName)?.Value);
  };
  /**
   * The pool a nested stack's parameter stands for: the one its parent sets
   * it to, or, when the parent passes on a parameter of its own, the one
   * that parameter stands for, up the chain of parents. What the stack
   * resource that takes the pool in refers to or depends on exists before it.
   */
  const poolFromParents = (i: number, name: string): OtherTemplatePool | undefined => {
    const parent = templates[i].parent;
    const stack = parent && resourcesOf(templates[parent.index].template)[parent.logicalId];
    const parameters = isPlainObject(stack?.Properties) ? stack.Properties.Parameters : undefined;
    const value = isPlainObject(parameters) ? parameters[name] : undefined;
    if (value === undefined) return undefined;
    const before = new Set([...referencedIds(stack!.Properties), ...dependsOn(stack!)]);
    // A Ref to a name the parent does not define as a resource is its own parameter. Parents come before their nested
    // stacks, so the chain ends.
    const passedOn = refTarget(value);
    const ownParameter = passedOn !== undefined && !(passedOn in resourcesOf(templates[parent!.index].template));
    return poolOf(parent!.index, value, before) ?? (ownParameter ? poolFromParents(parent!.index, passedOn) : undefined);
  };
  /** The values each nested stack's parameters are fixed to by its parent (and, for those passed on, by the parents above). */
  const fixedValues: Array<Record<string, string[]> | undefined> = [];
  templates.forEach((t, i) => {
    const fixed = t.parent && parametersFromParent(templates[t.parent.index].template, t.parent.logicalId, fixedValues[t.parent.index]);
    fixedValues.push(fixed);
    indexes.push(TemplateIndex.of(resourcesOf(t.template), {
      importedPool: (name) => onlyDefinitionFor(exported.get(name), targets[i]),
      stackOutputPool: (read) => stackOutput(i, read),
      // A nested stack's parameter that its parent (or a parent above, through parameters passed on) sets to its pool.
      otherPool: t.parent && ((name) => poolFromParents(i, name)),
      // The pool a nested stack of this template returns as an output; the nested stack is created before its outputs are read.
      nestedOutputPool: (stack, output) => {
        const child = templates.findIndex((c) => c.parent?.index === i && c.parent.logicalId === stack);
        const outputs = child < 0 ? undefined : (templates[child].template as { Outputs?: unknown }).Outputs;
        const value = isPlainObject(outputs) && isPlainObject(outputs[output]) ? outputs[output].Value : undefined;
        return child < 0 ? undefined : poolOf(child, value);
      },
      poolKeyPrefix: poolKeyPrefix(i),
      external: t.external,
      conditions: () => conditionSectionsOf(t.template, fixed),
      lookups: () => (isPlainObject(t.template) ? { Mappings: t.template.Mappings, Transform: t.template.Transform } : {}),
      // A nested stack's parameters are what its parent passes, or their Default.
      parameterChoices: t.parent === undefined,
      // A parameter its parent fixes to one value reads as that value (a callback URL, a provider's name).
      parameterValues: singleValues(fixed),
      addedElsewhere: (pool) => addedElsewhere(pool),
    }));
  });
  // What each template adds to a pool of another, found once every index is built (read when a rule first reads a pool).
  let additions: Map<IndexedPool, Array<{ entry: PoolOfOtherTemplate; added: PoolAdditions }>> | undefined;
  const addedElsewhere = (pool: PoolEntry): PoolAdditions[] => {
    additions ??= additionsByPool(indexes, templates);
    const base = pool instanceof IndexedPool ? pool : pool.indexed();
    return (base && additions.get(base) || []).filter((a) => a.entry !== pool).map((a) => a.added);
  };
  return indexes;
}

/**
 * What each template adds to the pools of others (providers, resource
 * servers, domains that refer to them), by the pool's own index: a client
 * of the pool in any template sees those the others add (aws-cdk apps keep
 * providers in a stack of their own).
 */
function additionsByPool(indexes: readonly TemplateIndex[], templates: readonly TemplateInSet[]) {
  const byPool = new Map<IndexedPool, Array<{ entry: PoolOfOtherTemplate; added: PoolAdditions }>>();
  indexes.forEach((index, i) => {
    for (const entry of index.otherPoolEntries()) {
      const base = entry.indexed();
      if (base) byPool.set(base, [...(byPool.get(base) ?? []), { entry, added: { resources: entry.here, pathOf: templates[i].pathOf } }]);
    }
  });
  return byPool;
}

/** The parameters fixed to one value. */
function singleValues(fixed: Record<string, string[]> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(fixed ?? {}).filter(([, values]) => values.length === 1).map(([name, [value]]) => [name, value]));
}

/**
 * The values a parent sets a nested stack's parameters to, where the parent
 * fixes them: a literal is that value alone, a `Ref` to a parameter of the
 * parent takes that parameter's values as the parent's own parent fixes
 * them, or else its AllowedValues. The nested stack's
 * conditions are then evaluated with them, not over every value.
 */
function parametersFromParent(parent: unknown, logicalId: string, parentFixed: Record<string, string[]> = {}): Record<string, string[]> {
  const stack = resourcesOf(parent)[logicalId];
  const given = isPlainObject(stack?.Properties) ? stack.Properties.Parameters : undefined;
  const parentParameters = isPlainObject(parent) && isPlainObject(parent.Parameters) ? parent.Parameters : {};
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(isPlainObject(given) ? given : {})) {
    // A dynamic reference is no fixed value: CloudFormation puts the value it names in when the stack deploys.
    if ((typeof value === 'string' && !holdsDynamicReference(value)) || typeof value === 'number' || typeof value === 'boolean') {
      out[name] = [String(value)];
    } else {
      const ref = refTarget(value);
      const p = ref === undefined ? undefined : parentParameters[ref];
      // A parameter of the parent's own that its parent fixes passes those values on.
      const allowed = ref !== undefined && isPlainObject(p) && parentFixed[ref] ? parentFixed[ref] : isPlainObject(p) ? p.AllowedValues : undefined;
      if (Array.isArray(allowed) && allowed.length > 0 && allowed.every((v) => typeof v === 'string' || typeof v === 'number')) out[name] = allowed.map(String);
    }
  }
  return out;
}

/** Keys of the pools of template `i` (see `PoolIndex.key`): logical ids repeat across templates. */
const poolKeyPrefix = (i: number) => `${i}#`;

function conditionSectionsOf(template: unknown, fixed: Record<string, string[]> = {}): ConditionSections {
  if (!isPlainObject(template)) return {};
  const parameters = isPlainObject(template.Parameters) ? { ...template.Parameters } : {};
  for (const [name, values] of Object.entries(fixed)) {
    if (isPlainObject(parameters[name])) parameters[name] = { ...parameters[name], AllowedValues: values };
  }
  return { Conditions: template.Conditions, Parameters: parameters, Rules: template.Rules };
}

/** A finding in one of several templates checked together. */
export interface TemplateSetFinding extends TemplateFinding {
  /** The position of the template among those given. */
  readonly template: number;
}

/**
 * Runs the rules over every app client of templates that deploy together
 * (the door of the validation plugin and the command line), then the pool
 * rules over each pool, with its clients counted across the templates (a
 * pool finding names the pool's resource). `runOf` says what to run on each
 * template. Findings come in template order, then rule order, then the
 * pools'.
 */
export function validateTemplates(templates: readonly TemplateInSet[], runOf: (template: number) => Omit<TemplateRun, 'pathOf'>): TemplateSetFinding[] {
  const indexes = indexTemplates(templates);
  const out: TemplateSetFinding[] = [];
  /** The clients of each pool (by key), and whether the service rules ran on any of them here. */
  const pools = new Map<string, { clients: Set<string>; checked: boolean }>();
  templates.forEach((t, i) => {
    const { findings, clients } = checkTemplate(t.template, { ...runOf(i), pathOf: t.pathOf }, indexes[i]);
    for (const { logicalId, finding } of findings) out.push({ template: i, logicalId, finding });
    for (const { logicalId, pool, checked } of clients) {
      if (pool === undefined) continue;
      const entry = pools.get(pool) ?? { clients: new Set<string>(), checked: false };
      entry.clients.add(`${i}#${logicalId}`);
      entry.checked ||= checked;
      pools.set(pool, entry);
    }
  });
  templates.forEach((t, i) => {
    const service = runOf(i).service;
    for (const [logicalId] of Object.entries(resourcesOf(t.template)).filter(([, r]) => isPlainObject(r) && r.Type === TYPES.pool)) {
      const counted = pools.get(`${poolKeyPrefix(i)}${logicalId}`);
      if (!service || !counted?.checked) continue;
      const path = t.pathOf(logicalId);
      const found = poolFindings([{ path, name: path, clients: counted.clients.size }], service);
      for (const finding of found) out.push({ template: i, logicalId, finding });
    }
  });
  return out;
}

interface ClientOfPool {
  readonly logicalId: string;
  /** The key of its pool, when the templates define it. */
  readonly pool?: string;
  /** Whether its service rules ran here (a pool is reported where one of its clients was checked). */
  readonly checked: boolean;
}

/** Runs the rules over every app client of one template, with what the template set around it says (`validateTemplates`). */
export function validateTemplate(template: unknown, run: TemplateRun): TemplateFinding[] {
  return validateTemplates([{ template, pathOf: run.pathOf }], () => run).map(({ logicalId, finding }) => ({ logicalId, finding }));
}

/** The findings on a template's clients, and each client's pool (by key) and whether its service rules ran. */
function checkTemplate(template: unknown, run: TemplateRun, index: TemplateIndex): { findings: TemplateFinding[]; clients: ClientOfPool[] } {
  const runner = new RuleRunner();
  const findings: TemplateFinding[] = [];
  const clients: ClientOfPool[] = [];
  /** Clients checked without their pool (API JSON says so in its notices instead). */
  const withoutPool: Array<ClientWithoutPool & { logicalId: string }> = [];
  findings.push(...unreadFindings(template, run));
  for (const [logicalId, resource] of clientsOf(template)) {
    // A client whose properties are included when it deploys is not read, and still counts against its pool's quota.
    const included = includedProperties(resource) !== undefined;
    const service = run.service && !included ? run.service : undefined;
    const policy = run.policy && !included ? run.policy : undefined;
    // Every client counts against its pool's quota, checked here or not.
    // An API request's strings are sent as they are: only a template's hold dynamic references.
    const input = (service || policy?.selection)?.input ?? InputKind.TEMPLATE;
    const read = service || policy ? index.read(resource, { region: run.region, dynamicReferences: input === InputKind.TEMPLATE }) : undefined;
    const pool = read ? read.context.pool : index.poolOf(isPlainObject(resource.Properties) ? resource.Properties.UserPoolId : undefined);
    clients.push({ logicalId, pool: pool?.key, checked: service !== undefined });
    if (!read) continue;
    const path = run.pathOf(logicalId);
    const found = [
      ...(service ? checkClient(path, read, service, runner) : []),
      ...(policy ? checkClient(path, read, policy.selection, runner, { policy: policy.props }) : []),
    ];
    for (const finding of found) findings.push({ logicalId, finding });
    const userPoolId = isPlainObject(resource.Properties) ? resource.Properties.UserPoolId : undefined;
    // A client without a UserPoolId has its own error (VUPC-POOLID-REQUIRED).
    if (service && input === InputKind.TEMPLATE && !pool && userPoolId !== undefined) withoutPool.push({ logicalId, path, userPoolId });
  }
  const notFound = run.service && poolNotFoundFinding(withoutPool, run.service);
  if (notFound) findings.push({ logicalId: withoutPool[0].logicalId, finding: notFound });
  return { findings, clients };
}
