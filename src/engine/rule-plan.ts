import type { RuleDefinition } from '../rules/rule';

/**
 * Which rules to run on a client, decided from the properties it sets: a
 * rule none of whose properties is set cannot report (unless it checks
 * absence), so it is not run. Most clients set a dozen of the 25 properties,
 * which roughly halves the rules run on each.
 */
export class RulePlan {
  /**
   * The plan of a rule list with some rules disabled: built once per list
   * and set of disabled ids (thousands of ValidatedUserPoolClients each
   * carry a validator, and share one plan), found by identity after that.
   */
  public static of(rules: readonly RuleDefinition[], disabled: ReadonlySet<string> | undefined): RulePlan {
    let known = plans.get(rules);
    if (!known) plans.set(rules, (known = { bySet: new WeakMap(), byIds: new Map() }));
    const set = disabled ?? NONE;
    let plan = known.bySet.get(set);
    if (!plan) {
      const ids = [...set].sort().join(' ');
      plan = known.byIds.get(ids);
      if (!plan) known.byIds.set(ids, (plan = new RulePlan(rules, set)));
      known.bySet.set(set, plan);
    }
    return plan;
  }

  /** The rules that run, in registry order. */
  public readonly rules: readonly RuleDefinition[];
  /** For each position in `rules`: true when the rule runs on every client. */
  private readonly always: readonly boolean[];
  /** Positions (in `rules`) of the rules each top-level property triggers. */
  private readonly byProperty = new Map<string, number[]>();
  private readonly marks: number[];
  private stamp = 0;

  private constructor(all: readonly RuleDefinition[], disabled: ReadonlySet<string> | undefined) {
    this.rules = all.filter((r) => r.check !== undefined && !disabled?.has(r.id));
    this.always = this.rules.map((r) => r.checksAbsence === true || r.properties.length === 0 || r.properties.includes('*'));
    this.marks = this.rules.map(() => 0);
    this.rules.forEach((rule, i) => {
      for (const property of new Set(rule.properties.map(topLevel))) {
        let positions = this.byProperty.get(property);
        if (!positions) this.byProperty.set(property, (positions = []));
        positions.push(i);
      }
    });
  }

  /**
   * Marks the rules that run on a client with these properties; read the
   * marks with `selected` before the next call (rules never call the
   * engine, so nothing selects in between). Marks are stamped rather than
   * cleared, so selecting allocates nothing.
   */
  public select(properties: Readonly<Record<string, unknown>>): number {
    const stamp = ++this.stamp;
    for (const key in properties) {
      const positions = this.byProperty.get(key);
      if (positions) for (const i of positions) this.marks[i] = stamp;
    }
    return stamp;
  }

  /** True when rule `i` runs on the client of the `select` call that returned `stamp`. */
  public selected(i: number, stamp: number): boolean {
    return this.always[i] || this.marks[i] === stamp;
  }
}

const NONE: ReadonlySet<string> = new Set();
const plans = new WeakMap<readonly RuleDefinition[], { bySet: WeakMap<ReadonlySet<string>, RulePlan>; byIds: Map<string, RulePlan> }>();
const topLevel = (property: string) => property.split('.')[0];
