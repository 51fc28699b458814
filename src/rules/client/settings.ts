import { API_INTEGERS } from '../api-model';
import { checkEnum, checkIntegerRange } from '../constraint-checks';
import { RuleContext, RuleDefinition, RuleSeverity } from '../rule';
import { Sources } from '../sources';
import { isPlainObject } from '../values';

const FEATURE = 'RefreshTokenRotation.Feature';
const GRACE = 'RefreshTokenRotation.RetryGracePeriodSeconds';

export const SETTINGS_RULES: RuleDefinition[] = [
  {
    id: 'VUPC-PUEE-ENUM',
    catalogueId: 'R-PUEE-ENUM',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ['PreventUserExistenceErrors'],
    summary: 'PreventUserExistenceErrors is LEGACY or ENABLED.',
    why: 'The API model constrains PreventUserExistenceErrorTypes to these two values.',
    fix: 'Use ENABLED (recommended: no user enumeration) or LEGACY.',
    source: Sources.USER_EXISTENCE,
    check: (client, report) => checkEnum(client, report, 'PreventUserExistenceErrors', 'PreventUserExistenceErrors'),
  },
  {
    id: 'VUPC-ROTATION-FEATURE-REQUIRED',
    catalogueId: 'R-ROTATION-FEATURE-REQUIRED',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: [FEATURE],
    summary: 'A RefreshTokenRotation block sets Feature.',
    why: 'The API requires Feature in RefreshTokenRotationType; the CloudFormation schema does not, so the deployment fails at Cognito.',
    fix: 'Set Feature: ENABLED or Feature: DISABLED.',
    source: Sources.ROTATION,
    check: (client, report) => {
      if (isPlainObject(client.value('RefreshTokenRotation')) && !client.has(FEATURE)) report({ property: FEATURE, problem: 'is missing' });
    },
  },
  {
    id: 'VUPC-ROTATION-FEATURE-ENUM',
    catalogueId: 'R-ROTATION-FEATURE-ENUM',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: [FEATURE],
    summary: 'RefreshTokenRotation.Feature is ENABLED or DISABLED.',
    why: 'The API model constrains FeatureType to these two values (in YAML, unquoted ON/OFF become booleans).',
    fix: "Write 'ENABLED' or 'DISABLED' (quoted in YAML).",
    source: Sources.ROTATION,
    check: (client, report) => checkEnum(client, report, FEATURE, 'RefreshTokenRotation.Feature'),
  },
  {
    id: 'VUPC-ROTATION-GRACE-RANGE',
    catalogueId: 'R-ROTATION-GRACE-RANGE',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: [GRACE],
    summary: 'RefreshTokenRotation.RetryGracePeriodSeconds is 0-60.',
    why: 'The API model constrains RetryGracePeriodSecondsType to 0-60 seconds.',
    fix: 'Choose a grace period between 0 (none) and 60 seconds.',
    source: Sources.ROTATION,
    check: (client, report) => checkIntegerRange(client, report, GRACE, API_INTEGERS.RetryGracePeriodSeconds, ' seconds'),
  },
  {
    id: 'VUPC-ROTATION-GRACE-IGNORED',
    catalogueId: 'R-ROTATION-GRACE-IGNORED',
    severity: RuleSeverity.WARNING,
    context: RuleContext.CLIENT,
    properties: [GRACE, FEATURE],
    summary: 'A retry grace period is set only when rotation is ENABLED.',
    why: 'The grace period applies when a refresh token is rotated out; with rotation disabled it has no effect.',
    fix: 'Enable rotation, or set RetryGracePeriodSeconds to 0.',
    source: Sources.ROTATION,
    check: (client, report) => {
      const grace = client.integer(GRACE);
      if (client.string(FEATURE) === 'DISABLED' && grace !== undefined && grace > 0) {
        report({ property: GRACE, value: grace, problem: 'is set while rotation is DISABLED' });
      }
    },
  },
  {
    id: 'VUPC-UPDATE-FULL-STATE',
    catalogueId: 'R-UPDATE-FULL-STATE',
    severity: RuleSeverity.WARNING,
    context: RuleContext.CLIENT,
    comparesVersions: '--current',
    properties: ['*'],
    summary: 'Every update resets omitted settings to their defaults: changes made outside the template (or left out of an UpdateUserPoolClient request) are lost.',
    why: 'UpdateUserPoolClient sets every parameter it is not given to the default; CloudFormation sends the full template state.',
    fix: 'Keep every setting in the template (ValidatedUserPoolClient writes them all out) and make no console edits; in an UpdateUserPoolClient request, give every setting (--print-complete-update prints the complete request).',
    source: Sources.UPDATE_CLIENT,
    decision: 'For templates, documentation: it holds for every client. For an UpdateUserPoolClient request given with the client it updates (--current, a DescribeUserPoolClient response), reported for each setting the client has that the request omits and that is not at the API\'s default: a warning, since the reset may be what is wanted. A token\'s validity is at its default when it lasts as long (60 minutes is the default 1 hour), and its unit is no setting of its own: omitted with its validity, both reset to the default lifetime; omitted beside a validity the request sets, the API reads that number in its default unit, which is reported when the client counts in another (10 is 10 hours, not 10 minutes).',
  },
  {
    id: 'VUPC-MANAGED-LOGIN-BRANDING',
    catalogueId: 'R-MANAGED-LOGIN-BRANDING',
    severity: RuleSeverity.WARNING,
    context: RuleContext.USER_POOL,
    properties: ['AllowedOAuthFlows'],
    summary: 'Clients created through CloudFormation have no managed login branding style until one is applied.',
    why: 'Unlike console-created clients, API-created clients get no branding style; managed login pages are unavailable until one is assigned (AWS::Cognito::ManagedLoginBranding).',
    fix: 'Add an AWS::Cognito::ManagedLoginBranding for the client when it uses managed login.',
    source: Sources.MANAGED_LOGIN,
    decision: 'Documentation only: it holds for every OAuth client created by CloudFormation, and classic hosted UI pools do not need it.',
  },
];
