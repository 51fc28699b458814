import { Aspects, CfnElement, IAspect, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { stackSynthesis } from '../cdk/synthesis-cache';

/**
 * Where several validators (or several policies) reach one client, the
 * closest one checks it, with options that cascade as ESLint's and
 * cdk-nag's do: each option is the closest aspect's that sets it, so an
 * option set farther up is never dropped unless a closer aspect sets the
 * same one (for rule lists, the same rule id).
 */

/**
 * The aspects of one kind that reach `node`, farthest first, each once:
 * those added to the node and its scopes up to its stage (aspects stop at
 * nested stages). What reaches the node's scope is worked out once per scope
 * and synthesis (read-only aspects run after the tree is final), so a
 * client pays only for the aspects added to itself, which are rare.
 */
export function aspectsReaching<T extends IAspect>(node: IConstruct, is: (aspect: IAspect) => aspect is T): readonly T[] {
  const scope = node.node.scope;
  // A resource (every client) is neither a stack nor a stage: one test instead of two.
  if (scope === undefined || (!CfnElement.isCfnElement(node) && (Stack.isStack(node) || Stage.isStage(node)))) return ofScopes(node, is);
  const above = reachingScope(scope, is);
  const own = Aspects.of(node).all;
  if (own.length === 0) return above;
  // Closest first, each once, then reversed: the node's own aspects are the closest.
  const found: T[] = [];
  collect(own, is, found);
  for (let i = above.length - 1; i >= 0; i--) if (!found.includes(above[i])) found.push(above[i]);
  return found.reverse();
}

/** `aspectsReaching(scope)`, remembered per scope, kind of aspect and synthesis of the scope's stack. */
function reachingScope<T extends IAspect>(scope: IConstruct, is: (aspect: IAspect) => aspect is T): readonly T[] {
  const stack = Stack.isStack(scope) ? scope : Stage.isStage(scope) ? undefined : Stack.of(scope);
  if (stack === undefined) return ofScopes(scope, is);
  const byScope = stackSynthesis(stack).aspectsReaching;
  let byKind = byScope.get(scope);
  if (!byKind) byScope.set(scope, (byKind = new Map()));
  let found = byKind.get(is) as readonly T[] | undefined;
  if (!found) byKind.set(is, (found = Object.freeze(ofScopes(scope, is))));
  return found;
}

/** The aspects of one kind added to `node` and its scopes up to its stage, farthest first, each once. */
function ofScopes<T extends IAspect>(node: IConstruct, is: (aspect: IAspect) => aspect is T): T[] {
  const found: T[] = [];
  let scope: IConstruct | undefined = node;
  for (; scope !== undefined && !Stack.isStack(scope) && !Stage.isStage(scope); scope = scope.node.scope) collect(Aspects.of(scope).all, is, found);
  if (scope !== undefined) collect(Stack.isStack(scope) ? aspectsFromStack(scope) : Aspects.of(scope).all, is, found);
  return found.length > 1 ? found.reverse() : found;
}

/** Adds the aspects of one scope (in the order they were added) to `found`, closest first, each once. */
function collect<T extends IAspect>(aspects: readonly IAspect[], is: (aspect: IAspect) => aspect is T, found: T[]): void {
  for (let i = aspects.length - 1; i >= 0; i--) {
    const aspect = aspects[i];
    if (is(aspect) && !found.includes(aspect)) found.push(aspect);
  }
}

/** The aspects added to the stack and its scopes up to its stage, closest last. */
function aspectsFromStack(stack: Stack): readonly IAspect[] {
  const state = stackSynthesis(stack);
  if (state.aspectsFromStack) return state.aspectsFromStack;
  const all: IAspect[] = [];
  for (let scope: IConstruct | undefined = stack; scope !== undefined; scope = scope.node.scope) {
    all.unshift(...Aspects.of(scope).all);
    if (Stage.isStage(scope)) break;
  }
  return (state.aspectsFromStack = all);
}

/** How the options of one aspect in a cascade select rules. */
export interface RuleLists {
  readonly disabledRules: ReadonlySet<string>;
  readonly warningRules: ReadonlySet<string>;
}

/** Rule lists merged per rule id, farthest first: the closest aspect that names a rule decides whether it is off or a warning. */
export function cascadeRuleLists(chain: readonly RuleLists[]): { disabledRules: Set<string>; warningRules: Set<string> } {
  const decided = new Map<string, 'off' | 'warning'>();
  for (const lists of chain) {
    for (const id of lists.disabledRules) decided.set(id, 'off');
    for (const id of lists.warningRules) decided.set(id, 'warning');
  }
  const disabledRules = new Set<string>();
  const warningRules = new Set<string>();
  for (const [id, how] of decided) (how === 'off' ? disabledRules : warningRules).add(id);
  return { disabledRules, warningRules };
}

/**
 * What `aspect` checks a node with, given the chain of aspects of its kind
 * that reach the node (`aspectsReaching`): the chain's options cascaded when
 * `aspect` is the closest, undefined when a closer one checks the node, and
 * its own options when it is not in the chain (its visit was called
 * directly, not as an aspect of the node's scopes).
 */
export function optionsIfClosest<T extends object, R>(aspect: T, chain: readonly T[], cascade: CascadeCache<T, R>): R | undefined {
  if (!chain.includes(aspect)) return cascade.ofOne(aspect);
  return chain[chain.length - 1] === aspect ? cascade.of(chain) : undefined;
}

/** Memoizes what a chain of aspects merges to (a chain repeats for every client below the same scopes). */
export class CascadeCache<T extends object, R> {
  private readonly alone = new WeakMap<T, R>();
  private readonly byClosest = new WeakMap<T, Map<string, R>>();
  private readonly ids = new WeakMap<T, number>();
  private next = 0;

  public constructor(private readonly merge: (chain: readonly T[]) => R) {}

  /** What one aspect alone merges to (the common case: no key to build). */
  public ofOne(aspect: T): R {
    let alone = this.alone.get(aspect);
    if (alone === undefined) this.alone.set(aspect, (alone = this.merge([aspect])));
    return alone;
  }

  public of(chain: readonly T[]): R {
    const closest = chain[chain.length - 1];
    if (chain.length === 1) return this.ofOne(closest);
    let byChain = this.byClosest.get(closest);
    if (!byChain) this.byClosest.set(closest, (byChain = new Map()));
    const key = chain.map((a) => this.idOf(a)).join(',');
    let merged = byChain.get(key);
    if (merged === undefined) byChain.set(key, (merged = this.merge(chain)));
    return merged;
  }

  private idOf(aspect: T): number {
    let id = this.ids.get(aspect);
    if (id === undefined) this.ids.set(aspect, (id = ++this.next));
    return id;
  }
}
