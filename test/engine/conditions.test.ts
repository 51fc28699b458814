import { AspectPriority, Aspects, CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { UserPoolClientValidator } from '../../src';
import { Assignment, conditionLabel, MAX_VARIANTS, takeBranches, TemplateConditions } from '../../src/engine/conditions';
import { validateTemplate } from '../../src/engine/validate-template';
import { quietCdkBuiltinValidation, testApp, VALID_WEB_CLIENT } from '../helpers';

quietCdkBuiltinValidation();

const env = { Env: { Type: 'String' } };
const equals = (parameter: string, value: string) => ({ 'Fn::Equals': [{ Ref: parameter }, value] });
const uses = (...names: string[]) => names.map((n) => ({ 'Fn::If': [n, 'a', 'b'] }));
const shown = (when: Assignment) => [...when].map(([k, v]) => `${v ? '' : '!'}${k}`).join(' ');

describe('which combinations of conditions can occur', () => {
  test('two conditions on one parameter\'s value never hold together; "neither" stays possible', () => {
    const conditions = new TemplateConditions({ Parameters: env, Conditions: { IsProd: equals('Env', 'prod'), IsDev: equals('Env', 'dev') } });
    expect(conditions.variants(uses('IsProd', 'IsDev')).variants.map((v) => shown(v.when))).toEqual(['IsProd !IsDev', '!IsProd IsDev', '!IsProd !IsDev']);
  });

  test('AllowedValues restrict the parameter to them', () => {
    const conditions = new TemplateConditions({
      Parameters: { Env: { Type: 'String', AllowedValues: ['prod', 'dev'] } },
      Conditions: { IsProd: equals('Env', 'prod'), IsDev: equals('Env', 'dev') },
    });
    expect(conditions.variants(uses('IsProd', 'IsDev')).variants.map((v) => shown(v.when))).toEqual(['IsProd !IsDev', '!IsProd IsDev']);
  });

  test('Fn::Not, Fn::And, Fn::Or and Condition references are followed', () => {
    const conditions = new TemplateConditions({
      Parameters: env,
      Conditions: {
        IsProd: equals('Env', 'prod'),
        NotProd: { 'Fn::Not': [{ Condition: 'IsProd' }] },
        ProdInEu: { 'Fn::And': [{ Condition: 'IsProd' }, { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] }] },
        Either: { 'Fn::Or': [{ Condition: 'IsProd' }, { Condition: 'NotProd' }] },
      },
    });
    const found = conditions.variants(uses('IsProd', 'NotProd', 'ProdInEu', 'Either')).variants.map((v) => shown(v.when));
    expect(found).toEqual(['IsProd !NotProd ProdInEu Either', 'IsProd !NotProd !ProdInEu Either', '!IsProd NotProd !ProdInEu Either']);
  });

  test('a condition the template does not define, or one whose value is not known before deployment, can be either', () => {
    const conditions = new TemplateConditions({ Conditions: { FromMap: { 'Fn::Equals': [{ 'Fn::FindInMap': ['M', 'a', 'b'] }, 'x'] } } });
    expect(conditions.variants(uses('FromMap', 'Undefined')).variants).toHaveLength(4);
  });

  test('a literal comparison is decided, and a cycle does not hang', () => {
    const conditions = new TemplateConditions({ Conditions: { Never: { 'Fn::Equals': ['a', 'b'] }, A: { Condition: 'B' }, B: { Condition: 'A' } } });
    expect(conditions.variants(uses('Never')).variants.map((v) => shown(v.when))).toEqual(['!Never']);
    expect(conditions.variants(uses('A')).variants).toHaveLength(2);
  });

  test('a value compared with itself is always equal, however unknown it is', () => {
    const conditions = new TemplateConditions({
      Parameters: env,
      Conditions: {
        SameParameter: { 'Fn::Equals': [{ Ref: 'Env' }, { Ref: 'Env' }] },
        SameRegion: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, { Ref: 'AWS::Region' }] },
        SameLookup: { 'Fn::Equals': [{ 'Fn::FindInMap': ['M', 'a', 'b'] }, { 'Fn::FindInMap': ['M', 'a', 'b'] }] },
        Different: { 'Fn::Equals': [{ Ref: 'Env' }, { Ref: 'AWS::Region' }] },
      },
    });
    expect(conditions.variants(uses('SameParameter', 'SameRegion', 'SameLookup')).variants.map((v) => shown(v.when))).toEqual(['SameParameter SameRegion SameLookup']);
    expect(conditions.variants(uses('Different')).variants).toHaveLength(2);
  });

  test('only combinations where the resource\'s own condition holds', () => {
    const conditions = new TemplateConditions({ Parameters: env, Conditions: { IsProd: equals('Env', 'prod'), IsDev: equals('Env', 'dev') } });
    expect(conditions.variants(uses('IsDev'), 'IsProd').variants.map((v) => shown(v.when))).toEqual(['!IsDev']);
  });

  test('the number of combinations checked is capped, and that there are more is reported', () => {
    const names = Array.from({ length: 8 }, (_, i) => `C${i}`);
    const found = new TemplateConditions({}).variants(uses(...names));
    expect(found.variants).toHaveLength(MAX_VARIANTS);
    expect(found.capped).toBe(true);
    // Exactly MAX_VARIANTS combinations are all checked: no cap.
    expect(new TemplateConditions({}).variants(uses(...names.slice(0, 6))).capped).toBeUndefined();
  });

  test('parameters with too many values to try stop the search, which says so, within a bound', () => {
    // Six conditions (64 assignments at most), each on three parameters of its own: 4^18 combinations of values.
    const names = Array.from({ length: 6 }, (_, i) => `C${i}`);
    const parameters = (n: string) => ['a', 'b', 'c'].map((p) => `${n}${p}`);
    const started = Date.now();
    const found = new TemplateConditions({
      Parameters: Object.fromEntries(names.flatMap(parameters).map((p) => [p, { Type: 'String' }])),
      Conditions: Object.fromEntries(names.map((n) => [n, { 'Fn::Or': parameters(n).map((p) => equals(p, 'x')) }])),
    }).variants(uses(...names));
    expect(found.incomplete).toBe(true);
    expect(found.capped).toBeUndefined();
    expect(found.variants.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('past the cap, the search stops at once: many conditions cost no more than a few', () => {
    const names = Array.from({ length: 20 }, (_, i) => `C${i}`);
    const found = new TemplateConditions({
      Parameters: Object.fromEntries(names.map((n) => [n, { Type: 'String' }])),
      Conditions: Object.fromEntries(names.map((n) => [n, { 'Fn::Or': [equals(n, 'a'), equals(n, 'b'), equals(n, 'c')] }])),
    }).variants(uses(...names));
    // 4^20 combinations of values: a search that went on counting would have run out of tries (incomplete).
    expect([found.capped, found.incomplete, found.variants.length]).toEqual([true, undefined, MAX_VARIANTS]);
  });
});

test('branches are taken wherever Fn::If stands; AWS::NoValue stays to be dropped as usual', () => {
  const value = {
    A: { 'Fn::If': ['C', 'yes', 'no'] },
    B: ['x', { 'Fn::If': ['C', { Ref: 'AWS::NoValue' }, 'y'] }],
    D: { Member: { 'Fn::If': ['C', { 'Fn::If': ['E', 1, 2] }, 3] } },
  };
  expect(takeBranches(value, new Map([['C', true], ['E', false]]))).toEqual({ A: 'yes', B: ['x', { Ref: 'AWS::NoValue' }], D: { Member: 2 } });
});

describe('conditionLabel', () => {
  const a = (...pairs: Array<[string, boolean]>): Assignment => new Map(pairs);
  const all = [a(['P', true], ['E', true]), a(['P', true], ['E', false]), a(['P', false], ['E', true]), a(['P', false], ['E', false])];
  test.each([
    ['every combination: no label', all, undefined],
    ['one condition', [all[0], all[1]], 'P'],
    ['its negation', [all[2], all[3]], 'not P'],
    ['a conjunction', [all[1]], 'P and not E'],
    ['a disjunction', [all[1], all[2]], 'P and not E, or when not P and E'],
  ])('%s', (_name, holds, label) => {
    expect(conditionLabel(holds, all)).toBe(label);
  });
});

describe('a client that uses conditions is checked in each combination (template door)', () => {
  // These clients' pool is outside the template, which these tests are not about.
  const service = { disabledRules: new Set(['VUPC-POOL-NOT-FOUND']) };
  const run = (client: Record<string, unknown>, resourceCondition?: string) => validateTemplate({
    Parameters: env,
    Conditions: { IsProd: equals('Env', 'prod'), IsDev: equals('Env', 'dev') },
    Resources: { Client: { Type: 'AWS::Cognito::UserPoolClient', Condition: resourceCondition, Properties: client } },
  }, { service, pathOf: (id) => `t#${id}` }).map(({ finding }) => finding);

  test('Fn::If on one list entry: the finding says which branch it needs, once', () => {
    const findings = run({ ...VALID_WEB_CLIENT, CallbackURLs: ['https://app.example.com/callback', { 'Fn::If': ['IsProd', 'https://app.example.com/p', 'http://dev.example.com/cb'] }] });
    expect(findings.map((f) => [f.ruleId, f.condition, f.property])).toEqual([['VUPC-CALLBACK-HTTPS', 'not IsProd', 'CallbackURLs[1]']]);
    expect(findings[0].message).toMatch(/^\[VUPC-CALLBACK-HTTPS\] t#Client \[when not IsProd\]: CallbackURLs\[1\] 'http:\/\/dev.example.com\/cb' uses http:\/\//);
  });

  test('Fn::If on the whole Properties, with AWS::NoValue: each branch is a client of its own', () => {
    const findings = run({ 'Fn::If': ['IsDev', { ...VALID_WEB_CLIENT, AuthSessionValidity: 30 }, { Ref: 'AWS::NoValue' }] } as never);
    expect(findings.map((f) => [f.ruleId, f.condition])).toEqual([['VUPC-AUTHSESSION-RANGE', 'IsDev'], ['VUPC-POOLID-REQUIRED', 'not IsDev']]);
  });

  test('Fn::If on a property and on a nested member; a finding of every branch has no label', () => {
    const findings = run({
      ...VALID_WEB_CLIENT,
      ClientName: 'web/app',
      AuthSessionValidity: { 'Fn::If': ['IsProd', 30, 20] },
      RefreshTokenRotation: { Feature: 'DISABLED', RetryGracePeriodSeconds: { 'Fn::If': ['IsDev', 10, { Ref: 'AWS::NoValue' }] } },
    });
    expect(findings.map((f) => [f.ruleId, f.condition ?? 'always', f.property])).toEqual([
      ['VUPC-CLIENTNAME-PATTERN', 'always', 'ClientName'],
      ['VUPC-AUTHSESSION-RANGE', 'IsProd', 'AuthSessionValidity'],
      ['VUPC-AUTHSESSION-RANGE', 'not IsProd', 'AuthSessionValidity'],
      ['VUPC-ROTATION-GRACE-IGNORED', 'IsDev', 'RefreshTokenRotation.RetryGracePeriodSeconds'],
    ]);
    expect(findings[0].message).toMatch(/^\[VUPC-CLIENTNAME-PATTERN\] t#Client: ClientName/);
  });

  test('a resource that exists only under a condition is checked only there', () => {
    const findings = run({ ...VALID_WEB_CLIENT, AuthSessionValidity: { 'Fn::If': ['IsDev', 30, 5] } }, 'IsProd');
    expect(findings).toEqual([]);
  });

  test('past the cap, a notice says how many combinations were checked', () => {
    const conditions = Array.from({ length: 7 }, (_, i) => `C${i}`);
    const client = { ...VALID_WEB_CLIENT, ReadAttributes: conditions.map((c) => ({ 'Fn::If': [c, 'email', { Ref: 'AWS::NoValue' }] })) };
    const findings = validateTemplate({ Resources: { Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: client } } }, { service, pathOf: (id) => id }).map(({ finding }) => finding);
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['VUPC-CONDITIONS-CAPPED', 'info']]);
    expect(findings[0].message).toContain('Properties use conditions or parameters with AllowedValues in more than 64 combinations; the first 64 were checked.');
  });
});

test('the aspects follow CfnConditions and CfnParameters of the stack', () => {
  const stack = new Stack(testApp(), 'Stack');
  const env2 = new CfnParameter(stack, 'Env', { allowedValues: ['prod', 'dev'] });
  const isProd = new CfnCondition(stack, 'IsProd', { expression: Fn.conditionEquals(env2.valueAsString, 'prod') });
  const pool = new cognito.UserPool(stack, 'Pool');
  new cognito.CfnUserPoolClient(stack, 'Client', {
    userPoolId: pool.userPoolId,
    authSessionValidity: Fn.conditionIf(isProd.logicalId, 30, 5) as never,
  });
  Aspects.of(stack).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
  const errors = Annotations.fromStack(stack).findError('*', Match.anyValue()).map((m) => String(m.entry.data));
  expect(errors).toEqual([expect.stringMatching(/^\[VUPC-AUTHSESSION-RANGE\] Stack\/Client \[when IsProd\]: AuthSessionValidity 30 /)]);
});
