import { AspectPriority, Aspects, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { UserPoolClientValidator } from '../../src';
import { conditionLabel } from '../../src/engine/conditions';
import { validateTemplate } from '../../src/engine/validate-template';
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
