// The construct
export { ValidatedUserPoolClient } from './construct/validated-user-pool-client';
export { ValidatedUserPoolClientOptions, ValidatedUserPoolClientProps, UserPoolClientAnalytics } from './construct/props';
export { UserPoolClientDefaults } from './construct/defaults';
// Validation
export { UserPoolClientValidator, UserPoolClientValidatorProps } from './aspects/user-pool-client-validator';
export { UserPoolClientAcknowledgements, RuleAcknowledgement } from './aspects/acknowledgements';
// Rules
export { UserPoolClientRuleIds } from './rules/rule-ids';
export { RuleSeverity } from './rules/rule';
export { Finding } from './engine/finding';
