import { RuleContext, RuleDefinition, RuleSeverity } from '../rule';
import { Sources } from '../sources';

/** What an update does to a deployed client, reported by `--baseline` (see `RuleDefinition.comparesVersions`). */
export const VERSION_RULES: RuleDefinition[] = [
  {
    id: 'VUPC-CLIENT-REPLACED',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    comparesVersions: '--baseline',
    properties: ['GenerateSecret', 'UserPoolId'],
    summary: 'An update replaces or deletes no app client (checked with --baseline against the template deployed before).',
    why: 'GenerateSecret and UserPoolId are create-only: changing either, or the logical id, makes CloudFormation create a new client (a new client id and secret) and delete the old one, so every app, load balancer and identity pool that holds the old id stops working.',
    fix: 'Keep the create-only properties and the logical id as they were. To change them on purpose, create the new client beside the old one, move every consumer to it, then remove the old one, and acknowledge this finding for that deployment.',
    source: Sources.CFN_CLIENT,
    decision: 'An error unless acknowledged: `cdk diff` is otherwise the only warning, and a replaced client breaks every consumer at once. Compared with @aws-cdk/cloudformation-diff, the engine behind cdk diff (which knows the create-only properties from the resource specification). A client that now exists under a condition it did not have is a warning: a deployment where the condition is false deletes it, but the condition may hold wherever it is deployed.',
  },
];

/**
 * What the library reports about its own reach: a client, template or
 * branch it could not check is named, never passed over in silence.
 */
export const COVERAGE_RULES: RuleDefinition[] = [
  {
    id: 'VUPC-NOT-VALIDATED',
    severity: RuleSeverity.WARNING,
    context: RuleContext.CLIENT,
    notice: true,
    properties: ['*'],
    summary: 'Every app client is read and checked; one that cannot be is reported.',
    why: 'A client (or a nested stack\'s template) that the library cannot read is not checked at all, so nothing about it can be said.',
    fix: 'Read the reason in the message; if it is this library\'s fault, please report it.',
    source: Sources.CFN_CLIENT,
    decision: 'A warning, so that a synth or pipeline never passes in silence over a client it did not check, and can be acknowledged where that is known and accepted.',
  },
  {
    id: 'VUPC-CONDITIONS-CAPPED',
    severity: RuleSeverity.INFO,
    context: RuleContext.CLIENT,
    notice: true,
    properties: ['*'],
    summary: 'A client that uses conditions, or parameters with AllowedValues, is checked in every combination of their values the template can produce, up to 64.',
    why: 'Each branch of an Fn::If, and each allowed value of a parameter, is a configuration that can be deployed; past 64 combinations (or when the parameters allow too many values to try them all) only the first ones are checked, to keep validation fast.',
    fix: 'Check the remaining combinations by validating a template with the conditions decided (for example per stage), or simplify the conditions.',
    source: Sources.CFN_CLIENT,
  },
  {
    id: 'VUPC-POOL-NOT-FOUND',
    severity: RuleSeverity.INFO,
    context: RuleContext.USER_POOL,
    notice: true,
    properties: ['UserPoolId'],
    summary: 'App clients whose user pool is not in the checked templates (or the app) are named, once per template or stack, as not checked against their pool.',
    why: 'The rules about the user pool (its identity providers, scopes, attributes, domain and feature plan) read the pool\'s own template, so they cannot run for a pool made elsewhere (an id written out, a parameter, an import from a template not given). Nor for one reached through an SSM parameter, or a strong cross-Region reference, which CDK passes through SSM (weak references, Fn::GetStackOutput, are followed), or one imported by an export name that more than one stack may define where the client deploys (export names are unique per account and Region; a stack with no account or Region may deploy anywhere).',
    fix: 'Check the template that defines the pool together with this one (give both files, or the whole cdk.out; in a CDK app, refer to the pool directly rather than through an SSM parameter, and give stacks that import by export name an account and Region), or check those points by hand.',
    source: Sources.CFN_CLIENT,
    decision: 'Info, once per template (command line, plugin) or stack (aspects), on its first such client with the number of the others: pools passed in as parameters are common, and a line per client would bury the findings that matter. As it stands on the first such client, a team that accepts it acknowledges it on the stack (or in the template\'s Metadata), not on another client. Not reported for API JSON, whose report says already when no --user-pool was given.',
  },
  {
    id: 'VUPC-STAGE-NOT-CHECKED',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    notice: true,
    properties: ['*'],
    summary: 'A validator or policy added to a stage (the app included) checks the app clients of the stages nested in it, or the synth says which it did not.',
    why: 'Aspects stop at nested stages (a CDK Pipelines stage, for example): a validator or policy added to the app alone, or given to applyToAllStages before a stage was created, never reaches that stage\'s app clients, which would pass unchecked.',
    fix: 'Add the checks with UserPoolClientChecks.applyToAllStages after every stage is defined and before any is synthesized (CDK Pipelines\' addStage synthesizes its stage at once: add them before pipeline.addStage, or in the stage\'s constructor), add the same kinds of aspects to that stage directly, or use UserPoolClientValidationPlugin, which sees every stage.',
    source: Sources.CDK_ASPECTS,
    decision: 'An error, and never a warning: CDK writes a nested stage\'s cloud assembly before it validates the app, so nothing can be said on the stage or its clients. It is an error annotation on the first stack of the stage the validator or policy was added to (synthesized after that validation, so `cdk synth` prints it with the other findings and fails); a stage without a stack of its own fails its validation instead. A client that an aspect of the same kind checked (one added to the stage itself, or a ValidatedUserPoolClient\'s own validation for the service rules) is not reported. A validator reaching the scope with the rule in disabledRules turns it off, for validators and policies alike (for stages checked by other means).',
  },
  {
    id: 'VUPC-ACKNOWLEDGEMENT-UNUSED',
    severity: RuleSeverity.WARNING,
    context: RuleContext.CLIENT,
    notice: true,
    properties: ['*'],
    summary: 'Every acknowledgement accepts a finding; one that accepted none in a synthesis is reported where it was made.',
    why: 'An acknowledgement left behind after its finding was fixed waives that rule for anything added below it later, without review; an audit should see only waivers in use.',
    fix: 'Remove the acknowledgement (UserPoolClientAcknowledgements.acknowledge) of that rule made on the construct the message names, or, where stale waivers are expected, add a UserPoolClientValidator with this rule in disabledRules (or give the plugin or the command line that option).',
    source: Sources.CDK_ANNOTATIONS,
    decision: 'A warning, like ESLint\'s report of unused disable directives: a stale waiver is not wrong today, but it is a hole in the audit trail. Waivers on constructs and stacks are judged per stack; those on an app or a stage once every stack below them is checked. The command line judges the acknowledgements in templates\' Metadata (those a cloud assembly records are the synth\'s to judge) for the rules it ran, and names entries that can accept nothing (an unknown rule id, no reason).',
  },
];
