import { Aspects, AspectPriority, Stack, Stage, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import {
  UserPoolClientAcknowledgements, UserPoolClientChecks, UserPoolClientPolicy, UserPoolClientRuleIds,
  UserPoolClientValidationPlugin, UserPoolClientValidator, ValidatedUserPoolClient,
} from '../../src';
import { quietCdkBuiltinValidation, testApp, testStack } from '../helpers';

quietCdkBuiltinValidation();

const errors = (stack: Stack) => Annotations.fromStack(stack).findError('*', Match.anyValue()).map((m) => String(m.entry.data));
const ids = (messages: string[]) => messages.map((m) => m.slice(1, m.indexOf(']')));

describe('a policy that turns on no rule', () => {
  test('names each client it reaches as not checked, as the plugin and the command line refuse such a policy', () => {
    // Before, `new UserPoolClientPolicy({})` (or an empty policy file) passed every client in silence.
    const { stack, pool } = testStack();
    pool.addClient('App');
    const readOnly = { priority: AspectPriority.READONLY };
    Aspects.of(stack).add(new UserPoolClientPolicy({ warningRules: [UserPoolClientRuleIds.POLICY_ADMIN_SCOPE] }), readOnly);
    const warnings = Annotations.fromStack(stack).findWarning('/Stack/Pool/App/Resource', Match.stringLikeRegexp('VUPC-NOT-VALIDATED')).map((m) => String(m.entry.data));
    expect(warnings).toEqual([expect.stringContaining('Stack/Pool/App/Resource: Properties is not checked by UserPoolClientPolicy: the policies that reach it turn on no rule')]);
    // In a cascade, a closer policy of rule lists only adjusts a farther one, which turns rules on: no notice.
    const { app, stack: other, pool: otherPool } = testStack('Other');
    otherPool.addClient('App');
    Aspects.of(app).add(UserPoolClientPolicy.recommended(), readOnly);
    Aspects.of(other).add(new UserPoolClientPolicy({ disabledRules: [UserPoolClientRuleIds.POLICY_CLIENT_NAME] }), readOnly);
    expect(Annotations.fromStack(other).findWarning('*', Match.stringLikeRegexp('VUPC-NOT-VALIDATED'))).toEqual([]);
    expect(Annotations.fromStack(other).findError('*', Match.stringLikeRegexp('VUPC-POLICY-'))).not.toEqual([]);
  });
});

describe('UserPoolClientPolicy.recommended()', () => {
  test('flags what the aws-cdk L2 does by default: implicit grant, LEGACY user existence errors, no explicit flows, no name', () => {
    const { stack, pool } = testStack();
    new cognito.UserPoolClient(stack, 'L2', { userPool: pool });
    Aspects.of(stack).add(UserPoolClientPolicy.recommended(), { priority: AspectPriority.READONLY });
    expect(ids(errors(stack))).toEqual([
      'VUPC-POLICY-CLIENT-NAME',
      'VUPC-POLICY-AUTHFLOW-EXPLICIT',
      'VUPC-POLICY-NO-IMPLICIT-GRANT',
      'VUPC-POLICY-PREVENT-USER-EXISTENCE-ERRORS',
    ]);
  });

  test('a ValidatedUserPoolClient with its defaults passes it', () => {
    const { stack, pool } = testStack();
    new ValidatedUserPoolClient(stack, 'Client', { userPool: pool, oAuth: { callbackUrls: ['https://a.example.com/cb'] } });
    Aspects.of(stack).add(UserPoolClientPolicy.recommended(), { priority: AspectPriority.READONLY });
    expect(errors(stack)).toEqual([]);
  });

  test('forbids self-service writes to the verified flags and the password flows', () => {
    const { stack, pool } = testStack();
    new ValidatedUserPoolClient(stack, 'Client', {
      userPool: pool,
      authFlows: { userPassword: true },
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ emailVerified: true }),
    });
    Aspects.of(stack).add(UserPoolClientPolicy.recommended(), { priority: AspectPriority.READONLY });
    expect(ids(errors(stack))).toEqual(['VUPC-POLICY-WRITE-VERIFIED-FLAGS', 'VUPC-POLICY-AUTHFLOW-FORBIDDEN']);
  });
});

describe('acknowledging a policy finding', () => {
  test('with a reason: the finding becomes an info naming it', () => {
    const { stack, pool } = testStack();
    const client = new ValidatedUserPoolClient(stack, 'Admin', { userPool: pool, oAuth: { scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.COGNITO_ADMIN], callbackUrls: ['https://a.example.com/cb'] } });
    Aspects.of(stack).add(new UserPoolClientPolicy({ forbidAdminScope: true }), { priority: AspectPriority.READONLY });
    UserPoolClientAcknowledgements.acknowledge(client, UserPoolClientRuleIds.POLICY_ADMIN_SCOPE, 'The account page edits the user profile');
    expect(errors(stack)).toEqual([]);
    Annotations.fromStack(stack).hasInfo('/Stack/Admin/Resource', Match.stringLikeRegexp('Acknowledged on Stack/Admin \\(The account page edits the user profile\\): \\[VUPC-POLICY-ADMIN-SCOPE\\]'));
  });

  test('without a reason: refused', () => {
    const { stack } = testStack();
    expect(() => UserPoolClientAcknowledgements.acknowledge(stack, UserPoolClientRuleIds.POLICY_ADMIN_SCOPE, '')).toThrow(/a non-empty reason is required/);
  });
});

describe('nested stages', () => {
  function appWithStage() {
    const app = testApp();
    const top = new Stack(app, 'Top');
    const prod = new Stage(app, 'Prod');
    const inner = new Stack(prod, 'Inner');
    for (const stack of [top, inner]) {
      const pool = new cognito.UserPool(stack, 'Pool');
      new cognito.CfnUserPoolClient(stack, 'Client', { userPoolId: pool.userPoolId, authSessionValidity: 30 });
    }
    return { app, top, inner };
  }
  /** VUPC-STAGE-NOT-CHECKED, reported as an error on the app's own first stack (printed with the other findings). */
  const stageNotChecked = (top: Stack) => top.node.metadata.filter((m) => m.type === 'aws:cdk:error' && String(m.data).includes('VUPC-STAGE-NOT-CHECKED')).map((m) => String(m.data));

  test('an aspect on the App does not reach a nested Stage, and the synth says so instead of passing in silence', () => {
    const { app, top, inner } = appWithStage();
    Aspects.of(app).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
    const stageErrors = Stage.of(inner)!.synth().getStackArtifact(inner.artifactId).messages.filter((m) => m.level === 'error');
    expect(stageErrors).toHaveLength(0);
    app.synth({ force: true });
    expect(stageNotChecked(top)).toEqual([expect.stringMatching(/^\[VUPC-STAGE-NOT-CHECKED\] Prod: UserPoolClientValidator was added to the app, .*\(Prod\/Inner\/Client\)/)]);
    // The app's own stack was checked as before.
    const reported = top.node.findChild('Client').node.metadata.filter((m) => m.type === 'aws:cdk:error').map((m) => String(m.data));
    expect(reported).toEqual([expect.stringMatching(/^\[VUPC-AUTHSESSION-RANGE\] Top\/Client/)]);
  });

  test('a stage the validation plugin checks is checked: no finding', () => {
    const { app, top } = appWithStage();
    Aspects.of(app).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
    Validations.of(app).addPlugins(new UserPoolClientValidationPlugin({ disabledRules: ['VUPC-AUTHSESSION-RANGE'] }));
    expect(() => app.synth()).not.toThrow();
    expect(stageNotChecked(top)).toEqual([]);
    // The plugin without a policy does not check the policy: a policy on the app alone still names the stage.
    const second = appWithStage();
    Aspects.of(second.app).add(UserPoolClientPolicy.recommended(), { priority: AspectPriority.READONLY });
    Validations.of(second.app).addPlugins(new UserPoolClientValidationPlugin({ serviceRules: false }));
    second.app.synth();
    expect(stageNotChecked(second.top)).toEqual([expect.stringMatching(/^\[VUPC-STAGE-NOT-CHECKED\] Prod: UserPoolClientPolicy was added to the app/)]);
  });

  test('a stage nested two deep is named once, by the closest scope that watches it', () => {
    const app = testApp();
    const outer = new Stage(app, 'Outer');
    const inner = new Stage(outer, 'Inner');
    const stack = new Stack(inner, 'Stack');
    new cognito.CfnUserPoolClient(stack, 'Client', { userPoolId: new cognito.UserPool(stack, 'Pool').userPoolId });
    Aspects.of(app).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
    Aspects.of(outer).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.match(/\[VUPC-STAGE-NOT-CHECKED\] Outer\/Inner/g)).toHaveLength(1);
  });

  test('a policy on the App alone: the same, for the policy; a validator with the rule disabled turns it off', () => {
    const first = appWithStage();
    Aspects.of(first.app).add(UserPoolClientPolicy.recommended(), { priority: AspectPriority.READONLY });
    first.app.synth();
    expect(stageNotChecked(first.top)).toEqual([expect.stringMatching(/^\[VUPC-STAGE-NOT-CHECKED\] Prod: UserPoolClientPolicy was added to the app/)]);
    const second = appWithStage();
    Aspects.of(second.app).add(UserPoolClientPolicy.recommended(), { priority: AspectPriority.READONLY });
    Aspects.of(second.app).add(new UserPoolClientValidator({ disabledRules: ['VUPC-STAGE-NOT-CHECKED', 'VUPC-AUTHSESSION-RANGE'] }), { priority: AspectPriority.READONLY });
    expect(() => second.app.synth()).not.toThrow();
    expect(stageNotChecked(second.top)).toEqual([]);
  });

  test('UserPoolClientChecks.applyToAllStages covers the app and its stages', () => {
    const { app, top, inner } = appWithStage();
    const covered = UserPoolClientChecks.applyToAllStages(app, new UserPoolClientValidator(), UserPoolClientPolicy.recommended());
    expect(covered).toEqual(['<app>', 'Prod']);
    expect(ids(errors(top))).toEqual(['VUPC-AUTHSESSION-RANGE', 'VUPC-POLICY-CLIENT-NAME', 'VUPC-POLICY-AUTHFLOW-EXPLICIT', 'VUPC-POLICY-PREVENT-USER-EXISTENCE-ERRORS']);
    expect(ids(errors(inner))).toEqual(ids(errors(top)));
  });
});

test('a policy of another copy of this library is a policy: it cascades with this copy\'s, as validators do', () => {
  const { app, stack, pool } = testStack();
  new cognito.CfnUserPoolClient(stack, 'Client', { userPoolId: pool.userPoolId, clientName: 'c', allowedOAuthFlowsUserPoolClient: true, allowedOAuthFlows: ['implicit'], allowedOAuthScopes: ['openid'], callbackUrLs: ['https://a.example.com/cb'], supportedIdentityProviders: ['COGNITO'] });
  // A copy's class is another class: only the mark both copies put on their instances tells it (instanceof did not).
  const copy = new UserPoolClientPolicy({ forbidImplicitGrant: true });
  Object.setPrototypeOf(copy, { visit: UserPoolClientPolicy.prototype.visit });
  expect(copy instanceof UserPoolClientPolicy).toBe(false);
  expect(UserPoolClientPolicy.isUserPoolClientPolicy(copy)).toBe(true);
  Aspects.of(app).add(copy, { priority: AspectPriority.READONLY });
  Aspects.of(stack).add(new UserPoolClientPolicy({ forbidImplicitGrant: true, warningRules: ['VUPC-POLICY-NO-IMPLICIT-GRANT'] }), { priority: AspectPriority.READONLY });
  const a = Annotations.fromStack(stack);
  // The closest policy checks the client, once, with the options cascaded: a warning, not also the copy's error.
  expect(a.findError('*', Match.stringLikeRegexp('VUPC-POLICY-NO-IMPLICIT-GRANT'))).toHaveLength(0);
  expect(a.findWarning('*', Match.stringLikeRegexp('VUPC-POLICY-NO-IMPLICIT-GRANT'))).toHaveLength(1);
});
