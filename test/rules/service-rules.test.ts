import { baseOf, FAILING, PASSING, VALID_M2M_CLIENT } from './cases';
import { poolFindings, readClient } from '../../src/engine/validate-client';
import { ClientContext, ClientView } from '../../src/rules/client-view';
import { CHECKED_SERVICE_RULES } from '../../src/rules/registry';
import type { InputKind } from '../../src/rules/rule';
import { findingsFor, patched, ruleIdsOf, VALID_WEB_CLIENT } from '../helpers';

describe('valid clients', () => {
  test.each([
    ['a web client with the code grant', VALID_WEB_CLIENT],
    ['a machine-to-machine client', VALID_M2M_CLIENT],
  ])('%s has no finding', (_name, props) => {
    expect(findingsFor(props)).toEqual([]);
  });
});

/**
 * Why a rule that reports when its check runs alone reported nothing through
 * the engine: the plan skipped it (empty when it did not report alone either).
 */
function skipped(ruleId: string, properties: unknown, context: ClientContext = {}, input?: InputKind): string {
  const rule = CHECKED_SERVICE_RULES.find((r) => r.id === ruleId)!;
  const read = readClient(properties);
  if (!('properties' in read)) return '';
  let reported = false;
  rule.check!(new ClientView(read.properties, context, input), () => (reported = true));
  return reported ? `${ruleId} reports when its check runs alone, but the engine skipped it: the client sets none of the properties it declares `
    + `(${rule.properties.join(', ')}). A rule that reports an absent property declares checksAbsence: true.` : '';
}

describe('each rule fails on a violating case, on the property the case states', () => {
  test.each(FAILING.map((rc) => [rc.rule, rc.name, rc] as const))('%s: %s', (rule, _name, rc) => {
    const findings = findingsFor(patched(baseOf(rc), rc.patch), rc.context, { input: rc.input });
    const mine = findings.filter((f) => f.ruleId === rule);
    expect(rc.reports).toBeDefined();
    if (mine.length === 0) expect(skipped(rule, patched(baseOf(rc), rc.patch), rc.context, rc.input)).toBe('');
    expect(mine.map((f) => f.property)).toEqual([rc.reports ?? []].flat());
    for (const f of mine) {
      expect(f.message).toMatch(new RegExp(`^\\[${rule}\\] Test/Client: ${f.property.replace(/[[\].*]/g, '\\$&')}`));
      expect(f.message).toContain('Fix: ');
    }
  });
});

describe('each rule passes at its boundary', () => {
  test.each(PASSING.map((rc) => [rc.rule, rc.name, rc] as const))('%s: %s', (rule, _name, rc) => {
    const findings = findingsFor(patched(baseOf(rc), rc.patch), rc.context, { input: rc.input });
    expect(ruleIdsOf(findings)).not.toContain(rule);
  });
});

test('every rule that reports has a failing case and a passing boundary case', () => {
  const failing = new Set(FAILING.map((c) => c.rule));
  const passing = new Set(PASSING.map((c) => c.rule));
  const missing = CHECKED_SERVICE_RULES.map((r) => r.id).filter((id) => !failing.has(id) || !passing.has(id));
  expect(missing).toEqual([]);
});

test('a provider list not set is named so, not "empty" (one that is empty is)', () => {
  const message = (providers: unknown) => findingsFor(patched(VALID_WEB_CLIENT, { SupportedIdentityProviders: providers }))
    .find((f) => f.ruleId === 'VUPC-IDP-NONEMPTY-FOR-OAUTH')!.message;
  expect(message(undefined)).toContain('SupportedIdentityProviders is not set on a client with a user OAuth flow');
  expect(message([])).toContain('SupportedIdentityProviders is empty on a client with a user OAuth flow');
});

test('the flag rules name the URLs that OAuth turned off leaves unused, in the one finding', () => {
  const absent = findingsFor(patched(VALID_WEB_CLIENT, { AllowedOAuthFlowsUserPoolClient: undefined }));
  expect(absent.filter((f) => f.ruleId.includes('OAUTH-FLAG') || f.ruleId === 'VUPC-URL-WITHOUT-OAUTH').map((f) => f.ruleId)).toEqual(['VUPC-OAUTH-FLAG-REQUIRED']);
  expect(absent.find((f) => f.ruleId === 'VUPC-OAUTH-FLAG-REQUIRED')!.message).toMatch(/is not set \(so it is false\) while AllowedOAuthFlows, AllowedOAuthScopes, CallbackURLs.* are set/);
  const off = findingsFor(patched(VALID_WEB_CLIENT, { AllowedOAuthFlowsUserPoolClient: false }));
  expect(off.find((f) => f.ruleId === 'VUPC-OAUTH-FLAG-OFF')!.message).toMatch(/turns OAuth off, so AllowedOAuthFlows, AllowedOAuthScopes, CallbackURLs.* have no effect/);
});

describe('pool rules', () => {
  test('VUPC-QUOTA-CLIENTS: one finding per pool past 1,000 clients, with the count; none at 1,000', () => {
    const findings = poolFindings([
      { path: 'Pools/Busy', name: 'Pools/Busy', clients: 1203 },
      { path: 'Pools/Full', name: 'Pools/Full', clients: 1000 },
    ]);
    expect(findings.map((f) => [f.ruleId, f.severity, f.path, f.property])).toEqual([['VUPC-QUOTA-CLIENTS', 'info', 'Pools/Busy', '']]);
    expect(findings[0].message).toMatch(/^\[VUPC-QUOTA-CLIENTS\] Pools\/Busy: 1,203 app clients refer to user pool Pools\/Busy, past the default quota of 1,000\. /);
    expect(poolFindings([{ path: 'P', name: 'P', clients: 5000 }], { disabledRules: new Set(['VUPC-QUOTA-CLIENTS']) })).toEqual([]);
  });
});

test('the list VUPC-AUTHFLOW-LEGACY-DEPRECATED suggests keeps what the legacy list allowed, SRP included, and draws no other finding', () => {
  // Legacy names have none for SRP: a legacy list never turned SRP sign-in off, only CUSTOM_AUTH_FLOW_ONLY limited a client.
  // Before, [USER_PASSWORD_AUTH] became [ALLOW_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH], which turns SRP off.
  const fixOf = (flows: string[]) => findingsFor(patched(VALID_WEB_CLIENT, { ExplicitAuthFlows: flows }))
    .find((f) => f.ruleId === 'VUPC-AUTHFLOW-LEGACY-DEPRECATED')!.fix;
  const cases: Array<[string[], string[]]> = [
    [['USER_PASSWORD_AUTH'], ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']],
    [['ADMIN_NO_SRP_AUTH', 'USER_PASSWORD_AUTH'], ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']],
    [['CUSTOM_AUTH_FLOW_ONLY'], ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']],
  ];
  for (const [legacy, written] of cases) {
    expect(fixOf(legacy)).toBe(`Write ExplicitAuthFlows: [${written.join(', ')}].`);
    const followed = findingsFor(patched(VALID_WEB_CLIENT, { ExplicitAuthFlows: written })).filter((f) => /AUTHFLOW/.test(f.ruleId));
    expect(followed).toEqual([]);
  }
});
