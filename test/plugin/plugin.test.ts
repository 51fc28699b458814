import { AspectPriority, Aspects, Aws, CfnCondition, CfnParameter, Fn, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import {
  UserPoolClientAcknowledgements, UserPoolClientPolicy, UserPoolClientRuleIds,
  UserPoolClientValidationPlugin, UserPoolClientValidator, ValidatedUserPoolClient,
} from '../../src';
import { runCli } from '../../src/cli/run';
import { testApp } from '../helpers';

function app(withStage = false) {
  const a = testApp();
  const scope = withStage ? new Stage(a, 'Prod') : a;
  const stack = new Stack(scope, 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
  const pool = new cognito.UserPool(stack, 'Pool');
  const bad = new cognito.CfnUserPoolClient(stack, 'Bad', {
    userPoolId: pool.userPoolId,
    allowedOAuthFlowsUserPoolClient: true,
    allowedOAuthFlows: ['code', 'implicit'],
    allowedOAuthScopes: ['openid'],
    supportedIdentityProviders: ['COGNITO'],
    callbackUrLs: ['http://partner.example.com/cb'],
  });
  return { app: a, stack, pool, bad };
}

function validateDirectly(plugin: UserPoolClientValidationPlugin, a: ReturnType<typeof app>) {
  const assembly = a.app.synth();
  const artifact = assembly.stacksRecursively.find((s) => s.hierarchicalId.endsWith('Stack'))!;
  return plugin.validate({
    templatePaths: [artifact.templateFullPath],
    stackTemplates: [{ stackConstructPath: a.stack.node.path, templatePath: artifact.templateFullPath }],
    appConstruct: a.app,
    accountId: undefined,
    region: undefined,
  } as never);
}

test('the report names rule, construct, template location, severity and fix', () => {
  const plugin = new UserPoolClientValidationPlugin({ policy: new UserPoolClientPolicy({ forbidImplicitGrant: true }) });
  const report = validateDirectly(plugin, app());
  expect(report.success).toBe(false);
  expect(report.violations.map((v) => [v.ruleName, v.severity])).toEqual([
    ['VUPC-CALLBACK-HTTPS', 'error'],
    ['VUPC-OAUTH-NEEDS-DOMAIN', 'warning'],
    ['VUPC-POLICY-NO-IMPLICIT-GRANT', 'error'],
  ]);
  const [https] = report.violations;
  expect(https.description).toMatch(/^\[VUPC-CALLBACK-HTTPS\] Stack\/Bad: CallbackURLs\[0\] 'http:\/\/partner.example.com\/cb' uses http:\/\//);
  expect(https.fix).toMatch(/Use https:\/\//);
  expect(https.violatingResources).toEqual([{ resourceLogicalId: 'Bad', templatePath: expect.stringMatching(/Stack.template.json$/), constructPath: 'Stack/Bad', locations: ['Resources/Bad/Properties/CallbackURLs/0'] }]);
  expect(plugin.name).toBe('cdk-validated-user-pool-client');
  expect(plugin.ruleIds).toContain(UserPoolClientRuleIds.CALLBACK_HTTPS);
});

test('warnings alone do not fail the report', () => {
  const a = app();
  a.bad.callbackUrLs = ['https://partner.example.com/cb'];
  const report = validateDirectly(new UserPoolClientValidationPlugin(), a);
  expect(report.violations.map((v) => v.ruleName)).toEqual(['VUPC-OAUTH-NEEDS-DOMAIN']);
  expect(report.success).toBe(true);
});

test('registered on the app, it fails the synth, nested stages included', () => {
  const a = app(true);
  Validations.of(a.app).addPlugins(new UserPoolClientValidationPlugin());
  expect(() => a.app.synth()).toThrow(/VUPC-CALLBACK-HTTPS/);
});

test('acknowledged with <plugin name>::<rule id>, the synth passes', () => {
  const a = app();
  Validations.of(a.app).addPlugins(new UserPoolClientValidationPlugin());
  Validations.of(a.bad).acknowledge({ id: `cdk-validated-user-pool-client::${UserPoolClientRuleIds.CALLBACK_HTTPS}`, reason: 'partner has no TLS yet, tracked in JIRA-1' });
  // CDK prints a report that passed with warnings: the warning left is in it, the acknowledged error is not.
  const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    expect(() => a.app.synth()).not.toThrow();
    const report = printed.mock.calls.flat().join('\n');
    expect(report).toContain('WARNING [VUPC-OAUTH-NEEDS-DOMAIN] Stack/Bad');
    expect(report).not.toContain('VUPC-CALLBACK-HTTPS');
  } finally {
    printed.mockRestore();
  }
});

test('acknowledged with UserPoolClientAcknowledgements, the finding is accepted on that client only', () => {
  const a = app();
  const other = new cognito.CfnUserPoolClient(a.stack, 'Other', { userPoolId: a.pool.userPoolId, callbackUrLs: ['http://partner.example.com/cb'] });
  UserPoolClientAcknowledgements.acknowledge(a.bad, UserPoolClientRuleIds.CALLBACK_HTTPS, 'partner has no TLS yet, tracked in JIRA-1');
  const report = validateDirectly(new UserPoolClientValidationPlugin(), a);
  const https = report.violations.filter((v) => v.ruleName === UserPoolClientRuleIds.CALLBACK_HTTPS);
  // Accepted where it was acknowledged (an info that gives the reason), an error on the other client.
  expect(https.map((v) => [v.violatingResources[0].constructPath, v.severity])).toEqual([['Stack/Bad', 'info'], [other.node.path, 'error']]);
  expect(https[0].description).toContain('partner has no TLS yet, tracked in JIRA-1');
});

test('clients an aspect already checked are not reported twice', () => {
  const a = app();
  a.bad.callbackUrLs = ['https://partner.example.com/cb'];
  new ValidatedUserPoolClient(a.stack, 'Mine', { userPool: a.pool, oAuth: { callbackUrls: ['http://partner.example.com/cb'] } });
  const report = validateDirectly(new UserPoolClientValidationPlugin(), a);
  expect(report.violations.map((v) => v.violatingResources[0].constructPath)).toEqual(['Stack/Bad']);
});

test('an aspect with other options takes none of the plugin\'s findings away: a team\'s own policy, a validator with a rule off', () => {
  const a = app();
  // The platform's policy on the plugin; a team adds a laxer policy and a validator of its own to its stack.
  const readOnly = { priority: AspectPriority.READONLY };
  Aspects.of(a.stack).add(new UserPoolClientPolicy({ maxAccessTokenMinutes: 120 }), readOnly);
  Aspects.of(a.stack).add(new UserPoolClientValidator({ disabledRules: [UserPoolClientRuleIds.CALLBACK_HTTPS] }), readOnly);
  const report = validateDirectly(new UserPoolClientValidationPlugin({ policy: new UserPoolClientPolicy({ forbidImplicitGrant: true }) }), a);
  const rules = report.violations.filter((v) => v.violatingResources[0].constructPath === 'Stack/Bad').map((v) => v.ruleName);
  // Before, the plugin skipped every policy (and service) rule on a client any policy (validator) aspect had checked.
  expect(rules).toContain('VUPC-POLICY-NO-IMPLICIT-GRANT');
  expect(rules).toContain(UserPoolClientRuleIds.CALLBACK_HTTPS);
  // What the team's validator did report (the missing domain) is in the annotations, and not repeated in the report.
  expect(rules).not.toContain('VUPC-OAUTH-NEEDS-DOMAIN');
  expect(a.bad.node.metadata.map((m) => String(m.data)).join('\n')).toContain('VUPC-OAUTH-NEEDS-DOMAIN');
});

test('with the plugin alone, a waiver that accepted nothing is named, as the aspects name it; a used one is not', () => {
  const a = app();
  const clean = new cognito.CfnUserPoolClient(a.stack, 'Clean', { userPoolId: a.pool.userPoolId, clientName: 'clean' });
  UserPoolClientAcknowledgements.acknowledge(a.bad, 'VUPC-POLICY-NO-IMPLICIT-GRANT', 'legacy SPA, tracked in JIRA-2');
  UserPoolClientAcknowledgements.acknowledge(clean, 'VUPC-POLICY-NO-IMPLICIT-GRANT', 'stale waiver on a clean client');
  // A waiver of a rule the plugin does not run is not judged.
  UserPoolClientAcknowledgements.acknowledge(clean, 'VUPC-POLICY-CLIENT-NAME', 'no such policy here');
  const report = validateDirectly(new UserPoolClientValidationPlugin({ policy: new UserPoolClientPolicy({ forbidImplicitGrant: true }) }), a);
  const unused = report.violations.filter((v) => v.ruleName === 'VUPC-ACKNOWLEDGEMENT-UNUSED');
  // Before, nothing judged waivers when no aspect ran.
  expect(unused.map((v) => [v.violatingResources[0].constructPath, v.severity])).toEqual([['Stack/Clean', 'warning']]);
  expect(unused[0].description).toContain('The acknowledgement of VUPC-POLICY-NO-IMPLICIT-GRANT made on Stack/Clean at test/plugin/plugin.test.ts:125 ("stale waiver on a clean client") accepted no finding');
  expect(unused[0].violatingResources[0].locations).toEqual([`Resources/${a.stack.resolve(clean.logicalId)}/Metadata`]);
});

test('a ValidatedUserPoolClient\'s own validator judges no waiver of a rule it does not run: the plugin\'s policy waivers are the plugin\'s', () => {
  const a = app();
  const spa = new ValidatedUserPoolClient(a.stack, 'Spa', { userPool: a.pool, oAuth: { flows: { implicitCodeGrant: true }, callbackUrls: ['https://spa.example.com/cb'] } });
  UserPoolClientAcknowledgements.acknowledge(spa, 'VUPC-POLICY-NO-IMPLICIT-GRANT', 'legacy SPA, moving to PKCE (SEC-101)');
  UserPoolClientAcknowledgements.acknowledge(a.app, 'VUPC-POLICY-NO-IMPLICIT-GRANT', 'app-wide, legacy SPAs (SEC-104)');
  const report = validateDirectly(new UserPoolClientValidationPlugin({ policy: new UserPoolClientPolicy({ forbidImplicitGrant: true }) }), a);
  // Before, the built-in validator of the client's stack (service rules only) called both waivers unused while the
  // plugin's report listed them as applied: a team following VUPC-ACKNOWLEDGEMENT-UNUSED deleted live waivers.
  const annotations = a.app.node.findAll().flatMap((c) => c.node.metadata.map((m) => String(m.data)));
  expect(annotations.filter((m) => m.includes('VUPC-ACKNOWLEDGEMENT-UNUSED'))).toEqual([]);
  expect(report.violations.filter((v) => v.ruleName === 'VUPC-ACKNOWLEDGEMENT-UNUSED')).toEqual([]);
  const applied = report.violations.filter((v) => v.ruleName === 'VUPC-POLICY-NO-IMPLICIT-GRANT' && v.violatingResources[0].constructPath === 'Stack/Spa/Resource');
  expect(applied.map((v) => v.severity)).toEqual(['info']);
});

test('a validator on a stack whose clients are gone still names a stale waiver of its rules there', () => {
  const a = testApp();
  const stack = new Stack(a, 'Empty');
  UserPoolClientAcknowledgements.acknowledge(stack, UserPoolClientRuleIds.CALLBACK_HTTPS, 'the legacy client was removed (SEC-7)');
  UserPoolClientAcknowledgements.acknowledge(stack, 'VUPC-POLICY-NO-IMPLICIT-GRANT', 'no policy reaches this stack');
  Aspects.of(stack).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
  a.synth();
  const unused = stack.node.metadata.map((m) => String(m.data)).filter((m) => m.includes('VUPC-ACKNOWLEDGEMENT-UNUSED'));
  expect(unused).toHaveLength(1);
  expect(unused[0]).toContain(`The acknowledgement of ${UserPoolClientRuleIds.CALLBACK_HTTPS} made on Empty`);
});

test('with aspects too, a stale waiver is named once, by the aspects', () => {
  const a = app();
  const clean = new cognito.CfnUserPoolClient(a.stack, 'Clean', { userPoolId: a.pool.userPoolId, clientName: 'clean' });
  UserPoolClientAcknowledgements.acknowledge(clean, 'VUPC-POLICY-NO-IMPLICIT-GRANT', 'stale waiver on a clean client');
  const policy = new UserPoolClientPolicy({ forbidImplicitGrant: true });
  Aspects.of(a.stack).add(policy, { priority: AspectPriority.READONLY });
  const report = validateDirectly(new UserPoolClientValidationPlugin({ policy }), a);
  expect(report.violations.filter((v) => v.ruleName === 'VUPC-ACKNOWLEDGEMENT-UNUSED')).toEqual([]);
  expect(clean.node.metadata.map((m) => String(m.data)).join('\n')).toContain('[VUPC-ACKNOWLEDGEMENT-UNUSED] Stack/Clean');
});

test('an aspect that made an error a warning has not reported the error: the plugin reports it', () => {
  const a = app();
  const downgrading = new UserPoolClientValidator({ warningRules: [UserPoolClientRuleIds.CALLBACK_HTTPS] });
  Aspects.of(a.stack).add(downgrading, { priority: AspectPriority.READONLY });
  const report = validateDirectly(new UserPoolClientValidationPlugin(), a);
  const https = report.violations.filter((v) => v.ruleName === UserPoolClientRuleIds.CALLBACK_HTTPS);
  expect(https.map((v) => v.severity)).toEqual(['error']);
  expect(report.success).toBe(false);
});

test('options it does not take, and a policy given as its options, are refused (JavaScript apps have no type check)', () => {
  expect(() => new UserPoolClientValidationPlugin({ polcy: UserPoolClientPolicy.recommended() } as never)).toThrow("UserPoolClientValidationPlugin: 'polcy' is not an option; did you mean 'policy'?");
  expect(() => new UserPoolClientValidationPlugin({ policy: { forbidImplicitGrant: true } } as never)).toThrow('policy must be a UserPoolClientPolicy');
  // No policy cascades into the plugin's: one that turns on no rule would check nothing.
  expect(() => new UserPoolClientValidationPlugin({ policy: new UserPoolClientPolicy({ disabledRules: ['VUPC-POLICY-ADMIN-SCOPE'] }) }))
    .toThrow('UserPoolClientValidationPlugin: the policy turns on no rule, so it would check nothing: set at least one of its options (requireClientName, ');
  expect(() => new UserPoolClientValidationPlugin({ disabledRules: ['VUPC-CALLBACK-HTTPS'], warningRules: ['VUPC-CALLBACK-HTTPS'] })).toThrow('VUPC-CALLBACK-HTTPS is in both');
  expect(() => new UserPoolClientValidator({ disabledRule: ['VUPC-CALLBACK-HTTPS'] } as never)).toThrow("'disabledRule' is not an option; did you mean 'disabledRules'?");
});

test('a client is checked against the pool it imports from another stack', () => {
  const a = testApp();
  const pool = new cognito.UserPool(new Stack(a, 'Pools'), 'Pool');
  new cognito.CfnUserPoolClient(new Stack(a, 'Clients'), 'Client', { userPoolId: pool.userPoolId, supportedIdentityProviders: ['Nope'] });
  Validations.of(a).addPlugins(new UserPoolClientValidationPlugin());
  expect(() => a.synth()).toThrow(/VUPC-IDP-EXISTS[\s\S]*Clients\/Client[\s\S]*'Nope' is not an identity provider of user pool Pools\/Pool\/Resource/);
});

test('a weak reference to a pool of another Region or account (Fn::GetStackOutput with Region, RoleArn) is followed, in the plugin and the command line', () => {
  const env = { account: '123456789012', region: 'eu-west-1' };
  for (const poolEnv of [{ ...env, region: 'us-east-1' }, { ...env, account: '210987654321' }]) {
    const a = testApp({ context: { '@aws-cdk/core:defaultCrossStackReferences': 'weak' } });
    const pool = new cognito.UserPool(new Stack(a, 'PoolStack', { env: poolEnv }), 'Pool');
    new cognito.UserPoolClient(new Stack(a, 'ClientStack', { env }), 'Web', { userPool: pool, oAuth: { flows: { authorizationCodeGrant: true }, callbackUrls: ['https://a.example.com/cb'] } });
    const assembly = a.synth();
    expect(JSON.stringify(assembly.getStackByName('ClientStack').template)).toContain('Fn::GetStackOutput');
    const templates = assembly.stacks.map((s) => ({ stackConstructPath: s.hierarchicalId, templatePath: s.templateFullPath }));
    const report = new UserPoolClientValidationPlugin().validate({
      templatePaths: templates.map((t) => t.templatePath), stackTemplates: templates, appConstruct: a, accountId: undefined, region: undefined,
    } as never);
    expect(report.violations.map((v) => v.ruleName)).toEqual(['VUPC-OAUTH-NEEDS-DOMAIN']);
    let out = '';
    runCli([assembly.directory], { out: (t) => (out += t), err: () => undefined });
    expect(out).toContain('[VUPC-OAUTH-NEEDS-DOMAIN] ClientStack/Web/Resource');
    expect(out).not.toContain('VUPC-POOL-NOT-FOUND');
  }
});

test('an import is its own stage\'s export when stages for different accounts export the same name', () => {
  const a = testApp();
  for (const [id, account] of [['Dev', '111111111111'], ['Prod', '222222222222']]) {
    const stage = new Stage(a, id, { env: { account, region: 'eu-west-1' } });
    const pools = new Stack(stage, 'Pools');
    const pool = new cognito.UserPool(pools, 'Pool');
    pools.exportValue(pool.userPoolId, { name: 'shared-pool-id' });
    new cognito.CfnUserPoolClient(new Stack(stage, 'Clients'), 'Client', { userPoolId: Fn.importValue('shared-pool-id'), supportedIdentityProviders: ['Nope'] });
  }
  Validations.of(a).addPlugins(new UserPoolClientValidationPlugin());
  expect(() => a.synth()).toThrow(/Dev\/Clients\/Client[\s\S]*'Nope' is not an identity provider of user pool Dev\/Pools\/Pool\/Resource/);
  expect(() => a.synth({ force: true })).toThrow(/Prod\/Clients\/Client[\s\S]*'Nope' is not an identity provider of user pool Prod\/Pools\/Pool\/Resource/);
});

test('a provider the app imports by name exists outside the templates: no error for it, in any stack; a misspelt one is still one', () => {
  const a = testApp();
  const stack = new Stack(a, 'Clients');
  const pool = new cognito.UserPool(stack, 'Pool');
  pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'example-plugin-imported' } });
  cognito.UserPoolIdentityProvider.fromProviderName(new Stack(a, 'Shared'), 'Saml', 'ExternalSaml');
  const client = (id: string, name: string) => new cognito.UserPoolClient(stack, id, {
    userPool: pool, supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.custom(name)], oAuth: { callbackUrls: ['https://a.example.com/cb'] },
  });
  client('Imported', 'ExternalSaml');
  client('Misspelt', 'ExternalSmal');
  Validations.of(a).addPlugins(new UserPoolClientValidationPlugin());
  const failure = (() => {
    try {
      a.synth();
      return '';
    } catch (e) {
      return String(e);
    }
  })();
  expect(failure).toMatch(/VUPC-IDP-EXISTS[\s\S]*Clients\/Misspelt\/Resource: SupportedIdentityProviders\[0\] 'ExternalSmal'/);
  expect(failure).not.toContain("'ExternalSaml'");
});

test('bad plugin props are refused', () => {
  expect(() => new UserPoolClientValidationPlugin({ disabledRules: ['NOPE'] })).toThrow(/UserPoolClientValidationPlugin: disabledRules names 'NOPE'/);
  expect(() => new UserPoolClientValidationPlugin({ warningRules: ['VUPC-POLICY-ADMIN-SCOPE'] })).toThrow(/warningRules names 'VUPC-POLICY-ADMIN-SCOPE'/);
});

test('a nested stack whose template is not in the assembly is named, never passed over', () => {
  const a = app();
  new cloudformation.CfnStack(a.stack, 'Remote', { templateUrl: 'https://s3.amazonaws.com/acme-templates/auth.json' });
  const report = validateDirectly(new UserPoolClientValidationPlugin(), a);
  expect(report.violations.filter((v) => v.ruleName === 'VUPC-NOT-VALIDATED')).toEqual([expect.objectContaining({
    severity: 'warning',
    description: expect.stringMatching(/^\[VUPC-NOT-VALIDATED\] Stack\/Remote: The nested stack's template \(https:\/\/s3\.amazonaws\.com\/acme-templates\/auth\.json\) is not in the cloud assembly, so any app client in it is not validated\. .*not checked at all, so nothing about it can be said\.$/),
    fix: 'Read the reason in the message; if it is this library\'s fault, please report it.',
  })]);
});

test('the report\'s description leaves the fix to the fix field, which CDK prints on a line of its own (not twice)', () => {
  const report = validateDirectly(new UserPoolClientValidationPlugin(), app());
  expect(report.violations.length).toBeGreaterThan(0);
  for (const v of report.violations) {
    expect(v.fix).toMatch(/.+/);
    expect(v.description).not.toContain(' Fix: ');
  }
});

test('what the library could not check is in the report (an info), as in the annotations and the command line', () => {
  const a = app();
  const conditions = Array.from({ length: 7 }, (_, i) => new CfnCondition(a.stack, `C${i}`, {
    expression: Fn.conditionEquals(new CfnParameter(a.stack, `P${i}`, { allowedValues: ['on', 'off'] }).valueAsString, 'on'),
  }));
  a.bad.readAttributes = conditions.map((c) => Fn.conditionIf(c.logicalId, 'email', Aws.NO_VALUE).toString());
  const report = validateDirectly(new UserPoolClientValidationPlugin(), a);
  const capped = report.violations.filter((v) => v.ruleName === 'VUPC-CONDITIONS-CAPPED');
  expect(capped.map((v) => [v.severity, v.violatingResources[0].resourceLogicalId])).toEqual([['info', a.stack.resolve(a.bad.logicalId)]]);
  expect(capped[0].description).toContain('the first 64 were checked');
  // Advice about one client stays out of the report (VUPC-OAUTH-OPENID-INFO and the like are annotations).
  expect(report.violations.every((v) => v.severity !== 'info' || v.ruleName === 'VUPC-CONDITIONS-CAPPED')).toBe(true);
});

test('a pool another stack reads with Fn::GetStackOutput (weak cross-stack references, cdk init\'s default) is the client\'s pool, in the plugin and the command line', () => {
  const a = testApp({ context: { '@aws-cdk/core:defaultCrossStackReferences': 'weak' } });
  const env = { account: '123456789012', region: 'eu-west-1' };
  const pool = new cognito.UserPool(new Stack(a, 'PoolStack', { env }), 'Pool');
  const clients = new Stack(a, 'ClientStack', { env });
  new cognito.UserPoolClient(clients, 'Web', { userPool: pool, oAuth: { flows: { authorizationCodeGrant: true }, callbackUrls: ['https://a.example.com/cb'] } });
  const assembly = a.synth();
  const templates = assembly.stacks.map((s) => ({ stackConstructPath: s.hierarchicalId, templatePath: s.templateFullPath }));
  expect(JSON.stringify(assembly.getStackByName('ClientStack').template)).toContain('Fn::GetStackOutput');
  const report = new UserPoolClientValidationPlugin().validate({
    templatePaths: templates.map((t) => t.templatePath), stackTemplates: templates, appConstruct: a, accountId: undefined, region: undefined,
  } as never);
  // The pool has no domain: only a client that knows its pool can say so.
  expect(report.violations.map((v) => [v.ruleName, v.description.includes('user pool PoolStack/Pool/Resource has no domain')])).toEqual([['VUPC-OAUTH-NEEDS-DOMAIN', true]]);
  let out = '';
  runCli([assembly.directory], { out: (t) => (out += t), err: () => undefined });
  expect(out).toContain('[VUPC-OAUTH-NEEDS-DOMAIN] ClientStack/Web/Resource: AllowedOAuthFlows ["code"] is set, but user pool PoolStack/Pool/Resource has no domain');
});
