import * as fc from 'fast-check';
import { RuleMemo, shapeOf } from '../../src/engine/speed/memo';
import { RulePlan } from '../../src/engine/speed/plan';
import { RuleRunner } from '../../src/engine/speed/runner';
import { readClient, runRules, validateClient } from '../../src/engine/validate-client';
import { validateTemplate } from '../../src/engine/validate-template';
import { PER_CLIENT_PROPERTIES } from '../../src/rules/api-model';
import { ClientContext, ClientView } from '../../src/rules/client-view';
import { CHECKED_SERVICE_RULES, POLICY_RULES } from '../../src/rules/registry';
import { RuleContext, RuleDefinition, RuleSeverity, Violation } from '../../src/rules/rule';
import { perClientReshaped, VALID_WEB_CLIENT } from '../helpers';
import { anyJson, clientArb, contextArb, fewer, intrinsic, poolArb, STRICT_POLICY, validClient } from '../property/arbitraries';

type Props = Record<string, unknown>;
const CHECKED_POLICY_RULES = POLICY_RULES.filter((r) => r.check);
const PER_CLIENT = [...PER_CLIENT_PROPERTIES];

/** Everything a rule reports when run directly on a client, and whether it read a per-client property's value. */
function violations(rule: RuleDefinition, props: Props, context: ClientContext): { found: Violation[]; readValue: boolean } {
  const read = readClient(props);
  if (!('properties' in read)) return { found: [], readValue: false };
  const found: Violation[] = [];
  const view = new ClientView(read.properties, context);
  view.watchValues();
  rule.check!(view, (v) => found.push(v));
  return { found, readValue: view.endWatch() };
}

const findings = (props: Props, context: ClientContext, rules: readonly RuleDefinition[], memo?: RuleMemo) =>
  runRules(readClient(props), context, { rules }, { path: 'Client' }, memo && new RuleRunner(memo)).map((f) => `${f.severity} ${f.ruleId} ${f.message}`);

describe('what a rule finds without reading a per-client value holds for every client of its configuration', () => {
  const RULES = [...CHECKED_SERVICE_RULES, ...CHECKED_POLICY_RULES];

  test('a client\'s name, URLs, pool id and secret (beyond their shape) and its other dependencies change nothing such a run finds', () => {
    // A memo's key holds the shapes of the per-client properties, the pool around a client and which of its providers
    // and resource servers the client depends on; nothing else about the client. The watch must see every read of a
    // per-client value, through any accessor.
    const perClientValues = fc.dictionary(fc.constantFrom(...PER_CLIENT), fc.oneof(anyJson, intrinsic, fc.constant(undefined)));
    fc.assert(fc.property(clientArb, perClientValues, contextArb, (props, other, context) => {
      const changed = { ...props, ...other };
      const dependencies = context.dependencies && new Set([...context.dependencies, 'OwnDistribution', 'Pool']);
      for (const rule of RULES) {
        const alone = violations(rule, changed, context);
        if (alone.readValue) continue;
        expect([rule.id, violations(rule, perClientReshaped(changed), { ...context, dependencies }).found]).toEqual([rule.id, alone.found]);
      }
    }), fewer(2));
  });

  test('reshaping keeps shapes and changes values', () => {
    const props: Record<string, unknown> = {
      ClientName: 'a', CallbackURLs: ['https://a.example.com', { Ref: 'Url' }], UserPoolId: { Ref: 'Pool' }, LogoutURLs: [], DefaultRedirectURI: 7,
    };
    const reshaped = perClientReshaped(props);
    expect(Object.keys(props).map((k) => shapeOf(reshaped[k]))).toEqual(Object.keys(props).map((k) => shapeOf(props[k])));
    expect(reshaped).toEqual({ ClientName: 'other a', CallbackURLs: ['other https://a.example.com', { Ref: 'Url' }], UserPoolId: { Ref: 'SomethingElse' }, LogoutURLs: [], DefaultRedirectURI: 'other 7' });
  });

  test('the rules that read per-client values are seen to, and most rules are not: they are reused', () => {
    const memo = new RuleMemo();
    for (const props of [VALID_WEB_CLIENT, { ...VALID_WEB_CLIENT, ClientName: 'bad name!', CallbackURLs: ['http://a.example.com'] }]) {
      findings(props, { policy: STRICT_POLICY }, CHECKED_SERVICE_RULES, memo);
      findings(props, { policy: STRICT_POLICY }, CHECKED_POLICY_RULES, memo);
    }
    const reused = (rules: readonly RuleDefinition[]) => {
      const plan = RulePlan.of(rules, undefined);
      return plan.rules.filter((_r, i) => plan.isConfigurationRule(i)).map((r) => r.id);
    };
    const ids = new Set([...reused(CHECKED_SERVICE_RULES), ...reused(CHECKED_POLICY_RULES)]);
    expect(ids.size).toBeGreaterThan(RULES.length / 2);
    const configuration = [
      'VUPC-ACCESS-DURATION', 'VUPC-AUTHFLOW-ENUM', 'VUPC-OAUTH-CC-SECRET', 'VUPC-ANALYTICS-REGION', 'VUPC-IDP-EXISTS', 'VUPC-POLICY-NO-IMPLICIT-GRANT',
      // They read per-client properties only for how they are set.
      'VUPC-OAUTH-CALLBACK-REQUIRED', 'VUPC-URL-WITHOUT-OAUTH', 'VUPC-POOLID-REQUIRED',
    ];
    // A rule that reads a value only on some configurations (the policy's name pattern, when set) stays one until it does.
    const perClient = ['VUPC-CLIENTNAME-PATTERN', 'VUPC-CALLBACK-HTTPS', 'VUPC-PROPERTY-TYPE'];
    expect([...configuration, ...perClient].filter((id) => ids.has(id))).toEqual(configuration);
  });
});

describe('a memo changes no finding', () => {
  /** Few configurations, many clients: each client takes one and gets its own name, URLs and pool. */
  const apps = fc.tuple(
    fc.array(clientArb, { minLength: 1, maxLength: 4 }),
    fc.array(fc.tuple(fc.nat(), validClient, fc.nat(), contextArb), { minLength: 1, maxLength: 12 }),
  );
  const ENUM_EXTRAS = [undefined, { ExplicitAuthFlows: ['ALLOW_NEW_FLOW'] }];
  const POLICIES = [STRICT_POLICY, { ...STRICT_POLICY, maxAccessTokenMinutes: 60 }];

  test('clients that share configurations get what each would get alone, in the same order', () => {
    fc.assert(fc.property(apps, ([configurations, clients]) => {
      const memo = new RuleMemo();
      for (const [pick, own, variant, context] of clients) {
        const configuration = configurations[pick % configurations.length];
        const perClient = Object.fromEntries(PER_CLIENT.filter((p) => p in own).map((p) => [p, own[p]]));
        const props = { ...configuration, ...perClient };
        const around = { ...context, extraEnumValues: ENUM_EXTRAS[variant % 2], policy: POLICIES[Math.floor(variant / 2) % 2] };
        expect(findings(props, around, CHECKED_SERVICE_RULES, memo)).toEqual(findings(props, around, CHECKED_SERVICE_RULES));
        expect(findings(props, around, CHECKED_POLICY_RULES, memo)).toEqual(findings(props, around, CHECKED_POLICY_RULES));
      }
    }), fewer(2));
  });

  test('clients around the same few pools and dependencies get what each would get alone', () => {
    // Pools are keyed by identity, dependencies by their ids: clients of a stack share both.
    const around = fc.tuple(fc.array(poolArb, { minLength: 1, maxLength: 2 }), fc.constantFrom<ReadonlySet<string>[]>(
      [new Set(['GoogleIdp', 'OrdersServer']), new Set(['OrdersServer', 'GoogleIdp'])],
      [new Set(), new Set(['GoogleIdp'])],
      [new Set(['OrdersServer']), new Set(['OrdersServer', 'Distribution1']), new Set(['Distribution2'])],
    ));
    fc.assert(fc.property(apps, around, ([configurations, clients], [pools, dependencySets]) => {
      const memo = new RuleMemo();
      for (const [pick, own, variant, context] of clients) {
        const perClient = Object.fromEntries(PER_CLIENT.filter((p) => p in own).map((p) => [p, own[p]]));
        const props = { ...configurations[pick % configurations.length], ...perClient };
        const dependencies = variant % 3 === 2 ? undefined : dependencySets[variant % dependencySets.length];
        const context_ = { ...context, pool: variant % 4 === 3 ? undefined : pools[variant % pools.length], dependencies };
        expect(findings(props, context_, CHECKED_SERVICE_RULES, memo)).toEqual(findings(props, context_, CHECKED_SERVICE_RULES));
      }
    }), fewer(2));
  });

  test('a memo tells apart per-client properties of different shapes, and shares a slot between values of one shape', () => {
    const memo = new RuleMemo();
    const plan = RulePlan.of(CHECKED_SERVICE_RULES, undefined);
    const withCallbacks = (callbackUrls: unknown) => ({ ...VALID_WEB_CLIENT, CallbackURLs: callbackUrls });
    const required = (callbackUrls: unknown) =>
      findings(withCallbacks(callbackUrls), {}, CHECKED_SERVICE_RULES, memo).filter((f) => f.includes('VUPC-OAUTH-CALLBACK-REQUIRED')).length;
    expect([['https://a.example.com/cb'], [], { Ref: 'Urls' }, [{ Ref: 'Url' }], ['https://b.example.com/cb'], []].map(required)).toEqual([0, 1, 0, 0, 0, 1]);
    expect(memo.slot(plan, withCallbacks(['https://c.example.com/cb', 'https://d.example.com/cb']), {})?.value).toBeDefined();
    expect(memo.slot(plan, withCallbacks([{ 'Fn::Sub': 'https://${Domain}/cb' }, 'https://d.example.com/cb']), {})?.value).toBeDefined();
    expect(memo.slot(plan, withCallbacks(['https://c.example.com/cb', 42]), {})?.value).toBeDefined();
    expect(memo.slot(plan, { ...VALID_WEB_CLIENT, CallbackURLs: undefined }, {})?.value).toBeUndefined();
  });

  test('a memo tells apart pools that differ in what a rule reads, and dependency sets', () => {
    const memo = new RuleMemo();
    const pool = (tier: string) => ({ logicalId: 'Pool', tier, hasDomain: true });
    const client = { ...VALID_WEB_CLIENT, ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] };
    const tierFindings = (tier: string) => findings(client, { pool: pool(tier) }, CHECKED_SERVICE_RULES, memo).filter((f) => f.includes('VUPC-AUTHFLOW-USER-AUTH-TIER'));
    expect([tierFindings('ESSENTIALS').length, tierFindings('LITE').length, tierFindings('ESSENTIALS').length]).toEqual([0, 1, 0]);
    const providers = new Map([['Google', { logicalId: 'GoogleIdp', mappedAttributes: new Set<string>() }]]);
    const withIdp = { ...pool('ESSENTIALS'), identityProviders: providers };
    const google = { ...VALID_WEB_CLIENT, SupportedIdentityProviders: ['Google'] };
    const dependencyFindings = (dependencies: ReadonlySet<string>) =>
      findings(google, { pool: withIdp, dependencies }, CHECKED_SERVICE_RULES, memo).filter((f) => f.includes('VUPC-IDP-DEPENDENCY'));
    expect([dependencyFindings(new Set(['GoogleIdp'])).length, dependencyFindings(new Set()).length, dependencyFindings(new Set(['GoogleIdp'])).length]).toEqual([0, 1, 0]);
  });

  test('clients that refer to resources of their own (a callback URL built from a distribution) share a configuration', () => {
    const memo = new RuleMemo();
    const plan = RulePlan.of(CHECKED_SERVICE_RULES, undefined);
    const pool = { logicalId: 'Pool', hasDomain: true, identityProviders: new Map([['Google', { logicalId: 'GoogleIdp' }]]) };
    const client = (i: number) => ({ ...VALID_WEB_CLIENT, ClientName: `c${i}`, CallbackURLs: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [`Dist${i}`, 'DomainName'] }]] }] });
    const context = (i: number): ClientContext => ({ pool, dependencies: new Set(['Pool', 'GoogleIdp', `Dist${i}`]) });
    findings(client(1), context(1), CHECKED_SERVICE_RULES, memo);
    expect(memo.slot(plan, client(2), context(2))?.value).toBeDefined();
    // Not depending on the pool's identity provider is another configuration.
    expect(memo.slot(plan, client(2), { pool, dependencies: new Set(['Pool', 'Dist2']) })?.value).toBeUndefined();
  });

  test('with some rules switched off (disabledRules, a policy with few options), too', () => {
    // A smaller plan declares fewer properties: the memo must still tell configurations apart by all of them.
    const subsets = fc.tuple(fc.subarray(CHECKED_SERVICE_RULES.map((r) => r.id)), fc.subarray(CHECKED_POLICY_RULES.map((r) => r.id)));
    fc.assert(fc.property(apps, subsets, ([configurations, clients], [serviceOff, policyOff]) => {
      const memo = new RuleMemo();
      const off = (ids: string[]) => ({ disabledRules: new Set(ids) });
      const run = (props: Props, context: ClientContext, rules: readonly RuleDefinition[], ids: string[], with_?: RuleMemo) =>
        runRules(readClient(props), context, { rules, ...off(ids) }, { path: 'Client' }, with_ && new RuleRunner(with_)).map((f) => f.message);
      for (const [pick, own, , context] of clients) {
        const perClient = Object.fromEntries(PER_CLIENT.filter((p) => p in own).map((p) => [p, own[p]]));
        const props = { ...configurations[pick % configurations.length], ...perClient };
        expect(run(props, context, CHECKED_SERVICE_RULES, serviceOff, memo)).toEqual(run(props, context, CHECKED_SERVICE_RULES, serviceOff));
        expect(run(props, context, CHECKED_POLICY_RULES, policyOff, memo)).toEqual(run(props, context, CHECKED_POLICY_RULES, policyOff));
      }
    }), fewer(2));
  });

  test('a policy with one option tells apart clients that differ in a property its rule does not declare', () => {
    // VUPC-POLICY-REFRESH-TOKEN-ROTATION exempts client_credentials clients: the flows are part of the key.
    const memo = new RuleMemo();
    const policy = { requireRefreshTokenRotation: true };
    const rules = CHECKED_POLICY_RULES.filter((r) => r.id === 'VUPC-POLICY-REFRESH-TOKEN-ROTATION');
    const m2m = findings({ AllowedOAuthFlows: ['client_credentials'], ClientName: 'm2m' }, { policy }, rules, memo);
    const web = findings({ AllowedOAuthFlows: ['code'], ClientName: 'web' }, { policy }, rules, memo);
    expect([m2m.length, web.length]).toEqual([0, 1]);
  });

  test('a template validated with a memo gives the same findings as each client validated alone', () => {
    const bad = { ...VALID_WEB_CLIENT, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_NOT_A_FLOW'], AccessTokenValidity: 2 };
    const resources = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`Client${i}`, {
      Type: 'AWS::Cognito::UserPoolClient',
      Properties: { ...(i % 2 ? bad : VALID_WEB_CLIENT), ClientName: `client-${i}`, CallbackURLs: [`https://app${i}.example.com/cb`] },
    }]));
    const policy = { props: STRICT_POLICY, selection: { rules: CHECKED_POLICY_RULES } };
    // The clients' pool is outside the template (a notice about the template, not a client's finding).
    const out = validateTemplate({ Resources: resources }, { service: { disabledRules: new Set(['VUPC-POOL-NOT-FOUND']) }, policy, pathOf: (id) => id });
    const alone = Object.entries(resources).flatMap(([id, r]) => [
      ...validateClient({ path: id, properties: r.Properties }),
      ...validateClient({ path: id, properties: r.Properties }, { policy: STRICT_POLICY }, { rules: CHECKED_POLICY_RULES }),
    ]);
    expect(out.map((f) => f.finding)).toEqual(alone);
    expect(out.filter((f) => f.finding.ruleId === 'VUPC-AUTHFLOW-ENUM').map((f) => f.logicalId)).toEqual(['Client1', 'Client3', 'Client5']);
  });

  test('a rule that throws is reported on every client of the configuration, and its findings are not remembered', () => {
    let calls = 0;
    const throwing: RuleDefinition = {
      id: 'VUPC-TEST-THROWS',
      severity: RuleSeverity.ERROR,
      context: RuleContext.CLIENT,
      properties: ['GenerateSecret'],
      summary: 's',
      why: 'w',
      fix: 'f',
      source: 'https://example.com',
      check: () => {
        calls++;
        throw new Error('boom');
      },
    };
    const memo = new RuleMemo();
    const run = (name: string) => findings({ GenerateSecret: true, ClientName: name }, {}, [throwing], memo);
    expect(run('a')).toEqual([expect.stringMatching(/^warning VUPC-TEST-THROWS .*could not be evaluated \(boom\)/)]);
    expect(run('b')).toEqual([expect.stringMatching(/^warning VUPC-TEST-THROWS .*could not be evaluated \(boom\)/)]);
    expect(calls).toBe(2);
  });

  test('configurations past the cache\'s size are still checked, not kept, and each client gets its own findings', () => {
    const memo = new RuleMemo();
    const plan = RulePlan.of(CHECKED_SERVICE_RULES, undefined);
    const client = (i: number, props: Props = {}) => ({ ...VALID_WEB_CLIENT, ReadAttributes: ['email', `custom:a${i}`], ClientName: `c${i}`, ...props });
    for (let i = 0; i < 5000; i++) findings(client(i), {}, CHECKED_SERVICE_RULES, memo);
    expect(memo.slot(plan, client(1), {})?.value).toBeDefined();
    expect(memo.slot(plan, client(7000), {})).toBeUndefined();
    const late = client(6000, { AccessTokenValidity: 2 });
    expect(findings(late, {}, CHECKED_SERVICE_RULES, memo)).toEqual(findings(late, {}, CHECKED_SERVICE_RULES));
    expect(findings(late, {}, CHECKED_SERVICE_RULES, memo).join('\n')).toContain('VUPC-ACCESS-DURATION');
  });
});

describe('value ids', () => {
  const memo = new RuleMemo();
  const same = (a: unknown, b: unknown) => memo.idOf(a) === memo.idOf(b);

  test('equal JSON values share an id, whatever object holds them', () => {
    expect(same(['code', 'implicit'], ['code', 'implicit'])).toBe(true);
    expect(same({ Feature: 'ENABLED', RetryGracePeriodSeconds: 10 }, { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 })).toBe(true);
    expect(same({ Ref: 'Pool' }, { Ref: 'Pool' })).toBe(true);
    expect(same(60, 60)).toBe(true);
  });

  test('values a rule can tell apart get different ids', () => {
    const distinct: unknown[] = [
      undefined, null, true, false, 'true', 1, '1', 0, '', [], {}, [[]], [{}], [null], [undefined], ['a', 'b'], ['ab'], ['b', 'a'],
      { a: 1, b: 2 }, { b: 2, a: 1 }, { a: '1' }, { Ref: 'Pool' }, { Ref: 'Other' }, [['a'], 'b'], ['a', ['b']], NaN, Infinity,
    ];
    const ids = distinct.map((v) => memo.idOf(v));
    expect(new Set(ids).size).toBe(distinct.length);
  });

  test('sparse lists and objects that are not plain data match nothing, not even themselves', () => {
    // eslint-disable-next-line no-sparse-arrays
    const sparse = ['a', , 'b'];
    expect(same(sparse, sparse)).toBe(false);
    const made = new (class Thing {
      public readonly a = 1;
    })();
    expect(same(made, made)).toBe(false);
    expect(same(new Set(['a']), new Set(['a']))).toBe(false);
  });
});
