import { readFileSync } from 'fs';
import { join } from 'path';
import { App, Aspects, AspectPriority, Stack, Stage, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import {
  UserPoolClientAcknowledgements, UserPoolClientChecks, UserPoolClientPolicy, UserPoolClientRuleIds,
  UserPoolClientValidationPlugin, UserPoolClientValidator,
} from '../../src';
import { quietCdkBuiltinValidation, testApp } from '../helpers';

quietCdkBuiltinValidation();

/** What a platform team rolls out: checks on every app, with no silent gap and an audit trail. */

const readOnly = { priority: AspectPriority.READONLY };
const messages = (stack: Stack, kind: 'findError' | 'findWarning' | 'findInfo') =>
  Annotations.fromStack(stack)[kind]('*', Match.anyValue()).map((m) => String(m.entry.data));
const ids = (list: string[]) => list.map((m) => /\[(VUPC-[A-Z0-9-]+)\]/.exec(m)?.[1]);

/** A client with AuthSessionValidity 30 (VUPC-AUTHSESSION-RANGE) and the implicit grant (VUPC-POLICY-NO-IMPLICIT-GRANT). */
function badClient(scope: Construct, id = 'Client') {
  const pool = new cognito.UserPool(scope, `${id}Pool`);
  return new cognito.CfnUserPoolClient(scope, id, {
    userPoolId: pool.userPoolId,
    clientName: id,
    authSessionValidity: 30,
    explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    preventUserExistenceErrors: 'ENABLED',
    allowedOAuthFlowsUserPoolClient: true,
    allowedOAuthFlows: ['implicit'],
    allowedOAuthScopes: ['openid'],
    callbackUrLs: ['https://app.example.com/cb'],
    supportedIdentityProviders: ['COGNITO'],
  });
}

describe('stages created after UserPoolClientChecks.applyToAllStages', () => {
  test('the synth fails naming the stage and its clients', () => {
    const app = testApp();
    UserPoolClientChecks.applyToAllStages(app, new UserPoolClientValidator());
    const late = new Stage(app, 'Late');
    badClient(new Stack(late, 'Stack'));
    expect(() => app.synth()).toThrow(
      /\[VUPC-STAGE-NOT-CHECKED\] Late: UserPoolClientValidator was added to the app, whose aspects do not reach this nested stage, so its 1 app client\(s\) \(Late\/Stack\/Client\) are not checked by one\. .* Fix: Add the checks with UserPoolClientChecks\.applyToAllStages after every stage/,
    );
  });

  test('a call with no aspect is refused: it would check nothing', () => {
    expect(() => UserPoolClientChecks.applyToAllStages(testApp())).toThrow('UserPoolClientChecks.applyToAllStages: no aspect given');
  });

  test('the rule cannot be made a warning: a warning about a later stage would reach no report', () => {
    const app = testApp();
    expect(() => UserPoolClientChecks.applyToAllStages(app, new UserPoolClientValidator({ warningRules: ['VUPC-STAGE-NOT-CHECKED'] })))
      .toThrow(/VUPC-STAGE-NOT-CHECKED cannot be a warning .* Leave it an error, or put it in disabledRules/);
  });

  test('a validator given with the rule disabled: nothing reported', () => {
    const app = testApp();
    UserPoolClientChecks.applyToAllStages(app, new UserPoolClientValidator({ disabledRules: ['VUPC-STAGE-NOT-CHECKED'] }));
    const stack = new Stack(new Stage(app, 'Late'), 'Stack');
    badClient(stack);
    expect(() => app.synth()).not.toThrow();
    expect(ids(messages(stack, 'findWarning'))).toEqual([]);
  });

  test('a stage created later and given the same kinds of checks by hand is no gap', () => {
    const app = testApp();
    UserPoolClientChecks.applyToAllStages(app, new UserPoolClientValidator());
    const late = new Stage(app, 'Late');
    Aspects.of(late).add(new UserPoolClientValidator({ warningRules: ['VUPC-AUTHSESSION-RANGE'] }), readOnly);
    const stack = new Stack(late, 'Stack');
    badClient(stack);
    expect(ids(messages(stack, 'findError'))).toEqual([]);
    expect(ids(messages(stack, 'findWarning'))).toContain('VUPC-AUTHSESSION-RANGE');
  });

  test('a stage created later with no app client is no gap', () => {
    const app = testApp();
    UserPoolClientChecks.applyToAllStages(app, new UserPoolClientValidator());
    new cognito.UserPool(new Stack(new Stage(app, 'Late'), 'Stack'), 'Pool');
    expect(() => app.synth()).not.toThrow();
  });

  test('called after every stage: no error, every stage checked', () => {
    const app = testApp();
    const stack = new Stack(new Stage(app, 'Prod'), 'Stack');
    badClient(stack);
    UserPoolClientChecks.applyToAllStages(app, new UserPoolClientValidator());
    expect(ids(messages(stack, 'findError'))).toEqual(['VUPC-AUTHSESSION-RANGE']);
  });
});

describe('several validators or policies on one client: the closest checks it, options cascade', () => {
  function twoStacks(order: 'app first' | 'stack first') {
    const app = testApp();
    const team = new Stack(app, 'Team');
    const other = new Stack(app, 'Other');
    badClient(team);
    badClient(other);
    const onApp = () => Aspects.of(app).add(new UserPoolClientValidator({ disabledRules: ['VUPC-OAUTH-NEEDS-DOMAIN'] }), readOnly);
    const onStack = () => Aspects.of(team).add(new UserPoolClientValidator({ warningRules: ['VUPC-AUTHSESSION-RANGE'] }), readOnly);
    if (order === 'app first') (onApp(), onStack());
    else (onStack(), onApp());
    return { team, other };
  }

  test.each(['app first', 'stack first'] as const)('a stack\'s warningRules apply in that stack, whichever was added %s', (order) => {
    const { team, other } = twoStacks(order);
    expect(ids(messages(team, 'findError'))).toEqual([]);
    // The app's option (a rule off) still holds in the stack: the stack's validator sets nothing about it.
    expect(ids(messages(team, 'findWarning'))).toEqual(['VUPC-AUTHSESSION-RANGE']);
    expect(ids(messages(other, 'findError'))).toEqual(['VUPC-AUTHSESSION-RANGE']);
    expect(ids(messages(other, 'findWarning'))).toEqual([]);
  });

  test('a validator on one client is the closest for it alone: its siblings keep the chain of their scope', () => {
    const app = testApp();
    const team = new Stack(app, 'Team');
    const group = new Construct(team, 'Group');
    Aspects.of(group).add(new UserPoolClientValidator({ warningRules: ['VUPC-AUTHSESSION-RANGE'] }), readOnly);
    const clients = ['A', 'B', 'C'].map((id) => badClient(group, id));
    Aspects.of(clients[1]).add(new UserPoolClientValidator({ disabledRules: ['VUPC-AUTHSESSION-RANGE'] }), readOnly);
    const found = (client: cognito.CfnUserPoolClient, kind: 'findError' | 'findWarning') =>
      ids(Annotations.fromStack(team)[kind](`/${client.node.path}`, Match.anyValue()).map((m) => String(m.entry.data)));
    // The group's validator makes the rule a warning; the client's own turns it off for that client alone.
    expect(clients.map((c) => found(c, 'findWarning').includes('VUPC-AUTHSESSION-RANGE'))).toEqual([true, false, true]);
    expect(clients.map((c) => found(c, 'findError').includes('VUPC-AUTHSESSION-RANGE'))).toEqual([false, false, false]);
  });

  test('policies: each option is the closest policy\'s that sets it; none is dropped', () => {
    const app = testApp();
    const team = new Stack(app, 'Team');
    const client = badClient(team);
    client.accessTokenValidity = 120;
    client.tokenValidityUnits = { accessToken: 'minutes' };
    Aspects.of(app).add(UserPoolClientPolicy.recommended({ maxAccessTokenMinutes: 60 }), readOnly);
    Aspects.of(team).add(new UserPoolClientPolicy({ maxAccessTokenMinutes: 180, warningRules: ['VUPC-POLICY-NO-IMPLICIT-GRANT'] }), readOnly);
    expect(ids(messages(team, 'findError'))).toEqual([]);
    expect(ids(messages(team, 'findWarning'))).toEqual(['VUPC-POLICY-NO-IMPLICIT-GRANT']);
  });
});

/** The cloud assembly's record of a stack's metadata: the stack's metadata file (`<stack>.metadata.json`), else the manifest. */
function metadataInAssembly(app: App, stackId: string): Record<string, Array<{ type: string; data: unknown }>> {
  const outdir = app.synth().directory;
  const artifact = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')).artifacts[stackId];
  return artifact.additionalMetadataFile ? JSON.parse(readFileSync(join(outdir, artifact.additionalMetadataFile), 'utf8')) : artifact.metadata;
}
const waiversIn = (metadata: ReturnType<typeof metadataInAssembly>) =>
  Object.entries(metadata).flatMap(([path, entries]) => entries.filter((e) => e.type === 'cdk-validated-user-pool-client:acknowledgement').map((e) => ({ path, ...(e.data as object) })));

/** An app with one bad client in one stack, and a validator on the app. */
function validatedApp(validator = new UserPoolClientValidator()) {
  const app = testApp();
  const stack = new Stack(app, 'Stack');
  const client = badClient(stack);
  Aspects.of(app).add(validator, readOnly);
  return { app, stack, client };
}

describe('the audit trail: every waiver in the cloud assembly, with scope, rule id and reason', () => {
  test('made on the app, a stack and a construct: all recorded, the app\'s on the stack with its scope', () => {
    const { app, client } = validatedApp();
    UserPoolClientAcknowledgements.acknowledge(app, UserPoolClientRuleIds.AUTHSESSION_RANGE, 'Org-wide: long MFA enrolment (SEC-1)');
    UserPoolClientAcknowledgements.acknowledge(client, UserPoolClientRuleIds.AUTHSESSION_RANGE, 'This app: hardware tokens (SEC-2)');
    expect(waiversIn(metadataInAssembly(app, 'Stack'))).toEqual([
      { path: '/Stack', ruleId: 'VUPC-AUTHSESSION-RANGE', reason: 'Org-wide: long MFA enrolment (SEC-1)', scope: '' },
      { path: '/Stack/Client', ruleId: 'VUPC-AUTHSESSION-RANGE', reason: 'This app: hardware tokens (SEC-2)' },
    ]);
  });

  test('a finding accepted twice shows both reasons, closest first', () => {
    const { stack, client } = validatedApp();
    UserPoolClientAcknowledgements.acknowledge(stack, UserPoolClientRuleIds.AUTHSESSION_RANGE, 'first reason');
    UserPoolClientAcknowledgements.acknowledge(client, UserPoolClientRuleIds.AUTHSESSION_RANGE, 'second reason');
    UserPoolClientAcknowledgements.acknowledge(client, UserPoolClientRuleIds.AUTHSESSION_RANGE, 'third reason');
    expect(messages(stack, 'findInfo').filter((m) => m.includes('VUPC-AUTHSESSION-RANGE'))).toEqual([
      expect.stringMatching(/^Acknowledged on Stack\/Client \(second reason\); also on Stack\/Client \(third reason\); also on Stack \(first reason\): \[VUPC-AUTHSESSION-RANGE\]/),
    ]);
  });

  test('a waiver no finding used is reported where it was made; disabledRules turns that off', () => {
    const build = (off: boolean) => {
      const validator = new UserPoolClientValidator(off ? { disabledRules: [UserPoolClientRuleIds.ACKNOWLEDGEMENT_UNUSED] } : {});
      const { app, stack, client } = validatedApp(validator);
      UserPoolClientAcknowledgements.acknowledge(client, UserPoolClientRuleIds.AUTHSESSION_RANGE, 'in use');
      UserPoolClientAcknowledgements.acknowledge(client, UserPoolClientRuleIds.CALLBACK_HTTPS, 'left over from the old partner URL');
      UserPoolClientAcknowledgements.acknowledge(app, UserPoolClientRuleIds.TOKEN_LE_REFRESH, 'never needed');
      return stack;
    };
    const unused = messages(build(false), 'findWarning').filter((m) => m.includes('VUPC-ACKNOWLEDGEMENT-UNUSED'));
    expect(unused).toEqual([
      // Each names the line of the app's code that made it, so that it can be found and removed.
      expect.stringMatching(/^\[VUPC-ACKNOWLEDGEMENT-UNUSED\] <app>: The acknowledgement of VUPC-TOKEN-LE-REFRESH made on <app> at test\/policy\/platform\.test\.ts:191 \("never needed"\) accepted no finding/),
      expect.stringMatching(/^\[VUPC-ACKNOWLEDGEMENT-UNUSED\] Stack\/Client: The acknowledgement of VUPC-CALLBACK-HTTPS made on Stack\/Client at test\/policy\/platform\.test\.ts:190 \("left over from the old partner URL"\) accepted no finding in this synthesis/),
    ]);
    expect(messages(build(true), 'findWarning').filter((m) => m.includes('VUPC-ACKNOWLEDGEMENT-UNUSED'))).toEqual([]);
  });

  test('an app whose stacks are all in stages: an unused waiver on the app is reported on the stage synthesized last', () => {
    const app = testApp();
    const first = new Stack(new Stage(app, 'Beta'), 'Stack');
    const last = new Stack(new Stage(app, 'Prod'), 'Stack');
    badClient(first);
    badClient(last);
    UserPoolClientChecks.applyToAllStages(app, new UserPoolClientValidator());
    UserPoolClientAcknowledgements.acknowledge(app, UserPoolClientRuleIds.AUTHSESSION_RANGE, 'used in both stages');
    UserPoolClientAcknowledgements.acknowledge(app, UserPoolClientRuleIds.TOKEN_LE_REFRESH, 'never needed');
    app.synth();
    const unused = (stack: Stack) => messages(stack, 'findWarning').filter((m) => m.includes('VUPC-ACKNOWLEDGEMENT-UNUSED'));
    expect(unused(first)).toEqual([]);
    expect(unused(last)).toEqual([expect.stringMatching(/^\[VUPC-ACKNOWLEDGEMENT-UNUSED\] <app>: The acknowledgement of VUPC-TOKEN-LE-REFRESH made on <app> at test\/policy\/platform\.test\.ts:211 \("never needed"\)/)]);
  });

  test('the validation plugin\'s report lists acknowledged findings with their reasons', () => {
    const app = testApp();
    const stack = new Stack(app, 'Stack');
    const client = badClient(stack);
    Validations.of(app).addPlugins(new UserPoolClientValidationPlugin());
    UserPoolClientAcknowledgements.acknowledge(client, UserPoolClientRuleIds.AUTHSESSION_RANGE, 'hardware tokens (SEC-2)');
    // Newer aws-cdk-lib prints the report of a synth that passed with warnings; the report file is what is checked here.
    const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const directory = (() => {
      try {
        return app.synth().directory;
      } finally {
        printed.mockRestore();
      }
    })();
    const report = JSON.parse(readFileSync(join(directory, 'validation-report.json'), 'utf8'));
    type Violation = { ruleName: string; description: string; severity: string };
    const violations = report.pluginReports.flatMap((p: { violations: Violation[] }) => p.violations);
    expect(violations.find((v: { ruleName: string }) => v.ruleName === 'VUPC-AUTHSESSION-RANGE')).toMatchObject({
      severity: 'info',
      description: expect.stringMatching(/^Acknowledged on Stack\/Client \(hardware tokens \(SEC-2\)\): \[VUPC-AUTHSESSION-RANGE\]/),
    });
  });
});
