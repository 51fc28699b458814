import { Annotations as CoreAnnotations, App, Aspects, AspectPriority, CfnOutput, CfnParameter, CfnResource, Duration, Fn, IAspect, Lazy, NestedStack, SecretValue, Stack, Stage } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct } from 'constructs';
import { UserPoolClientAcknowledgements, UserPoolClientPolicy, UserPoolClientRuleIds, UserPoolClientValidator, ValidatedUserPoolClient } from '../../src';
import { runCli } from '../../src/cli/run';
import { quietCdkBuiltinValidation, testApp, testStack } from '../helpers';

quietCdkBuiltinValidation();

const addValidator = (scope: IConstruct, validator: IAspect = new UserPoolClientValidator()) =>
  Aspects.of(scope).add(validator, { priority: AspectPriority.READONLY });

function errorsOf(stack: Stack): string[] {
  return Annotations.fromStack(stack).findError('*', Match.anyValue()).map((m) => String(m.entry.data));
}
function warningsOf(stack: Stack): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((m) => String(m.entry.data));
}

describe('every kind of AWS::Cognito::UserPoolClient is checked', () => {
  test('the L1 CfnUserPoolClient', () => {
    const { stack, pool } = testStack();
    new cognito.CfnUserPoolClient(stack, 'L1', { userPoolId: pool.userPoolId, allowedOAuthFlows: ['code', 'token'], allowedOAuthFlowsUserPoolClient: true, callbackUrLs: ['https://a.example.com/cb'], allowedOAuthScopes: ['openid'] });
    addValidator(stack);
    Annotations.fromStack(stack).hasError('/Stack/L1', Match.stringLikeRegexp("^\\[VUPC-OAUTH-FLOWS-ENUM\\] Stack/L1: AllowedOAuthFlows\\[1\\] 'token' is not one of 'code', 'implicit', 'client_credentials'"));
  });

  test('the aws-cdk L2 UserPoolClient (its example.com default passes, a plain-http callback does not)', () => {
    const { stack, pool } = testStack();
    new cognito.UserPoolClient(stack, 'Default', { userPool: pool });
    new cognito.UserPoolClient(stack, 'Http', { userPool: pool, oAuth: { callbackUrls: ['http://app.example.com/cb'] } });
    addValidator(stack);
    expect(errorsOf(stack)).toEqual([expect.stringMatching(/^\[VUPC-CALLBACK-HTTPS\] Stack\/Http\/Resource: CallbackURLs\[0\] \(prop oAuth.callbackUrls\) 'http:\/\/app.example.com\/cb'/)]);
  });

  test('the L2 lets client_credentials without a secret through; the validator does not', () => {
    const { stack, pool } = testStack();
    const server = pool.addResourceServer('Api', { identifier: 'api', scopes: [new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'read' })] });
    new cognito.UserPoolClient(stack, 'M2m', {
      userPool: pool,
      oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.resourceServer(server, new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'read' }))] },
    });
    addValidator(stack);
    Annotations.fromStack(stack).hasError('/Stack/M2m/Resource', Match.stringLikeRegexp('VUPC-OAUTH-CC-SECRET'));
  });

  test('a raw CfnResource of the type', () => {
    const { stack } = testStack();
    new CfnResource(stack, 'Raw', { type: 'AWS::Cognito::UserPoolClient', properties: { UserPoolId: 'eu-west-1_abc', AuthSessionValidity: 20 } });
    addValidator(stack);
    Annotations.fromStack(stack).hasError('/Stack/Raw', Match.stringLikeRegexp('^\\[VUPC-AUTHSESSION-RANGE\\] Stack/Raw: AuthSessionValidity 20 is outside the allowed range 3-15 minutes'));
  });

  test('values set through addPropertyOverride and removed through deletion overrides', () => {
    const { stack, pool } = testStack();
    const client = new ValidatedUserPoolClient(stack, 'Client', { userPool: pool });
    client.resource.addPropertyOverride('TokenValidityUnits.AccessToken', 'weeks');
    client.resource.addPropertyDeletionOverride('UserPoolId');
    expect(errorsOf(stack)).toEqual([
      // Written by overrides, not by props: named without them.
      expect.stringMatching(/^\[VUPC-POOLID-REQUIRED\] Stack\/Client\/Resource: UserPoolId is missing/),
      expect.stringMatching(/^\[VUPC-TVU-ENUM\] Stack\/Client\/Resource: TokenValidityUnits.AccessToken 'weeks'/),
    ]);
  });

  test('wrong JSON types from overrides are findings, not a crash', () => {
    const { stack, pool } = testStack();
    const client = new ValidatedUserPoolClient(stack, 'Client', { userPool: pool });
    client.resource.addPropertyOverride('CallbackURLs', 'https://a.example.com');
    client.resource.addPropertyOverride('RefreshTokenValidity', 'thirty');
    client.resource.addPropertyOverride('ExplicitAuthFlows', null);
    client.resource.addPropertyOverride('RefreshTokenRotation', { Feature: { nested: true } });
    const errors = errorsOf(stack);
    expect(errors.filter((e) => e.startsWith('[VUPC-PROPERTY-TYPE]'))).toHaveLength(4);
  });

  test('an override of Type decides what the resource is, as in the template', () => {
    const { stack, pool } = testStack();
    const raw = new CfnResource(stack, 'Raw', { type: 'AWS::Cognito::UserPoolClientX', properties: { UserPoolId: 'eu-west-1_abc', AuthSessionValidity: 20 } });
    raw.addOverride('Type', 'AWS::Cognito::UserPoolClient');
    // A client an override makes something else is not one.
    new cognito.CfnUserPoolClient(stack, 'NotAClient', { userPoolId: pool.userPoolId, authSessionValidity: 20 }).addOverride('Type', 'AWS::CloudFormation::WaitConditionHandle');
    addValidator(stack);
    expect(errorsOf(stack)).toEqual([expect.stringMatching(/^\[VUPC-AUTHSESSION-RANGE\] Stack\/Raw: AuthSessionValidity 20 is outside the allowed range/)]);
  });

  test('an override that replaces Properties with a non-object', () => {
    const { stack } = testStack();
    const raw = new CfnResource(stack, 'Raw', { type: 'AWS::Cognito::UserPoolClient', properties: { UserPoolId: 'eu-west-1_abc' } });
    raw.addOverride('Properties', 'oops');
    addValidator(stack);
    Annotations.fromStack(stack).hasError('/Stack/Raw', Match.stringLikeRegexp("VUPC-PROPERTY-TYPE.*Properties 'oops' is not an object"));
  });
});

describe('tokens', () => {
  test('unresolved values are never an error; the known parts are still checked', () => {
    const { stack, pool } = testStack();
    const host = new CfnParameter(stack, 'Host');
    const validity = new CfnParameter(stack, 'Validity', { type: 'Number' });
    new cognito.CfnUserPoolClient(stack, 'L1', {
      userPoolId: pool.userPoolId,
      clientName: Fn.join('-', ['web', Stack.of(stack).stackName]),
      accessTokenValidity: validity.valueAsNumber,
      tokenValidityUnits: { accessToken: 'minutes' },
      allowedOAuthFlowsUserPoolClient: true,
      allowedOAuthFlows: ['code'],
      allowedOAuthScopes: Lazy.list({ produce: () => ['openid'] }),
      supportedIdentityProviders: ['COGNITO'],
      callbackUrLs: [`https://${host.valueAsString}/cb`, 'http://plain.example.com/cb'],
      defaultRedirectUri: `https://${host.valueAsString}/cb`,
    });
    addValidator(stack);
    expect(errorsOf(stack)).toEqual([expect.stringMatching(/^\[VUPC-CALLBACK-HTTPS\] Stack\/L1: CallbackURLs\[1\]/)]);
  });

  test('a provider named by a parameter leaves the pool\'s providers unknown: a client that lists one is told, with an info, not passed over', () => {
    const { stack, pool } = testStack();
    const name = new CfnParameter(stack, 'IdpName');
    new cognito.CfnUserPoolIdentityProvider(stack, 'Idp', { userPoolId: pool.userPoolId, providerName: name.valueAsString, providerType: 'OIDC', providerDetails: {} });
    new cognito.CfnUserPoolClient(stack, 'L1', { userPoolId: pool.userPoolId, supportedIdentityProviders: ['COGNITO', 'Corp'] });
    addValidator(stack);
    const infos = Annotations.fromStack(stack).findInfo('/Stack/L1', Match.stringLikeRegexp('VUPC-POOL-RESOURCES-UNKNOWN')).map((m) => String(m.entry.data));
    expect(infos).toEqual([expect.stringContaining('SupportedIdentityProviders ["Corp"] were not checked against user pool Pool')]);
    expect(infos[0]).toContain('the ProviderName of its identity provider Idp is {"Ref":"IdpName"}, known only at deploy time');
    expect(errorsOf(stack)).toEqual([]);
  });

  test('a provider and domain an AwsCustomResource makes on the pool are not known to be missing: the client is told, not failed', () => {
    const { stack, pool } = testStack();
    const partner = new cr.AwsCustomResource(stack, 'PartnerIdp', {
      onCreate: {
        service: 'CognitoIdentityServiceProvider',
        action: 'createIdentityProvider',
        parameters: { UserPoolId: pool.userPoolId, ProviderName: 'Partner', ProviderType: 'OIDC', ProviderDetails: {} },
        physicalResourceId: cr.PhysicalResourceId.of('Partner'),
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [pool.userPoolArn] }),
    });
    const client = new cognito.CfnUserPoolClient(stack, 'L1', {
      userPoolId: pool.userPoolId,
      supportedIdentityProviders: ['COGNITO', 'Partner'],
      allowedOAuthFlowsUserPoolClient: true,
      allowedOAuthFlows: ['code'],
      allowedOAuthScopes: ['openid'],
      callbackUrLs: ['https://app.example.com/cb'],
    });
    client.node.addDependency(partner);
    addValidator(stack);
    // Before, VUPC-IDP-EXISTS failed the synth ('Partner' is not a provider of the pool) and VUPC-OAUTH-NEEDS-DOMAIN warned.
    expect(errorsOf(stack)).toEqual([]);
    expect(warningsOf(stack).filter((w) => w.includes('VUPC-OAUTH-NEEDS-DOMAIN'))).toEqual([]);
    const infos = Annotations.fromStack(stack).findInfo('/Stack/L1', Match.stringLikeRegexp('VUPC-POOL-RESOURCES-UNKNOWN')).map((m) => String(m.entry.data));
    expect(infos).toEqual([
      expect.stringContaining('SupportedIdentityProviders ["Partner"] were not checked against user pool PoolD3F588B8: the custom resource PartnerIdp5DC824D5 (Custom::AWS) is given the pool\'s id'),
      expect.stringContaining('AllowedOAuthFlows ["code"] were not checked for a domain of user pool PoolD3F588B8: the custom resource PartnerIdp5DC824D5 (Custom::AWS)'),
    ]);
  });

  test('the custom resource with which the aws-cdk L2 reads a generated secret adds nothing to the pool: its checks still run', () => {
    const { stack, pool } = testStack();
    const client = new cognito.UserPoolClient(stack, 'Secret', { userPool: pool, generateSecret: true });
    new CfnOutput(stack, 'SecretValue', { value: client.userPoolClientSecret.unsafeUnwrap() });
    addValidator(stack);
    expect(stack.node.findAll().some((n) => n instanceof cr.AwsCustomResource)).toBe(true);
    expect(warningsOf(stack).filter((w) => w.includes('VUPC-OAUTH-NEEDS-DOMAIN'))).toHaveLength(1);
    expect(Annotations.fromStack(stack).findInfo('*', Match.stringLikeRegexp('VUPC-POOL-RESOURCES-UNKNOWN'))).toEqual([]);
  });

  test('providers, a resource server and a domain in a third stack exist for a client of the pool in another stack', () => {
    // Before, VUPC-IDP-EXISTS and VUPC-OAUTH-SCOPE-EXISTS failed the synth ('Google' is not an identity provider of
    // the pool: it has COGNITO) and VUPC-OAUTH-NEEDS-DOMAIN warned, in the aspects and the command line.
    const app = testApp();
    const env = { account: '123456789012', region: 'eu-west-1' };
    const auth = new Stack(app, 'Auth', { env });
    const pool = new cognito.UserPool(auth, 'Pool');
    const idp = new Stack(app, 'Idp', { env });
    new cognito.UserPoolIdentityProviderGoogle(idp, 'Google', { userPool: pool, clientId: 'x', clientSecretValue: SecretValue.unsafePlainText('y') });
    new cognito.UserPoolResourceServer(idp, 'Orders', { userPool: pool, identifier: 'orders', scopes: [{ scopeName: 'read', scopeDescription: 'r' }] });
    new cognito.UserPoolDomain(idp, 'Domain', { userPool: pool, cognitoDomain: { domainPrefix: 'acme-test' } });
    const web = new Stack(app, 'Web', { env });
    web.addDependency(idp);
    const client = (stack: Stack, id: string, scope: string) => new cognito.UserPoolClient(stack, id, {
      userPool: pool,
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.GOOGLE],
      oAuth: { flows: { authorizationCodeGrant: true }, scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.custom(scope)], callbackUrls: ['https://a.example.com/cb'] },
    });
    client(web, 'Client', 'orders/read');
    // A scope the third stack's server does not name is taken to exist too (see PoolAdditions); one of no server is not.
    client(web, 'Other', 'billing/read');
    addValidator(app);
    const findings = (stack: Stack) => [...errorsOf(stack), ...warningsOf(stack)].filter((m) => /IDP-EXISTS|OAUTH-SCOPE-EXISTS|OAUTH-NEEDS-DOMAIN/.test(m));
    expect(findings(web)).toEqual([expect.stringMatching(/^\[VUPC-OAUTH-SCOPE-EXISTS\] Web\/Other\/Resource: AllowedOAuthScopes\[1\] \(prop oAuth.scopes\) 'billing\/read' is not a scope/)]);
    // The command line on the synthesized cloud assembly reads the same (it failed the same way).
    const outdir = app.synth().directory;
    let out = '';
    runCli(['--format', 'json', outdir], { out: (t) => (out += t), err: () => undefined });
    const cli = (JSON.parse(out).findings as Array<{ ruleId: string; logicalId: string; property: string }>)
      .filter((f) => /IDP-EXISTS|OAUTH-SCOPE-EXISTS|OAUTH-NEEDS-DOMAIN/.test(f.ruleId)).map((f) => [f.ruleId, f.property]);
    expect(cli).toEqual([['VUPC-OAUTH-SCOPE-EXISTS', 'AllowedOAuthScopes[1]']]);
  });

  test('clients of a pool outside the app are named once per stack, as not checked against their pool', () => {
    const { stack } = testStack();
    const imported = cognito.UserPool.fromUserPoolId(stack, 'Imported', 'eu-west-1_abc');
    new cognito.UserPoolClient(stack, 'First', { userPool: imported });
    new cognito.UserPoolClient(stack, 'Second', { userPool: imported });
    addValidator(stack);
    const infos = Annotations.fromStack(stack).findInfo('*', Match.stringLikeRegexp('VUPC-POOL-NOT-FOUND'));
    expect(infos.map((m) => m.id)).toEqual(['/Stack/First/Resource']);
    expect(String(infos[0].entry.data)).toMatch(/UserPoolId 'eu-west-1_abc' names a user pool that the checks did not find, so the \d+ rules about the user pool did not run for this app client or for the 1 other app client checked without it \(Stack\/Second\/Resource\)/);
  });

  test('the notice of clients checked without their pool is acknowledged where it is reported, not judged unused', () => {
    // Before, the aspects never applied an acknowledgement to an info, and judged the stack's waivers before the
    // notice was reported at its validation: the waiver was a VUPC-ACKNOWLEDGEMENT-UNUSED warning, the notice unchanged.
    for (const on of ['client', 'stack'] as const) {
      const { stack } = testStack();
      const first = new cognito.UserPoolClient(stack, 'First', { userPool: cognito.UserPool.fromUserPoolId(stack, 'Imported', 'eu-west-1_abc') });
      UserPoolClientAcknowledgements.acknowledge(on === 'client' ? first : stack, UserPoolClientRuleIds.POOL_NOT_FOUND, 'the platform stack makes the pool');
      addValidator(stack);
      const where = on === 'client' ? 'Stack/First' : 'Stack';
      expect(warningsOf(stack)).toEqual([]);
      const infos = Annotations.fromStack(stack).findInfo('/Stack/First/Resource', Match.stringLikeRegexp('VUPC-POOL-NOT-FOUND')).map((m) => String(m.entry.data));
      expect(infos).toEqual([expect.stringMatching(new RegExp(`^Acknowledged on ${where} \\(the platform stack makes the pool\\): \\[VUPC-POOL-NOT-FOUND\\]`))]);
    }
  });

  test('a list that is a token (a CommaDelimitedList parameter) skips the list checks', () => {
    const { stack, pool } = testStack();
    const urls = new CfnParameter(stack, 'Urls', { type: 'CommaDelimitedList' });
    new cognito.CfnUserPoolClient(stack, 'L1', { userPoolId: pool.userPoolId, allowedOAuthFlowsUserPoolClient: true, allowedOAuthFlows: ['code'], allowedOAuthScopes: ['openid'], callbackUrLs: urls.valueAsList, supportedIdentityProviders: ['COGNITO'] });
    addValidator(stack);
    expect(errorsOf(stack)).toEqual([]);
  });
});

describe('reporting', () => {
  test('warnings carry the rule id and can be acknowledged with CDK or with the library', () => {
    const { stack, pool } = testStack();
    const legacy = new cognito.CfnUserPoolClient(stack, 'Legacy', { userPoolId: pool.userPoolId, explicitAuthFlows: ['ADMIN_NO_SRP_AUTH'] });
    const viaCdk = new cognito.CfnUserPoolClient(stack, 'ViaCdk', { userPoolId: pool.userPoolId, explicitAuthFlows: ['ADMIN_NO_SRP_AUTH'] });
    const viaLib = new cognito.CfnUserPoolClient(stack, 'ViaLib', { userPoolId: pool.userPoolId, explicitAuthFlows: ['ADMIN_NO_SRP_AUTH'] });
    addValidator(stack);
    CoreAnnotations.of(viaCdk).acknowledgeWarning(UserPoolClientRuleIds.AUTHFLOW_LEGACY_DEPRECATED, 'migrating in Q3');
    UserPoolClientAcknowledgements.acknowledge(viaLib, UserPoolClientRuleIds.AUTHFLOW_LEGACY_DEPRECATED, 'migrating in Q3');
    const warnings = warningsOf(stack);
    expect(warnings).toEqual([expect.stringMatching(/^\[VUPC-AUTHFLOW-LEGACY-DEPRECATED\] Stack\/Legacy: .* \[ack: VUPC-AUTHFLOW-LEGACY-DEPRECATED\]$/)]);
    Annotations.fromStack(stack).hasInfo('/Stack/ViaLib', Match.stringLikeRegexp('^Acknowledged on Stack/ViaLib \\(migrating in Q3\\)'));
    expect(legacy.node.path).toBe('Stack/Legacy');
  });

  test('an acknowledged error becomes an info annotation with the reason and an audit entry', () => {
    const { app, stack, pool } = testStack();
    new cognito.CfnUserPoolClient(stack, 'Dev', { userPoolId: pool.userPoolId, allowedOAuthFlowsUserPoolClient: true, allowedOAuthFlows: ['code'], allowedOAuthScopes: ['openid'], callbackUrLs: ['http://dev.internal/cb'], supportedIdentityProviders: ['COGNITO'] });
    addValidator(stack);
    UserPoolClientAcknowledgements.acknowledge(stack, UserPoolClientRuleIds.CALLBACK_HTTPS, 'internal dev host behind the VPN');
    expect(errorsOf(stack)).toEqual([]);
    Annotations.fromStack(stack).hasInfo('/Stack/Dev', Match.stringLikeRegexp('^Acknowledged on Stack \\(internal dev host behind the VPN\\): \\[VUPC-CALLBACK-HTTPS\\]'));
    const manifest = app.synth().getStackArtifact('Stack').metadata;
    expect(manifest['/Stack']).toEqual(expect.arrayContaining([{ type: 'cdk-validated-user-pool-client:acknowledgement', data: { ruleId: 'VUPC-CALLBACK-HTTPS', reason: 'internal dev host behind the VPN' } }]));
  });

  test.each([
    ['an empty reason', UserPoolClientRuleIds.CALLBACK_HTTPS, '  ', /a non-empty reason is required to acknowledge VUPC-CALLBACK-HTTPS on Stack/],
    ['an unknown rule id', 'VUPC-NOPE', 'why', /'VUPC-NOPE' is not a rule id of cdk-validated-user-pool-client; use/],
    ['a misspelt rule id', 'VUPC-POLICY-NO-IMPLICT-GRANT', 'why', /is not a rule id of cdk-validated-user-pool-client \(did you mean 'VUPC-POLICY-NO-IMPLICIT-GRANT'\?\)/],
    ['a rule id with the prefix of Validations.acknowledge', 'cdk-validated-user-pool-client::VUPC-CALLBACK-HTTPS', 'why',
      /did you mean 'VUPC-CALLBACK-HTTPS'\? This API takes the bare id; the package prefix is for Validations.acknowledge/],
    ['a rule id in lower case', 'vupc-callback-https', 'why', /did you mean 'VUPC-CALLBACK-HTTPS'\?\); use/],
    ['an object without a prototype', Object.create(null) as string, 'why', /'\[object Object\]' is not a rule id of cdk-validated-user-pool-client/],
  ])('acknowledging with %s throws', (_name, id, reason, message) => {
    const { stack } = testStack();
    expect(() => UserPoolClientAcknowledgements.acknowledge(stack, id, reason)).toThrow(message);
  });

  test('disabledRules and warningRules', () => {
    const { stack, pool } = testStack();
    new cognito.CfnUserPoolClient(stack, 'L1', { userPoolId: pool.userPoolId, accessTokenValidity: 2, idTokenValidity: 2, refreshTokenValidity: 1, tokenValidityUnits: { accessToken: 'hours', idToken: 'hours', refreshToken: 'hours' }, authSessionValidity: 30 });
    addValidator(stack, new UserPoolClientValidator({
      disabledRules: [UserPoolClientRuleIds.AUTHSESSION_RANGE],
      warningRules: [UserPoolClientRuleIds.TOKEN_LE_REFRESH],
    }));
    expect(errorsOf(stack)).toEqual([]);
    expect(warningsOf(stack).map((w) => w.slice(0, 24))).toEqual(['[VUPC-TOKEN-LE-REFRESH] ', '[VUPC-TOKEN-LE-REFRESH] ']);
  });

  test.each([
    [{ disabledRules: ['VUPC-TYPO'] }, /disabledRules names 'VUPC-TYPO', which it cannot select/],
    [{ disabledRules: [Object.create(null) as string] }, /disabledRules names '\[object Object\]', which it cannot select/],
    [{ warningRules: 'VUPC-CALLBACK-HTTPS' as unknown as string[] }, /warningRules must be a list of rule ids/],
    [{ additionalEnumValues: { ExplicitAuthFlow: ['X'] } }, /additionalEnumValues key 'ExplicitAuthFlow' is not an enum property; did you mean 'ExplicitAuthFlows'\? \(allowed: ExplicitAuthFlows, /],
  ])('bad validator props are refused: %j', (props, message) => {
    expect(() => new UserPoolClientValidator(props)).toThrow(message);
  });

  test('clients that share a configuration each get its findings, on their own path, under each validator\'s options', () => {
    const { app, stack, pool } = testStack();
    const other = new Stack(app, 'Other');
    const otherPool = new cognito.UserPool(other, 'Pool');
    const shared = { explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_NEW_FLOW', 'ALLOW_REFRESH_TOKEN_AUTH'], accessTokenValidity: 2, tokenValidityUnits: { accessToken: 'minutes' } };
    for (const name of ['A', 'B', 'C']) new cognito.CfnUserPoolClient(stack, name, { userPoolId: pool.userPoolId, clientName: name, ...shared });
    new cognito.CfnUserPoolClient(other, 'D', { userPoolId: otherPool.userPoolId, clientName: 'D', ...shared });
    addValidator(stack);
    addValidator(other, new UserPoolClientValidator({ additionalEnumValues: { ExplicitAuthFlows: ['ALLOW_NEW_FLOW'] }, warningRules: [UserPoolClientRuleIds.ACCESS_DURATION] }));
    const ids = (messages: string[]) => messages.map((m) => m.match(/^\[([A-Z-]+)\] (\S+):/)!.slice(1).join(' '));
    expect(ids(errorsOf(stack))).toEqual([
      'VUPC-ACCESS-DURATION Stack/A', 'VUPC-AUTHFLOW-ENUM Stack/A',
      'VUPC-ACCESS-DURATION Stack/B', 'VUPC-AUTHFLOW-ENUM Stack/B',
      'VUPC-ACCESS-DURATION Stack/C', 'VUPC-AUTHFLOW-ENUM Stack/C',
    ]);
    expect(errorsOf(other)).toEqual([]);
    expect(ids(warningsOf(other))).toEqual(['VUPC-ACCESS-DURATION Other/D']);
  });

  test('a client changed between two syntheses is read again', () => {
    const { app, stack, pool } = testStack();
    const client = new cognito.CfnUserPoolClient(stack, 'L1', { userPoolId: pool.userPoolId, authSessionValidity: 3 });
    addValidator(stack);
    const errors = () => app.synth({ force: true }).getStackArtifact(stack.artifactId).messages.filter((m) => m.level === 'error').map((m) => String(m.entry.data));
    expect(errors()).toEqual([]);
    client.authSessionValidity = 30;
    expect(errors()).toEqual([expect.stringMatching(/^\[VUPC-AUTHSESSION-RANGE\] Stack\/L1: AuthSessionValidity 30/)]);
  });

  describe('what one synthesis read is not reused by the next', () => {
    const errorsIn = (app: App, stack: Stack) => app.synth({ force: true }).getStackArtifact(stack.artifactId).messages
      .filter((m) => m.level === 'error').map((m) => String(m.entry.data));

    test('a policy added before the second synthesis reads the client as it is then', () => {
      const { app, stack, pool } = testStack();
      const client = new cognito.CfnUserPoolClient(stack, 'L1', { userPoolId: pool.userPoolId, accessTokenValidity: 60, tokenValidityUnits: { accessToken: 'minutes' } });
      addValidator(stack);
      expect(errorsIn(app, stack)).toEqual([]);
      client.accessTokenValidity = 600;
      // On the app, so it visits the client before the stack's validator does.
      addValidator(app, new UserPoolClientPolicy({ maxAccessTokenMinutes: 60 }));
      expect(errorsIn(app, stack)).toEqual([expect.stringMatching(/^\[VUPC-POLICY-TOKEN-LIFETIME\] Stack\/L1: AccessTokenValidity 600/)]);
    });

    test('a client that could not be rendered is checked once it can be', () => {
      const { app, stack, pool } = testStack();
      let broken = true;
      new cognito.CfnUserPoolClient(stack, 'L1', {
        userPoolId: pool.userPoolId,
        authSessionValidity: 30,
        tokenValidityUnits: Lazy.any({ produce: () => { if (broken) throw new Error('not yet'); return { accessToken: 'minutes' }; } }),
      });
      addValidator(stack);
      expect(() => app.synth({ force: true })).toThrow(/not yet/);
      broken = false;
      expect(errorsIn(app, stack)).toEqual([expect.stringMatching(/^\[VUPC-AUTHSESSION-RANGE\] Stack\/L1: AuthSessionValidity 30/)]);
    });

    test.each([
      ['on the stack', (stack: Stack) => stack],
      ['below the stack (its aspects never visit the stack itself)', (stack: Stack) => new Construct(stack, 'Clients')],
    ])('the stack index is built again: validator %s', (_, scopeOf) => {
      const { app, stack } = testStack();
      const pool = new cognito.CfnUserPool(stack, 'Schema', { schema: [{ name: 'foo', attributeDataType: 'String' }] });
      const scope = scopeOf(stack);
      new cognito.CfnUserPoolClient(scope, 'L1', { userPoolId: pool.ref, readAttributes: ['custom:foo'] });
      addValidator(scope);
      expect(errorsIn(app, stack)).toEqual([]);
      pool.schema = [{ name: 'bar', attributeDataType: 'String' }];
      expect(errorsIn(app, stack)).toEqual([expect.stringMatching(/^\[VUPC-ATTR-EXISTS\] Stack\/(Clients\/)?L1: ReadAttributes\[0\] 'custom:foo'/)]);
    });
  });

  test('additionalEnumValues accepts values newer than the API model', () => {
    const { stack, pool } = testStack();
    new cognito.CfnUserPoolClient(stack, 'L1', { userPoolId: pool.userPoolId, explicitAuthFlows: ['ALLOW_PASSKEY_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] });
    addValidator(stack, new UserPoolClientValidator({ additionalEnumValues: { ExplicitAuthFlows: ['ALLOW_PASSKEY_AUTH'] } }));
    expect(errorsOf(stack)).toEqual([]);
  });
});

describe('one finding, once', () => {
  function badClient(stack: Stack, pool: cognito.UserPool) {
    return new ValidatedUserPoolClient(stack, 'Client', { userPool: pool, authSessionValidity: Duration.minutes(20) });
  }

  test('ValidatedUserPoolClient validates itself', () => {
    const { stack, pool } = testStack();
    badClient(stack, pool);
    expect(errorsOf(stack)).toEqual([expect.stringMatching(/^\[VUPC-AUTHSESSION-RANGE\] Stack\/Client\/Resource/)]);
  });

  test('a validator added at app level takes over from the built-in one (its options apply)', () => {
    const { app, stack, pool } = testStack();
    badClient(stack, pool);
    addValidator(app, new UserPoolClientValidator({ disabledRules: [UserPoolClientRuleIds.AUTHSESSION_RANGE] }));
    expect(errorsOf(stack)).toEqual([]);
  });

  test('two validators report a finding once', () => {
    const { app, stack, pool } = testStack();
    badClient(stack, pool);
    addValidator(stack);
    addValidator(app);
    expect(errorsOf(stack)).toHaveLength(1);
  });

  test('one built-in validator per stack serves its ValidatedUserPoolClients, and leaves other clients alone', () => {
    const { stack, pool } = testStack();
    new ValidatedUserPoolClient(stack, 'A', { userPool: pool, authSessionValidity: Duration.minutes(20) });
    new ValidatedUserPoolClient(stack, 'B', { userPool: pool, authSessionValidity: Duration.minutes(1) });
    new ValidatedUserPoolClient(stack, 'Off', { userPool: pool, authSessionValidity: Duration.minutes(20), validation: false });
    new cognito.CfnUserPoolClient(stack, 'L1', { userPoolId: pool.userPoolId, authSessionValidity: 1 });
    expect(Aspects.of(stack).all.filter((a) => UserPoolClientValidator.isUserPoolClientValidator(a))).toHaveLength(1);
    expect(errorsOf(stack)).toEqual([
      expect.stringMatching(/^\[VUPC-AUTHSESSION-RANGE\] Stack\/A\/Resource/),
      expect.stringMatching(/^\[VUPC-AUTHSESSION-RANGE\] Stack\/B\/Resource/),
    ]);
  });

  test('a client in a nested stack is checked by its own stack\'s built-in validator, once', () => {
    const { stack, pool } = testStack();
    badClient(stack, pool);
    const nested = new NestedStack(stack, 'Nested');
    new ValidatedUserPoolClient(nested, 'Inner', { userPool: cognito.UserPool.fromUserPoolId(nested, 'Imported', 'eu-west-1_abc123'), authSessionValidity: Duration.minutes(20) });
    // A nested stack's messages are part of its parent's artifact.
    expect(errorsOf(stack).sort()).toEqual([
      expect.stringMatching(/^\[VUPC-AUTHSESSION-RANGE\] Stack\/Client\/Resource/),
      expect.stringMatching(/^\[VUPC-AUTHSESSION-RANGE\] Stack\/Nested\/Inner\/Resource/),
    ]);
  });

  test('validation: false leaves the client to validators added elsewhere', () => {
    const { stack, pool } = testStack();
    new ValidatedUserPoolClient(stack, 'Client', { userPool: pool, authSessionValidity: Duration.minutes(20), validation: false });
    expect(errorsOf(stack)).toEqual([]);
  });

  test('an app-level validator does not reach into a nested stage: the built-in one still reports there, and the app names what nothing checked', () => {
    const app = testApp();
    const stage = new Stage(app, 'Prod');
    const stack = new Stack(stage, 'Stack');
    const pool = new cognito.UserPool(stack, 'Pool');
    badClient(stack, pool);
    new cognito.CfnUserPoolClient(stack, 'L1', { userPoolId: pool.userPoolId, authSessionValidity: 1 });
    addValidator(app, new UserPoolClientValidator({ disabledRules: [UserPoolClientRuleIds.AUTHSESSION_RANGE] }));
    const inStage = stage.synth().getStackArtifact(stack.artifactId).messages.filter((m) => m.level === 'error').map((m) => String(m.entry.data));
    expect(inStage).toEqual([expect.stringMatching(/^\[VUPC-AUTHSESSION-RANGE\] Prod\/Stack\/Client\/Resource/)]);
    // The L1 client was checked by no validator: before, it passed in silence. The L3 checked itself, so it is not named.
    expect(() => app.synth({ force: true })).toThrow(/\[VUPC-STAGE-NOT-CHECKED\] Prod: UserPoolClientValidator was added to the app, whose aspects do not reach this nested stage, so its 1 app client\(s\) \(Prod\/Stack\/L1\) are not checked/);
  });
});

test('VUPC-STAGE-NOT-CHECKED is an error on the app\'s own first stack when it has one: printed with the other findings, not as a thrown validation', () => {
  const app = testApp();
  const top = new Stack(app, 'Top');
  new cognito.CfnUserPoolClient(top, 'TopClient', { userPoolId: 'eu-west-1_AbCdEf123', authSessionValidity: 30 });
  const stage = new Stage(app, 'Prod');
  new cognito.CfnUserPoolClient(new Stack(stage, 'Stack'), 'L1', { userPoolId: 'eu-west-1_AbCdEf123' });
  Aspects.of(app).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
  const errors = app.synth().getStackArtifact(top.artifactId).messages.filter((m) => m.level === 'error').map((m) => [m.id, String(m.entry.data)]);
  expect(errors).toEqual([
    ['/Top', expect.stringMatching(/^\[VUPC-STAGE-NOT-CHECKED\] Prod: UserPoolClientValidator was added to the app/)],
    ['/Top/TopClient', expect.stringMatching(/^\[VUPC-AUTHSESSION-RANGE\] Top\/TopClient/)],
  ]);
  // A second synthesis reports it once.
  expect(app.synth({ force: true }).getStackArtifact(top.artifactId).messages.filter((m) => String(m.entry.data).includes('VUPC-STAGE-NOT-CHECKED'))).toHaveLength(1);
});
