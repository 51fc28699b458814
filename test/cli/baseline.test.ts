import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { UserPoolClientAcknowledgements, UserPoolClientRuleIds, ValidatedUserPoolClient } from '../../src';
import { runCli } from '../../src/cli/run';
import { quietCdkBuiltinValidation, testApp } from '../helpers';

quietCdkBuiltinValidation();

const tmp = () => mkdtempSync(join(tmpdir(), 'vupc-baseline-'));

function cli(...args: string[]) {
  let out = '';
  let err = '';
  const code = runCli(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err, json: () => JSON.parse(out) as { findings: Array<Record<string, string>>; inputs: Array<Record<string, unknown>> } };
}

/** Synthesizes an app into a cdk.out of its own and returns the directory. */
function assembly(build: (stack: Stack, pool: cognito.UserPool, app: App) => void): string {
  const outdir = tmp();
  const app = testApp({ outdir });
  const stack = new Stack(app, 'Stack');
  const pool = new cognito.UserPool(stack, 'Pool');
  pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'example-baseline' } });
  build(stack, pool, app);
  app.synth();
  return outdir;
}

const replaced = (r: ReturnType<typeof cli>) => r.json().findings.filter((f) => f.ruleId === 'VUPC-CLIENT-REPLACED');

describe('--baseline: what deploying the inputs does to the app clients of the baseline', () => {
  const l2 = (props: Partial<cognito.UserPoolClientProps> = {}) => assembly((_s, pool) => pool.addClient('App', { oAuth: { callbackUrls: ['https://a.example.com/cb'] }, ...props }));

  test('switching from the L2 to ValidatedUserPoolClient replaces and deletes no client', () => {
    const before = l2();
    const after = assembly((_s, pool) => new ValidatedUserPoolClient(pool, 'App', { userPool: pool, oAuth: { callbackUrls: ['https://a.example.com/cb'] } }));
    const r = cli('--format', 'json', '--baseline', before, after);
    expect(replaced(r)).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.json().inputs.filter((i) => i.status === 'baseline')).toEqual([{ file: join(before, 'Stack.template.json'), status: 'baseline', clients: 1, notices: [] }]);
  });

  test('a create-only property written where it was not (GenerateSecret: false) replaces the client: an error that says so', () => {
    const r = cli('--baseline', l2(), l2({ generateSecret: false }));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/\[VUPC-CLIENT-REPLACED\] Stack\/Pool\/App\/Resource: GenerateSecret changes from \(not set\) to false, which makes CloudFormation replace the client\. .* new client \(a new client id and secret\)/);
  });

  test('a client moved to another pool (UserPoolId) is replaced', () => {
    const inPool = (other: boolean) => assembly((stack, pool) => new cognito.UserPoolClient(stack, 'App', { userPool: other ? new cognito.UserPool(stack, 'Other') : pool }));
    const found = replaced(cli('--format', 'json', '--baseline', inPool(false), inPool(true)));
    expect(found.map((f) => [f.logicalId, f.property, f.message.split(' which')[0]])).toEqual([
      [expect.stringMatching(/^App/), 'UserPoolId', expect.stringMatching(/UserPoolId changes from \{"Ref":"Pool[0-9A-F]+"\} to \{"Ref":"Other[0-9A-F]+"\},$/)],
    ]);
  });

  test('a client whose logical id changes is deleted; the message names the client the template adds', () => {
    const r = cli('--format', 'json', '--baseline', l2(), assembly((stack, pool) => new cognito.UserPoolClient(stack, 'Moved', { userPool: pool })));
    const [finding] = replaced(r);
    expect(finding).toMatchObject({ logicalId: 'PoolApp0FDA91BA', property: '', severity: 'error' });
    expect(finding.message).toMatch(/App client PoolApp0FDA91BA is not in the new template, so CloudFormation deletes it \(the new template adds Moved[0-9A-F]{8}: a client that moves to another logical id is a new client\)/);
  });

  test('acknowledged in the app, the finding is an info that names the reason, and the run passes', () => {
    const after = assembly((stack, pool) => {
      pool.addClient('App', { generateSecret: false, oAuth: { callbackUrls: ['https://a.example.com/cb'] } });
      UserPoolClientAcknowledgements.acknowledge(stack, UserPoolClientRuleIds.CLIENT_REPLACED, 'New client id rolled out to every consumer (CHG-42)');
    });
    const r = cli('--format', 'json', '--baseline', l2(), after);
    expect(replaced(r).map((f) => [f.severity, f.message.split(':')[0]])).toEqual([['info', 'Acknowledged on Stack (New client id rolled out to every consumer (CHG-42))']]);
    expect(r.code).toBe(0);
  });

  test('templates as files: one on each side is compared; a template Metadata acknowledgement applies', () => {
    const dir = tmp();
    const client = (props: Record<string, unknown>, metadata?: unknown) => JSON.stringify({
      Metadata: metadata,
      Resources: { Pool: { Type: 'AWS::Cognito::UserPool' }, Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' }, ...props } } },
    });
    writeFileSync(join(dir, 'old.json'), client({}));
    writeFileSync(join(dir, 'new.json'), client({ GenerateSecret: true }));
    writeFileSync(join(dir, 'acked.json'), client({ GenerateSecret: true }, { 'cdk-validated-user-pool-client': { acknowledgements: [{ ruleId: 'VUPC-CLIENT-REPLACED', reason: 'secret needed now' }] } }));
    const r = cli('--format', 'json', '--baseline', join(dir, 'old.json'), join(dir, 'new.json'));
    expect(replaced(r).map((f) => [f.logicalId, f.property, f.line])).toEqual([['Client', 'GenerateSecret', 1]]);
    expect(cli('--baseline', join(dir, 'old.json'), join(dir, 'acked.json')).code).toBe(0);
  });

  test('a client that now exists under a condition is a warning: a deployment where it is false deletes the client', () => {
    const dir = tmp();
    const template = (condition?: string) => JSON.stringify({
      Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } },
      Parameters: { Stage: { Type: 'String', AllowedValues: ['prod', 'dev'] } },
      Resources: { Pool: { Type: 'AWS::Cognito::UserPool' }, Client: { Type: 'AWS::Cognito::UserPoolClient', Condition: condition, Properties: { UserPoolId: { Ref: 'Pool' } } } },
    });
    writeFileSync(join(dir, 'old.json'), template());
    writeFileSync(join(dir, 'new.json'), template('IsProd'));
    const r = cli('--format', 'json', '--baseline', join(dir, 'old.json'), join(dir, 'new.json'));
    expect(replaced(r).map((f) => [f.logicalId, f.property, f.severity])).toEqual([['Client', 'Condition', 'warning']]);
    expect(replaced(r)[0].message).toContain("Condition 'IsProd' is new (it existed unconditionally before): a deployment in which IsProd is false deletes the client");
    // The same condition on both sides changes nothing.
    writeFileSync(join(dir, 'old.json'), template('IsProd'));
    expect(replaced(cli('--format', 'json', '--baseline', join(dir, 'old.json'), join(dir, 'new.json')))).toEqual([]);
  });

  test('a baseline that cannot be read is named as the baseline (exit 2, and so in the JSON report)', () => {
    const r = cli('--format', 'json', '--baseline', '/nonexistent/old.yaml', l2());
    expect(r.code).toBe(2);
    expect(r.err).toContain('validate-user-pool-clients: the baseline (--baseline) /nonexistent/old.yaml: no such file or directory.');
    expect(r.json().inputs).toContainEqual(expect.objectContaining({ file: '/nonexistent/old.yaml', status: 'unreadable', error: expect.stringMatching(/^the baseline \(--baseline\)/) }));
  });

  test('a baseline stack without a counterpart is named as not compared', () => {
    const before = assembly((stack, pool) => {
      pool.addClient('App');
      new Stack(stack.node.root as App, 'Gone');
    });
    const r = cli('--baseline', before, l2());
    expect(r.out).toContain(`NOTE ${join(before, 'Gone.template.json')}: has no counterpart among the inputs: its app clients were not compared`);
  });
});

describe('acknowledgements recorded in a cloud assembly or a template apply to the command line\'s findings', () => {
  test('UserPoolClientAcknowledgements on the client (or an ancestor) in the app', () => {
    const outdir = assembly((stack, pool) => {
      const client = new cognito.CfnUserPoolClient(stack, 'Partner', {
        userPoolId: pool.userPoolId,
        allowedOAuthFlowsUserPoolClient: true,
        allowedOAuthFlows: ['code'],
        allowedOAuthScopes: ['openid'],
        supportedIdentityProviders: ['COGNITO'],
        callbackUrLs: ['http://partner.example.com/cb'],
      });
      UserPoolClientAcknowledgements.acknowledge(client, UserPoolClientRuleIds.CALLBACK_HTTPS, 'Partner moves to TLS in Q3');
    });
    const r = cli('--format', 'json', outdir);
    expect(r.json().findings.filter((f) => f.ruleId === 'VUPC-CALLBACK-HTTPS').map((f) => [f.severity, f.message.split(': [')[0]]))
      .toEqual([['info', 'Acknowledged on Stack/Partner (Partner moves to TLS in Q3)']]);
    expect(r.code).toBe(0);
  });

  test('a resource\'s Metadata in a template', () => {
    const file = join(tmp(), 't.json');
    writeFileSync(file, JSON.stringify({
      Resources: {
        Client: {
          Type: 'AWS::Cognito::UserPoolClient',
          Metadata: { 'cdk-validated-user-pool-client': { acknowledgements: [{ ruleId: 'VUPC-AUTHSESSION-RANGE', reason: 'long MFA flows' }] } },
          Properties: { UserPoolId: 'eu-west-1_abc', AuthSessionValidity: 30 },
        },
      },
    }));
    const r = cli(file);
    expect(r.out).toContain(`Acknowledged on Client (long MFA flows): [VUPC-AUTHSESSION-RANGE] ${file}#Client: AuthSessionValidity 30`);
    expect(r.code).toBe(0);
  });
});

test('--baseline: clients an Fn::ForEach loop makes are replaced and deleted as any other', () => {
  // Before, the loop's clients were not seen: a client deleted and two replaced gave no finding.
  const loop = (apps: string, secret: boolean) => `Transform: AWS::LanguageExtensions
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
  Fn::ForEach::Apps:
    - App
    - [${apps}]
    - \${App}Client:
        Type: AWS::Cognito::UserPoolClient
        Properties:
          UserPoolId: !Ref Pool
          GenerateSecret: ${secret}
`;
  const dir = tmp();
  const [before, after] = [join(dir, 'before.yaml'), join(dir, 'after.yaml')];
  writeFileSync(before, loop('Web, Mobile, Admin', false));
  writeFileSync(after, loop('Web, Mobile', true));
  const r = cli('--format', 'json', '--baseline', before, after);
  expect(replaced(r).map((f) => [f.logicalId, f.property])).toEqual([['WebClient', 'GenerateSecret'], ['MobileClient', 'GenerateSecret'], ['AdminClient', '']]);
  expect(r.code).toBe(1);
});
