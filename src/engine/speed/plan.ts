import { InputKind, RuleDefinition } from '../../rules/rule';

/** The rules to run on clients that set the same properties. */
export interface Schedule {
  /** Positions (in the plan's rules, in order) of the configuration rules that run (see `isConfigurationRule`). */
  readonly configurationRules: readonly number[];
  /** Positions of the other rules that run. */
  readonly otherRules: readonly number[];
}

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
  public static of(rules: readonly RuleDefinition[], disabled: ReadonlySet<string> | undefined, input = InputKind.TEMPLATE): RulePlan {
    let byInput = plans.get(rules);
    if (!byInput) plans.set(rules, (byInput = new Map()));
    let known = byInput.get(input);
    if (!known) byInput.set(input, (known = { bySet: new WeakMap(), byIds: new Map() }));
    const set = disabled ?? NONE;
    let plan = known.bySet.get(set);
    if (!plan) {
      const ids = [...set].sort().join(' ');
      plan = known.byIds.get(ids);
      if (!plan) known.byIds.set(ids, (plan = new RulePlan(rules, set, input)));
      known.bySet.set(set, plan);
    }
    return plan;
  }

  /** The rules that run, in registry order. */
  public readonly rules: readonly RuleDefinition[];
  /**
   * Changes each time a rule turns out not to be a configuration rule, so
   * that what was remembered under the old split is not used (see RuleMemo).
   */
  public generation = 0;
  /**
   * For each position in `rules`: true for a configuration rule, whose
   * findings hold for every client with the same configuration (see
   * RuleMemo). Every rule starts as one, except those that read every
   * property; a rule is one no more once it is seen reading a per-client
   * property's value (`ClientView.watchValues`), which no declaration can get wrong.
   */
  private readonly configuration: boolean[];
  /** For each position in `rules`: true when the rule runs on every client. */
  private readonly always: readonly boolean[];
  /** The bit of each top-level property some rule reads. */
  private readonly bits = new Map<string, number>();
  private readonly schedules = new Map<number, Schedule>();

  private constructor(all: readonly RuleDefinition[], disabled: ReadonlySet<string> | undefined, input: InputKind) {
    this.rules = all.filter((r) => r.check !== undefined && !disabled?.has(r.id) && (r.inputs?.includes(input) ?? true));
    this.always = this.rules.map((r) => r.checksAbsence === true || r.properties.length === 0 || r.properties.includes('*'));
    this.configuration = this.rules.map((r) => !r.properties.includes('*'));
    for (const rule of this.rules) {
      for (const property of rule.properties.map(topLevel)) if (property !== '*' && !this.bits.has(property)) this.bits.set(property, 2 ** this.bits.size);
    }
  }

  /** True while the rule at `position` counts as a configuration rule. */
  public isConfigurationRule(position: number): boolean {
    return this.configuration[position];
  }

  /** The rule at `position` read a per-client value: from now on it runs on every client. */
  public notConfiguration(position: number): void {
    if (!this.configuration[position]) return;
    this.configuration[position] = false;
    this.schedules.clear();
    this.generation++;
  }

  /** What runs on a client with these properties: worked out once per combination of properties set. */
  public schedule(properties: Readonly<Record<string, unknown>>): Schedule {
    let mask = 0;
    for (const key in properties) mask += this.bits.get(key) ?? 0;
    let schedule = this.schedules.get(mask);
    if (!schedule) {
      const set = new Set(Object.keys(properties));
      const runs = this.rules.flatMap((rule, i) => (this.always[i] || rule.properties.some((p) => set.has(topLevel(p))) ? [i] : []));
      schedule = {
        configurationRules: runs.filter((i) => this.configuration[i]),
        otherRules: runs.filter((i) => !this.configuration[i]),
      };
      this.schedules.set(mask, schedule);
    }
    return schedule;
  }
}

const NONE: ReadonlySet<string> = new Set();
interface KnownPlans {
  readonly bySet: WeakMap<ReadonlySet<string>, RulePlan>;
  readonly byIds: Map<string, RulePlan>;
}
const plans = new WeakMap<readonly RuleDefinition[], Map<InputKind, KnownPlans>>();
const topLevel = (property: string) => property.split('.')[0];
