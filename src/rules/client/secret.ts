import { API_STRINGS } from '../api-model';
import { checkStringProperty } from '../constraint-checks';
import { InputKind, RuleContext, RuleDefinition, RuleSeverity } from '../rule';
import { Sources } from '../sources';

export const SECRET_RULES: RuleDefinition[] = [
  {
    id: 'VUPC-SECRET-NOT-IN-CFN',
    catalogueId: 'R-SECRET-NOT-IN-CFN',
    severity: RuleSeverity.WARNING,
    context: RuleContext.CLIENT,
    inputs: [InputKind.TEMPLATE],
    properties: ['ClientSecret'],
    summary: 'Retired: a ClientSecret in a template is reported by VUPC-PROPERTY-READ-ONLY.',
    why: 'ClientSecret is read-only in the CloudFormation schema, like ClientId and Name: CloudFormation ignores it rather than refusing the template.',
    fix: 'See VUPC-PROPERTY-READ-ONLY.',
    source: Sources.CFN_CLIENT,
    decision: 'Retired (it was an error): the three read-only properties are now treated one way, as a warning. The id stays valid for acknowledgements and is never reused.',
  },
  {
    id: 'VUPC-SECRET-XOR',
    catalogueId: 'R-SECRET-XOR',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    inputs: [InputKind.API_REQUEST],
    properties: ['GenerateSecret', 'ClientSecret'],
    summary: 'GenerateSecret: true and a ClientSecret value are not given together.',
    why: 'CreateUserPoolClient rejects a request that asks Cognito to generate a secret and also supplies one.',
    fix: 'Keep GenerateSecret: true and remove ClientSecret.',
    source: Sources.CREATE_CLIENT,
    check: (client, report) => {
      if (client.generatesSecret() && client.has('ClientSecret')) {
        report({ property: 'ClientSecret', value: client.value('ClientSecret'), problem: 'is set while GenerateSecret is true' });
      }
    },
  },
  {
    id: 'VUPC-SECRET-FORMAT',
    catalogueId: 'R-SECRET-FORMAT',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    inputs: [InputKind.API_REQUEST],
    properties: ['ClientSecret'],
    summary: 'A custom ClientSecret is 24-64 characters of letters, digits, _ and +.',
    why: 'The API model constrains ClientSecretType to 24-64 characters matching [\\w+]+.',
    fix: 'Give a secret of 24-64 letters, digits, _ and +, or leave ClientSecret out and set GenerateSecret: true.',
    source: Sources.CREATE_CLIENT,
    check: (client, report) => checkStringProperty(client, report, 'ClientSecret', API_STRINGS.ClientSecret),
  },
  {
    id: 'VUPC-SECRET-REPLACEMENT',
    catalogueId: 'R-SECRET-REPLACEMENT',
    severity: RuleSeverity.WARNING,
    context: RuleContext.CLIENT,
    properties: ['GenerateSecret', 'UserPoolId'],
    summary: 'Changing GenerateSecret or UserPoolId replaces the client.',
    why: 'Both are create-only properties: CloudFormation creates a new client (new client id and secret) and deletes the old one, so everything that holds the old id breaks.',
    fix: 'Decide on GenerateSecret before the first deployment; to change it, create a second client and move consumers over.',
    source: Sources.CFN_CLIENT,
    decision: 'Documentation only: it holds for every client, so reporting it would fire on every valid configuration.',
  },
  {
    id: 'VUPC-CONTEXT-DATA-SECRET',
    catalogueId: 'R-CONTEXT-DATA-SECRET',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ['EnablePropagateAdditionalUserContextData', 'GenerateSecret', 'ClientSecret'],
    summary: 'EnablePropagateAdditionalUserContextData: true only on a client with a secret.',
    why: 'Cognito can only activate the propagation of additional user context data in an app client that has a client secret.',
    fix: 'Set GenerateSecret: true (in an API request, a custom ClientSecret also gives the client a secret), or set EnablePropagateAdditionalUserContextData: false.',
    propsFix: 'Set generateSecret: true (this replaces an existing client), or drop enablePropagateAdditionalUserContextData.',
    source: Sources.CREATE_CLIENT,
    check: (client, report) => {
      if (client.boolean('EnablePropagateAdditionalUserContextData') === true && client.withoutSecret()) {
        report({ property: 'EnablePropagateAdditionalUserContextData', value: true, problem: 'is true on a client without a secret' });
      }
    },
  },
];
