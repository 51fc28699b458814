import * as fc from 'fast-check';
import { baseOf, FAILING, PASSING, VALID_M2M_CLIENT } from './cases';
import { readClient } from '../../src/engine/validate-client';
import { ClientContext, ClientView } from '../../src/rules/client-view';
import { CHECKED_SERVICE_RULES, POLICY_RULES } from '../../src/rules/registry';
import { InputKind, RuleDefinition } from '../../src/rules/rule';
import { VALID_WEB_CLIENT } from '../helpers';
import { clientArb, contextArb, fewer, STRICT_POLICY } from '../property/arbitraries';

const RULES = [...CHECKED_SERVICE_RULES, ...POLICY_RULES.filter((r) => r.check)].filter((r) => !r.properties.includes('*'));
const CASES = [...FAILING, ...PASSING];
const CORPUS: Array<Record<string, unknown>> = [VALID_WEB_CLIENT, VALID_M2M_CLIENT, ...CASES.map((c) => ({ ...baseOf(c), ...c.patch }))];

/** The top-level properties a rule reads from a client, whatever path it takes (view accessors, derived lists, helpers). */
function propertiesRead(rule: RuleDefinition, props: Record<string, unknown>, context: ClientContext, input?: InputKind): Set<string> {
  const read = readClient(props);
  const seen = new Set<string>();
  if (!('properties' in read)) return seen;
  const watched = new Proxy(read.properties, {
    get: (target, key) => {
      if (typeof key === 'string') seen.add(key);
      return target[key as string];
    },
    has: (target, key) => {
      if (typeof key === 'string') seen.add(key);
      return key in target;
    },
  });
  rule.check!(new ClientView(watched, context, input), () => undefined);
  return seen;
}

/**
 * The rule plan runs a rule only when a property it declares is set, and
 * the memo keys configuration rules on what they read: a rule must declare
 * every property it reads (docs/rules.md lists them from the same data).
 */
describe('every rule reads only the properties it declares', () => {
  const undeclared = (rule: RuleDefinition, props: Record<string, unknown>, context: ClientContext, input?: InputKind) => {
    const declared = new Set(rule.properties.map((p) => p.split('.')[0]));
    return [...propertiesRead(rule, props, context, input)].filter((p) => !declared.has(p)).map((p) => `${rule.id} reads ${p}`);
  };

  test('on the rule test cases', () => {
    const context = { policy: STRICT_POLICY };
    expect(CORPUS.flatMap((props) => RULES.flatMap((rule) => undeclared(rule, props, context)))).toEqual([]);
    const inTheirContexts = CASES.flatMap((c) => {
      const props = { ...baseOf(c), ...c.patch };
      return RULES.flatMap((rule) => undeclared(rule, props, { ...c.context, policy: STRICT_POLICY }, c.input));
    });
    expect(inTheirContexts).toEqual([]);
  });

  test('on generated clients and contexts', () => {
    fc.assert(fc.property(clientArb, contextArb, (props, context) => {
      expect(RULES.flatMap((rule) => undeclared(rule, props, context))).toEqual([]);
    }), fewer(2));
  });
});
