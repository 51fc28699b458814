import { API_STRINGS } from '../api-model';
import { checkStringProperty } from '../constraint-checks';
import { RuleContext, RuleDefinition, RuleSeverity } from '../rule';
import { Sources } from '../sources';

export const SECRET_RULES: RuleDefinition[] = [
  {
    id: 'VUPC-SECRET-NOT-IN-CFN',
    catalogueId: 'R-SECRET-NOT-IN-CFN',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ['ClientSecret'],
    summary: 'ClientSecret is not set in a template.',
    why: 'ClientSecret is read-only in the CloudFormation schema: the value is never sent to Cognito, the client gets no (or a generated) secret and the stack drifts. A secret in a template is also visible to anyone who can read the template.',
    fix: 'Remove ClientSecret and set GenerateSecret: true; read the generated secret through the ClientSecret attribute (Fn::GetAtt) or store it in AWS Secrets Manager.',
    source: Sources.CFN_CLIENT,
    check: (client, report) => {
      if (client.has('ClientSecret')) report({ property: 'ClientSecret', value: client.value('ClientSecret'), problem: 'is set' });
    },
  },
  {
    id: 'VUPC-SECRET-XOR',
    catalogueId: 'R-SECRET-XOR',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ['GenerateSecret', 'ClientSecret'],
    summary: 'GenerateSecret: true and a ClientSecret value are not given together.',
    why: 'CreateUserPoolClient rejects a request that asks Cognito to generate a secret and also supplies one.',
    fix: 'Keep GenerateSecret: true and remove ClientSecret.',
    source: Sources.CREATE_CLIENT,
    check: (client, report) => {
      if (client.hasSecret() && client.has('ClientSecret')) {
        report({ property: 'ClientSecret', value: client.value('ClientSecret'), problem: 'is set while GenerateSecret is true' });
      }
    },
  },
  {
    id: 'VUPC-SECRET-FORMAT',
    catalogueId: 'R-SECRET-FORMAT',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ['ClientSecret'],
    summary: 'A custom ClientSecret is 24-64 characters of letters, digits, _ and +.',
    why: 'The API model constrains ClientSecretType to 24-64 characters matching [\\w+]+.',
    fix: 'Remove ClientSecret (see VUPC-SECRET-NOT-IN-CFN) and let Cognito generate the secret.',
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
    properties: ['EnablePropagateAdditionalUserContextData', 'GenerateSecret'],
    summary: 'EnablePropagateAdditionalUserContextData: true only on a client with a secret.',
    why: 'Cognito can only activate the propagation of additional user context data in an app client that has a client secret.',
    fix: 'Set GenerateSecret: true, or set EnablePropagateAdditionalUserContextData: false.',
    source: Sources.CREATE_CLIENT,
    check: (client, report) => {
      if (client.boolean('EnablePropagateAdditionalUserContextData') === true && client.boolean('GenerateSecret') !== true && !client.isUnknown('GenerateSecret')) {
        report({ property: 'EnablePropagateAdditionalUserContextData', value: true, problem: 'is true on a client without a secret' });
      }
    },
  },
];
