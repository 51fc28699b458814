import { AspectPriority, Aspects, CfnMapping, CfnParameter, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { UserPoolClientValidator } from '../../src';
import { validateTemplate } from '../../src/engine/validate-template';
import { SERVICE_RULES } from '../../src/rules/registry';
import { quietCdkBuiltinValidation, testApp, VALID_WEB_CLIENT } from '../helpers';

quietCdkBuiltinValidation();

/**
 * `Fn::FindInMap`, `Fn::Select` and `Fn::Split` whose arguments the template decides are the values CloudFormation puts
 * in: checked as literals. Before, every one of them was a value known only at deployment, and a refresh token of
 * 5,000 days looked up with literal keys passed without a word.
 */

const Stages = { prod: { RefreshDays: 5000, Callback: 'http://app.example.com/cb' }, dev: { RefreshDays: 5000, Callback: 'https://dev.example.com/cb' } };
const findings = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => validateTemplate(
  { Mappings: { Stages }, Parameters: { Stage: { Type: 'String' } }, Resources: { Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { ...VALID_WEB_CLIENT, DefaultRedirectURI: undefined, ...properties } } }, ...extra },
  { service: { rules: SERVICE_RULES }, pathOf: (id) => id },
).map(({ finding }) => [finding.ruleId, finding.property]).filter(([id]) => id !== 'VUPC-POOL-NOT-FOUND');

describe('Fn::FindInMap', () => {
  test('with both keys literal, the entry is checked (a failing value pins its property; a valid one passes)', () => {
    expect(findings({ RefreshTokenValidity: { 'Fn::FindInMap': ['Stages', 'prod', 'RefreshDays'] } })).toEqual([['VUPC-REFRESH-DURATION', 'RefreshTokenValidity']]);
    expect(findings({ RefreshTokenValidity: { 'Fn::FindInMap': ['Stages', 'prod', 'RefreshDays'] } }, { Mappings: { Stages: { prod: { RefreshDays: 3650 } } } })).toEqual([]);
    expect(findings({ CallbackURLs: [{ 'Fn::FindInMap': ['Stages', 'prod', 'Callback'] }] })).toEqual([['VUPC-CALLBACK-HTTPS', 'CallbackURLs[0]']]);
  });

  test('with the first key a parameter, the entry is known where every first key gives the same; otherwise it waits for deployment', () => {
    expect(findings({ RefreshTokenValidity: { 'Fn::FindInMap': ['Stages', { Ref: 'Stage' }, 'RefreshDays'] } })).toEqual([['VUPC-REFRESH-DURATION', 'RefreshTokenValidity']]);
    expect(findings({ CallbackURLs: [{ 'Fn::FindInMap': ['Stages', { Ref: 'Stage' }, 'Callback'] }] })).toEqual([]);
  });

  test('a key the mapping lacks takes the DefaultValue of the language extensions; an unknown mapping or key stays unknown', () => {
    const withDefault = { 'Fn::FindInMap': ['Stages', 'test', 'RefreshDays', { DefaultValue: 4000 }] };
    expect(findings({ RefreshTokenValidity: withDefault }, { Transform: 'AWS::LanguageExtensions' })).toEqual([['VUPC-REFRESH-DURATION', 'RefreshTokenValidity']]);
    // Without the transform, CloudFormation refuses a fourth argument: the lookup is no value the rules check.
    expect(findings({ RefreshTokenValidity: withDefault })).toEqual([]);
    expect(findings({ RefreshTokenValidity: { 'Fn::FindInMap': ['Other', 'prod', 'RefreshDays'] } })).toEqual([]);
    expect(findings({ RefreshTokenValidity: { 'Fn::FindInMap': ['Stages', 'prod', { Ref: 'Key' }] } })).toEqual([]);
  });

  test('inside a join, the looked-up part is text like any literal', () => {
    const url = { 'Fn::Join': ['', [{ 'Fn::FindInMap': ['Hosts', 'prod', 'Name'] }, '/cb']] };
    expect(findings({ CallbackURLs: [url] }, { Mappings: { Hosts: { prod: { Name: 'http://app.example.com' } } } })).toEqual([['VUPC-CALLBACK-HTTPS', 'CallbackURLs[0]']]);
  });
});

describe('Fn::Select and Fn::Split', () => {
  test('an entry of a literal list, or of a literal string split, is checked; an index or list known only at deployment is not', () => {
    const urls = ['http://app.example.com/cb', 'https://app.example.com/cb'];
    expect(findings({ CallbackURLs: [{ 'Fn::Select': [0, urls] }] })).toEqual([['VUPC-CALLBACK-HTTPS', 'CallbackURLs[0]']]);
    expect(findings({ CallbackURLs: [{ 'Fn::Select': ['1', urls] }] })).toEqual([]);
    expect(findings({ CallbackURLs: { 'Fn::Split': [',', urls.join(',')] } })).toEqual([['VUPC-CALLBACK-HTTPS', 'CallbackURLs[0]']]);
    expect(findings({ CallbackURLs: [{ 'Fn::Select': [{ Ref: 'Index' }, urls] }] })).toEqual([]);
    expect(findings({ CallbackURLs: [{ 'Fn::Select': [0, { 'Fn::Split': [',', { Ref: 'Urls' }] }] }] })).toEqual([]);
  });
});

test('the aspects: a CfnMapping looked up with keys known at synthesis (CDK writes Fn::FindInMap) is checked', () => {
  const app = testApp();
  const stack = new Stack(app, 'Stack');
  const mapping = new CfnMapping(stack, 'Stages', { mapping: { prod: { refreshDays: 5000 } } });
  const pool = new cognito.UserPool(stack, 'Pool');
  new cognito.CfnUserPoolClient(stack, 'Client', {
    userPoolId: pool.userPoolId,
    refreshTokenValidity: Token.asNumber(mapping.findInMap('prod', 'refreshDays')),
    tokenValidityUnits: { refreshToken: 'days' },
  });
  // With a key known only at deployment, the mapping's values decide.
  const stage = new CfnParameter(stack, 'Stage');
  new cognito.CfnUserPoolClient(stack, 'ByStage', { userPoolId: pool.userPoolId, clientName: mapping.findInMap(stage.valueAsString, 'refreshDays') });
  Aspects.of(app).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
  app.synth();
  const errors = Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('VUPC-'));
  expect(errors.map((e) => [e.id, String(e.entry.data).match(/\[(VUPC-[A-Z-]+)\] \S+: (\S+)/)?.slice(1)])).toEqual([
    ['/Stack/Client', ['VUPC-REFRESH-DURATION', 'RefreshTokenValidity']],
  ]);
});
