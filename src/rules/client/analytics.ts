import { API_STRINGS } from '../api-model';
import type { ClientView } from '../client-view';
import { checkStringProperty } from '../constraint-checks';
import { InputKind, RuleContext, RuleDefinition, RuleSeverity } from '../rule';
import { Sources } from '../sources';

const A = 'AnalyticsConfiguration';
const ARN = `${A}.ApplicationArn`;
const ID = `${A}.ApplicationId`;
const ROLE = `${A}.RoleArn`;
const EXTERNAL = `${A}.ExternalId`;
const IAM_ROLE = /^arn:[\w-]+:iam::\d{12}:role\/.+/;
/** Cognito's service-linked role, which a describe response shows beside an ApplicationArn (and generated templates copy). */
const SERVICE_LINKED_ROLE = /^arn:[\w-]+:iam::\d{12}:role\/aws-service-role\/cognito-idp\.amazonaws\.com\//;

const analyticsRule = (rule: Omit<RuleDefinition, 'context' | 'source'> & { source?: string; context?: RuleContext }): RuleDefinition => ({
  context: RuleContext.CLIENT,
  source: Sources.ANALYTICS_TYPE,
  ...rule,
  // An unresolved AnalyticsConfiguration (a Ref, an Fn::If) cannot be judged member by member.
  check: rule.check && ((client, report) => (client.has(A) && !client.isUnknown(A) ? rule.check!(client, report) : undefined)),
});

/** The Region of an ARN, when the ARN is concrete. */
function arnRegion(client: ClientView): string | undefined {
  return client.string(ARN)?.split(':')[3];
}

export const ANALYTICS_RULES: RuleDefinition[] = [
  analyticsRule({
    id: 'VUPC-ANALYTICS-ONE-TARGET',
    catalogueId: 'R-ANALYTICS-ONE-TARGET',
    severity: RuleSeverity.ERROR,
    properties: [ARN, ID],
    summary: 'AnalyticsConfiguration names exactly one of ApplicationArn and ApplicationId.',
    why: 'Cognito publishes to one Amazon Pinpoint project, named either by ARN (same Region) or by id with a role.',
    fix: 'Keep ApplicationArn, or ApplicationId with RoleArn and ExternalId, not both.',
    decision: 'From the Terraform and CDK validators; the API model states no rule (U-17). An error, which can be turned off.',
    check: (client, report) => {
      if (client.has(ARN) && client.has(ID)) report({ property: A, problem: 'sets both ApplicationArn and ApplicationId' });
      if (!client.has(ARN) && !client.has(ID)) report({ property: A, problem: 'sets neither ApplicationArn nor ApplicationId' });
    },
  }),
  analyticsRule({
    id: 'VUPC-ANALYTICS-ID-NEEDS-ROLE',
    catalogueId: 'R-ANALYTICS-ID-NEEDS-ROLE',
    severity: RuleSeverity.ERROR,
    properties: [ID, ROLE, EXTERNAL],
    summary: 'An AnalyticsConfiguration with ApplicationId also has RoleArn and ExternalId.',
    why: 'With an application id Cognito assumes the role (with the external id) to publish to Amazon Pinpoint.',
    fix: 'Add RoleArn and ExternalId, or use ApplicationArn for a project in the same Region.',
    decision: 'From the Terraform and CDK validators (U-17). An error, which can be turned off.',
    check: (client, report) => {
      if (!client.has(ID)) return;
      for (const member of [ROLE, EXTERNAL]) if (!client.has(member)) report({ property: member, problem: 'is missing while ApplicationId is set' });
    },
  }),
  analyticsRule({
    id: 'VUPC-ANALYTICS-ARN-NO-ROLE',
    catalogueId: 'R-ANALYTICS-ARN-NO-ROLE',
    severity: RuleSeverity.WARNING,
    // A describe response carries the service-linked role Cognito uses beside the ARN: only a request may not send it.
    inputs: [InputKind.TEMPLATE, InputKind.API_REQUEST],
    properties: [ARN, ROLE, EXTERNAL],
    summary: 'An AnalyticsConfiguration with ApplicationArn has no RoleArn or ExternalId.',
    why: 'With an application ARN Cognito uses its service-linked role; a role and external id belong to the ApplicationId form, and are not what Cognito uses.',
    fix: 'Remove RoleArn and ExternalId, or switch to ApplicationId.',
    decision: 'A warning: the rule comes from the Terraform and CDK validators (U-17), and no refusal by Cognito was found. Cognito itself returns its service-linked role as RoleArn for a client set up with an ARN (a Terraform acceptance test shows it), so templates generated from deployed clients carry it: that role is not reported.',
    check: (client, report) => {
      if (!client.has(ARN)) return;
      for (const member of [ROLE, EXTERNAL]) {
        if (!client.has(member)) continue;
        const role = member === ROLE ? client.string(ROLE) : undefined;
        if (role !== undefined && SERVICE_LINKED_ROLE.test(role)) continue;
        report({ property: member, problem: 'is set together with ApplicationArn' });
      }
    },
  }),
  analyticsRule({
    id: 'VUPC-ANALYTICS-FORMAT',
    catalogueId: 'R-ANALYTICS-FORMAT',
    severity: RuleSeverity.ERROR,
    properties: [ARN, ID, ROLE, EXTERNAL],
    summary: 'ApplicationId is hexadecimal, ApplicationArn and RoleArn are ARNs of 20-2048 characters (RoleArn an IAM role), ExternalId at most 131072 characters.',
    why: 'The API model constrains HexStringType, ArnType and StringType this way; the role must be an IAM role Cognito can assume.',
    fix: 'Use the Amazon Pinpoint project id (32 hexadecimal characters), the project ARN, and an IAM role ARN.',
    check: (client, report) => {
      checkStringProperty(client, report, ID, API_STRINGS.ApplicationId);
      checkStringProperty(client, report, ARN, API_STRINGS.Arn);
      const roleIsNoArn = checkStringProperty(client, report, ROLE, API_STRINGS.Arn);
      checkStringProperty(client, report, EXTERNAL, API_STRINGS.ExternalId);
      const role = client.string(ROLE);
      // One finding per value: an ARN of another service is said to be no role once it is a well-formed ARN.
      if (!roleIsNoArn && role !== undefined && role.startsWith('arn:') && !IAM_ROLE.test(role)) report({ property: ROLE, value: role, problem: 'is not an IAM role ARN' });
    },
  }),
  analyticsRule({
    id: 'VUPC-ANALYTICS-REGION',
    catalogueId: 'R-ANALYTICS-REGION',
    severity: RuleSeverity.ERROR,
    context: RuleContext.STACK_REGION,
    properties: [ARN],
    summary: 'An ApplicationArn names an Amazon Pinpoint project in the Region of the user pool.',
    why: 'Cognito supports only in-Region projects by ARN; a project in another Region needs ApplicationId with RoleArn and ExternalId.',
    fix: 'Use a project in the same Region, or the ApplicationId form for a us-east-1 project.',
    source: Sources.ANALYTICS,
    decision: 'Checked only when both the ARN and the stack Region are concrete.',
    check: (client, report) => {
      const region = arnRegion(client);
      const here = client.context.region;
      if (region && here && region !== here) report({ property: ARN, value: client.string(ARN), problem: `is in ${region}, not in the stack's Region ${here}` });
    },
  }),
  analyticsRule({
    id: 'VUPC-ANALYTICS-PINPOINT-END-OF-SUPPORT',
    severity: RuleSeverity.WARNING,
    properties: [A],
    summary: 'AnalyticsConfiguration is not relied on: Amazon Pinpoint, which it publishes to, reached end of support on 2026-10-30.',
    why: 'App client analytics send events to Amazon Pinpoint, which no longer takes new customers (since 2025-05-20) and ended support on 2026-10-30.',
    fix: 'Remove AnalyticsConfiguration and move to the replacement AWS recommends (for example Amazon Connect or AWS End User Messaging); acknowledge this warning while migrating.',
    source: Sources.PINPOINT_END,
    decision: 'How CreateUserPoolClient treats analytics after the end of support is unverified, so a warning.',
    check: (_client, report) => report({ property: A, problem: 'sends events to Amazon Pinpoint, which is past its end of support' }),
  }),
];
