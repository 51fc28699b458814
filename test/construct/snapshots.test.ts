import { DefaultStackSynthesizer, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { CONFIGURATIONS } from './configurations';
import { quietCdkBuiltinValidation, testApp } from '../helpers';

quietCdkBuiltinValidation();

describe.each(Object.entries(CONFIGURATIONS))('%s', (_name, build) => {
  function synth() {
    const stack = new Stack(testApp(), 'Stack', {
      env: { account: '123456789012', region: 'us-west-2' },
      synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
    });
    const pool = cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-west-2_aaaaaaaaa');
    build(stack, pool);
    return stack;
  }

  test('synthesizes the reviewed template', () => {
    expect(Template.fromStack(synth()).toJSON()).toMatchSnapshot();
  });

  test('has no validation error', () => {
    expect(Annotations.fromStack(synth()).findError('*', Match.anyValue())).toEqual([]);
  });
});

test('the only warnings of the representative configurations are the ones they accept on purpose', () => {
  const warnings: string[] = [];
  for (const build of Object.values(CONFIGURATIONS)) {
    const stack = new Stack(testApp(), 'Stack', { env: { region: 'us-west-2' } });
    build(stack, cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-west-2_aaaaaaaaa'));
    warnings.push(...Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data).split(']')[0] + ']'));
  }
  // The CLI example keeps analytics (Pinpoint, past its end of support).
  expect(warnings).toEqual(['[VUPC-ANALYTICS-PINPOINT-END-OF-SUPPORT]']);
});

test('no rule says anything else about what the construct writes: the only info is that the imported pool was not checked', () => {
  // A new rule that fires on the construct's own settings (every client's AuthSessionValidity, say) fails here first.
  for (const [name, build] of Object.entries(CONFIGURATIONS)) {
    const stack = new Stack(testApp(), 'Stack', { env: { region: 'us-west-2' } });
    build(stack, cognito.UserPool.fromUserPoolId(stack, 'Pool', 'us-west-2_aaaaaaaaa'));
    const infos = Annotations.fromStack(stack).findInfo('*', Match.anyValue()).map((i) => String(i.entry.data).split(']')[0] + ']');
    expect([name, infos]).toEqual([name, ['[VUPC-POOL-NOT-FOUND]']]);
  }
});
