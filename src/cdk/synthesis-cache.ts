import { CfnResource, IAspect, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { forgetCdkAcknowledgements, recordInheritedAcknowledgements } from './acknowledgements';
import { report } from './annotations';
import { watchAcknowledgements } from './unused-acknowledgements';
import type { Definitions } from '../engine/deploy-targets';
import type { OtherTemplatePool } from '../engine/pools';
import { RuleRunner } from '../engine/speed/runner';
import { ClientRead, TemplateIndex, TYPES } from '../engine/template-index';
import { ClientWithoutPool, poolFindings, poolNotFoundFinding, RuleSelection } from '../engine/validate-client';

/** A client as the checks read it, ready for the rules. */
export interface PreparedClient {
  /** The construct path, worked out when a finding names it. */
  readonly path: () => string;
  readonly read: ClientRead;
  readonly runner: RuleRunner;
  /** The UserPoolId as the template will hold it. */
  readonly userPoolId?: unknown;
}

/**
 * What the checks read from one stack during one synthesis. An app may
 * change before it is synthesized again, so none of it outlives the
 * synthesis (see `stackSynthesis`).
 */
export class StackSynthesis {
  /** The stack's Cognito resources, indexed by the first client visited. */
  public index?: TemplateIndex;
  /** Resolved string tokens: thousands of clients refer to the same pool id token. */
  public readonly resolvedStrings = new Map<string, unknown>();
  /** UserPoolId tokens of the stack's resources, with the key of the pool of another stack each refers to (null: none). */
  public readonly poolKeys = new Map<string, string | null>();
  /** The pools of other stacks that the stack's resources refer to, by key (see `otherStackPoolKey`). */
  public readonly otherPools = new Map<string, CfnResource>();
  /** Logical ids of the stack's resources that the stack and its scopes depend on (`node.addDependency`). */
  public stackDependencies?: readonly string[];
  /** Logical ids of the stack's resources under each dependency target. */
  public readonly dependencyTargets = new Map<IConstruct, readonly string[]>();
  /** Runs the rules over the stack's clients, reusing what holds for clients of one configuration (its pools are this synthesis's). */
  public readonly runner = new RuleRunner();
  /** The aspects added to the stack and its scopes up to its stage, farthest first (see aspects/cascade.ts). */
  public aspectsFromStack?: readonly IAspect[];
  /** The aspects of each kind that reach a scope of the stack, farthest first (see aspects/cascade.ts). */
  public readonly aspectsReaching = new Map<IConstruct, Map<unknown, readonly IAspect[]>>();
  /** The client the stack's checks read last, and what they read (null: it could not be rendered). */
  public lastClient?: IConstruct;
  public lastRead?: PreparedClient | { readonly unreadable: string };
}

const synthesisOf = new WeakMap<Stack, StackSynthesis>();

/** An app's exports by name: where each definition deploys, and the user pool it exports (if any). */
export type AppExports = Definitions<OtherTemplatePool | undefined>;

/**
 * What is found once per app and synthesis by a walk of the whole app (its
 * exports, what its stacks add to other stacks' pools), when a rule first
 * needs it: by the function that finds it. Each stack's validation drops
 * them, after every aspect of the synthesis has run.
 */
const ofApp = new WeakMap<IConstruct, Map<(root: IConstruct) => unknown, unknown>>();
export function oncePerApp<T>(root: IConstruct, find: (root: IConstruct) => T): T {
  let found = ofApp.get(root);
  if (!found) ofApp.set(root, (found = new Map()));
  if (!found.has(find)) found.set(find, find(root));
  return found.get(find) as T;
}

/**
 * The rule selections of the checks that reach each stack or a client of
 * it: waivers of other rules are not the aspects' to judge. Kept across
 * syntheses (the app's and stages' validations judge after the stacks'),
 * so an aspect removed between two syntheses of one app still counts.
 */
const ranOn = new WeakMap<Stack, Set<RuleSelection>>();

/** Notes that a check with `selection` reaches the stack (or one of its clients). */
export function noteRulesRun(stack: Stack, selection: RuleSelection): void {
  let selections = ranOn.get(stack);
  if (!selections) ranOn.set(stack, (selections = new Set()));
  selections.add(selection);
}

/** The rule selections of the checks that reached the stack. */
export function selectionsRunOn(stack: Stack): ReadonlySet<RuleSelection> {
  return ranOn.get(stack) ?? new Set();
}
const watched = new WeakSet<Stack>();

/** The prefix of the keys of a stack's pools (see `PoolIndex.key`): unique in the app. */
export function poolKeyPrefix(stack: Stack): string {
  return `${stack.node.path}#`;
}

/**
 * The app clients counted against each pool of the app during a synthesis,
 * by the pool's key, with what the first check that counted one runs. It
 * outlives the aspects' visit of each stack (clients in stacks visited
 * before the pool's count too), and each pool's entry is taken when its
 * stack is validated, after every aspect of the synthesis has run.
 */
const counts = new WeakMap<IConstruct, Map<string, { clients: Set<IConstruct>; selection: RuleSelection }>>();

/** Counts a client against its pool's quota (a client counted twice counts once). */
export function countClient(root: IConstruct, poolKey: string, client: IConstruct, selection: RuleSelection): void {
  let byPool = counts.get(root);
  if (!byPool) counts.set(root, (byPool = new Map()));
  let entry = byPool.get(poolKey);
  if (!entry) byPool.set(poolKey, (entry = { clients: new Set(), selection }));
  entry.clients.add(client);
}

/** The app clients of each stack checked without their pool in a synthesis, with what checked the first (see VUPC-POOL-NOT-FOUND). */
const withoutPool = new WeakMap<Stack, { first: IConstruct; clients: ClientWithoutPool[]; selection: RuleSelection }>();

/** Notes a client the service rules checked without its pool: the stack's validation names them once. */
export function noteClientWithoutPool(stack: Stack, node: IConstruct, userPoolId: unknown, selection: RuleSelection): void {
  let entry = withoutPool.get(stack);
  if (!entry) withoutPool.set(stack, (entry = { first: node, clients: [], selection }));
  entry.clients.push({ path: node.node.path, userPoolId });
}

/** Takes the counts of the stack's pools: what the stack's validation reports (see `watch`). */
function takeCounts(stack: Stack): Array<{ logicalId: string; clients: number; selection: RuleSelection }> {
  const byPool = counts.get(stack.node.root);
  if (!byPool) return [];
  const prefix = poolKeyPrefix(stack);
  const out: Array<{ logicalId: string; clients: number; selection: RuleSelection }> = [];
  for (const [key, entry] of byPool) {
    // A nested stack's path starts with its parent's: its pools' ids hold no '/'.
    if (!key.startsWith(prefix) || key.slice(prefix.length).includes('/')) continue;
    out.push({ logicalId: key.slice(prefix.length), clients: entry.clients.size, selection: entry.selection });
    byPool.delete(key);
  }
  return out;
}

/** Reports what the pool rules find on the stack's pools, on each pool's resource. */
function reportCounts(stack: Stack, pools: ReturnType<typeof takeCounts>): void {
  // One walk for all of them: a stack of pools holds many, and each logical id costs a hash to work out.
  const wanted = new Set(pools.map((p) => p.logicalId));
  const byLogicalId = new Map<string, CfnResource>();
  for (const c of stack.node.findAll()) {
    if (byLogicalId.size === wanted.size) break;
    if (!CfnResource.isCfnResource(c) || c.cfnResourceType !== TYPES.pool || Stack.of(c) !== stack) continue;
    const id = stack.resolve(c.logicalId) as string;
    if (wanted.has(id)) byLogicalId.set(id, c);
  }
  for (const { logicalId, clients, selection } of pools) {
    const pool = byLogicalId.get(logicalId);
    if (!pool) continue;
    for (const finding of poolFindings([{ path: pool.node.path, name: pool.node.path, clients }], selection)) report(pool, finding);
  }
}

/**
 * Drops what was read from the stack at the end of each synthesis, and
 * reports its pools' client counts: CDK validates after every synthesis's
 * aspects.
 */
function watch(stack: Stack): void {
  if (watched.has(stack)) return;
  watched.add(stack);
  stack.node.addValidation({
    validate: () => {
      synthesisOf.delete(stack);
      ofApp.delete(stack.node.root);
      const pools = takeCounts(stack);
      if (pools.length > 0) reportCounts(stack, pools);
      const unpooled = withoutPool.get(stack);
      withoutPool.delete(stack);
      const notFound = unpooled && poolNotFoundFinding(unpooled.clients, unpooled.selection);
      if (notFound) report(unpooled!.first, notFound);
      return [];
    },
  });
}

/**
 * The stack's state for this synthesis. It is dropped when the checks'
 * aspects visit the stack itself (before any of its constructs), and by a
 * validation CDK runs after the aspects of every synthesis, which also
 * covers aspects added below the stack.
 */
export function stackSynthesis(stack: Stack): StackSynthesis {
  let state = synthesisOf.get(stack);
  if (!state) {
    synthesisOf.set(stack, (state = new StackSynthesis()));
    watch(stack);
  }
  return state;
}

/**
 * Called by the checks' aspects on every node they visit: a stack's visit
 * starts its synthesis afresh, records the acknowledgements made above it and
 * has them judged at validation.
 */
export function onVisit(node: IConstruct): void {
  if (!Stack.isStack(node)) return;
  synthesisOf.delete(node);
  forgetCdkAcknowledgements(node.node.root);
  recordInheritedAcknowledgements(node);
  // What the stack's validation reports (its pools' quotas, VUPC-POOL-NOT-FOUND) comes before its waivers are judged.
  watch(node);
  watchAcknowledgements(node);
}
