import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { RuleMemo } from '../engine/rule-memo';
import type { ClientRead, TemplateIndex } from '../engine/template-index';

/** A client as the checks read it, ready for the rules. */
export interface PreparedClient {
  /** The construct path, worked out when a finding names it. */
  readonly path: () => string;
  readonly read: ClientRead;
  readonly memo: RuleMemo;
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
  /** Logical ids of the stack's resources under each dependency target. */
  public readonly dependencyTargets = new Map<IConstruct, readonly string[]>();
  /** What the configuration rules found on the stack's configurations (its pools are this synthesis's). */
  public readonly memo = new RuleMemo();
  /** The client the stack's checks read last, and what they read (null: it could not be rendered). */
  public lastClient?: IConstruct;
  public lastRead?: PreparedClient | null;
}

const synthesisOf = new WeakMap<Stack, StackSynthesis>();
/** The clients counted against each of a stack's pools, by pool logical id (see `clientCounts`). */
const countsOf = new WeakMap<Stack, Map<string, Map<string, number>>>();
const watched = new WeakSet<Stack>();

/** Drops what was read from the stack at the end of each synthesis: CDK validates after every synthesis's aspects. */
function watch(stack: Stack): void {
  if (watched.has(stack)) return;
  watched.add(stack);
  stack.node.addValidation({ validate: () => (synthesisOf.delete(stack), countsOf.delete(stack), []) });
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
 * The clients counted so far against the quota of the stack's pool
 * `poolLogicalId`, wherever in the app they are. Unlike the rest, this
 * outlives the aspects' visit of the stack: clients in stacks visited before
 * the pool's count too. Keys are stable, so a count kept by a synthesis that
 * skipped validation only sees the same clients again.
 */
export function clientCounts(stack: Stack, poolLogicalId: string): Map<string, number> {
  let byPool = countsOf.get(stack);
  if (!byPool) {
    countsOf.set(stack, (byPool = new Map()));
    watch(stack);
  }
  let counts = byPool.get(poolLogicalId);
  if (!counts) byPool.set(poolLogicalId, (counts = new Map()));
  return counts;
}

/** Called by the checks' aspects on every node they visit: a stack's visit starts its synthesis afresh. */
export function onVisit(node: IConstruct): void {
  if (Stack.isStack(node)) synthesisOf.delete(node);
}
