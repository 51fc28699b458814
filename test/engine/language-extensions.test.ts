import { expandedResources } from '../../src/engine/language-extensions';
import { policySelection } from '../../src/engine/selection';
import { clientsOf, validateTemplate } from '../../src/engine/validate-template';

const POOL = { Type: 'AWS::Cognito::UserPool' };
const client = (properties: Record<string, unknown>) => ({ Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' }, ...properties } });
const run = (template: unknown, disabledRules: string[] = []) =>
  validateTemplate(template, { service: { disabledRules: new Set(disabledRules) }, pathOf: (id) => id }).map((f) => `${f.finding.ruleId} ${f.logicalId} ${f.finding.property}`);

describe('Fn::ForEach (AWS::LanguageExtensions)', () => {
  const template = {
    Transform: 'AWS::LanguageExtensions',
    Resources: {
      'Pool': POOL,
      'Fn::ForEach::Clients': ['Name', ['Web', 'Mobile-App'], {
        '${Name}Client': client({ ClientName: { Ref: 'Name' }, ExplicitAuthFlows: ['BOGUS'] }),
        'Fn::ForEach::Envs': ['Env', ['dev', 'prod'], { '&{Name}${Env}': client({ ClientName: { 'Fn::Sub': '${Name}-${Env}-${AWS::Region}' } }) }],
      }],
    },
  };

  test('a loop over a list is expanded as CloudFormation expands it: keys, Ref and Fn::Sub, nested loops', () => {
    const { resources, unread } = expandedResources(template.Resources);
    expect(unread).toEqual([]);
    expect(Object.keys(resources)).toEqual(['Pool', 'WebClient', 'Webdev', 'Webprod', 'Mobile-AppClient', 'MobileAppdev', 'MobileAppprod']);
    expect((resources.WebClient as { Properties: unknown }).Properties).toEqual({ UserPoolId: { Ref: 'Pool' }, ClientName: 'Web', ExplicitAuthFlows: ['BOGUS'] });
    expect((resources.MobileAppprod as { Properties: { ClientName: unknown } }).Properties.ClientName).toEqual({ 'Fn::Sub': 'Mobile-App-prod-${AWS::Region}' });
    expect(clientsOf(template).length).toBe(6);
  });

  test('every client a loop makes is checked', () => {
    expect(run(template)).toEqual(['VUPC-AUTHFLOW-ENUM WebClient ExplicitAuthFlows[0]', 'VUPC-AUTHFLOW-ENUM Mobile-AppClient ExplicitAuthFlows[0]']);
  });

  test('a loop over values known only at deployment is named when it may make clients, and only then', () => {
    const overParameter = {
      Resources: {
        'Pool': POOL,
        'Fn::ForEach::Clients': ['Name', { Ref: 'Names' }, { '${Name}Client': client({}) }],
        'Fn::ForEach::Topics': ['Name', { Ref: 'Names' }, { '${Name}Topic': { Type: 'AWS::SNS::Topic' } }],
        'Fn::ForEach::Broken': ['Name'],
      },
    };
    expect(run(overParameter)).toEqual(['VUPC-NOT-VALIDATED Fn::ForEach::Clients ']);
    expect(run(overParameter, ['VUPC-NOT-VALIDATED'])).toEqual([]);
    const broken = { Resources: { 'Fn::ForEach::Broken': ['Name', ['a'], 'not resources', client({})] } };
    expect(run(broken)).toEqual(['VUPC-NOT-VALIDATED Fn::ForEach::Broken ']);
  });
});

describe('AWS::Include (Fn::Transform)', () => {
  const include = (location: string) => ({ Name: 'AWS::Include', Parameters: { Location: location } });

  test('a client whose properties are included when it deploys is named as not validated, with no finding about what it shows', () => {
    const template = {
      Resources: {
        Pool: POOL,
        Partly: client({ 'Fn::Transform': include('s3://bucket/client.yaml'), 'AllowedOAuthFlows': ['code'] }),
        Wholly: { Type: 'AWS::Cognito::UserPoolClient', Properties: { 'Fn::Transform': include('s3://bucket/all.yaml') } },
      },
    };
    expect(run(template)).toEqual(['VUPC-NOT-VALIDATED Partly Properties', 'VUPC-NOT-VALIDATED Wholly Properties']);
    const message = validateTemplate(template, { service: {}, pathOf: (id) => id })[0].finding.message;
    expect(message).toContain('[VUPC-NOT-VALIDATED] Partly: Properties are completed with Fn::Transform (AWS::Include of s3://bucket/client.yaml) when it deploys');
  });

  test('a run of a policy alone is told too, unless its rules turn the notice off', () => {
    const template = { Resources: { Pool: POOL, Partly: client({ 'Fn::Transform': include('s3://bucket/client.yaml') }) } };
    const policyOnly = (disabledRules: string[]) => validateTemplate(template, {
      service: false,
      policy: {
        props: { requireClientName: true },
        selection: { ...policySelection({ requireClientName: true }), disabledRules: new Set(disabledRules) },
      },
      pathOf: (id) => id,
    }).map((f) => `${f.finding.ruleId} ${f.logicalId}`);
    // The client's name is in the included part: no policy finding, and the client is named as not validated.
    expect(policyOnly([])).toEqual(['VUPC-NOT-VALIDATED Partly']);
    expect(policyOnly(['VUPC-NOT-VALIDATED'])).toEqual([]);
  });

  test('resources included when the template deploys are named', () => {
    const template = { Resources: { 'Pool': POOL, 'Fn::Transform': include('s3://bucket/more.yaml'), 'Client': client({}) } };
    expect(run(template)).toEqual(['VUPC-NOT-VALIDATED Fn::Transform ']);
  });
});
