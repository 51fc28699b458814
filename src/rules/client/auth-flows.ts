import { ALLOW_NAME_OF_LEGACY_FLOW, LEGACY_AUTH_FLOWS } from '../api-model';
import { checkEnum } from '../constraint-checks';
import { RuleContext, RuleDefinition, RuleSeverity } from '../rule';
import { Sources } from '../sources';

const LEGACY = new Set<string>(LEGACY_AUTH_FLOWS);
const REFRESH = 'ALLOW_REFRESH_TOKEN_AUTH';
const SRP = 'ALLOW_USER_SRP_AUTH';
const CLIENT_TOKEN = 'ALLOW_CLIENT_TOKEN_AUTH';

export const AUTH_FLOW_RULES: RuleDefinition[] = [
  {
    id: 'VUPC-AUTHFLOW-ENUM',
    catalogueId: 'R-AUTHFLOW-ENUM',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ['ExplicitAuthFlows'],
    summary: 'Each ExplicitAuthFlows value is an auth flow Cognito knows.',
    why: 'The API model constrains ExplicitAuthFlowsType to a fixed set of values (ALLOW_CLIENT_TOKEN_AUTH is newer than the model and accepted).',
    fix: 'Use the exact flow name; a flow released after this library can be accepted through UserPoolClientValidator `additionalEnumValues`.',
    source: Sources.CREATE_CLIENT,
    check: (client, report) => checkEnum(client, report, 'ExplicitAuthFlows', 'ExplicitAuthFlows', true),
  },
  {
    id: 'VUPC-AUTHFLOW-NO-LEGACY-MIX',
    catalogueId: 'R-AUTHFLOW-NO-LEGACY-MIX',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ['ExplicitAuthFlows'],
    summary: 'Legacy flow names (ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY, USER_PASSWORD_AUTH) are not combined with ALLOW_* values.',
    why: 'Cognito refuses a client that mixes the legacy names with values that begin with ALLOW_.',
    fix: 'Use only ALLOW_* values (ADMIN_NO_SRP_AUTH became ALLOW_ADMIN_USER_PASSWORD_AUTH, USER_PASSWORD_AUTH became ALLOW_USER_PASSWORD_AUTH).',
    source: Sources.CREATE_CLIENT,
    check: (client, report) => {
      const flows = client.strings('ExplicitAuthFlows');
      if (!flows.some((f) => f.value.startsWith('ALLOW_'))) return;
      for (const { index, value } of flows) {
        if (LEGACY.has(value)) report({ property: `ExplicitAuthFlows[${index}]`, value, problem: 'is a legacy flow name next to ALLOW_* values' });
      }
    },
  },
  {
    id: 'VUPC-AUTHFLOW-LEGACY-DEPRECATED',
    catalogueId: 'R-AUTHFLOW-LEGACY-DEPRECATED',
    severity: RuleSeverity.WARNING,
    context: RuleContext.CLIENT,
    properties: ['ExplicitAuthFlows', 'RefreshTokenRotation.Feature'],
    summary: 'ExplicitAuthFlows uses the ALLOW_* names, not the deprecated legacy ones.',
    why: 'Flow names without the ALLOW_ prefix are deprecated in favour of the ALLOW_ names.',
    fix: 'Replace each legacy name with its ALLOW_ equivalent, keep ALLOW_USER_SRP_AUTH unless the list had CUSTOM_AUTH_FLOW_ONLY, and add ALLOW_REFRESH_TOKEN_AUTH unless refresh token rotation is enabled.',
    source: Sources.CREATE_CLIENT,
    decision: 'The list suggested keeps what the client allows: the legacy names have none for SRP, so a legacy list never turned SRP sign-in off (only CUSTOM_AUTH_FLOW_ONLY limited a client to custom authentication), and a list of ALLOW_ names without ALLOW_USER_SRP_AUTH would. An app that does not sign in with SRP drops it.',
    check: (client, report) => {
      const flows = client.strings('ExplicitAuthFlows');
      if (flows.some((f) => f.value.startsWith('ALLOW_'))) return; // the mix is an error already
      const legacy = flows.filter((f) => LEGACY.has(f.value));
      if (legacy.length === 0) return;
      // The whole list to write, so that the fix draws no other finding (VUPC-AUTHFLOW-REFRESH-REQUIRED).
      const rotation = client.string('RefreshTokenRotation.Feature') === 'ENABLED';
      const srp = flows.some((f) => f.value === 'CUSTOM_AUTH_FLOW_ONLY') ? [] : [SRP];
      const replaced = [...new Set([...flows.map((f) => ALLOW_NAME_OF_LEGACY_FLOW[f.value] ?? f.value), ...srp, ...(rotation ? [] : [REFRESH])])];
      report({
        property: 'ExplicitAuthFlows',
        value: flows.map((f) => f.value),
        problem: `uses the deprecated flow name${legacy.length > 1 ? 's' : ''} ${legacy.map((f) => f.value).join(', ')}`,
        fix: `Write ExplicitAuthFlows: [${replaced.join(', ')}].`,
      });
    },
  },
  {
    id: 'VUPC-AUTHFLOW-REFRESH-REQUIRED',
    catalogueId: 'R-AUTHFLOW-REFRESH-REQUIRED',
    severity: RuleSeverity.WARNING,
    context: RuleContext.CLIENT,
    properties: ['ExplicitAuthFlows', 'RefreshTokenRotation'],
    summary: 'Without refresh token rotation, an ALLOW_* flow list includes ALLOW_REFRESH_TOKEN_AUTH.',
    why: 'Without ALLOW_REFRESH_TOKEN_AUTH (and without rotation) users cannot renew tokens and must sign in again when the access token expires; in 2020 Cognito refused such a client ("REFRESH_TOKEN_AUTH should always be allowed").',
    fix: 'Add ALLOW_REFRESH_TOKEN_AUTH, or enable refresh token rotation.',
    source: Sources.REFRESH_TOKEN,
    decision: 'Uncertain: the only evidence of a rejection is from 2020 (aws/aws-cdk#7625), before refresh token rotation existed, and the current API text states no requirement. A warning, not an error. Clients whose only flow is ALLOW_CLIENT_TOKEN_AUTH are exempt.',
    check: (client, report) => {
      if (!client.fullyKnown('ExplicitAuthFlows') || client.string('RefreshTokenRotation.Feature') === 'ENABLED' || client.isUnknown('RefreshTokenRotation.Feature')) return;
      const flows = client.stringSet('ExplicitAuthFlows');
      const allowFlows = [...flows].filter((f) => f.startsWith('ALLOW_') && f !== CLIENT_TOKEN);
      if (allowFlows.length > 0 && !flows.has(REFRESH)) {
        report({ property: 'ExplicitAuthFlows', value: [...flows], problem: `does not include ${REFRESH}` });
      }
    },
  },
  {
    id: 'VUPC-ROTATION-NO-REFRESH-FLOW',
    catalogueId: 'R-ROTATION-NO-REFRESH-FLOW',
    severity: RuleSeverity.WARNING,
    context: RuleContext.CLIENT,
    properties: ['RefreshTokenRotation.Feature', 'ExplicitAuthFlows'],
    summary: 'With refresh token rotation ENABLED, ExplicitAuthFlows is set and does not include ALLOW_REFRESH_TOKEN_AUTH.',
    why: 'Refresh token rotation is not compatible with REFRESH_TOKEN_AUTH: the documentation says to disable the flow (and the default flow list, used when ExplicitAuthFlows is absent, includes it). With rotation on, REFRESH_TOKEN_AUTH requests fail; tokens are refreshed with GetTokensFromRefreshToken or the token endpoint.',
    fix: 'Set ExplicitAuthFlows explicitly, without ALLOW_REFRESH_TOKEN_AUTH, or disable rotation.',
    source: Sources.REFRESH_TOKEN,
    decision: 'A warning: documented as a requirement ("you must disable this authentication flow"), but no refusal by CreateUserPoolClient was found (U-07), rotation works through GetTokensFromRefreshToken, and aws-cdk-lib itself writes rotation with ExplicitAuthFlows absent (an L2 client with refreshTokenRotationGracePeriod and no authFlows). Only REFRESH_TOKEN_AUTH requests fail, at run time.',
    check: (client, report) => {
      if (client.string('RefreshTokenRotation.Feature') !== 'ENABLED') return;
      if (!client.has('ExplicitAuthFlows')) {
        report({ property: 'ExplicitAuthFlows', problem: `is not set while refresh token rotation is enabled, so Cognito's default list (which includes ${REFRESH}) applies` });
        return;
      }
      for (const { index, value } of client.strings('ExplicitAuthFlows')) {
        if (value === REFRESH) report({ property: `ExplicitAuthFlows[${index}]`, value, problem: 'is allowed while refresh token rotation is enabled' });
      }
    },
  },
  {
    id: 'VUPC-AUTHFLOW-CLIENT-TOKEN',
    catalogueId: 'R-AUTHFLOW-CLIENT-TOKEN',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ['ExplicitAuthFlows', 'GenerateSecret', 'ClientSecret'],
    summary: 'ALLOW_CLIENT_TOKEN_AUTH is the only auth flow of its client, and the client has a secret.',
    why: 'GetClientToken requires a client with a secret whose only authentication flow is ALLOW_CLIENT_TOKEN_AUTH; it is mutually exclusive with user authentication flows.',
    fix: 'Use a separate client with GenerateSecret: true (or, in an API request, a custom ClientSecret) and ExplicitAuthFlows: [ALLOW_CLIENT_TOKEN_AUTH].',
    source: Sources.GET_CLIENT_TOKEN,
    decision: 'The flow is newer than the local API model (U-14); confidence is low, so the rule can be turned off.',
    check: (client, report) => {
      const flows = client.strings('ExplicitAuthFlows');
      const entry = flows.find((f) => f.value === CLIENT_TOKEN);
      if (!entry) return;
      const others = flows.filter((f) => f.value !== CLIENT_TOKEN).map((f) => f.value);
      if (others.length > 0) {
        report({ property: `ExplicitAuthFlows[${entry.index}]`, value: CLIENT_TOKEN, problem: `is combined with ${others.join(', ')}` });
      }
      if (client.withoutSecret()) {
        report({ property: `ExplicitAuthFlows[${entry.index}]`, value: CLIENT_TOKEN, problem: 'is allowed on a client without a secret' });
      }
    },
  },
];
