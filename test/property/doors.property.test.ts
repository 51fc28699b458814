import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CfnResource, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as fc from 'fast-check';
import { anyJson, fewer, FC_PARAMS, PROPERTY_NAMES, validClient } from './arbitraries';
import { ValidatedUserPoolClient } from '../../src';
import { runCli } from '../../src/cli/run';
import { quietCdkBuiltinValidation, testApp } from '../helpers';

quietCdkBuiltinValidation();

const dir = mkdtempSync(join(tmpdir(), 'vupc-fc-'));

function synthMessages(build: (stack: Stack) => void): string[] {
  const stack = new Stack(testApp(), 'Stack');
  build(stack);
  const annotations = Annotations.fromStack(stack);
  return [...annotations.findError('*', Match.anyValue()), ...annotations.findWarning('*', Match.anyValue())].map((m) => String(m.entry.data));
}

test('any JSON set through addPropertyOverride never breaks synth, and every finding has id, path and message', () => {
  fc.assert(fc.property(fc.constantFrom(...PROPERTY_NAMES.filter((p) => p !== 'UserPoolId')), anyJson, (name, value) => {
    const messages = synthMessages((stack) => {
      const pool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'eu-west-1_abc');
      new ValidatedUserPoolClient(stack, 'Client', { userPool: pool }).resource.addPropertyOverride(name, value);
    });
    for (const m of messages) expect(m).toMatch(/^\[VUPC-[A-Z0-9-]+\] Stack\/Client\/Resource: \S+/);
  }), fewer(8));
});

test('any JSON as the properties of a raw CfnResource never breaks synth', () => {
  fc.assert(fc.property(validClient, fc.constantFrom(...PROPERTY_NAMES), anyJson, (props, name, value) => {
    expect(() => synthMessages((stack) => new CfnResource(stack, 'Raw', { type: 'AWS::Cognito::UserPoolClient', properties: { ...props, [name]: value } }))).not.toThrow();
  }), fewer(8));
});

test('any JSON in a template: the command line never fails internally, and answers the same twice', () => {
  fc.assert(fc.property(fc.oneof(
    anyJson,
    fc.tuple(validClient, fc.constantFrom(...PROPERTY_NAMES), anyJson).map(([p, n, v]) => ({ Resources: { C: { Type: 'AWS::Cognito::UserPoolClient', Properties: { ...p, [n]: v } } } })),
    anyJson.map((v) => ({ Resources: { C: { Type: 'AWS::Cognito::UserPoolClient', Properties: v } } })),
    anyJson.map((v) => ({ Resources: v })),
    // Outputs of any shape, read for the pools a template exports to the client that imports one.
    anyJson.map((v) => ({ Outputs: v, Resources: { C: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { 'Fn::ImportValue': 'p' } } } } })),
  ), fc.constantFrom('text', 'json', 'sarif'), (template, format) => {
    const file = join(dir, 't.json');
    writeFileSync(file, JSON.stringify(template) ?? 'null');
    const run = () => {
      let out = '';
      let err = '';
      const code = runCli(['--format', format, file], { out: (t) => (out += t), err: (t) => (err += t) });
      return { code, out, err };
    };
    const first = run();
    expect(first.err).not.toMatch(/internal error/);
    expect([0, 1, 2]).toContain(first.code);
    expect(run()).toEqual(first);
  }), FC_PARAMS);
});
