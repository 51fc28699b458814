import { AspectPriority, Aspects, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { UserPoolClientValidationPlugin, UserPoolClientValidator } from '../../src';
import { testApp } from '../helpers';

const SECRET = 'Sup3rSecretClientValue_1234567890';
const EXTERNAL = 'external-id-that-must-not-print';

function appWithSecrets() {
  const app = testApp();
  const stack = new Stack(app, 'Stack');
  new CfnResource(stack, 'Raw', {
    type: 'AWS::Cognito::UserPoolClient',
    properties: {
      UserPoolId: 'eu-west-1_abc',
      // An error, so that the plugin's report is in the synth's exception.
      ClientName: 'web/app',
      GenerateSecret: true,
      ClientSecret: SECRET,
      AnalyticsConfiguration: { ApplicationArn: 'arn:aws:mobiletargeting:eu-west-1:123456789012:apps/abc', ExternalId: EXTERNAL },
    },
  });
  return { app, stack };
}

test('annotations never echo a client secret or an analytics external id; they keep length and position', () => {
  const { stack } = appWithSecrets();
  Aspects.of(stack).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
  const a = Annotations.fromStack(stack);
  const messages = [...a.findError('*', Match.anyValue()), ...a.findWarning('*', Match.anyValue())].map((m) => String(m.entry.data));
  expect(messages.length).toBeGreaterThan(2);
  expect(messages.join('\n')).not.toContain(SECRET);
  expect(messages.join('\n')).not.toContain(EXTERNAL);
  expect(messages).toEqual(expect.arrayContaining([expect.stringContaining(`ClientSecret '${'*'.repeat(SECRET.length)}' is read-only`)]));
});

test('a secret inside an intrinsic is masked too', () => {
  const app = testApp();
  const stack = new Stack(app, 'Stack');
  new CfnResource(stack, 'Raw', {
    type: 'AWS::Cognito::UserPoolClient',
    properties: { UserPoolId: 'eu-west-1_abc', GenerateSecret: true, ClientSecret: { 'Fn::Join': ['', [SECRET, { Ref: 'AWS::Region' }]] } },
  });
  Aspects.of(stack).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
  const messages = Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((m) => String(m.entry.data));
  const secretFinding = messages.find((m) => m.includes('VUPC-PROPERTY-READ-ONLY'));
  expect(secretFinding).toContain(`{"Fn::Join":["",["${'*'.repeat(SECRET.length)}",{"Ref":"${'*'.repeat('AWS::Region'.length)}"}]]}`);
  expect(messages.join('\n')).not.toContain(SECRET);
});

test('the plugin report never echoes them either', () => {
  const { app } = appWithSecrets();
  Validations.of(app).addPlugins(new UserPoolClientValidationPlugin());
  let message = '';
  try {
    app.synth();
  } catch (e) {
    message = String((e as Error).message);
  }
  expect(message).toContain('VUPC-PROPERTY-READ-ONLY');
  expect(message).not.toContain(SECRET);
  expect(message).not.toContain(EXTERNAL);
});

test('the same app yields the same findings in the same order, byte for byte', () => {
  const run = () => {
    const { stack } = appWithSecrets();
    Aspects.of(stack).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
    return JSON.stringify(Annotations.fromStack(stack).findError('*', Match.anyValue()).map((m) => [m.id, m.entry.data]));
  };
  expect(run()).toBe(run());
});
