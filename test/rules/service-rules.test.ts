import { baseOf, FAILING, PASSING, VALID_M2M_CLIENT } from './cases';
import { CHECKED_SERVICE_RULES } from '../../src/rules/registry';
import { findingsFor, patched, ruleIdsOf, VALID_WEB_CLIENT } from '../helpers';

describe('valid clients', () => {
  test.each([
    ['a web client with the code grant', VALID_WEB_CLIENT],
    ['a machine-to-machine client', VALID_M2M_CLIENT],
  ])('%s has no finding', (_name, props) => {
    expect(findingsFor(props)).toEqual([]);
  });
});

describe('each rule fails on a violating case', () => {
  test.each(FAILING.map((rc) => [rc.rule, rc.name, rc] as const))('%s: %s', (rule, _name, rc) => {
    const findings = findingsFor(patched(baseOf(rc), rc.patch), rc.context, { input: rc.input });
    const mine = findings.filter((f) => f.ruleId === rule);
    expect(mine.length).toBeGreaterThan(0);
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
