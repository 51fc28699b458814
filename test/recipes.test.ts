import { readFileSync } from 'fs';
import { join } from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { UserPoolClientRuleIds, UserPoolClientValidationPlugin, ValidatedUserPoolClient } from '../src';
import { quietCdkBuiltinValidation } from './helpers';

quietCdkBuiltinValidation();

/** The README's "Testing your clients in your own tests" recipe, run as written there (with CDK's default App). */

test('no finding on the sign-in client; a known exception reported as the rule it breaks', () => {
  // No finding on the sign-in client.
  const auth = new Stack(new App(), 'Auth');
  const pool = new cognito.UserPool(auth, 'Pool');
  pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'acme-auth' } });
  new ValidatedUserPoolClient(auth, 'Web', { userPool: pool, oAuth: { callbackUrls: ['https://app.example.com/cb'] } });
  Annotations.fromStack(auth).hasNoError('*', Match.anyValue());
  Annotations.fromStack(auth).hasNoWarning('*', Match.stringLikeRegexp('VUPC-'));

  // A known exception is reported as the rule it breaks.
  const legacy = new Stack(new App(), 'Legacy');
  new ValidatedUserPoolClient(legacy, 'Partner', {
    userPool: new cognito.UserPool(legacy, 'Pool'),
    oAuth: { callbackUrls: ['http://partner.example.com/cb'] },
  });
  Annotations.fromStack(legacy).hasError('/Legacy/Partner/Resource', Match.stringLikeRegexp(UserPoolClientRuleIds.CALLBACK_HTTPS));
});

test('with the plugin, the synth throws naming the rule', () => {
  const pluginApp = new App();
  Validations.of(pluginApp).addPlugins(new UserPoolClientValidationPlugin());
  new cognito.CfnUserPoolClient(new Stack(pluginApp, 'Raw'), 'Client', { userPoolId: 'eu-west-1_AbCdEf123', authSessionValidity: 30 });
  expect(() => pluginApp.synth()).toThrow(/\[VUPC-AUTHSESSION-RANGE\]/);
});

test('every line of the README\'s recipe is run here', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Testing your clients in your own tests'), readme.indexOf('## For platform teams'));
  const recipeLines = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].flatMap((m) => m[1].split('\n')).map((l) => l.trim()).filter((l) => l && !l.startsWith('import '));
  const here = new Set(readFileSync(__filename, 'utf8').split('\n').map((l) => l.trim()));
  expect(recipeLines.length).toBeGreaterThan(10);
  expect(recipeLines.filter((l) => !here.has(l))).toEqual([]);
});
