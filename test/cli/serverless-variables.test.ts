import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runCli } from '../../src/cli/run';
import { readServerlessVariables } from '../../src/cli/serverless-variables';

function cli(...args: string[]) {
  let out = '';
  const code = runCli(args, { out: (t) => (out += t), err: (t) => (out += t) });
  return { code, out };
}

/** As serverless-stack.com's resources/cognito-user-pool.yml writes it (the guide's file, in hundreds of repositories). */
const RESOURCES = `Resources:
  CognitoUserPool:
    Type: AWS::Cognito::UserPool
    Properties:
      UserPoolName: \${self:custom.stage}-user-pool
  CognitoUserPoolClient:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      ClientName: \${self:custom.stage}-user-pool-client
      UserPoolId: !Ref CognitoUserPool
      ExplicitAuthFlows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
      AccessTokenValidity: \${self:custom.\${opt:stage}.accessHours}
      GenerateSecret: false
`;

test('Serverless Framework variables are values known at deployment, their literal text still checked, and the input says so', () => {
  // Before, ClientName failed VUPC-CLIENTNAME-PATTERN ('$', '{', ':' are not allowed) and AccessTokenValidity VUPC-PROPERTY-TYPE.
  const file = join(mkdtempSync(join(tmpdir(), 'vupc-sls-')), 'cognito-user-pool.yml');
  writeFileSync(file, RESOURCES);
  const text = cli(file);
  expect(text.code).toBe(0);
  expect(text.out).toContain(`NOTE ${file}: holds Serverless Framework variables in 3 values`);
  expect(text.out).toContain('.serverless/cloudformation-template-update-stack.json');
  const json = JSON.parse(cli('--format', 'json', file).out);
  expect(json.inputs[0].notices).toEqual([expect.stringContaining('holds Serverless Framework variables in 3 values')]);
  expect(json.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
  // What the literal text decides is still checked: a fragment in a callback URL.
  writeFileSync(file, `${RESOURCES}      AllowedOAuthFlowsUserPoolClient: true
      AllowedOAuthFlows: [code]
      AllowedOAuthScopes: [openid]
      CallbackURLs: ['https://app.example.com/cb#\${self:custom.tab}']
`);
  expect(cli(file).out).toMatch(/\[VUPC-CALLBACK-NO-FRAGMENT\] .*#CognitoUserPoolClient: CallbackURLs\[0\]/);
});

test('only strings of Cognito resources with a variable are read so; IAM policy variables and Fn::Sub are left as they are', () => {
  const template = {
    Resources: {
      Client: {
        Type: 'AWS::Cognito::UserPoolClient',
        Properties: { ClientName: 'app-${sls:stage}', LogoutURLs: [{ 'Fn::Sub': 'https://${self:custom.host}/' }], CallbackURLs: ['https://a.example.com/${aws:username}'] },
      },
      Policy: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Statement: [{ Resource: 'arn:aws:s3:::b/${self:custom.x}' }] } } },
    },
  };
  const read = readServerlessVariables(template);
  expect(read.count).toBe(1);
  const client = (read.template as typeof template).Resources.Client.Properties;
  expect(client.ClientName).toEqual({ 'Fn::Join': ['', ['app-', { Ref: '${sls:stage}' }]] });
  const given = template.Resources.Client.Properties;
  expect([client.LogoutURLs, client.CallbackURLs]).toEqual([given.LogoutURLs, given.CallbackURLs]);
  expect((read.template as typeof template).Resources.Policy).toBe(template.Resources.Policy);
  // A template without variables is the same object.
  const plain = { Resources: { Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { ClientName: 'app' } } } };
  expect(readServerlessVariables(plain)).toEqual({ template: plain, count: 0 });
  expect(readServerlessVariables(plain).template).toBe(plain);
});
