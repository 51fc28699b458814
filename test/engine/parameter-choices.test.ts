import { AspectPriority, Aspects, CfnParameter, CfnRule, Fn, NestedStack, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { UserPoolClientValidator } from '../../src';
import { conditionLabel } from '../../src/engine/conditions';
import { validateTemplate, validateTemplates } from '../../src/engine/validate-template';
import { SERVICE_RULES } from '../../src/rules/registry';
import { quietCdkBuiltinValidation, testApp, VALID_WEB_CLIENT } from '../helpers';

quietCdkBuiltinValidation();

/**
 * A parameter with AllowedValues: each value is a configuration that can be deployed, checked as a branch of an
 * Fn::If is. Before, `RefreshTokenValidity: !Ref RefreshDays` with 0 among the allowed values passed without a word.
 */

type Section = Record<string, unknown>;
const found = (properties: Section, parameters: Section, conditions: Section = {}) => validateTemplate(
  { Parameters: parameters, Conditions: conditions, Resources: { Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { ...VALID_WEB_CLIENT, ...properties } } } },
  { service: { rules: SERVICE_RULES }, pathOf: (id) => id },
).map(({ finding }) => [finding.ruleId, finding.property, finding.condition]).filter(([id]) => id !== 'VUPC-POOL-NOT-FOUND');

describe('a Ref to a parameter with AllowedValues', () => {
  test('each value is checked, and a finding names the value it needs; values that all pass give nothing', () => {
    const refresh = { RefreshTokenValidity: { Ref: 'RefreshDays' } };
    expect(found(refresh, { RefreshDays: { Type: 'Number', AllowedValues: [0, 30, 5000] } })).toEqual([
      ['VUPC-REFRESH-ZERO', 'RefreshTokenValidity', 'RefreshDays = 0'],
      ['VUPC-REFRESH-DURATION', 'RefreshTokenValidity', 'RefreshDays = 5000'],
    ]);
    expect(found(refresh, { RefreshDays: { Type: 'Number', AllowedValues: [1, 30, 3650] } })).toEqual([]);
    // Without AllowedValues, the value is known only at deployment, as before.
    expect(found(refresh, { RefreshDays: { Type: 'Number', Default: 0 } })).toEqual([]);
    // A list parameter's Ref is a list: its AllowedValues bound each entry (enumerated, 'code' read as the whole list was a false error).
    expect(found({ AllowedOAuthFlows: { Ref: 'Flows' } }, { Flows: { Type: 'CommaDelimitedList', AllowedValues: ['code', 'implicit'] } })).toEqual([]);
    expect(found(refresh, { RefreshDays: { Type: 'AWS::SSM::Parameter::Value<String>', AllowedValues: ['0'] } })).toEqual([]);
    // A NoEcho parameter's values would stand in the finding's condition: not enumerated.
    expect(found(refresh, { RefreshDays: { Type: 'Number', NoEcho: true, AllowedValues: [0] } })).toEqual([]);
  });

  test('an empty value is written as \'\', and a finding on all values but one names the one it does not need', () => {
    expect(found({ ClientName: { Ref: 'Name' } }, { Name: { Type: 'String', AllowedValues: ['web', '', 'a/b'] } })).toEqual([
      ['VUPC-CLIENTNAME-LENGTH', 'ClientName', "Name = ''"],
      ['VUPC-CLIENTNAME-PATTERN', 'ClientName', 'Name = a/b'],
    ]);
    const value = (stage: string) => new Map([['Stage = prod', stage === 'prod'], ['Stage = dev', stage === 'dev'], ['Stage = test', stage === 'test']]);
    const all = ['prod', 'dev', 'test'].map(value);
    expect(conditionLabel([all[1], all[2]], all)).toBe('Stage is not prod');
    expect(conditionLabel([all[0]], all)).toBe('Stage = prod');
  });

  test('in Fn::Sub text, and consistently with conditions on the same parameter', () => {
    const stage = { Stage: { Type: 'String', AllowedValues: ['prod', 'dev', 'test'] } };
    const url = { 'Fn::Sub': 'http://${Stage}.example.com/cb' };
    const guarded = { CallbackURLs: [{ 'Fn::If': ['IsProd', 'https://app.example.com/cb', url] }], DefaultRedirectURI: undefined };
    // Under IsProd the https URL is used: only the other stages' URLs are http.
    expect(found(guarded, stage, { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } })).toEqual([
      ['VUPC-CALLBACK-HTTPS', 'CallbackURLs[0]', 'Stage = dev'],
      ['VUPC-CALLBACK-HTTPS', 'CallbackURLs[0]', 'Stage = test'],
    ]);
    // Each value makes a URL of its own, named in its finding.
    expect(found({ CallbackURLs: [url], DefaultRedirectURI: undefined }, stage).map(([, , when]) => when)).toEqual(['Stage = prod', 'Stage = dev', 'Stage = test']);
    // A variable of the Sub's own of the same name is not the parameter.
    const own = { 'Fn::Sub': ['http://${Stage}.example.com/cb', { Stage: { Ref: 'Other' } }] };
    expect(found({ CallbackURLs: [own], DefaultRedirectURI: undefined }, stage)).toEqual([]);
  });
});

describe('what CloudFormation decides otherwise is not enumerated', () => {
  const refresh = { RefreshTokenValidity: { Ref: 'RefreshDays' } };
  const days = { RefreshDays: { Type: 'Number', Default: 30, AllowedValues: [0, 30] } };

  test('a parameter that the template\'s Rules constrain (a combination they forbid is refused before anything is created)', () => {
    const rules = { Days: { Assertions: [{ Assert: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'RefreshDays' }, '0'] }] } }] } };
    const run = (extra: Record<string, unknown>) => validateTemplate(
      { Parameters: days, ...extra, Resources: { Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { ...VALID_WEB_CLIENT, ...refresh } } } },
      { service: { rules: SERVICE_RULES }, pathOf: (id) => id },
    ).map(({ finding }) => finding.ruleId).filter((id) => id !== 'VUPC-POOL-NOT-FOUND');
    expect(run({ Rules: rules })).toEqual([]);
    expect(run({})).toEqual(['VUPC-REFRESH-ZERO']);
  });

  test('a nested stack\'s parameter: its parent passes the value, or leaves the Default (before, RefreshDays = 0 failed a child never given 0)', () => {
    const child = { Parameters: days, Resources: { Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { ...VALID_WEB_CLIENT, ...refresh } } } };
    const parent = { Resources: { Child: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'child.json' } } } };
    const nestedFindings = validateTemplates([{ template: parent, pathOf: (id) => id }, { template: child, pathOf: (id) => id, parent: { index: 0, logicalId: 'Child' } }],
      () => ({ service: { rules: SERVICE_RULES } }));
    expect(nestedFindings.map(({ finding }) => finding.ruleId).filter((id) => id !== 'VUPC-POOL-NOT-FOUND')).toEqual([]);
  });

  test('a Fn::Sub naming many parameters with many values is read in time linear in them (before: out of memory)', () => {
    const parameters = Object.fromEntries(Array.from({ length: 6 }, (_, p) => [`P${p}`, { Type: 'String', AllowedValues: Array.from({ length: 20 }, (__, v) => `v${v}`) }]));
    const name = { 'Fn::Sub': Object.keys(parameters).map((p) => `\${${p}}`).join('-') };
    const start = Date.now();
    expect(found({ ClientName: name }, parameters)).toEqual([]);
    expect(Date.now() - start).toBeLessThan(5000);
  });

  test('past the cap, the combinations checked still vary the parameters with few values, and the label names them', () => {
    // Before, a 64-value parameter varied fastest: the first 64 combinations held the others still, and the error that
    // needs 1 minute was reported with no condition at all.
    const parameters = {
      AccessHours: { Type: 'Number', AllowedValues: [1, 24] },
      AccessUnit: { Type: 'String', AllowedValues: ['minutes', 'hours'] },
      Tenant: { Type: 'String', AllowedValues: Array.from({ length: 64 }, (_, i) => `t${i}`) },
    };
    const client = { AccessTokenValidity: { Ref: 'AccessHours' }, TokenValidityUnits: { AccessToken: { Ref: 'AccessUnit' } }, ClientName: { 'Fn::Sub': '${Tenant}-web' } };
    const run = validateTemplate(
      { Parameters: parameters, Resources: { Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: 'eu-west-1_AbCdEf123', ...client } } } },
      { service: { rules: SERVICE_RULES }, pathOf: (id) => id },
    ).map(({ finding }) => [finding.ruleId, finding.condition]);
    expect(run).toContainEqual(['VUPC-ACCESS-DURATION', 'AccessHours = 1 and AccessUnit = minutes']);
  });

  test('an unquoted YAML boolean among the allowed values is the text CloudFormation reads', () => {
    expect(found({ EnableTokenRevocation: { Ref: 'Revoke' } }, { Revoke: { Type: 'String', AllowedValues: [true, 'maybe'] } })).toEqual([
      ['VUPC-PROPERTY-TYPE', 'EnableTokenRevocation', 'Revoke = maybe'],
    ]);
  });
});

test('the aspects: a CfnParameter with allowed values that a client refers to', () => {
  const app = testApp();
  const stack = new Stack(app, 'Stack');
  const days = new CfnParameter(stack, 'RefreshDays', { type: 'Number', allowedValues: ['1', '30', '5000'] });
  const pool = new cognito.UserPool(stack, 'Pool');
  new cognito.CfnUserPoolClient(stack, 'Client', { userPoolId: pool.userPoolId, refreshTokenValidity: days.valueAsNumber, tokenValidityUnits: { refreshToken: 'days' } });
  Aspects.of(app).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
  app.synth();
  const errors = Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('VUPC-')).map((e) => String(e.entry.data));
  expect(errors).toEqual([expect.stringMatching(/^\[VUPC-REFRESH-DURATION\] Stack\/Client \[when RefreshDays = 5000\]: RefreshTokenValidity 5000 in days/)]);
});

test('the aspects: not in a nested stack (its parent passes the values), nor for a parameter a CfnRule constrains', () => {
  const app = testApp();
  const stack = new Stack(app, 'Stack');
  const nested = new NestedStack(stack, 'Nested');
  for (const scope of [stack, nested]) {
    const days = new CfnParameter(scope, 'RefreshDays', { type: 'Number', allowedValues: ['1', '5000'], default: '1' });
    const pool = new cognito.UserPool(scope, 'Pool');
    new cognito.CfnUserPoolClient(scope, 'Client', { userPoolId: pool.userPoolId, refreshTokenValidity: days.valueAsNumber, tokenValidityUnits: { refreshToken: 'days' } });
    if (scope === stack) {
      new CfnRule(stack, 'Days', { assertions: [{ assert: Fn.conditionNot(Fn.conditionEquals(days.valueAsString, '5000')), assertDescription: 'not 5000' }] });
    }
  }
  Aspects.of(app).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
  app.synth();
  // The nested stack's annotations are on its constructs (its template is an asset of the parent's artifact).
  const errors = [stack, ...stack.node.findAll()].flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:error').map((m) => `${c.node.path}: ${String(m.data)}`));
  expect(errors).toEqual([]);
});
