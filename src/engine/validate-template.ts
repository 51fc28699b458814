import type { ConditionSections } from './conditions';
import type { Finding } from './finding';
import { RuleMemo } from './rule-memo';
import { OtherTemplatePool, poolReference, referencedIds, TemplateIndex, TemplateResource, TYPES } from './template-index';
import { checkClient, RuleSelection } from './validate-client';
import type { UserPoolClientPolicyProps } from '../policy/props';
import { isPlainObject } from '../rules/values';

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
  /** Clients (by logical id) whose service or policy rules something else already ran. */
  readonly skip?: (logicalId: string, kind: 'service' | 'policy') => boolean;
  /** The template's index, when it was indexed with the templates it deploys with (`indexTemplates`). */
  readonly index?: TemplateIndex;
}

/** A template among those that deploy together, for `indexTemplates`. */
export interface TemplateInSet {
  readonly template: unknown;
  /** Names a resource of the template in messages. */
  readonly pathOf: (logicalId: string) => string;
  /** For a nested stack's template: the position of its parent's template, and the logical id of the stack resource there. */
  readonly parent?: { readonly index: number; readonly logicalId: string };
}

export interface TemplateFinding {
  readonly logicalId: string;
  readonly finding: Finding;
}

/** The app clients of a template, in template order. */
export function clientsOf(template: unknown): Array<[string, TemplateResource]> {
  return Object.entries(resourcesOf(template)).filter((e): e is [string, TemplateResource] => isPlainObject(e[1]) && e[1].Type === TYPES.client);
}

function resourcesOf(template: unknown): Record<string, TemplateResource> {
  return isPlainObject(template) && isPlainObject(template.Resources) ? (template.Resources as Record<string, TemplateResource>) : {};
}

/** The template's exports with a concrete name, and the value each exports. */
function exportsOf(template: unknown): Array<[string, unknown]> {
  const outputs = isPlainObject(template) && isPlainObject(template.Outputs) ? Object.values(template.Outputs) : [];
  const named = outputs.filter((o) => isPlainObject(o) && isPlainObject(o.Export) && typeof o.Export.Name === 'string') as Array<{ Export: { Name: string }; Value?: unknown }>;
  return named.map((o) => [o.Export.Name, o.Value]);
}

/**
 * Indexes templates that deploy together (the stacks of a cloud assembly,
 * and the nested stacks of a template), so that a client is checked against
 * the pool of another template it refers to: one another template exports
 * (an output with a concrete `Export.Name` whose value is the pool's `Ref` or
 * UserPoolId; that stack deploys first), one its parent passes a nested
 * stack as a parameter, or one a nested stack returns as an output. An
 * export name defined twice names no pool: never guessed.
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
  const defined = new Map<string, number>();
  for (const t of templates) for (const [name] of exportsOf(t.template)) defined.set(name, (defined.get(name) ?? 0) + 1);
  // Exports are known before any template is indexed, so that each index adds its providers to the pools it imports.
  const exported = new Map<string, OtherTemplatePool>();
  templates.forEach((t, i) => {
    for (const [name, value] of exportsOf(t.template)) {
      const pool = defined.get(name) === 1 ? poolOf(i, value) : undefined;
      if (pool) exported.set(name, pool);
    }
  });
  templates.forEach((t, i) => indexes.push(TemplateIndex.of(resourcesOf(t.template), {
    importedPool: (name) => exported.get(name),
    // A nested stack's parameter that its parent sets to the parent's pool; what the stack resource refers to or
    // depends on exists before it.
    otherPool: t.parent && ((name) => {
      const stack = resourcesOf(templates[t.parent!.index].template)[t.parent!.logicalId];
      const parameters = isPlainObject(stack?.Properties) ? stack.Properties.Parameters : undefined;
      const value = isPlainObject(parameters) ? parameters[name] : undefined;
      const before = value === undefined ? undefined : new Set([...referencedIds(stack!.Properties), ...dependsOnIds(stack!)]);
      return before && poolOf(t.parent!.index, value, before);
    }),
    // The pool a nested stack of this template returns as an output; the nested stack is created before its outputs are read.
    nestedOutputPool: (stack, output) => {
      const child = templates.findIndex((c) => c.parent?.index === i && c.parent.logicalId === stack);
      const outputs = child < 0 ? undefined : (templates[child].template as { Outputs?: unknown }).Outputs;
      const value = isPlainObject(outputs) && isPlainObject(outputs[output]) ? outputs[output].Value : undefined;
      return child < 0 ? undefined : poolOf(child, value);
    },
    clientKeyPrefix: `${i}#`,
    conditions: () => conditionSectionsOf(t.template),
  })));
  return indexes;
}

function conditionSectionsOf(template: unknown): ConditionSections {
  return isPlainObject(template) ? { Conditions: template.Conditions, Parameters: template.Parameters } : {};
}

function dependsOnIds(resource: TemplateResource): string[] {
  const d = resource.DependsOn;
  return typeof d === 'string' ? [d] : Array.isArray(d) ? d.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * Runs the rules over every app client of a CloudFormation template (the
 * door of the validation plugin and the command line). The template is
 * indexed once; findings come in template order, then rule order.
 */
export function validateTemplate(template: unknown, run: TemplateRun): TemplateFinding[] {
  const index = run.index ?? TemplateIndex.of(resourcesOf(template), { conditions: () => conditionSectionsOf(template) });
  const memo = new RuleMemo();
  const out: TemplateFinding[] = [];
  for (const [logicalId, resource] of clientsOf(template)) {
    const service = run.service && !run.skip?.(logicalId, 'service') ? run.service : undefined;
    const policy = run.policy && !run.skip?.(logicalId, 'policy') ? run.policy : undefined;
    if (!service && !policy) continue;
    const read = index.read(logicalId, resource, [], { region: run.region });
    const path = run.pathOf(logicalId);
    const findings: Finding[] = [];
    if (service) findings.push(...checkClient(path, read, service, memo));
    if (policy) findings.push(...checkClient(path, read, policy.selection, memo, { ...read.context, policy: policy.props }));
    findings.forEach((finding) => out.push({ logicalId, finding }));
  }
  return out;
}
