import { Found, RuleMemo } from './memo';
import { RulePlan } from './plan';
import { ClientContext, ClientView } from '../../rules/client-view';
import type { InputKind, RuleDefinition, Violation } from '../../rules/rule';

/** What one rule found on one client. */
export interface RuleResult {
  readonly rule: RuleDefinition;
  readonly violation: Violation;
  /** True when the rule threw (reported as a warning that names it). */
  readonly failed?: boolean;
}

/** Which rules run on a client. */
export interface RulesToRun {
  readonly rules: readonly RuleDefinition[];
  readonly disabled?: ReadonlySet<string>;
  readonly input?: InputKind;
}

/**
 * The engine's speed machinery behind one call: `run` gives what running
 * every rule on the client would give, in rule order, and does less work.
 *
 * - The plan (RulePlan) skips a rule none of whose declared properties the
 *   client sets, unless it checks absence; tests hold each rule to its
 *   declaration by recording what it reads.
 * - The memo (RuleMemo) reuses what configuration rules found on an earlier
 *   client with the same configuration. Which rules those are is not
 *   declared: a rule seen reading a per-client property's value (name, URLs,
 *   pool id, secret) is one no more, from that client on.
 *
 * A rule author writes a check and its documentation and sees none of this.
 * One runner lives for one stack's synthesis or one template run (a
 * configuration's pool and providers are that run's).
 */
export class RuleRunner {
  /** Runs the rules over one client, with nothing kept for the next. */
  public static once(properties: Readonly<Record<string, unknown>>, context: ClientContext, toRun: RulesToRun): RuleResult[] {
    return run(properties, context, toRun);
  }

  /** @param memo what the runner keeps between clients (tests look into it) */
  public constructor(private readonly memo = new RuleMemo()) {}

  public run(properties: Readonly<Record<string, unknown>>, context: ClientContext, toRun: RulesToRun): RuleResult[] {
    return run(properties, context, toRun, this.memo);
  }
}

function run(properties: Readonly<Record<string, unknown>>, context: ClientContext, toRun: RulesToRun, memo?: RuleMemo): RuleResult[] {
  const view = new ClientView(properties, context, toRun.input);
  const plan = RulePlan.of(toRun.rules, toRun.disabled, toRun.input);
  const schedule = plan.schedule(properties);
  const found: Found[] = [];
  // `report` is made once per client, not per rule: it reads the position of the rule running now, which the
  // loop below assigns to this variable (a `for (const rule ...)` there would leave every finding at -1).
  let rule = -1;
  const report = (violation: Violation) => found.push({ rule, violation });
  /** Runs rules; false when one threw or read a per-client value (what they found is then not remembered). */
  const runAll = (positions: readonly number[], watch: boolean): boolean => {
    let reusable = true;
    for (rule of positions) {
      if (watch) view.watchValues();
      try {
        plan.rules[rule].check!(view, report);
      } catch (e) {
        reusable = false;
        found.push({ rule, violation: { property: '*', problem: `could not be evaluated (${(e as Error)?.message ?? e}); please report this`, fix: 'Check this rule by hand.' }, failed: true });
      }
      if (watch && view.endWatch()) {
        reusable = false;
        plan.notConfiguration(rule);
      }
    }
    return reusable;
  };
  // What the configuration rules find depends on the configuration alone: many clients share one.
  const slot = memo && schedule.configurationRules.length > 0 ? memo.slot(plan, properties, context) : undefined;
  if (slot?.value) {
    found.push(...slot.value);
  } else if (runAll(schedule.configurationRules, memo !== undefined) && slot) {
    memo!.remember(plan, context, slot, found.slice());
  }
  const configurationFindings = found.length;
  runAll(schedule.otherRules, false);
  // Both lists are in plan order; interleave them so findings come in rule order.
  if (configurationFindings > 0 && found.length > configurationFindings) found.sort((a, b) => a.rule - b.rule);
  return found.map((f) => ({ rule: plan.rules[f.rule], violation: f.violation, failed: f.failed }));
}
