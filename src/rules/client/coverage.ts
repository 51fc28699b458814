import { RuleContext, RuleDefinition, RuleSeverity } from '../rule';
import { Sources } from '../sources';

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
    summary: 'A client that uses conditions is checked in every combination of their values the template can produce, up to 64.',
    why: 'Each branch of an Fn::If is a configuration that can be deployed; past 64 combinations (or when the parameters allow too many values to try them all) only the first ones are checked, to keep validation fast.',
    fix: 'Check the remaining combinations by validating a template with the conditions decided (for example per stage), or simplify the conditions.',
    source: Sources.CFN_CLIENT,
  },
];
