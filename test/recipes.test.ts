import { readFileSync } from 'fs';
import { join } from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { UserPoolClientRuleIds, UserPoolClientValidationPlugin, ValidatedUserPoolClient } from '../src';
import { quietCdkBuiltinValidation } from './helpers';

quietCdkBuiltinValidation();

/** The README's "Testing your clients in your own tests" recipe, as it is written there (with CDK's default App). */

test('the sign-in client has no finding', () => {
  const stack = new Stack(new App(), 'Auth');
  const pool = new cognito.UserPool(stack, 'Pool');
  pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'acme-auth' } });
  new ValidatedUserPoolClient(stack, 'Web', { userPool: pool, oAuth: { callbackUrls: ['https://app.example.com/cb'] } });
  Annotations.fromStack(stack).hasNoError('*', Match.anyValue());
  Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('VUPC-'));
});

test('a known exception is reported as the rule it breaks', () => {
  const stack = new Stack(new App(), 'Auth');
  const pool = new cognito.UserPool(stack, 'Pool');
  new ValidatedUserPoolClient(stack, 'Legacy', { userPool: pool, oAuth: { callbackUrls: ['http://partner.example.com/cb'] } });
  Annotations.fromStack(stack).hasError('/Auth/Legacy/Resource', Match.stringLikeRegexp(UserPoolClientRuleIds.CALLBACK_HTTPS));
});

test('the plugin fails the synth on an error', () => {
  const app = new App();
  Validations.of(app).addPlugins(new UserPoolClientValidationPlugin());
  const stack = new Stack(app, 'Auth');
  new cognito.CfnUserPoolClient(stack, 'Raw', { userPoolId: 'eu-west-1_AbCdEf123', authSessionValidity: 30 });
  expect(() => app.synth()).toThrow(/\[VUPC-AUTHSESSION-RANGE\] Auth\/Raw: AuthSessionValidity 30/);
});

test('the recipe is the README\'s', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const source = readFileSync(__filename, 'utf8');
  for (const name of ['the sign-in client has no finding', 'a known exception is reported as the rule it breaks', 'the plugin fails the synth on an error']) {
    const body = (text: string) => text.slice(text.indexOf(`test('${name}'`)).split('\n});')[0];
    expect(body(source)).toBe(body(readme));
  }
});
