import type { RuleDefinition } from '../rules/rule';

/**
 * Which rules to run on a client, decided from the properties it sets: a
 * rule none of whose properties is set cannot report (unless it checks
 * absence), so it is not run. Most clients set a dozen of the 25 properties,
 * and at thousands of clients the rules that are skipped are most of the
 * validation's cost.
 */
export class RulePlan {
  /** The plan of a rule list with some rules disabled; built once per (list, selection). */
  public static of(rules: readonly RuleDefinition[], disabled: ReadonlySet<string> | undefined): RulePlan {
    let byDisabled = plans.get(rules);
    if (!byDisabled) plans.set(rules, (byDisabled = new WeakMap()));
    const key = disabled ?? NONE;
    let plan = byDisabled.get(key);
    if (!plan) byDisabled.set(key, (plan = new RulePlan(rules, disabled)));
    return plan;
  }

  /** The rules that run, in registry order. */
  public readonly rules: readonly RuleDefinition[];
  /** Positions (in `rules`) of the rules that run on every client. */
  private readonly always: readonly boolean[];
  /** Positions (in `rules`) of the rules each top-level property triggers. */
  private readonly byProperty = new Map<string, number[]>();

  private constructor(all: readonly RuleDefinition[], disabled: ReadonlySet<string> | undefined) {
    this.rules = all.filter((r) => r.check !== undefined && !disabled?.has(r.id));
    this.always = this.rules.map((r) => r.checksAbsence === true || r.properties.length === 0 || r.properties.includes('*'));
    this.rules.forEach((rule, i) => {
      for (const property of new Set(rule.properties.map(topLevel))) {
        let positions = this.byProperty.get(property);
        if (!positions) this.byProperty.set(property, (positions = []));
        positions.push(i);
      }
    });
  }

  /** For each rule of `rules`, whether it runs on a client with these properties. */
  public select(properties: Readonly<Record<string, unknown>>): boolean[] {
    const run = this.always.slice();
    for (const key in properties) {
      const positions = this.byProperty.get(key);
      if (positions) for (const i of positions) run[i] = true;
    }
    return run;
  }
}

const NONE: ReadonlySet<string> = new Set();
const plans = new WeakMap<readonly RuleDefinition[], WeakMap<ReadonlySet<string>, RulePlan>>();
const topLevel = (property: string) => property.split('.')[0];
