import { Annotations, CfnMapping, CfnResource, CfnRule, Fn, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';
import { UserPoolClientValidator } from '../../src';
import {
  CdkInternalsChanged,
  cfnPropertiesOf,
  dependenciesOf,
  propertyRendererOf,
  rawOverridesOf,
  rendererKind,
  templateFragmentOf,
  warningAcknowledgedInCdk,
} from '../../src/cdk/internals';
import { testApp } from '../helpers';

/**
 * Every internal of aws-cdk-lib the library reads, read from real resources:
 * this file runs with the floor and with the newest aws-cdk-lib tested
 * (`npx projen test:cdk-latest`), so a release that changes one fails here.
 */
function fixture() {
  const stack = new Stack(testApp(), 'Stack');
  const pool = new cognito.UserPool(stack, 'Pool');
  const l1 = new cognito.CfnUserPoolClient(stack, 'L1', { userPoolId: pool.userPoolId, clientName: 'web' });
  const raw = new CfnResource(stack, 'Raw', { type: 'AWS::Cognito::UserPoolClient', properties: { UserPoolId: 'eu-west-1_abc' } });
  return { stack, pool, l1, raw };
}

describe('each internal read answers on this aws-cdk-lib', () => {
  test('the props as the L1 (camelCase) and a raw resource (CloudFormation names) hold them', () => {
    const { l1, raw } = fixture();
    expect(cfnPropertiesOf(l1)).toMatchObject({ clientName: 'web' });
    expect(cfnPropertiesOf(raw)).toEqual({ UserPoolId: 'eu-west-1_abc' });
  });

  test('raw overrides, empty until one is added', () => {
    const { l1 } = fixture();
    expect(rawOverridesOf(l1)).toEqual({});
    l1.addPropertyOverride('ClientName', 'overridden');
    expect(rawOverridesOf(l1)).toEqual({ Properties: { ClientName: 'overridden' } });
  });

  test('the resources addResourceDependency adds, none before the first', () => {
    const { l1, raw } = fixture();
    expect([...dependenciesOf(l1)!]).toEqual([]);
    l1.addResourceDependency(raw);
    expect([...dependenciesOf(l1)!]).toEqual([raw]);
  });

  test('the property renderer, and which kind of renderer a resource has', () => {
    const { l1, raw, pool } = fixture();
    expect(propertyRendererOf(l1)?.({ userPoolId: 'p', clientName: 'x' })).toEqual({ UserPoolId: 'p', ClientName: 'x' });
    expect([rendererKind(l1), rendererKind(raw), rendererKind(pool.node.defaultChild as CfnResource)]).toEqual(['app-client-l1', 'raw', 'other']);
  });

  test('the template fragment CDK synthesizes', () => {
    const { stack, l1 } = fixture();
    expect(stack.resolve(templateFragmentOf(l1))).toEqual({ Resources: { L1: expect.objectContaining({ Type: 'AWS::Cognito::UserPoolClient' }) } });
  });

  test('the template fragment of a mapping (read for Fn::FindInMap)', () => {
    const { stack } = fixture();
    const mapping = new CfnMapping(stack, 'Stages', { mapping: { prod: { days: 30 } } });
    expect(stack.resolve(templateFragmentOf(mapping))).toEqual({ Mappings: { Stages: { prod: { days: 30 } } } });
  });

  test('the template fragment of a rule (read for the parameters it constrains)', () => {
    const { stack } = fixture();
    new CfnRule(stack, 'Days', { assertions: [{ assert: Fn.conditionEquals('a', 'a'), assertDescription: 'always' }] });
    const rule = stack.node.findChild('Days') as CfnRule;
    expect(stack.resolve(templateFragmentOf(rule))).toEqual({ Rules: { Days: { Assertions: [{ Assert: { 'Fn::Equals': ['a', 'a'] }, AssertDescription: 'always' }] } } });
  });

  test('CDK\'s record of a warning acknowledged on the construct itself', () => {
    const { l1 } = fixture();
    expect(warningAcknowledgedInCdk(l1, 'VUPC-X')).toBe(false);
    Annotations.of(l1).acknowledgeWarning('VUPC-X', 'reason');
    expect(warningAcknowledgedInCdk(l1, 'VUPC-X')).toBe(true);
  });

  test.each([
    ['a set of ids per path (2.262-2.27x)', new Set(['VUPC-X']), true],
    ['unlimited records per id (newer)', new Map([['VUPC-X', [{ where: undefined }]]]), true],
    ['records limited to a context, which cannot be evaluated here', new Map([['VUPC-X', [{ where: { region: 'eu-west-1' } }]]]), false],
    ['another shape', ['VUPC-X'], false],
  ])('both shapes of that record: %s', (_, here, acknowledged) => {
    const { l1 } = fixture();
    const root = l1.node.root as unknown as Record<symbol, unknown>;
    root[Symbol.for('@aws-cdk/core.Acknowledgements')] = { acks: new Map([[l1.node.path, here]]) };
    expect(warningAcknowledgedInCdk(l1, 'VUPC-X')).toBe(acknowledged);
  });
});

describe('a client that cannot be read is named, never passed over', () => {
  /** The validator's visit of every construct of the stack, without a synth (which the broken resources would stop). */
  function visit(stack: Stack): string[] {
    const validator = new UserPoolClientValidator();
    for (const node of [stack, ...stack.node.findAll()]) validator.visit(node);
    return stack.node.findAll().flatMap((c: IConstruct) => c.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data)));
  }

  test('an internal of aws-cdk-lib that changed: a warning that names the client and the member', () => {
    const { stack, l1 } = fixture();
    // A property override takes CDK's own render, whose method a future aws-cdk-lib might rename.
    l1.addPropertyOverride('ClientName', 'overridden');
    Object.defineProperty(l1, '_toCloudFormation', { value: undefined });
    expect(() => templateFragmentOf(l1)).toThrow(CdkInternalsChanged);
    expect(visit(stack)).toEqual([expect.stringMatching(
      /^\[VUPC-NOT-VALIDATED\] Stack\/L1: Properties could not be read, so the client is not validated \(aws-cdk-lib's CfnResource\._toCloudFormation is not what this release/,
    )]);
  });

  test('a mapping whose render changed: the client that looks it up is named, with the member', () => {
    const { stack, pool } = fixture();
    const mapping = new CfnMapping(stack, 'Stages', { mapping: { prod: { days: 30 } } });
    new cognito.CfnUserPoolClient(stack, 'Mapped', { userPoolId: pool.userPoolId, refreshTokenValidity: Token.asNumber(mapping.findInMap('prod', 'days')) });
    Object.defineProperty(mapping, '_toCloudFormation', { value: undefined });
    expect(visit(stack).filter((w) => w.includes('Mapped'))).toEqual([expect.stringMatching(
      /^\[VUPC-NOT-VALIDATED\] Stack\/Mapped: Properties could not be read, so the client is not validated \(aws-cdk-lib's CfnElement\._toCloudFormation is not what/,
    )]);
  });

  test('a value CDK cannot resolve: a warning with CDK\'s own reason', () => {
    const { stack, pool } = fixture();
    new cognito.CfnUserPoolClient(stack, 'Broken', { userPoolId: pool.userPoolId, clientName: Lazy.string({ produce: () => { throw new Error('no name yet'); } }) });
    expect(visit(stack)).toEqual([expect.stringMatching(/^\[VUPC-NOT-VALIDATED\] Stack\/Broken: Properties could not be read, so the client is not validated \(.*no name yet/)]);
  });
});
