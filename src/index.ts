// The construct
export { ValidatedUserPoolClient } from './construct/validated-user-pool-client';
export { ValidatedUserPoolClientOptions, ValidatedUserPoolClientProps } from './construct/props';
export { UserPoolClientDefaults } from './construct/defaults';
// Validation: the aspects, the plugin and acknowledgements
export { UserPoolClientValidator, UserPoolClientValidatorProps } from './aspects/user-pool-client-validator';
export { UserPoolClientPolicy } from './aspects/user-pool-client-policy';
export { UserPoolClientPolicyProps } from './rules/policy/props';
export { UserPoolClientChecks } from './aspects/stages';
export { UserPoolClientValidationPlugin, UserPoolClientValidationPluginProps } from './plugin/validation-plugin';
export { UserPoolClientAcknowledgements, RuleAcknowledgement } from './cdk/acknowledgements';
// Rules
export { UserPoolClientRuleIds } from './rules/rule-ids';
