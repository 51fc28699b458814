import * as fc from 'fast-check';
import { baseOf, FAILING, PASSING, VALID_M2M_CLIENT } from './cases';
import { shapeOf } from '../../src/engine/rule-memo';
import { readClient } from '../../src/engine/validate-client';
import { ClientContext, ClientView } from '../../src/rules/client-view';
import { CHECKED_SERVICE_RULES, POLICY_RULES } from '../../src/rules/registry';
import type { RuleDefinition } from '../../src/rules/rule';
import { perClientReshaped, VALID_WEB_CLIENT } from '../helpers';
import { clientArb, contextArb, fewer, STRICT_POLICY } from '../property/arbitraries';

const RULES = [...CHECKED_SERVICE_RULES, ...POLICY_RULES.filter((r) => r.check)].filter((r) => !r.properties.includes('*'));
const CASES = [...FAILING, ...PASSING];
const CORPUS: Array<Record<string, unknown>> = [VALID_WEB_CLIENT, VALID_M2M_CLIENT, ...CASES.map((c) => ({ ...baseOf(c), ...c.patch }))];

/** The top-level properties a rule reads from a client, whatever path it takes (view accessors, derived lists, helpers). */
function propertiesRead(rule: RuleDefinition, props: Record<string, unknown>, context: ClientContext): Set<string> {
  const read = readClient(props, context);
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
  rule.check!(new ClientView(watched, context), () => undefined);
  return seen;
}

/**
 * The rule plan runs a rule only when a property it declares is set, and
 * the memo keys configuration rules on what they read: a rule must declare
 * every property it reads (docs/rules.md lists them from the same data).
 */
describe('every rule reads only the properties it declares', () => {
  const undeclared = (rule: RuleDefinition, props: Record<string, unknown>, context: ClientContext) => {
    const declared = new Set(rule.properties.map((p) => p.split('.')[0]));
    return [...propertiesRead(rule, props, context)].filter((p) => !declared.has(p)).map((p) => `${rule.id} reads ${p}`);
  };

  test('on the rule test cases', () => {
    const context = { policy: STRICT_POLICY };
    expect(CORPUS.flatMap((props) => RULES.flatMap((rule) => undeclared(rule, props, context)))).toEqual([]);
    const inTheirContexts = CASES.flatMap((c) => {
      const props = { ...baseOf(c), ...c.patch };
      return RULES.flatMap((rule) => undeclared(rule, props, { ...c.context, policy: STRICT_POLICY }));
    });
    expect(inTheirContexts).toEqual([]);
  });

  test('on generated clients and contexts', () => {
    fc.assert(fc.property(clientArb, contextArb, (props, context) => {
      expect(RULES.flatMap((rule) => undeclared(rule, props, context))).toEqual([]);
    }), fewer(2));
  });
});

/**
 * A rule may read a per-client property only for how it is set
 * (`readsPresenceOf`), and the memo then keys on its shape alone: such a
 * rule must find the same whatever value of that shape the client holds.
 */
describe('rules that read per-client properties only for how they are set find the same for any value of that shape', () => {
  const presenceRules = RULES.filter((r) => r.readsPresenceOf !== undefined);
  const reports = (rule: RuleDefinition, props: Record<string, unknown>, context: ClientContext) => {
    const read = readClient(props, context);
    const out: unknown[] = [];
    if ('properties' in read) rule.check!(new ClientView(read.properties, context), (v) => out.push(v));
    return out;
  };
  const differences = (props: Record<string, unknown>, context: ClientContext) => presenceRules
    .filter((rule) => JSON.stringify(reports(rule, props, context)) !== JSON.stringify(reports(rule, perClientReshaped(props), context)))
    .map((rule) => rule.id);

  test('they are the rules that only ask whether a URL, the pool id or a callback is set', () => {
    expect(presenceRules.map((r) => r.id).sort()).toEqual(['VUPC-OAUTH-CALLBACK-REQUIRED', 'VUPC-POOLID-REQUIRED', 'VUPC-URL-WITHOUT-OAUTH']);
    for (const rule of presenceRules) expect(rule.readsPresenceOf!.every((p) => rule.properties.includes(p))).toBe(true);
  });

  test('reshaping keeps shapes and changes values', () => {
    const props: Record<string, unknown> = {
      ClientName: 'a', CallbackURLs: ['https://a.example.com', { Ref: 'Url' }], UserPoolId: { Ref: 'Pool' }, LogoutURLs: [], DefaultRedirectURI: 7,
    };
    const reshaped = perClientReshaped(props);
    expect(Object.keys(props).map((k) => shapeOf(reshaped[k]))).toEqual(Object.keys(props).map((k) => shapeOf(props[k])));
    expect(reshaped).toEqual({ ClientName: 'other a', CallbackURLs: ['other https://a.example.com', { Ref: 'Url' }], UserPoolId: { Ref: 'SomethingElse' }, LogoutURLs: [], DefaultRedirectURI: 'other 7' });
  });

  test('on the rule test cases', () => {
    expect(CORPUS.flatMap((props) => differences(props, { policy: STRICT_POLICY }))).toEqual([]);
    expect(CASES.flatMap((c) => differences({ ...baseOf(c), ...c.patch }, { ...c.context, policy: STRICT_POLICY }))).toEqual([]);
  });

  test('on generated clients and contexts', () => {
    fc.assert(fc.property(clientArb, contextArb, (props, context) => expect(differences(props, context)).toEqual([])), fewer(2));
  });
});
