import * as fc from 'fast-check';
import { RulePlan } from '../../src/engine/speed/plan';
import { readClient, validateClient } from '../../src/engine/validate-client';
import { ClientContext, ClientView } from '../../src/rules/client-view';
import { CHECKED_SERVICE_RULES, POLICY_RULES } from '../../src/rules/registry';
import { InputKind, RuleContext, RuleDefinition } from '../../src/rules/rule';
import { VALID_WEB_CLIENT } from '../helpers';
import { clientArb, contextArb, FC_PARAMS, fewer, STRICT_POLICY } from '../property/arbitraries';
import { baseOf, FAILING, PASSING, VALID_M2M_CLIENT } from '../rules/cases';

type Props = Record<string, unknown>;
const CHECKED_POLICY_RULES = POLICY_RULES.filter((r) => r.check);
const ALL_CHECKED = [...CHECKED_SERVICE_RULES, ...CHECKED_POLICY_RULES];

/** Client configurations the rule tests use. */
const CORPUS: Props[] = [{}, VALID_WEB_CLIENT, VALID_M2M_CLIENT, ...[...FAILING, ...PASSING].map((c) => ({ ...baseOf(c), ...c.patch }))];
const asJson = (context: ClientContext) => JSON.stringify(context, (_k, v) => (v instanceof Set || v instanceof Map ? [...v] : v));
const CORPUS_CONTEXTS: ClientContext[] = [
  ...new Map([{}, ...[...FAILING, ...PASSING].map((c) => c.context ?? {})].map((c) => [asJson(c), { ...c, policy: STRICT_POLICY }])).values(),
];

/** What a rule reports when it is run directly, with no plan in between. */
function direct(rule: RuleDefinition, props: Props, context: ClientContext): string[] {
  const read = readClient(props);
  if (!('properties' in read)) return [];
  const out: string[] = [];
  rule.check!(new ClientView(read.properties, context), (v) => out.push(`${rule.id} ${v.property}`));
  return out;
}

const withoutProperties = (rule: RuleDefinition, props: Props): Props => {
  const read = new Set(rule.properties.map((p) => p.split('.')[0]));
  return Object.fromEntries(Object.entries(props).filter(([k]) => !read.has(k)));
};

describe('the rule plan skips only rules that cannot report', () => {
  const skippable = ALL_CHECKED.filter((r) => !r.checksAbsence && !r.properties.includes('*'));

  test.each(skippable.map((r) => [r.id, r]))('%s reports nothing when none of its properties is set (rule test cases)', (_id, rule) => {
    const reports = CORPUS.flatMap((props) => CORPUS_CONTEXTS.flatMap((context) => direct(rule, withoutProperties(rule, props), context)));
    expect(reports).toEqual([]);
  });

  test('no rule without checksAbsence reports when none of its properties is set (generated clients and contexts)', () => {
    fc.assert(fc.property(clientArb, contextArb, (props, context) => {
      expect(skippable.flatMap((rule) => direct(rule, withoutProperties(rule, props), context))).toEqual([]);
    }), fewer(2));
  });

  test('rules that check absence do report on a client that sets none of their properties', () => {
    const reported = ALL_CHECKED.filter((r) => r.checksAbsence).filter((rule) =>
      [{}, { ...VALID_WEB_CLIENT, UserPoolId: undefined }].some((props) =>
        direct(rule, withoutProperties(rule, props), { policy: STRICT_POLICY, pool: { logicalId: 'Pool' } }).length > 0));
    expect(reported.map((r) => r.id)).toEqual(ALL_CHECKED.filter((r) => r.checksAbsence).map((r) => r.id));
  });

  test('planned validation finds exactly what running every rule finds', () => {
    // Templates are what validateClient reads by default: rules for other inputs do not run.
    const forTemplates = (r: RuleDefinition) => r.inputs?.includes(InputKind.TEMPLATE) ?? true;
    const everyRule = (props: Props, context: ClientContext, rules: readonly RuleDefinition[]) =>
      rules.filter(forTemplates).flatMap((r) => direct(r, props, context));
    const planned = (props: Props, context: ClientContext, rules: readonly RuleDefinition[]) =>
      validateClient({ path: 'Client', properties: props }, context, { rules }).map((f) => `${f.ruleId} ${f.property}`);
    fc.assert(fc.property(clientArb, contextArb, (props, context) => {
      expect(planned(props, context, CHECKED_SERVICE_RULES)).toEqual(everyRule(props, context, CHECKED_SERVICE_RULES));
      expect(planned(props, context, CHECKED_POLICY_RULES)).toEqual(everyRule(props, context, CHECKED_POLICY_RULES));
    }), FC_PARAMS);
  });
});

describe('RulePlan', () => {
  const rule = (id: string, properties: string[], checksAbsence = false, context = RuleContext.CLIENT): RuleDefinition =>
    ({ id, properties, checksAbsence, context, check: () => undefined }) as unknown as RuleDefinition;
  const rules = [
    rule('A', ['ClientName']),
    rule('B', ['TokenValidityUnits.AccessToken']),
    rule('C', ['*']),
    rule('D', ['UserPoolId'], true),
    rule('E', ['CallbackURLs']),
    rule('F', ['AllowedOAuthFlows', 'GenerateSecret'], false, RuleContext.POLICY),
    rule('G', ['AllowedOAuthFlows'], false, RuleContext.USER_POOL),
  ];

  test('runs a rule when one of its properties (or the parent of a member) is set, and always the * and absence rules', () => {
    const plan = RulePlan.of(rules.slice(0, 5), undefined);
    const selection = (props: Props) => {
      const { configurationRules, otherRules } = plan.schedule(props);
      return plan.rules.map((_r, i) => configurationRules.includes(i) || otherRules.includes(i));
    };
    expect(selection({ TokenValidityUnits: {} })).toEqual([false, true, true, true, false]);
    expect(selection({ ClientName: 'a', CallbackURLs: [] })).toEqual([true, false, true, true, true]);
    expect(selection({})).toEqual([false, false, true, true, false]);
    expect(selection({ CallbackURLs: [], ClientName: 'b' })).toEqual([true, false, true, true, true]);
  });

  test('every rule but those that read every property starts as a configuration rule, until it is seen reading a per-client value', () => {
    const fresh = [...rules];
    const plan = RulePlan.of(fresh, undefined);
    const split = (props: Props) => {
      const schedule = plan.schedule(props);
      return [schedule.configurationRules, schedule.otherRules].map((positions) => positions.map((i) => plan.rules[i].id));
    };
    const props = { ClientName: 'a', AllowedOAuthFlows: ['code'], TokenValidityUnits: {}, Unknown: 1 };
    const schedule = plan.schedule(props);
    expect(split(props)).toEqual([['A', 'B', 'D', 'F', 'G'], ['C']]);
    // Worked out once per set of properties some rule reads.
    expect(plan.schedule({ AllowedOAuthFlows: [], TokenValidityUnits: 1, ClientName: 'b' })).toBe(schedule);
    expect(plan.schedule({ AllowedOAuthFlows: [] })).not.toBe(schedule);
    const generation = plan.generation;
    plan.notConfiguration(0);
    plan.notConfiguration(0);
    expect(split(props)).toEqual([['B', 'D', 'F', 'G'], ['A', 'C']]);
    expect(plan.generation).toBe(generation + 1);
  });

  test('leaves disabled rules out, and is built once per rule list and selection', () => {
    const disabled = new Set(['A', 'C', 'F', 'G']);
    const plan = RulePlan.of(rules, disabled);
    expect(plan.rules.map((r) => r.id)).toEqual(['B', 'D', 'E']);
    expect(RulePlan.of(rules, disabled)).toBe(plan);
    expect(RulePlan.of(rules, undefined)).not.toBe(plan);
  });
});
