import { Aspects, IAspect, Stack, Stage } from 'aws-cdk-lib';
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
 * nested stages). What is added at the stack and above is read once per
 * stack and synthesis.
 */
export function aspectsReaching<T extends IAspect>(node: IConstruct, is: (aspect: IAspect) => aspect is T): T[] {
  // Collected closest first, without a closure or an array per scope: this runs for every client of an app.
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
