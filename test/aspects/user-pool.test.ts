import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, AspectPriority, Aspects, CfnOutput, DefaultStackSynthesizer, Fn, NestedStack, SecretValue, Stack, Stage } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { UserPoolClientPolicy, UserPoolClientValidator, ValidatedUserPoolClient } from '../../src';
import { runCli } from '../../src/cli/run';
import { quietCdkBuiltinValidation, testApp } from '../helpers';

quietCdkBuiltinValidation();

const newStack = () => new Stack(testApp(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });

function federatedPool(stack: Stack, props: cognito.UserPoolProps = {}) {
  const pool = new cognito.UserPool(stack, 'Pool', {
    standardAttributes: { email: { required: true } },
    customAttributes: { plan: new cognito.StringAttribute() },
    ...props,
  });
  const google = new cognito.UserPoolIdentityProviderGoogle(stack, 'Google', {
    userPool: pool,
    clientId: 'google-client-id',
    clientSecretValue: SecretValue.unsafePlainText('google-secret'),
    attributeMapping: { email: cognito.ProviderAttribute.GOOGLE_EMAIL },
  });
  const oidc = new cognito.UserPoolIdentityProviderOidc(stack, 'Corp', {
    userPool: pool,
    name: 'CorpOIDC',
    clientId: 'corp',
    clientSecret: 'corp-secret',
    issuerUrl: 'https://login.corp.example.com',
    attributeMapping: { email: cognito.ProviderAttribute.other('mail'), givenName: cognito.ProviderAttribute.other('given_name') },
  });
  const read = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read orders' });
  const server = pool.addResourceServer('Orders', { identifier: 'orders', scopes: [read] });
  return { pool, google, oidc, read, server };
}

const validate = (stack: Stack) => Aspects.of(stack).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
const errors = (stack: Stack) => Annotations.fromStack(stack).findError('*', Match.anyValue()).map((m) => String(m.entry.data));
const warnings = (stack: Stack) => Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((m) => String(m.entry.data));
const oauth = { allowedOAuthFlowsUserPoolClient: true, allowedOAuthFlows: ['code'], allowedOAuthScopes: ['openid'], callbackUrLs: ['https://a.example.com/cb'] };

describe('identity providers', () => {
  test('ValidatedUserPoolClient lists the providers it is given and depends on them (DependsOn)', () => {
    const stack = newStack();
    const { pool, google, oidc } = federatedPool(stack, {});
    pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'example-federated' } });
    const client = new ValidatedUserPoolClient(stack, 'Web', {
      userPool: pool,
      supportedIdentityProviders: [],
      identityProviders: [google, oidc],
      oAuth: { callbackUrls: ['https://a.example.com/cb'] },
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, givenName: true }),
    });
    const template = Template.fromStack(stack);
    template.hasResource('AWS::Cognito::UserPoolClient', {
      Properties: Match.objectLike({ SupportedIdentityProviders: [{ Ref: stack.getLogicalId(google.node.defaultChild as cognito.CfnUserPoolIdentityProvider) }, { Ref: Match.stringLikeRegexp('^Corp') }] }),
      DependsOn: Match.arrayWith([stack.getLogicalId(google.node.defaultChild as cognito.CfnUserPoolIdentityProvider)]),
    });
    expect(errors(stack)).toEqual([]);
    expect(client.node.path).toBe('Stack/Web');
  });

  test('providers and resource servers the app imports by name exist outside the template: no error for them, still one for a typo', () => {
    const stack = newStack();
    const { pool } = federatedPool(stack);
    pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'example-imported' } });
    const saml = cognito.UserPoolIdentityProvider.fromProviderName(stack, 'Saml', 'ExternalSaml');
    const payments = cognito.UserPoolResourceServer.fromUserPoolResourceServerId(stack, 'Payments', 'https://payments.example.com');
    const charge = new cognito.ResourceServerScope({ scopeName: 'charge', scopeDescription: 'Charge' });
    new ValidatedUserPoolClient(stack, 'Partner', {
      userPool: pool,
      identityProviders: [saml],
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.custom('ExternalSmal')],
      oAuth: { callbackUrls: ['https://a.example.com/cb'] },
    });
    new ValidatedUserPoolClient(stack, 'Machine', {
      userPool: pool,
      generateSecret: true,
      oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.resourceServer(payments, charge), cognito.OAuthScope.custom('https://payment.example.com/charge')] },
    });
    validate(stack);
    expect(errors(stack).map((e) => e.slice(0, e.indexOf(' is not')))).toEqual([
      "[VUPC-IDP-EXISTS] Stack/Partner/Resource: SupportedIdentityProviders[0] (prop supportedIdentityProviders, identityProviders) 'ExternalSmal'",
      "[VUPC-OAUTH-SCOPE-EXISTS] Stack/Machine/Resource: AllowedOAuthScopes[1] (prop oAuth.scopes) 'https://payment.example.com/charge'",
    ]);
  });

  test('the aws-cdk L2 with a provider name races the provider; the validator says so', () => {
    const stack = newStack();
    const { pool } = federatedPool(stack);
    new cognito.UserPoolClient(stack, 'L2', { userPool: pool, supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.GOOGLE], oAuth: { callbackUrls: ['https://a.example.com/cb'] } });
    validate(stack);
    expect(errors(stack)).toEqual([expect.stringMatching(/^\[VUPC-IDP-DEPENDENCY\] Stack\/L2\/Resource: SupportedIdentityProviders\[0\] \(prop supportedIdentityProviders\) 'Google' names Google[0-9A-F]{8}, which the client does not depend on/)]);
  });

  test('a name given as a string with ValidatedUserPoolClient: the client depends on every provider registered on the pool', () => {
    const stack = newStack();
    const { pool } = federatedPool(stack);
    new ValidatedUserPoolClient(stack, 'Web', {
      userPool: pool,
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.GOOGLE, cognito.UserPoolClientIdentityProvider.custom('CorpOIDC')],
      oAuth: { callbackUrls: ['https://a.example.com/cb'] },
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, givenName: true }),
    });
    const [client] = Object.values(Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient'));
    expect(client.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^Google/), expect.stringMatching(/^Corp/)]));
    expect(errors(stack)).toEqual([]);
  });

  test('a provider the pool does not have', () => {
    const stack = newStack();
    const { pool } = federatedPool(stack);
    new cognito.CfnUserPoolClient(stack, 'L1', { userPoolId: pool.userPoolId, supportedIdentityProviders: ['COGNITO', 'Facebook'], ...oauth });
    validate(stack);
    expect(errors(stack)).toEqual([expect.stringMatching(/^\[VUPC-IDP-EXISTS\] Stack\/L1: SupportedIdentityProviders\[1\] 'Facebook' is not an identity provider of user pool Pool[0-9A-F]{8} \(it has: COGNITO, Google, CorpOIDC\)/)]);
  });

  test('write attributes must cover the required attributes and what a listed provider maps', () => {
    const stack = newStack();
    const { pool, oidc } = federatedPool(stack);
    new ValidatedUserPoolClient(stack, 'Web', {
      userPool: pool,
      supportedIdentityProviders: [],
      identityProviders: [oidc],
      oAuth: { callbackUrls: ['https://a.example.com/cb'] },
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ givenName: true }),
    });
    expect(errors(stack)).toEqual([
      expect.stringMatching(/^\[VUPC-WRITE-REQUIRED\] .*WriteAttributes \(prop writeAttributes\) \["given_name"\] omits email, required by user pool/),
      expect.stringMatching(/^\[VUPC-WRITE-MAPPED\] .*SupportedIdentityProviders\[0\] \(prop supportedIdentityProviders, identityProviders\) 'CorpOIDC' maps email, which WriteAttributes omits/),
    ]);
  });
});

describe('resource-server scopes', () => {
  test('OAuthScope.resourceServer adds the dependency; a custom string without it races the server', () => {
    const stack = newStack();
    const { pool, server, read } = federatedPool(stack);
    pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'example-m2m' } });
    new ValidatedUserPoolClient(stack, 'Worker', { userPool: pool, generateSecret: true, oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.resourceServer(server, read)] } });
    new cognito.CfnUserPoolClient(stack, 'Raw', { userPoolId: pool.userPoolId, generateSecret: true, allowedOAuthFlowsUserPoolClient: true, allowedOAuthFlows: ['client_credentials'], allowedOAuthScopes: ['orders/read', 'orders/write'] });
    validate(stack);
    Template.fromStack(stack).hasResource('AWS::Cognito::UserPoolClient', { DependsOn: Match.arrayWith([stack.getLogicalId(server.node.defaultChild as cognito.CfnUserPoolResourceServer)]) });
    expect(errors(stack)).toEqual([
      expect.stringMatching(/^\[VUPC-OAUTH-SCOPE-EXISTS\] Stack\/Raw: AllowedOAuthScopes\[1\] 'orders\/write' is not a scope of any resource/),
      expect.stringMatching(/^\[VUPC-OAUTH-SCOPE-DEPENDENCY\] Stack\/Raw: AllowedOAuthScopes\[0\] 'orders\/read' belongs to PoolOrders[0-9A-F]{8}, which the client does not depend on/),
    ]);
  });
});

describe('attributes, tier and domain', () => {
  test('a custom attribute the pool does not define', () => {
    const stack = newStack();
    const { pool } = federatedPool(stack);
    new ValidatedUserPoolClient(stack, 'Web', { userPool: pool, readAttributes: new cognito.ClientAttributes().withCustomAttributes('plan', 'tenant') });
    expect(errors(stack)).toEqual([expect.stringMatching(/^\[VUPC-ATTR-EXISTS\] Stack\/Web\/Resource: ReadAttributes\[1\] \(prop readAttributes\) 'custom:tenant' is not a custom attribute of user pool/)]);
  });

  test('ALLOW_USER_AUTH on a Lite pool, but not on an Essentials pool or one whose tier is unset', () => {
    for (const [featurePlan, expected] of [[cognito.FeaturePlan.LITE, 1], [cognito.FeaturePlan.ESSENTIALS, 0], [undefined, 0]] as const) {
      const stack = newStack();
      const pool = new cognito.UserPool(stack, 'Pool', { featurePlan });
      new ValidatedUserPoolClient(stack, 'Web', { userPool: pool, authFlows: { user: true } });
      expect(errors(stack).filter((e) => e.startsWith('[VUPC-AUTHFLOW-USER-AUTH-TIER]'))).toHaveLength(expected);
    }
  });

  test('OAuth on a pool without a domain is a warning', () => {
    const stack = newStack();
    const { pool } = federatedPool(stack);
    new ValidatedUserPoolClient(stack, 'Web', { userPool: pool, oAuth: { callbackUrls: ['https://a.example.com/cb'] } });
    expect(warnings(stack)).toEqual([expect.stringMatching(
      /^\[VUPC-OAUTH-NEEDS-DOMAIN\] Stack\/Web\/Resource: AllowedOAuthFlows \(prop oAuth.flows\) \["code"\] is set, but user pool Pool[0-9A-F]{8} has no domain.* Fix: Add a domain \(userPool.addDomain\(...\)\), or, if the app signs in only through the SDK, turn OAuth off \(disableOAuth: true\)\./,
    )]);
  });

  test('an imported pool is never guessed', () => {
    const stack = newStack();
    const imported = cognito.UserPool.fromUserPoolId(stack, 'Imported', 'eu-west-1_abc');
    new cognito.CfnUserPoolClient(stack, 'Client', {
      userPoolId: imported.userPoolId,
      supportedIdentityProviders: ['NoSuchProvider'],
      readAttributes: ['custom:nope'],
      explicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      ...oauth,
      allowedOAuthScopes: ['nope/read'],
    });
    validate(stack);
    expect(errors(stack)).toEqual([]);
  });
});

describe('a pool in another stack', () => {
  const vupc = (messages: string[]) => messages.filter((m) => m.startsWith('[VUPC-'));
  /** A pool with providers and a resource server in one stack, and a stack for its clients. */
  function twoStacks() {
    const app = testApp();
    const poolStack = new Stack(app, 'Pools');
    const pooled = federatedPool(poolStack);
    const clientStack = new Stack(app, 'Clients');
    Aspects.of(app).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
    return { app, poolStack, clientStack, ...pooled };
  }
  const federated = { ...oauth, supportedIdentityProviders: ['Google', 'CorpOIDC'], allowedOAuthScopes: ['orders/read'], readAttributes: ['custom:plan'] };

  test('checks its clients against it: what it lacks is an error that names it by construct path', () => {
    const { clientStack, pool } = twoStacks();
    new cognito.CfnUserPoolClient(clientStack, 'Client', {
      userPoolId: pool.userPoolId,
      ...oauth,
      supportedIdentityProviders: ['NoSuchProvider'],
      readAttributes: ['custom:nope'],
      allowedOAuthScopes: ['nope/read'],
    });
    expect(errors(clientStack)).toEqual([
      expect.stringMatching(/^\[VUPC-ATTR-EXISTS\] Clients\/Client: ReadAttributes\[0\] 'custom:nope' is not a custom attribute of user pool Pools\/Pool\/Resource/),
      expect.stringMatching(/^\[VUPC-IDP-EXISTS\] Clients\/Client: SupportedIdentityProviders\[0\] 'NoSuchProvider' is not an identity provider of user pool Pools\/Pool\/Resource \(it has: COGNITO, Google, CorpOIDC\)/),
      expect.stringMatching(/^\[VUPC-OAUTH-SCOPE-EXISTS\] Clients\/Client: AllowedOAuthScopes\[0\] 'nope\/read' is not a scope of any resource server of user pool Pools\/Pool\/Resource/),
    ]);
    // No domain anywhere for the pool.
    expect(vupc(warnings(clientStack))).toEqual([expect.stringMatching(/^\[VUPC-OAUTH-NEEDS-DOMAIN\] Clients\/Client: .*user pool Pools\/Pool\/Resource has no domain/)]);
  });

  test('its providers and resource servers need no DependsOn (its stack deploys first), and a pool of the same logical id in the client\'s stack is not taken for it', () => {
    const { clientStack, pool } = twoStacks();
    pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'cross-stack' } });
    // The same construct id gives the same logical id in the client's stack; that pool has no providers, scopes or domain.
    const local = new cognito.UserPool(clientStack, 'Pool');
    const logicalId = (p: cognito.UserPool) => Stack.of(p).resolve((p.node.defaultChild as cognito.CfnUserPool).logicalId);
    expect(logicalId(local)).toBe(logicalId(pool));
    new cognito.CfnUserPoolClient(clientStack, 'Remote', { userPoolId: pool.userPoolId, ...federated });
    new cognito.CfnUserPoolClient(clientStack, 'Local', { userPoolId: local.userPoolId, ...federated });
    const found = [...errors(clientStack), ...vupc(warnings(clientStack))];
    expect(found.filter((m) => m.includes('Clients/Remote'))).toEqual([]);
    expect(found.filter((m) => m.includes('Clients/Local')).map((m) => m.split(']')[0].slice(1))).toEqual([
      'VUPC-ATTR-EXISTS', 'VUPC-IDP-EXISTS', 'VUPC-IDP-EXISTS', 'VUPC-OAUTH-SCOPE-EXISTS', 'VUPC-OAUTH-NEEDS-DOMAIN',
    ]);
  });

  test('a provider the client\'s own stack adds to it counts, and needs a DependsOn like any of the stack\'s resources', () => {
    const { clientStack, pool } = twoStacks();
    const saml = new cognito.UserPoolIdentityProviderSaml(clientStack, 'Saml', {
      userPool: pool,
      name: 'Partner',
      metadata: cognito.UserPoolIdentityProviderSamlMetadata.url('https://idp.partner.example.com/metadata'),
    });
    const props = { userPoolId: pool.userPoolId, ...federated, supportedIdentityProviders: ['Partner', 'Google'] };
    new cognito.CfnUserPoolClient(clientStack, 'Without', props);
    new cognito.CfnUserPoolClient(clientStack, 'With', props).node.addDependency(saml);
    expect(errors(clientStack)).toEqual([
      expect.stringMatching(/^\[VUPC-IDP-DEPENDENCY\] Clients\/Without: SupportedIdentityProviders\[0\] 'Partner' names Saml[0-9A-F]{8}, which the client does not depend on/),
    ]);
  });

  test('the command line finds the same on the synthesized cloud assembly, where the reference is an import', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'vupc-cross-'));
    const app = testApp({ outdir });
    const poolStack = new Stack(app, 'Pools');
    const { pool } = federatedPool(poolStack);
    const clientStack = new Stack(app, 'Clients');
    new cognito.CfnUserPoolClient(clientStack, 'Client', {
      userPoolId: pool.userPoolId,
      ...federated,
      supportedIdentityProviders: ['NoSuchProvider', 'Google'],
      allowedOAuthScopes: ['nope/read', 'orders/read'],
    });
    Aspects.of(app).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
    const assembly = app.synth();
    // CDK adds how to acknowledge a warning to its message.
    const fromAspects = assembly.getStackArtifact(clientStack.artifactId).messages.map((m) => String(m.entry.data).replace(/ \[ack: [^\]]+\]$/, ''))
      .filter((m) => m.startsWith('[VUPC-'));
    expect(fromAspects).toHaveLength(3);
    let out = '';
    runCli(['--format', 'json', outdir], { out: (t) => (out += t), err: () => undefined });
    expect(JSON.parse(out).findings.map((f: { message: string }) => f.message)).toEqual(fromAspects);
  });

  const infos = (stack: Stack) => Annotations.fromStack(stack).findInfo('*', Match.anyValue()).map((m) => String(m.entry.data));

  test('a client that imports it by an export name another stack of the app defines is checked against it, as on the command line', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'vupc-import-'));
    const app = testApp({ outdir });
    const poolStack = new Stack(app, 'Pools');
    const { pool } = federatedPool(poolStack);
    // Both ways of exporting a value by a name written out: an output with exportName, and stack.exportValue.
    new CfnOutput(poolStack, 'PoolId', { value: pool.userPoolId, exportName: 'shared-pool-id' });
    poolStack.exportValue(pool.userPoolId, { name: 'shared-pool-id-2' });
    const clientStack = new Stack(app, 'Clients');
    for (const [id, name] of [['Client', 'shared-pool-id'], ['Other', 'shared-pool-id-2']]) {
      new cognito.CfnUserPoolClient(clientStack, id, { userPoolId: Fn.importValue(name), ...federated, supportedIdentityProviders: ['NoSuchProvider', 'Google'] });
    }
    Aspects.of(app).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
    expect(errors(clientStack)).toEqual(['Client', 'Other'].map((id) =>
      expect.stringMatching(new RegExp(`^\\[VUPC-IDP-EXISTS\\] Clients/${id}: SupportedIdentityProviders\\[0\\] 'NoSuchProvider' is not an identity provider of user pool Pools/Pool/Resource`))));
    expect(infos(clientStack).filter((m) => m.startsWith('[VUPC-POOL-NOT-FOUND]'))).toEqual([]);
    // The command line, on the cloud assembly, reads the same imports.
    const fromAspects = app.synth().getStackArtifact(clientStack.artifactId).messages.map((m) => String(m.entry.data).replace(/ \[ack: [^\]]+\]$/, ''))
      .filter((m) => m.startsWith('[VUPC-IDP-EXISTS]'));
    let out = '';
    runCli(['--format', 'json', outdir], { out: (t) => (out += t), err: () => undefined });
    expect(JSON.parse(out).findings.map((f: { message: string }) => f.message).filter((m: string) => m.startsWith('[VUPC-IDP-EXISTS]'))).toEqual(fromAspects);
  });

  test('the exports are read again in each synthesis: one added since the last is found', () => {
    const { app, poolStack, clientStack, pool } = twoStacks();
    new cognito.CfnUserPoolClient(clientStack, 'Client', { userPoolId: Fn.importValue('late'), ...oauth, supportedIdentityProviders: ['NoSuchProvider'] });
    const messages = () => app.synth({ force: true }).getStackArtifact(clientStack.artifactId).messages.map((m) => String(m.entry.data).split(':')[0]);
    expect(messages()).toEqual(['[VUPC-POOL-NOT-FOUND] Clients/Client']);
    new CfnOutput(poolStack, 'PoolId', { value: pool.userPoolId, exportName: 'late' });
    // (Annotations stay on a construct from one synthesis to the next: the first synthesis's notice is still there.)
    expect(messages()).toContain('[VUPC-IDP-EXISTS] Clients/Client');
  });

  test('an export name two stacks define, or one whose value is not a pool\'s id, names no pool: never guessed', () => {
    const { app, poolStack, clientStack, pool } = twoStacks();
    const third = new Stack(app, 'Third');
    const { pool: another } = federatedPool(third);
    new CfnOutput(poolStack, 'PoolId', { value: pool.userPoolId, exportName: 'twice' });
    new CfnOutput(third, 'PoolId', { value: another.userPoolId, exportName: 'twice' });
    new CfnOutput(poolStack, 'PoolArn', { value: pool.userPoolArn, exportName: 'pool-arn' });
    new cognito.CfnUserPoolClient(clientStack, 'Twice', { userPoolId: Fn.importValue('twice'), supportedIdentityProviders: ['NoSuchProvider'] });
    new cognito.CfnUserPoolClient(clientStack, 'Arn', { userPoolId: Fn.importValue('pool-arn'), supportedIdentityProviders: ['NoSuchProvider'] });
    expect(errors(clientStack)).toEqual([]);
    expect(infos(clientStack).filter((m) => m.startsWith('[VUPC-POOL-NOT-FOUND]'))).toEqual([
      expect.stringMatching(/^\[VUPC-POOL-NOT-FOUND\] Clients\/Twice: UserPoolId .* or for the 1 other app client checked without it \(Clients\/Arn\)/),
    ]);
  });

  test('the same export name in stages for different accounts (a pipeline\'s stages): each import is its own stage\'s, here and on the command line', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'vupc-stages-'));
    const app = testApp({ outdir });
    const stage = (id: string, account: string) => {
      const s = new Stage(app, id, { env: { account, region: 'eu-west-1' } });
      const poolStack = new Stack(s, 'Auth');
      const { pool } = federatedPool(poolStack);
      new CfnOutput(poolStack, 'PoolId', { value: pool.userPoolId, exportName: 'shared-pool-id' });
      const clientStack = new Stack(s, 'Service');
      new cognito.CfnUserPoolClient(clientStack, 'Client', { userPoolId: Fn.importValue('shared-pool-id'), ...federated, supportedIdentityProviders: ['NoSuchProvider'] });
      // Aspects do not cross a Stage: each gets its validator.
      Aspects.of(s).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
      return clientStack;
    };
    const stacks = [stage('Dev', '111111111111'), stage('Prod', '222222222222')];
    // An environment-agnostic stack may deploy to either account: its import is never guessed.
    const agnostic = new Stack(app, 'Agnostic');
    new cognito.CfnUserPoolClient(agnostic, 'Client', { userPoolId: Fn.importValue('shared-pool-id'), ...federated, supportedIdentityProviders: ['NoSuchProvider'] });
    Aspects.of(agnostic).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
    const assembly = app.synth();
    const messages = (artifact: { messages: Array<{ entry: { data?: unknown } }> }) => artifact.messages.map((m) => String(m.entry.data).replace(/ \[ack: [^\]]+\]$/, ''))
      .filter((m) => /^\[VUPC-(IDP-EXISTS|POOL-NOT-FOUND)\]/.test(m));
    const fromAspects = [
      ...stacks.flatMap((s) => messages(assembly.getNestedAssembly(`assembly-${Stage.of(s)!.stageName}`).getStackArtifact(s.artifactId))),
      ...messages(assembly.getStackArtifact(agnostic.artifactId)),
    ];
    expect(fromAspects.map((m) => m.split(' (it has')[0].replace(/ names a user pool.*/, ''))).toEqual([
      '[VUPC-IDP-EXISTS] Dev/Service/Client: SupportedIdentityProviders[0] \'NoSuchProvider\' is not an identity provider of user pool Dev/Auth/Pool/Resource',
      '[VUPC-IDP-EXISTS] Prod/Service/Client: SupportedIdentityProviders[0] \'NoSuchProvider\' is not an identity provider of user pool Prod/Auth/Pool/Resource',
      '[VUPC-POOL-NOT-FOUND] Agnostic/Client: UserPoolId {"Fn::ImportValue":"shared-pool-id"}',
    ]);
    let out = '';
    runCli(['--format', 'json', outdir], { out: (t) => (out += t), err: () => undefined });
    const fromCli = JSON.parse(out).findings.map((f: { message: string }) => f.message).filter((m: string) => /^\[VUPC-(IDP-EXISTS|POOL-NOT-FOUND)\]/.test(m));
    expect(fromCli.sort()).toEqual([...fromAspects].sort());
  });

  test('a client in a nested stack is checked against its parent\'s pool', () => {
    const { poolStack, pool } = twoStacks();
    const nested = new NestedStack(poolStack, 'Nested');
    new cognito.CfnUserPoolClient(nested, 'Client', { userPoolId: pool.userPoolId, supportedIdentityProviders: ['NoSuchProvider', 'Google'] });
    // CDK reports a nested stack's annotations with its parent's.
    expect(errors(poolStack)).toEqual([expect.stringMatching(/^\[VUPC-IDP-EXISTS\] Pools\/Nested\/Client: SupportedIdentityProviders\[0\] 'NoSuchProvider'/)]);
  });
});

describe('the app client quota', () => {
  /** The quota notes on the stacks' resources, from a new synthesis of the app. */
  const quotaNotes = (app: App, ...stacks: Stack[]) => {
    const assembly = app.synth({ force: true });
    return stacks.flatMap((stack) => assembly.getStackArtifact(stack.artifactId).messages.map((m) => String(m.entry.data)))
      .filter((m) => m.startsWith('[VUPC-QUOTA-CLIENTS]'));
  };

  test('each client counts once, however many checks read it: one note on the pool, with the count, in every synthesis', () => {
    // CDK stops a stack at 500 resources: the test lifts that limit.
    const app = testApp({ context: { '@aws-cdk/core:stackResourceLimit': 0 } });
    const stack = new Stack(app, 'Stack');
    const pool = new cognito.UserPool(stack, 'Pool');
    for (let i = 1; i <= 1001; i++) new cognito.CfnUserPoolClient(stack, `C${i}`, { userPoolId: pool.userPoolId });
    // Two checks on different levels of the tree read every client, and a new synthesis reads them all again.
    validate(stack);
    Aspects.of(app).add(UserPoolClientPolicy.recommended(), { priority: AspectPriority.READONLY });
    const expected = [expect.stringMatching(/^\[VUPC-QUOTA-CLIENTS\] Stack\/Pool\/Resource: 1,001 app clients refer to user pool Stack\/Pool\/Resource, past the default quota of 1,000\./)];
    expect(quotaNotes(app, stack)).toEqual(expected);
    expect(quotaNotes(app, stack)).toEqual(expected);
  });

  test('counts a pool\'s clients across the app\'s stacks (by reference or import), even those visited before the pool\'s stack, in every synthesis', () => {
    const app = testApp();
    // The client stacks come first in the tree, so the checks read their clients before the pool's stack.
    const clientStacks = [1, 2, 3].map((n) => new Stack(app, `Clients${n}`));
    const poolStack = new Stack(app, 'Pools');
    const pool = new cognito.UserPool(poolStack, 'Pool');
    new CfnOutput(poolStack, 'PoolId', { value: pool.userPoolId, exportName: 'pool-id' });
    // The last stack imports the pool by its export name.
    const poolIdIn = (stack: Stack) => (stack === clientStacks[2] ? Fn.importValue('pool-id') : pool.userPoolId);
    for (const stack of clientStacks) for (let i = 1; i <= 334; i++) new cognito.CfnUserPoolClient(stack, `C${i}`, { userPoolId: poolIdIn(stack) });
    new cognito.CfnUserPoolClient(poolStack, 'Own', { userPoolId: pool.userPoolId });
    validate(poolStack);
    Aspects.of(app).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
    const notes = () => quotaNotes(app, ...clientStacks, poolStack).map((m) => m.split('.')[0]);
    const expected = ['[VUPC-QUOTA-CLIENTS] Pools/Pool/Resource: 1,003 app clients refer to user pool Pools/Pool/Resource, past the default quota of 1,000'];
    expect(notes()).toEqual(expected);
    expect(notes()).toEqual(expected);
  });
});

test('snapshot of a complete federated setup (the client only: the pool and providers are aws-cdk\'s)', () => {
  const stack = new Stack(testApp(), 'Federated', { synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }) });
  const { pool, google, oidc, server, read } = federatedPool(stack);
  pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'example-federated' } });
  new ValidatedUserPoolClient(stack, 'Web', {
    userPool: pool,
    userPoolClientName: 'web',
    identityProviders: [google, oidc],
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.resourceServer(server, read)],
      callbackUrls: ['https://app.example.com/callback'],
      logoutUrls: ['https://app.example.com/'],
    },
    readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, emailVerified: true, givenName: true }).withCustomAttributes('plan'),
    writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, givenName: true }),
  });
  expect(errors(stack)).toEqual([]);
  expect(warnings(stack)).toEqual([]);
  expect(Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient')).toMatchSnapshot();
});
