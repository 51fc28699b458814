import * as fc from 'fast-check';
import { takeBranches, usesConditions } from '../../src/engine/conditions';
import { referencedIds } from '../../src/engine/references';
import { TemplateIndex } from '../../src/engine/template-index';
import { readClient } from '../../src/engine/validate-client';
import { indexTemplates, validateTemplates } from '../../src/engine/validate-template';
import { findRule } from '../../src/rules/registry';
import { InputKind } from '../../src/rules/rule';
import { anyJson, FC_PARAMS, intrinsic } from '../property/arbitraries';

const CORP = { Type: 'AWS::Cognito::UserPoolIdentityProvider', Properties: { UserPoolId: { Ref: 'Pool' }, ProviderName: 'Corp', ProviderType: 'OIDC' } };
/** A template with an identity provider and a resource server, whose Refs the index resolves. */
const index = TemplateIndex.of({
  Pool: { Type: 'AWS::Cognito::UserPool' },
  Corp: CORP,
  Api: { Type: 'AWS::Cognito::UserPoolResourceServer', Properties: { UserPoolId: { Ref: 'Pool' }, Identifier: 'api', Name: 'api' } },
});

/** Values with the references, joins and NoValues reading has to handle, anywhere. */
const special = fc.constantFrom<unknown>(
  { Ref: 'AWS::NoValue' },
  { Ref: 'Corp' },
  { Ref: 'Pool' },
  { 'Fn::Join': ['/', [{ Ref: 'Api' }, 'read']] },
  { 'Fn::Join': ['', ['x', { Ref: 'AWS::NoValue' }]] },
  { 'Fn::Sub': ['${Api}/${Other.Arn}', { Other: { Ref: 'Corp' } }] },
  { 'Fn::GetAtt': 'Pool.Arn' },
  { Ref: 'Corp', Other: 1 },
  undefined,
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, special, anyJson, intrinsic, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.constantFrom('A', 'Ref', 'Fn::GetAtt', 'Fn::Sub', 'B'), tie('node'), { maxKeys: 3 })),
})).node;
/** Paths of the object members that hold undefined. */
function undefinedMembers(of: unknown, path = ''): string[] {
  if (of === null || typeof of !== 'object') return [];
  return Object.entries(of).flatMap(([k, v]) => (v === undefined ? [`${path}.${k}`] : undefinedMembers(v, `${path}.${k}`)));
}

const properties = fc.dictionary(fc.constantFrom('UserPoolId', 'AllowedOAuthScopes', 'SupportedIdentityProviders', 'ClientName', 'TokenValidityUnits', 'Other'), value, { maxKeys: 5 });

test('one walk reads a client as resolving known references, dropping NoValue and collecting references one after another would', () => {
  fc.assert(fc.property(fc.oneof(properties, value), fc.option(fc.oneof(fc.constant('Api'), fc.array(fc.constantFrom('Api', 'Corp', 7))), { nil: undefined }), (props, dependsOn) => {
    const resource = { Type: 'AWS::Cognito::UserPoolClient', Properties: props, DependsOn: dependsOn };
    const { variants, context } = index.read(resource, { dependencies: ['Extra'] });
    // A client with conditions is read once per assignment, each as its branches would be read on their own.
    for (const { when, client } of variants) {
      const expected = readClient(when ? takeBranches(props, when) : props, (v) => index.resolveKnown(v));
      expect(client).toEqual(expected);
      // toEqual overlooks members set to undefined, which rules would read as present.
      expect(undefinedMembers(client)).toEqual(undefinedMembers(expected));
    }
    expect(variants.length > 1 || variants[0].when !== undefined).toBe(usesConditions(props));
    const references = referencedIds(props);
    for (const d of [dependsOn ?? []].flat()) if (typeof d === 'string') references.add(d);
    references.add('Extra');
    expect([...context.dependencies!].sort()).toEqual([...references].sort());
  }), FC_PARAMS);
});

test('a provider named once by name and once by a Ref the template resolves is named twice (VUPC-IDP-DUPLICATE)', () => {
  const client = { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' }, SupportedIdentityProviders: ['Corp', { Ref: 'Corp' }] } };
  const findings = validateTemplates([{ template: { Resources: { Pool: { Type: 'AWS::Cognito::UserPool' }, Corp: CORP, Client: client } }, pathOf: (id) => id }], () => ({ service: {} }));
  expect(findings.filter((f) => f.finding.ruleId === 'VUPC-IDP-DUPLICATE').map((f) => [f.logicalId, f.finding.property])).toEqual([['Client', 'SupportedIdentityProviders[1]']]);
});

test('what a client depends on includes what its dependencies depend on, at any depth, as CloudFormation orders creation', () => {
  const client = (extra: Record<string, unknown>) => ({ Type: 'AWS::Cognito::UserPoolClient', ...extra, Properties: { UserPoolId: { Ref: 'Pool' }, SupportedIdentityProviders: ['Corp'] } });
  const template = {
    Resources: {
      Pool: { Type: 'AWS::Cognito::UserPool' },
      Corp: CORP,
      Domain: { Type: 'AWS::Cognito::UserPoolDomain', DependsOn: ['Corp'], Properties: { UserPoolId: { Ref: 'Pool' }, Domain: 'acme' } },
      Table: { Type: 'AWS::DynamoDB::Table', DependsOn: 'Domain' },
      // A cycle (which CloudFormation refuses) ends the walk instead of hanging it.
      Loop1: { Type: 'AWS::SNS::Topic', Properties: { Name: { 'Fn::GetAtt': ['Loop2', 'TopicName'] } } },
      Loop2: { Type: 'AWS::SNS::Topic', DependsOn: 'Loop1' },
      ThroughDomain: client({ DependsOn: 'Domain' }),
      ThroughTwo: client({ DependsOn: ['Table'] }),
      ThroughReference: client({ Metadata: {}, DependsOn: [] }),
      Direct: client({ DependsOn: 'Corp' }),
      Without: client({ DependsOn: 'Loop1' }),
    },
  };
  (template.Resources.ThroughReference.Properties as Record<string, unknown>).ClientName = { 'Fn::GetAtt': ['Table', 'Arn'] };
  const findings = validateTemplates([{ template, pathOf: (id) => id }], () => ({ service: {} }));
  expect(findings.filter((f) => f.finding.ruleId === 'VUPC-IDP-DEPENDENCY').map((f) => f.logicalId)).toEqual(['Without']);
});

test('a nested stack\'s conditions take the parameter values its parent gives: a literal, or a parent parameter\'s AllowedValues', () => {
  const child = {
    Parameters: { Secret: { Type: 'String', AllowedValues: ['true', 'false'] }, Stage: { Type: 'String' }, Free: { Type: 'String', AllowedValues: ['true', 'false'] } },
    Conditions: {
      WithSecret: { 'Fn::Equals': [{ Ref: 'Secret' }, 'true'] },
      Prod: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] },
      FreeSecret: { 'Fn::Equals': [{ Ref: 'Free' }, 'true'] },
    },
    Resources: Object.fromEntries(['WithSecret', 'Prod', 'FreeSecret'].map((condition) => [`M2m${condition}`, {
      Type: 'AWS::Cognito::UserPoolClient',
      Properties: {
        UserPoolId: 'us-east-1_abc',
        GenerateSecret: { 'Fn::If': [condition, true, false] },
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['client_credentials'],
        AllowedOAuthScopes: ['api/read'],
      },
    }])),
  };
  const parent = {
    Parameters: { Env: { Type: 'String', AllowedValues: ['prod'] } },
    Resources: { Nested: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: './child.yaml', Parameters: { Secret: 'true', Stage: { Ref: 'Env' } } } } },
  };
  const findings = validateTemplates([{ template: parent, pathOf: (id) => id }, { template: child, pathOf: (id) => id, parent: { index: 0, logicalId: 'Nested' } }], () => ({ service: {} }));
  // Only the client whose condition the parent leaves open can deploy without a secret.
  expect(findings.filter((f) => f.finding.ruleId === 'VUPC-OAUTH-CC-SECRET').map((f) => [f.logicalId, f.finding.condition])).toEqual([['M2mFreeSecret', 'not FreeSecret']]);
});

test('a parameter a parent fixes to one value reads as that value in the nested template; one it leaves open stays unknown', () => {
  const child = {
    Parameters: { Url: { Type: 'String' }, Open: { Type: 'String' } },
    Resources: {
      Web: {
        Type: 'AWS::Cognito::UserPoolClient',
        Properties: {
          UserPoolId: 'us-east-1_abc',
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ['code'],
          AllowedOAuthScopes: ['openid'],
          CallbackURLs: [{ Ref: 'Url' }, { 'Fn::Sub': '${Url}/second' }, { Ref: 'Open' }],
        },
      },
    },
  };
  const parent = { Resources: { Nested: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: './child.yaml', Parameters: { Url: 'http://app.example.com' } } } } };
  const findings = validateTemplates([{ template: parent, pathOf: (id) => id }, { template: child, pathOf: (id) => id, parent: { index: 0, logicalId: 'Nested' } }], () => ({ service: {} }));
  expect(findings.filter((f) => f.finding.ruleId === 'VUPC-CALLBACK-HTTPS').map((f) => f.finding.property)).toEqual(['CallbackURLs[0]', 'CallbackURLs[1]']);
});

test('a pool and a fixed value passed down through a middle nested stack reach the grandchild (a chain of parameters, as CDK writes it)', () => {
  // Before, only a parent's own pool was followed: the grandchild's scope of no resource server passed the command line and the
  // plugin (only VUPC-POOL-NOT-FOUND, an info) while the aspects reported VUPC-OAUTH-SCOPE-EXISTS.
  const stack = (url: string, parameters: Record<string, unknown>) => ({ Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: url, Parameters: parameters } });
  const parent = {
    Resources: {
      Pool: { Type: 'AWS::Cognito::UserPool' },
      Domain: { Type: 'AWS::Cognito::UserPoolDomain', Properties: { UserPoolId: { Ref: 'Pool' }, Domain: 'chain' } },
      Child: stack('./child.json', { PoolRef: { Ref: 'Pool' }, Url: 'http://app.example.com' }),
    },
  };
  const child = {
    Parameters: { PoolRef: { Type: 'String' }, Url: { Type: 'String' } },
    Resources: { GrandChild: stack('./grandchild.json', { ParentPool: { Ref: 'PoolRef' }, CallbackUrl: { Ref: 'Url' } }) },
  };
  const grandchild = {
    Parameters: { ParentPool: { Type: 'String' }, CallbackUrl: { Type: 'String' } },
    Resources: {
      Client: {
        Type: 'AWS::Cognito::UserPoolClient',
        Properties: {
          UserPoolId: { Ref: 'ParentPool' },
          GenerateSecret: true,
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ['code'],
          AllowedOAuthScopes: ['orders/read'],
          CallbackURLs: [{ Ref: 'CallbackUrl' }],
          SupportedIdentityProviders: ['COGNITO'],
        },
      },
    },
  };
  const findings = validateTemplates([
    { template: parent, pathOf: (id) => `Parent/${id}` },
    { template: child, pathOf: (id) => `Child/${id}`, parent: { index: 0, logicalId: 'Child' } },
    { template: grandchild, pathOf: (id) => `GrandChild/${id}`, parent: { index: 1, logicalId: 'GrandChild' } },
  ], () => ({ service: {} }));
  expect(findings.map((f) => [f.template, f.finding.ruleId, f.finding.property])).toEqual([
    [2, 'VUPC-CALLBACK-HTTPS', 'CallbackURLs[0]'],
    [2, 'VUPC-OAUTH-SCOPE-EXISTS', 'AllowedOAuthScopes[0]'],
  ]);
  expect(findings[1].finding.message).toContain('of user pool Parent/Pool');
});

test('a dynamic reference a parent passes is no fixed value: the nested stack\'s conditions stay open', () => {
  // Before, `{{resolve:ssm:/app/stage}}` was taken as the stage itself, and the prod branch was never checked.
  const child = {
    Parameters: { Env: { Type: 'String' } },
    Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
    Resources: {
      Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: 'us-east-1_abc', ExplicitAuthFlows: { 'Fn::If': ['IsProd', ['ALLOW_BOGUS'], ['ALLOW_USER_SRP_AUTH']] } } },
    },
  };
  const parent = { Resources: { Nested: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: './child.yaml', Parameters: { Env: '{{resolve:ssm:/app/stage}}' } } } } };
  const findings = validateTemplates([{ template: parent, pathOf: (id) => id }, { template: child, pathOf: (id) => id, parent: { index: 0, logicalId: 'Nested' } }], () => ({ service: {} }));
  expect(findings.filter((f) => f.finding.ruleId === 'VUPC-AUTHFLOW-ENUM').map((f) => f.finding.condition)).toEqual(['IsProd']);
});

test('plain data is returned as it is, not copied', () => {
  const props = { AllowedOAuthScopes: ['openid'], TokenValidityUnits: { AccessToken: 'minutes' }, UserPoolId: { Ref: 'Pool' } };
  const { variants: [{ client }] } = index.read({ Properties: props });
  expect((client as { properties: unknown }).properties).toBe(props);
  const { variants: [{ client: resolved }] } = index.read({ Properties: { ...props, SupportedIdentityProviders: [{ Ref: 'Corp' }, { Ref: 'AWS::NoValue' }] } });
  expect((resolved as { properties: Record<string, unknown> }).properties.SupportedIdentityProviders).toEqual(['Corp']);
});

test('objects without a prototype, where a template holds a logical id, name nothing and throw nothing', () => {
  const bare = Object.create(null) as object;
  const resource = { Properties: { UserPoolId: { 'Fn::GetAtt': [bare, 'UserPoolId'] }, Other: { 'Fn::GetAtt': bare, 'A': 1 } } };
  const { context } = index.read(resource);
  expect(context.pool).toBeUndefined();
  expect([...context.dependencies!]).toEqual([]);
});

test('a provider or resource server named only at deploy time leaves the pool\'s providers or scopes partly known, and says which and why', () => {
  const pool = TemplateIndex.of({
    Pool: { Type: 'AWS::Cognito::UserPool' },
    Corp: CORP,
    Named: { Type: 'AWS::Cognito::UserPoolIdentityProvider', Properties: { UserPoolId: { Ref: 'Pool' }, ProviderName: { Ref: 'IdpName' } } },
    Api: { Type: 'AWS::Cognito::UserPoolResourceServer', Properties: { UserPoolId: { Ref: 'Pool' }, Identifier: { 'Fn::Sub': '${AWS::StackName}-api' }, Name: 'api' } },
  }).poolOf({ Ref: 'Pool' })!;
  // The provider named literally stays known.
  expect([[...pool.identityProviders!.keys()], [...pool.resourceServerScopes!.keys()]]).toEqual([['Corp'], []]);
  expect(pool.identityProvidersUnknown).toBe('the ProviderName of its identity provider Named is {"Ref":"IdpName"}, known only at deploy time');
  expect(pool.resourceServersUnknown).toBe('the Identifier of its resource server Api is {"Fn::Sub":"${AWS::StackName}-api"}, known only at deploy time');
  const known = TemplateIndex.of({ Pool: { Type: 'AWS::Cognito::UserPool' }, Corp: CORP }).poolOf({ Ref: 'Pool' })!;
  expect([known.identityProvidersUnknown, known.resourceServersUnknown]).toEqual([undefined, undefined]);
});

test('a template whose provider is named by a parameter tells each client that lists a provider, instead of passing it over', () => {
  const template = {
    Resources: {
      Pool: { Type: 'AWS::Cognito::UserPool' },
      Named: { Type: 'AWS::Cognito::UserPoolIdentityProvider', Properties: { UserPoolId: { Ref: 'Pool' }, ProviderName: { Ref: 'IdpName' } } },
      Web: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' }, SupportedIdentityProviders: ['COGNITO', 'Misspelt'] } },
      Plain: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' }, SupportedIdentityProviders: ['COGNITO'] } },
    },
  };
  const about = new Set(['VUPC-IDP-EXISTS', 'VUPC-IDP-DEPENDENCY', 'VUPC-POOL-RESOURCES-UNKNOWN']);
  const findingsOf = (t: object) => validateTemplates([{ template: t, pathOf: (id) => id }], () => ({ service: {} }))
    .map((f) => f.finding).filter((f) => about.has(f.ruleId));
  const found = findingsOf(template);
  expect(found.map((f) => [f.ruleId, f.severity, f.path, f.property])).toEqual([['VUPC-POOL-RESOURCES-UNKNOWN', 'info', 'Web', 'SupportedIdentityProviders']]);
  expect(found[0].message).toContain('SupportedIdentityProviders ["Misspelt"] were not checked against user pool Pool: '
    + 'the ProviderName of its identity provider Named is {"Ref":"IdpName"}, known only at deploy time. A name the template does not define may still exist');
  // With the name written out, the same client gets the checks themselves.
  const literal = { Resources: { ...template.Resources, Named: { ...template.Resources.Named, Properties: { UserPoolId: { Ref: 'Pool' }, ProviderName: 'Corp' } } } };
  expect(findingsOf(literal).map((f) => [f.ruleId, f.property])).toEqual([['VUPC-IDP-EXISTS', 'SupportedIdentityProviders[1]']]);
});

test('a custom resource given the pool\'s id (Amplify Gen 1\'s hosted UI) may make its providers and domain: the client is told they were not checked, not failed', () => {
  // As Amplify Gen 1 writes social sign-in: providers and domain made by Lambda-backed custom resources the clients depend on.
  const web = {
    Type: 'AWS::Cognito::UserPoolClient',
    DependsOn: ['HostedUIProvidersCustomResourceInputs'],
    Properties: {
      UserPoolId: { Ref: 'UserPool' },
      SupportedIdentityProviders: ['Facebook', 'Google', 'COGNITO'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid'],
      CallbackURLs: ['https://app.example.com/'],
    },
  };
  const custom = (given: object) => ({ Type: 'Custom::LambdaCallout', Properties: { ServiceToken: { 'Fn::GetAtt': ['Fn', 'Arn'] }, ...given } });
  const template = (resources: object) => ({ Resources: { UserPool: { Type: 'AWS::Cognito::UserPool' }, Web: web, ...resources } });
  const about = new Set(['VUPC-IDP-EXISTS', 'VUPC-OAUTH-NEEDS-DOMAIN', 'VUPC-POOL-RESOURCES-UNKNOWN']);
  const findingsOf = (t: object) => validateTemplates([{ template: t, pathOf: (id) => id }], () => ({ service: {} }))
    .map((f) => f.finding).filter((f) => about.has(f.ruleId)).map((f) => [f.ruleId, f.severity, f.property, f.message.split('. ')[0]]);
  expect(findingsOf(template({
    HostedUIProvidersCustomResourceInputs: custom({ userPoolId: { Ref: 'UserPool' }, hostedUIProviderMeta: { Ref: 'Meta' } }),
    // A reference inside a joined string counts too (a CDK AwsCustomResource writes its call as JSON text).
    HostedUICustomResourceInputs: custom({ Create: { 'Fn::Join': ['', ['{"UserPoolId":"', { Ref: 'UserPool' }, '"}']] } }),
  }))).toEqual([
    ['VUPC-POOL-RESOURCES-UNKNOWN', 'info', 'SupportedIdentityProviders', 'Web: SupportedIdentityProviders ["Facebook","Google"] were not checked against user pool UserPool: '
      + 'the custom resource HostedUIProvidersCustomResourceInputs (Custom::LambdaCallout) is given the pool\'s id and may create identity providers'],
    ['VUPC-POOL-RESOURCES-UNKNOWN', 'info', 'AllowedOAuthFlows', 'Web: AllowedOAuthFlows ["code"] were not checked for a domain of user pool UserPool: '
      + 'the custom resource HostedUIProvidersCustomResourceInputs (Custom::LambdaCallout) is given the pool\'s id and may create a domain'],
  ].map(([id, severity, property, message]) => [id, severity, property, `[${id}] ${message}`]));
  // A custom resource that is not given the pool changes nothing: the providers are missing and the pool has no domain.
  expect(findingsOf(template({ Other: custom({ bucket: { Ref: 'Bucket' } }) })).map((f) => [f[0], f[2]])).toEqual([
    ['VUPC-IDP-EXISTS', 'SupportedIdentityProviders[0]'], ['VUPC-IDP-EXISTS', 'SupportedIdentityProviders[1]'], ['VUPC-OAUTH-NEEDS-DOMAIN', 'AllowedOAuthFlows'],
  ]);
  // A domain the template defines is known, whatever a custom resource may add.
  const withDomain = template({
    Providers: { Type: 'AWS::CloudFormation::CustomResource', Properties: { ServiceToken: 'arn', Pool: { 'Fn::GetAtt': ['UserPool', 'Arn'] } } },
    Domain: { Type: 'AWS::Cognito::UserPoolDomain', Properties: { UserPoolId: { Ref: 'UserPool' }, Domain: 'app' } },
  });
  expect(findingsOf(withDomain).map((f) => [f[0], f[2]])).toEqual([['VUPC-POOL-RESOURCES-UNKNOWN', 'SupportedIdentityProviders']]);
});

test('a provider named literally is still checked beside one named by a parameter; only a name that matches none is told', () => {
  const template = {
    Resources: {
      Pool: { Type: 'AWS::Cognito::UserPool' },
      Google: { Type: 'AWS::Cognito::UserPoolIdentityProvider', Properties: { UserPoolId: { Ref: 'Pool' }, ProviderName: 'Google', AttributeMapping: { email: 'email' } } },
      Named: { Type: 'AWS::Cognito::UserPoolIdentityProvider', Properties: { UserPoolId: { Ref: 'Pool' }, ProviderName: { Ref: 'IdpName' } } },
      // Lists Google without depending on it, and a name that may be the one of the parameter.
      Web: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' }, SupportedIdentityProviders: ['COGNITO', 'Google', 'Partner'] } },
    },
  };
  const about = new Set(['VUPC-IDP-EXISTS', 'VUPC-IDP-DEPENDENCY', 'VUPC-POOL-RESOURCES-UNKNOWN']);
  const found = validateTemplates([{ template, pathOf: (id) => id }], () => ({ service: {} }))
    .map((f) => f.finding).filter((f) => about.has(f.ruleId));
  expect(found.map((f) => [f.ruleId, f.property])).toEqual([['VUPC-IDP-DEPENDENCY', 'SupportedIdentityProviders[1]'], ['VUPC-POOL-RESOURCES-UNKNOWN', 'SupportedIdentityProviders']]);
  expect(found[1].message).toContain('SupportedIdentityProviders ["Partner"] were not checked against user pool Pool');
});

test('app clients checked without their pool are named once per template, on the first, with how many others (never for API JSON)', () => {
  const client = (UserPoolId: unknown) => ({ Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId, SupportedIdentityProviders: ['COGNITO', 'Misspelt'] } });
  const template = { Resources: { A: client('eu-west-1_abc'), B: client({ Ref: 'PoolIdParam' }), C: client({ 'Fn::ImportValue': 'pool-id' }), NoId: client(undefined), Pool: { Type: 'AWS::Cognito::UserPool' }, Own: client({ Ref: 'Pool' }) } };
  const notFound = (service: object) => validateTemplates([{ template, pathOf: (id) => id }], () => ({ service })).map((f) => f.finding).filter((f) => f.ruleId === 'VUPC-POOL-NOT-FOUND');
  const [finding, ...more] = notFound({});
  expect(more).toEqual([]);
  expect([finding.severity, finding.path, finding.property]).toEqual(['info', 'A', 'UserPoolId']);
  expect(finding.message).toMatch(/^\[VUPC-POOL-NOT-FOUND\] A: UserPoolId 'eu-west-1_abc' names a user pool that the checks did not find, so the \d+ rules about the user pool did not run for this app client or for the 2 other app clients checked without it \(B, C\)\./);
  expect(notFound({ disabledRules: new Set(['VUPC-POOL-NOT-FOUND']) })).toEqual([]);
  // The count is of the pool rules that would have run: one turned off is not counted.
  const counted = (message: string) => Number(/so the (\d+) rules/.exec(message)![1]);
  expect(counted(notFound({ disabledRules: new Set(['VUPC-IDP-EXISTS']) })[0].message)).toBe(counted(finding.message) - 1);
  expect(notFound({ input: InputKind.API_RESPONSE })).toEqual([]);
});

describe('a pool of another template', () => {
  /** The other template's pool: a provider, a resource server, a domain, a custom attribute. */
  const home = TemplateIndex.of({
    Pool: { Type: 'AWS::Cognito::UserPool', Properties: { Schema: [{ Name: 'plan' }], UserPoolTier: 'PLUS' } },
    Corp: { Type: 'AWS::Cognito::UserPoolIdentityProvider', Properties: { UserPoolId: { Ref: 'Pool' }, ProviderName: 'Corp', AttributeMapping: { email: 'mail' } } },
    Api: { Type: 'AWS::Cognito::UserPoolResourceServer', Properties: { UserPoolId: { Ref: 'Pool' }, Identifier: 'api', Scopes: [{ ScopeName: 'read' }] } },
    Domain: { Type: 'AWS::Cognito::UserPoolDomain', Properties: { UserPoolId: { Ref: 'Pool' } } },
    Own: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' } } },
  }, { poolKeyPrefix: 'home#' });
  const homePool = home.poolOf({ Ref: 'Pool' })!;
  const key = 'Home/Pool/Resource';
  const here = (pool: () => typeof homePool | undefined, asked: string[] = []) => TemplateIndex.of({
    // A pool of this template with the other's logical id, and a provider this template adds to the other's pool.
    Pool: { Type: 'AWS::Cognito::UserPool' },
    Saml: { Type: 'AWS::Cognito::UserPoolIdentityProvider', Properties: { UserPoolId: { Ref: key }, ProviderName: 'Partner' } },
  }, { otherPool: (k) => (asked.push(k), k === key ? { name: key, pool } : undefined) });

  test('is the other template\'s, with this template\'s additions; only what this template adds needs a DependsOn', () => {
    const asked: string[] = [];
    const { context } = here(() => homePool, asked).read({ Properties: { UserPoolId: { Ref: key } } });
    const pool = context.pool!;
    expect(pool.logicalId).toBe(key);
    expect([...pool.identityProviders!.entries()]).toEqual([
      ['Corp', { logicalId: `${key}#Corp`, mappedAttributes: new Set(['email']) }],
      ['Partner', { logicalId: 'Saml', mappedAttributes: new Set() }],
    ]);
    expect([...pool.resourceServerScopes!]).toEqual([['api/read', `${key}#Api`]]);
    expect([...pool.deployedBefore!].sort()).toEqual([`${key}#Api`, `${key}#Corp`]);
    expect([pool.hasDomain, pool.tier, pool.customAttributes]).toEqual([true, 'PLUS', new Set(['plan'])]);
    // Its clients are counted with the pool's own: the key is the pool's.
    expect([homePool.key, pool.key]).toEqual(['home#Pool', 'home#Pool']);
    expect(pool).not.toBe(homePool);
    expect(asked).toEqual([key]);
  });

  test('a Ref to this template\'s own pool is that pool, and a pool the other template does not know is no pool', () => {
    const unknown = here(() => undefined);
    expect(unknown.poolOf({ Ref: 'Pool' })?.identityProviders).toEqual(new Map());
    expect(unknown.read({ Properties: { UserPoolId: { Ref: key } } }).context.pool).toBeUndefined();
    expect(unknown.poolOf({ Ref: 'Elsewhere/Pool/Resource' })).toBeUndefined();
  });

  test('what the other template does not know stays unknown, whatever this template adds', () => {
    const vague = { ...homePool, identityProviders: undefined, resourceServerScopes: undefined, hasDomain: undefined };
    const pool = here(() => vague).poolOf({ Ref: key })!;
    expect([pool.identityProviders, pool.resourceServerScopes, pool.hasDomain]).toEqual([undefined, undefined, undefined]);
  });
});

describe('templates that deploy together', () => {
  const pathOf = (file: string) => (id: string) => `${file}#${id}`;
  const importing = (n: number, extra: Record<string, unknown> = {}) => ({
    Resources: {
      ...extra,
      ...Object.fromEntries(Array.from({ length: n }, (_, i) => [`Client${i}`, { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { 'Fn::ImportValue': 'pool-id' } } }])),
    },
  });
  const exporting = {
    Resources: {
      Pool: { Type: 'AWS::Cognito::UserPool' },
      Client0: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' } } },
    },
    Outputs: { Id: { Value: { 'Fn::GetAtt': ['Pool', 'UserPoolId'] }, Export: { Name: 'pool-id' } } },
  };

  test('a pool is counted across them, the same logical id in two templates counting twice, and providers an importer adds count for it', () => {
    // The importer comes first: its providers still join the pool it imports.
    const provider = { Saml: { Type: 'AWS::Cognito::UserPoolIdentityProvider', Properties: { UserPoolId: { 'Fn::ImportValue': 'pool-id' }, ProviderName: 'Partner' } } };
    const templates = [
      { template: importing(2, provider), pathOf: pathOf('a.json') },
      { template: exporting, pathOf: pathOf('pools.json') },
      { template: importing(1), pathOf: pathOf('b.json') },
    ];
    const [first, , second] = indexTemplates(templates);
    const read = (templateIndex: TemplateIndex) => templateIndex.read({ Properties: { UserPoolId: { 'Fn::ImportValue': 'pool-id' } } }).context;
    const a0 = read(first);
    expect(a0.pool?.logicalId).toBe('pools.json#Pool');
    expect([...a0.pool!.identityProviders!.keys()]).toEqual(['Partner']);
    const b0 = read(second);
    expect([a0.pool!.key, b0.pool!.key]).toEqual(['1#Pool', '1#Pool']);
    // What one importer adds, another sees as existing, made elsewhere (no DependsOn can be asked across templates).
    expect([...b0.pool!.identityProviders!.entries()]).toEqual([['Partner', expect.objectContaining({ logicalId: 'a.json#Saml', external: true })]]);
    // Four clients in all (Client0 in each template, Client1 in the first): the pool's quota counts them, with a lower limit here.
    const counted = validateTemplates(templates, () => ({ service: { rules: [{ ...findRule('VUPC-QUOTA-CLIENTS')!, checkPool: (pool, report) => report({ property: '', problem: `${pool.clients}` }) }] } }));
    expect(counted.map(({ template, logicalId, finding }) => [template, logicalId, finding.message.split(': ')[1].split('.')[0]])).toEqual([[1, 'Pool', '4']]);
  });

  test('providers, resource servers and a domain a third template adds to the pool exist for its clients in other templates (aws-cdk apps keep them in a stack of their own)', () => {
    // Before, the clients failed VUPC-IDP-EXISTS and VUPC-OAUTH-SCOPE-EXISTS and drew VUPC-OAUTH-NEEDS-DOMAIN.
    const idps = {
      Resources: {
        Google: { Type: 'AWS::Cognito::UserPoolIdentityProvider', Properties: { UserPoolId: { 'Fn::ImportValue': 'pool-id' }, ProviderName: 'Google', ProviderType: 'Google' } },
        Api: { Type: 'AWS::Cognito::UserPoolResourceServer', Properties: { UserPoolId: { 'Fn::ImportValue': 'pool-id' }, Identifier: 'orders', Name: 'orders', Scopes: [{ ScopeName: 'read', ScopeDescription: 'r' }] } },
        Domain: { Type: 'AWS::Cognito::UserPoolDomain', Properties: { UserPoolId: { 'Fn::ImportValue': 'pool-id' }, Domain: 'acme' } },
      },
    };
    const web = (providers: string[], scopes: string[]) => ({
      Type: 'AWS::Cognito::UserPoolClient',
      Properties: {
        SupportedIdentityProviders: providers,
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: scopes,
        CallbackURLs: ['https://app.example.com/cb'],
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      },
    });
    const pools = { Resources: { Pool: { Type: 'AWS::Cognito::UserPool' }, Own: { ...web(['Google', 'Nope'], ['openid', 'orders/read']), Properties: { ...web(['Google', 'Nope'], ['openid', 'orders/read']).Properties, UserPoolId: { Ref: 'Pool' } } } }, Outputs: exporting.Outputs };
    const client = { Resources: { Web: { ...web(['Google', 'COGNITO'], ['openid', 'orders/read']), Properties: { ...web(['Google', 'COGNITO'], ['openid', 'orders/read']).Properties, UserPoolId: { 'Fn::ImportValue': 'pool-id' } } } } };
    const about = new Set(['VUPC-IDP-EXISTS', 'VUPC-IDP-DEPENDENCY', 'VUPC-OAUTH-SCOPE-EXISTS', 'VUPC-OAUTH-SCOPE-DEPENDENCY', 'VUPC-OAUTH-NEEDS-DOMAIN']);
    const found = (ts: object[]) => validateTemplates(ts.map((template, i) => ({ template, pathOf: pathOf(`${i}.json`) })), () => ({ service: {} }))
      .filter((f) => about.has(f.finding.ruleId)).map((f) => [f.template, f.logicalId, f.finding.ruleId, f.finding.property]);
    // The client of a third template gets no error. One in the pool's own template is created before any template that
    // imports the pool, so the providers and scopes added there do not exist yet for it; the domain serves it all the same.
    expect(found([pools, idps, client])).toEqual([
      [0, 'Own', 'VUPC-IDP-EXISTS', 'SupportedIdentityProviders[0]'],
      [0, 'Own', 'VUPC-IDP-EXISTS', 'SupportedIdentityProviders[1]'],
      [0, 'Own', 'VUPC-OAUTH-SCOPE-EXISTS', 'AllowedOAuthScopes[1]'],
    ]);
    // Without the providers' template, they do not exist.
    expect(found([pools, client]).map((f) => f[2])).toEqual(expect.arrayContaining(['VUPC-IDP-EXISTS', 'VUPC-OAUTH-SCOPE-EXISTS', 'VUPC-OAUTH-NEEDS-DOMAIN']));
  });

  test('export and stack names are unique per account and Region: the definition that may deploy where the reader does is the one, and two that may are none', () => {
    const dev = { account: '111111111111', region: 'eu-west-1' };
    const prod = { account: '222222222222', region: 'eu-west-1' };
    const stackOutputReader = {
      Resources: { Client0: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { 'Fn::GetStackOutput': { StackName: 'Auth', OutputName: 'Id' } } } } },
    };
    const templates = [
      { template: exporting, pathOf: pathOf('dev-pools.json'), target: dev, stackName: 'Auth' },
      { template: exporting, pathOf: pathOf('prod-pools.json'), target: prod, stackName: 'Auth' },
      { template: importing(1), pathOf: pathOf('dev.json'), target: dev },
      { template: importing(1), pathOf: pathOf('prod.json'), target: prod },
      // A reader whose account is unknown may be in either: never guessed.
      { template: importing(1), pathOf: pathOf('agnostic.json'), target: { region: 'eu-west-1' } },
      { template: stackOutputReader, pathOf: pathOf('dev-weak.json'), target: dev },
      { template: stackOutputReader, pathOf: pathOf('nowhere.json') },
      // Another Region of the dev account: neither export is there.
      { template: importing(1), pathOf: pathOf('dev-us.json'), target: { ...dev, region: 'us-east-1' } },
    ];
    const indexes = indexTemplates(templates);
    const clientOf = (i: number) => (templates[i].template.Resources as Record<string, { Properties: unknown }>).Client0;
    const poolOf = (i: number) => indexes[i].read(clientOf(i)).context.pool?.logicalId;
    // (The exporters' own clients refer to their own pool.)
    expect(templates.map((_t, i) => poolOf(i))).toEqual(['Pool', 'Pool', 'dev-pools.json#Pool', 'prod-pools.json#Pool',
      undefined, 'dev-pools.json#Pool', undefined, undefined]);
  });

  test('Fn::GetStackOutput reads the stack in the Region and account it names (CDK\'s cross-Region and cross-account weak references), not the reader\'s', () => {
    const dev = { account: '111111111111', region: 'eu-west-1' };
    const reading = (where: Record<string, unknown>) => ({ 'Fn::GetStackOutput': { StackName: 'Auth', OutputName: 'Id', ...where } });
    const roleIn = (account: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${account}:role/AuthPublishGetStackOutputRole`]] });
    const templates = [
      { template: exporting, pathOf: pathOf('dev-eu.json'), target: dev, stackName: 'Auth' },
      { template: exporting, pathOf: pathOf('dev-us.json'), target: { ...dev, region: 'us-east-1' }, stackName: 'Auth' },
      { template: exporting, pathOf: pathOf('prod-eu.json'), target: { ...dev, account: '222222222222' }, stackName: 'Auth' },
      { template: { Resources: {} }, pathOf: pathOf('reader.json'), target: dev },
    ];
    const reader = indexTemplates(templates)[3];
    const poolOf = (where: Record<string, unknown>) => reader.read({ Properties: { UserPoolId: reading(where) } }).context.pool?.logicalId;
    expect([
      poolOf({}),
      poolOf({ Region: 'eu-west-1' }),
      poolOf({ Region: { Ref: 'AWS::Region' } }),
      poolOf({ Region: 'us-east-1' }),
      poolOf({ Region: 'eu-west-1', RoleArn: roleIn('222222222222') }),
      // A Region or account not known before deployment may be any: two stacks may be the one read.
      poolOf({ Region: { Ref: 'Other' } }),
      poolOf({ Region: 'eu-west-1', RoleArn: { Ref: 'Role' } }),
    ]).toEqual(['dev-eu.json#Pool', 'dev-eu.json#Pool', 'dev-eu.json#Pool', 'dev-us.json#Pool', 'prod-eu.json#Pool', undefined, undefined]);
  });

  test('a nested stack\'s template deploys where its parent does', () => {
    const dev = { account: '111111111111', region: 'eu-west-1' };
    const parent = { Resources: { Child: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'child.json' } } } };
    const templates = [
      { template: exporting, pathOf: pathOf('dev-pools.json'), target: dev },
      { template: exporting, pathOf: pathOf('prod-pools.json'), target: { ...dev, account: '222222222222' } },
      { template: parent, pathOf: pathOf('dev.json'), target: dev },
      { template: importing(1), pathOf: pathOf('child.json'), parent: { index: 2, logicalId: 'Child' } },
    ];
    const pool = indexTemplates(templates)[3].read({ Properties: { UserPoolId: { 'Fn::ImportValue': 'pool-id' } } }).context.pool;
    expect(pool?.logicalId).toBe('dev-pools.json#Pool');
  });
});
