import { API_STRINGS, customAttributeName, STANDARD_ATTRIBUTES } from '../api-model';
import { checkListEntries } from '../constraint-checks';
import { RuleContext, RuleDefinition, RuleSeverity } from '../rule';
import { Sources } from '../sources';

const STANDARD = new Set<string>(STANDARD_ATTRIBUTES);
const ATTRIBUTE_LISTS = ['ReadAttributes', 'WriteAttributes'];

export const ATTRIBUTE_RULES: RuleDefinition[] = [
  {
    id: 'VUPC-ATTR-ITEM-LENGTH',
    catalogueId: 'R-ATTR-ITEM-LENGTH',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ATTRIBUTE_LISTS,
    summary: 'Each ReadAttributes and WriteAttributes entry is 1-2048 characters.',
    why: 'The API model constrains ClientPermissionType to 1-2048 characters.',
    fix: 'Remove empty entries.',
    source: Sources.CREATE_CLIENT,
    check: (client, report) => ATTRIBUTE_LISTS.forEach((p) => checkListEntries(client, report, p, API_STRINGS.Attribute)),
  },
  {
    id: 'VUPC-ATTR-EXISTS',
    catalogueId: 'R-ATTR-EXISTS',
    severity: RuleSeverity.ERROR,
    context: RuleContext.USER_POOL,
    properties: ATTRIBUTE_LISTS,
    summary: 'Each read or write attribute is a standard attribute, or a custom:/dev: attribute the user pool defines.',
    why: 'Cognito refuses the client with "Invalid read attributes specified" or "Invalid write attributes specified".',
    fix: 'Use the standard attribute names (e.g. email, given_name, email_verified) and prefix custom attributes with custom:.',
    source: Sources.ATTRIBUTES,
    decision: 'A name that is neither standard nor prefixed (custom:, dev:) is refused for every pool, so it is checked without the pool. Custom attributes are checked against the pool only when it is defined in the same app.',
    check: (client, report) => {
      for (const property of ATTRIBUTE_LISTS) {
        for (const { index, value } of client.strings(property)) {
          if (value.length === 0 || STANDARD.has(value)) continue;
          if (value.startsWith('custom:') || value.startsWith('dev:')) {
            const customs = client.context.pool?.customAttributes; // the pool is rendered on first read
            if (customs && !customs.has(customAttributeName(value))) {
              report({ property: `${property}[${index}]`, value, problem: `is not a custom attribute of user pool ${client.context.pool?.logicalId}` });
            }
          } else {
            report({ property: `${property}[${index}]`, value, problem: 'is neither a standard attribute nor a custom: attribute' });
          }
        }
      }
    },
  },
];
