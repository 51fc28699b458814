import { CfnElement, CfnResource } from 'aws-cdk-lib';
import { CfnUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';
import { isRecord } from '../rules/values';

/**
 * Every member of aws-cdk-lib that is not public API and that this library
 * reads, in one place. Each read is guarded: a member that is missing or of
 * another kind answers `undefined` (a faster path is then skipped) or throws
 * a CdkInternalsChanged that names it (the client is then reported as not
 * validated, never passed over). The tests read each of them from a real
 * resource, with the floor and with the newest aws-cdk-lib tested.
 */

/** An internal of aws-cdk-lib is not what this release of the library expects. */
export class CdkInternalsChanged extends Error {
  public constructor(member: string) {
    super(`aws-cdk-lib's ${member} is not what this release of cdk-validated-user-pool-client reads (a newer aws-cdk-lib may have changed it); please report this`);
  }
}

/** The members read, as aws-cdk-lib 2.262-2.276 declares them (protected, private or internal). */
interface CfnInternals {
  /** The props as the L1 holds them (camelCase for a generated L1, CloudFormation names for a raw CfnResource). */
  readonly cfnProperties?: unknown;
  /** `addOverride`, `addPropertyOverride` and `addDeletionOverride`, as a tree. */
  readonly rawOverrides?: unknown;
  /** The resources `addDependency` made it depend on (created on the first one). */
  readonly dependsOn?: unknown;
  /** Converts resolved props to CloudFormation names (and validates them). */
  readonly renderProperties?: unknown;
  /** The resource's template fragment, as CDK synthesizes it. */
  readonly _toCloudFormation?: unknown;
}

const internals = (element: CfnElement) => element as unknown as CfnInternals;

/** What an element adds to its stack's template. */
type TemplateFragment = { Resources?: Record<string, unknown>; Mappings?: Record<string, unknown>; Rules?: Record<string, unknown> };

/** The props the resource holds; undefined when they are not an object. */
export function cfnPropertiesOf(resource: CfnResource): Record<string, unknown> | undefined {
  const props = internals(resource).cfnProperties;
  return isRecord(props) ? props : undefined;
}

/** The resource's raw overrides; undefined when not readable (the caller then lets CDK render the resource). */
export function rawOverridesOf(resource: CfnResource): Record<string, unknown> | undefined {
  const overrides = internals(resource).rawOverrides;
  return isRecord(overrides) ? overrides : undefined;
}

/** The resources `addDependency` made this one depend on: empty when none was added, undefined when not readable. */
export function dependenciesOf(resource: CfnResource): ReadonlySet<CfnResource> | undefined {
  const dependsOn = internals(resource).dependsOn;
  if (dependsOn === undefined) return EMPTY;
  return dependsOn instanceof Set ? (dependsOn as Set<CfnResource>) : undefined;
}
const EMPTY: ReadonlySet<CfnResource> = new Set();

/** The function that turns resolved props into CloudFormation properties; undefined when not readable. */
export function propertyRendererOf(resource: CfnResource): ((props: Record<string, unknown>) => unknown) | undefined {
  const render = internals(resource).renderProperties;
  return typeof render === 'function' ? (render as (props: Record<string, unknown>) => unknown).bind(resource) : undefined;
}

/** Which renderer the resource has: the generated L1 of app clients, a raw CfnResource, or another (which CDK must run). */
export function rendererKind(resource: CfnResource): 'app-client-l1' | 'raw' | 'other' {
  const render = internals(resource).renderProperties;
  if (render !== undefined && render === L1_RENDER) return 'app-client-l1';
  return render !== undefined && render === RAW_RENDER ? 'raw' : 'other';
}
const L1_RENDER = internals(CfnUserPoolClient.prototype as unknown as CfnResource).renderProperties;
const RAW_RENDER = internals(CfnResource.prototype as unknown as CfnResource).renderProperties;

/** The resource's template fragment as CDK synthesizes it (unresolved). Throws CdkInternalsChanged when CDK has no such method. */
export function templateFragmentOf(element: CfnElement): TemplateFragment {
  const render = internals(element)._toCloudFormation;
  if (typeof render !== 'function') throw new CdkInternalsChanged(`${element instanceof CfnResource ? 'CfnResource' : 'CfnElement'}._toCloudFormation`);
  return render.call(element) as TemplateFragment;
}

/**
 * CDK's record of the warnings acknowledged on the construct or one of its
 * scopes (`Annotations.acknowledgeWarning`): CDK hides a warning added later
 * to a descendant of the acknowledging scope (an L2 client, a stack), and
 * one on the construct itself, or on the app, is this library's to honour. aws-cdk-lib up to
 * 2.27x keeps a Set of ids per path; newer releases keep, per id, records
 * that may be limited to a context (`where`), which this library cannot
 * evaluate, so only an unlimited record counts. False when the record is not
 * readable (the warning is then shown).
 */
export function warningAcknowledgedInCdk(node: IConstruct, ruleId: string): boolean {
  return whereWarningAcknowledgedInCdk(node, ruleId) !== undefined;
}

/** The path of the construct (the node or the closest of its scopes) on which `warningAcknowledgedInCdk` found the acknowledgement. */
export function whereWarningAcknowledgedInCdk(node: IConstruct, ruleId: string): string | undefined {
  const root = node.node.root as unknown as Record<symbol, { acks?: unknown } | undefined>;
  const acks = root[Symbol.for('@aws-cdk/core.Acknowledgements')]?.acks;
  if (!(acks instanceof Map)) return undefined;
  // The construct's path and each of its scopes', the app's ('') last: CDK itself skips the app's for a warning added
  // after the acknowledgement, but one made on the app means the whole app (CDK removes the warnings there already).
  for (let path = node.node.path; ; path = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '') {
    if (acknowledgedAt(acks.get(path), ruleId)) return path;
    if (path === '') return undefined;
  }
}
function acknowledgedAt(here: unknown, ruleId: string): boolean {
  if (here instanceof Set) return here.has(ruleId);
  if (!(here instanceof Map)) return false;
  const records: unknown = here.get(ruleId);
  return Array.isArray(records) && records.some(unlimited);
}
const unlimited = (record: unknown) => {
  const where = isRecord(record) ? record.where : undefined;
  return where === undefined || (isRecord(where) && Object.keys(where).length === 0);
};

/**
 * The validation plugins registered on a stage (`Validations.of(stage).addPlugins`,
 * or the deprecated `policyValidationBeta1`), from its internal list: the
 * public getter is deprecated and prints a warning. Empty when the list is
 * not readable (the stage is then taken as unchecked by a plugin).
 */
export function validationPluginsOf(stage: IConstruct): readonly unknown[] {
  const plugins: unknown = (stage as unknown as { _validationPlugins?: unknown })._validationPlugins;
  return Array.isArray(plugins) ? plugins : [];
}

/**
 * The Lambda triggers an aws-cdk `UserPool` holds, by operation
 * (`defineAuthChallenge`, ...), read from its own record: resolving its
 * `CfnUserPool.lambdaConfig` costs about 80 µs, which every client made on
 * the pool would pay. aws-cdk-lib 2.262 to 2.27x keep the record in a state
 * object (`get()`), earlier releases as a plain object. Undefined when it
 * is not readable (the caller then resolves the L1's lambdaConfig).
 */
export function userPoolTriggersOf(pool: IConstruct): Record<string, unknown> | undefined {
  const held: unknown = (pool as unknown as { triggers?: unknown }).triggers;
  const value: unknown = isRecord(held) && typeof held.get === 'function' ? (held.get as () => unknown).call(held) : held;
  return isRecord(value) ? value : undefined;
}
