import { readFileSync } from 'fs';
import { join } from 'path';
import { policySchema, readmeWithGeneratedSections, ruleIdsSource, rulesDoc } from '../../scripts/docs';
import { UserPoolClientRuleIds } from '../../src';
import { ALL_RULES } from '../../src/rules/registry';
import type { RuleDefinition } from '../../src/rules/rule';

const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

/**
 * Rule ids are a public contract (acknowledgements, policy files, SARIF): an
 * id here never disappears, never changes severity or kind and is never
 * reused without this list being edited on purpose. A new rule gets its row
 * in the commit that adds it: an id on main counts as released (the package
 * is published from main), so every id is pinned, and a test holds that.
 */
const PINNED = [
  'VUPC-PROPERTY-TYPE error',
  'VUPC-PROPERTY-UNKNOWN error',
  'VUPC-PROPERTY-READ-ONLY warning',
  'VUPC-POOLID-REQUIRED error',
  'VUPC-POOLID-FORMAT error',
  'VUPC-CLIENTNAME-LENGTH error',
  'VUPC-CLIENTNAME-PATTERN error',
  'VUPC-SECRET-NOT-IN-CFN warning documented',
  'VUPC-SECRET-XOR error',
  'VUPC-SECRET-FORMAT error',
  'VUPC-SECRET-REPLACEMENT warning documented',
  'VUPC-CONTEXT-DATA-SECRET error',
  'VUPC-TVU-ENUM error',
  'VUPC-ACCESS-RAW error',
  'VUPC-ID-RAW error',
  'VUPC-REFRESH-RAW error',
  'VUPC-ACCESS-DURATION error',
  'VUPC-ID-DURATION error',
  'VUPC-REFRESH-DURATION error',
  'VUPC-REFRESH-ZERO error',
  'VUPC-REFRESH-ZERO-REPLACED warning',
  'VUPC-TOKEN-LE-REFRESH warning',
  'VUPC-TVU-EXPLICIT info',
  'VUPC-AUTHSESSION-RANGE error',
  'VUPC-HOSTED-UI-COOKIE warning',
  'VUPC-SHORT-TOKEN-SDK info documented',
  'VUPC-ATTR-ITEM-LENGTH error',
  'VUPC-ATTR-EXISTS error',
  'VUPC-AUTHFLOW-ENUM error',
  'VUPC-AUTHFLOW-NO-LEGACY-MIX error',
  'VUPC-AUTHFLOW-LEGACY-DEPRECATED warning',
  'VUPC-AUTHFLOW-REFRESH-REQUIRED warning',
  'VUPC-ROTATION-NO-REFRESH-FLOW warning',
  'VUPC-AUTHFLOW-CLIENT-TOKEN error',
  'VUPC-OAUTH-FLOWS-ENUM error',
  'VUPC-OAUTH-CC-ONLY error',
  'VUPC-OAUTH-CC-SECRET error',
  'VUPC-OAUTH-CC-SCOPES error',
  'VUPC-OAUTH-CC-RESERVED-SCOPES warning',
  'VUPC-OAUTH-CC-SCOPES-NONEMPTY warning',
  'VUPC-OAUTH-CALLBACK-REQUIRED error',
  'VUPC-OAUTH-FLAG-REQUIRED error',
  'VUPC-OAUTH-FLAG-OFF warning',
  'VUPC-OAUTH-FLAG-NEEDS-FLOWS warning',
  'VUPC-OAUTH-SCOPES-FORMAT error',
  'VUPC-OAUTH-OPENID-REQUIRED error',
  'VUPC-OAUTH-OPENID-INFO info documented',
  'VUPC-URL-COUNT error',
  'VUPC-URL-FORMAT error',
  'VUPC-CALLBACK-ABSOLUTE error',
  'VUPC-CALLBACK-NO-FRAGMENT error',
  'VUPC-CALLBACK-HTTPS error',
  'VUPC-DEFAULT-REDIRECT-IN-CALLBACKS error',
  'VUPC-LOGOUT-URL-SCHEME warning',
  'VUPC-URL-WITHOUT-OAUTH warning',
  'VUPC-CALLBACK-EXACT-MATCH info documented',
  'VUPC-IDP-FORMAT error',
  'VUPC-IDP-DUPLICATE warning',
  'VUPC-IDP-NONEMPTY-FOR-OAUTH warning',
  'VUPC-IDP-COGNITO-NOT-A-BLOCK info documented',
  'VUPC-IDP-WITHOUT-OAUTH warning',
  'VUPC-ANALYTICS-ONE-TARGET error',
  'VUPC-ANALYTICS-ID-NEEDS-ROLE error',
  'VUPC-ANALYTICS-ARN-NO-ROLE warning',
  'VUPC-ANALYTICS-FORMAT error',
  'VUPC-ANALYTICS-REGION error',
  'VUPC-ANALYTICS-PINPOINT-END-OF-SUPPORT warning',
  'VUPC-PUEE-ENUM error',
  'VUPC-ROTATION-FEATURE-REQUIRED error',
  'VUPC-ROTATION-FEATURE-ENUM error',
  'VUPC-ROTATION-GRACE-RANGE error',
  'VUPC-ROTATION-GRACE-IGNORED warning',
  'VUPC-UPDATE-FULL-STATE warning baseline',
  'VUPC-MANAGED-LOGIN-BRANDING warning documented',
  'VUPC-IDP-EXISTS error',
  'VUPC-IDP-DEPENDENCY error',
  'VUPC-OAUTH-SCOPE-EXISTS error',
  'VUPC-OAUTH-SCOPE-DEPENDENCY error',
  'VUPC-WRITE-REQUIRED error',
  'VUPC-WRITE-MAPPED error',
  'VUPC-POOL-RESOURCES-UNKNOWN info',
  'VUPC-AUTHFLOW-USER-AUTH-TIER error',
  'VUPC-OAUTH-NEEDS-DOMAIN warning',
  'VUPC-QUOTA-CLIENTS info',
  'VUPC-CLIENT-REPLACED error baseline',
  'VUPC-NOT-VALIDATED warning notice',
  'VUPC-CONDITIONS-CAPPED info notice',
  'VUPC-POOL-NOT-FOUND info notice',
  'VUPC-STAGE-NOT-CHECKED error notice',
  'VUPC-ACKNOWLEDGEMENT-UNUSED warning notice',
  'VUPC-POLICY-CLIENT-NAME error',
  'VUPC-POLICY-SECRET-PUBLIC-CLIENT error',
  'VUPC-POLICY-TOKEN-LIFETIME error',
  'VUPC-POLICY-WRITE-VERIFIED-FLAGS error',
  'VUPC-POLICY-READ-EXPLICIT error',
  'VUPC-POLICY-WRITE-EXPLICIT error',
  'VUPC-POLICY-WRITE-FORBIDDEN error',
  'VUPC-POLICY-AUTHFLOW-FORBIDDEN error',
  'VUPC-POLICY-AUTHFLOW-EXPLICIT error',
  'VUPC-POLICY-NO-IMPLICIT-GRANT error',
  'VUPC-POLICY-ADMIN-SCOPE error',
  'VUPC-POLICY-NO-LOOPBACK-URLS error',
  'VUPC-POLICY-URL-HOSTS error',
  'VUPC-POLICY-URL-HOST-UNKNOWN info',
  'VUPC-POLICY-ANALYTICS-USER-DATA error',
  'VUPC-POLICY-PREVENT-USER-EXISTENCE-ERRORS error',
  'VUPC-POLICY-TOKEN-REVOCATION error',
  'VUPC-POLICY-REFRESH-TOKEN-ROTATION error',
];

test('every pinned rule id keeps its severity and kind', () => {
  const kind = (r: RuleDefinition) => (r.notice ? ' notice' : r.comparesVersions ? ' baseline' : r.check || r.checkPool ? '' : ' documented');
  const current = new Set(ALL_RULES.map((r) => `${r.id} ${r.severity}${kind(r)}`));
  expect(PINNED.filter((row) => !current.has(row))).toEqual([]);
});

test('every rule id is pinned, in the commit that adds it', () => {
  expect(ALL_RULES.map((r) => r.id).filter((id) => !PINNED.some((row) => row.startsWith(`${id} `)))).toEqual([]);
});

test('API.md documents every rule id (after a new rule: npx projen compile && npx projen docgen)', () => {
  const api = read('API.md');
  expect(Object.keys(UserPoolClientRuleIds).filter((name) => !api.includes(`UserPoolClientRuleIds.property.${name}"`))).toEqual([]);
});

test('rule ids are unique', () => {
  const ids = ALL_RULES.map((r) => r.id);
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
});

test('every rule id is published on UserPoolClientRuleIds, and nothing else is', () => {
  const published = Object.entries(UserPoolClientRuleIds).map(([, v]) => v);
  expect(published).toEqual(ALL_RULES.map((r) => r.id));
});

test('every rule carries what a finding needs: id scheme, summary, why, fix, source, properties', () => {
  for (const r of ALL_RULES) {
    expect(r.id).toMatch(/^VUPC-[A-Z0-9]+(-[A-Z0-9]+)*$/);
    expect(r.summary.length).toBeGreaterThan(10);
    expect(r.why.length).toBeGreaterThan(10);
    expect(r.fix.length).toBeGreaterThan(5);
    expect(r.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    expect(r.properties.length).toBeGreaterThan(0);
  }
});

test('the generated files are current (run `npx projen rules:doc`)', () => {
  expect(read('src/rules/rule-ids.ts')).toBe(ruleIdsSource());
  expect(read('docs/rules.md')).toBe(rulesDoc());
  expect(read('docs/policy.schema.json')).toBe(policySchema());
  expect(read('README.md')).toBe(readmeWithGeneratedSections(read('README.md')));
});
