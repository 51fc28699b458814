import { Finding } from '../../src/engine/finding';
import { poolFindings } from '../../src/engine/validate-client';
import { PROP_NAMES } from '../../src/reporting/prop-names';
import { findingsFor, patched } from '../helpers';
import { baseOf, FAILING } from '../rules/cases';

/**
 * Every rule's message, rendered for the values of its failing cases, as the
 * template door (command line, plugin, L1) and the construct door (a client
 * made with construct props) write it.
 */
function messages(door: 'template' | 'props'): Array<{ name: string; finding: Finding }> {
  const out = FAILING.flatMap((c) => {
    return findingsFor(patched(baseOf(c), c.patch), c.context, { input: c.input }, door === 'props' ? PROP_NAMES : undefined)
      .filter((f) => f.ruleId === c.rule)
      .map((finding) => ({ name: `${c.rule}: ${c.name}`, finding }));
  });
  const [quota] = poolFindings([{ path: 'Pools/Pool', name: 'Pools/Pool', clients: 1001 }]);
  return [...out, { name: 'VUPC-QUOTA-CLIENTS', finding: quota }];
}

/** The words of a text, leaving out the values it quotes (a URL, a JSON value), which are the user's words, not ours. */
const words = (text: string) => text.replace(/'[^']*'|\{.*\}|\[[^\]]*\]/g, ' ').replace(/[^A-Za-z0-9_:@/.-]+/g, ' ').trim().split(/\s+/)
  .filter((w) => /[A-Za-z0-9]/.test(w));

/** The problem part of a message: after the path, before the rule's why (what this finding says of this value). */
const problemOf = (f: Finding) => f.message.slice(f.message.indexOf(': ') + 2, f.message.indexOf('. ', f.message.indexOf(': ')) + 1);

describe.each(['template', 'props'] as const)('messages of the %s door read as a person would write them', (door) => {
  const all = messages(door);

  test('every rule with a failing case is rendered', () => {
    expect(new Set(all.map((m) => m.finding.ruleId)).size).toBeGreaterThan(60);
  });

  test.each(all.map((m) => [m.name, m.finding] as const))('%s', (_name, f) => {
    const m = f.message;
    // The shape: rule id, where, what, why, fix; one line, no leftovers of code.
    expect(m).toMatch(/^\[VUPC-[A-Z0-9-]+\] \S[^:]*: \S.*\. .+ Fix: .+[.)]$/);
    expect(m).not.toMatch(/undefined|\[object Object\]|NaN| {2}|(?<!\.)\.\.(?!\.)|\n/);
    // No phrase said twice in what the finding says of the value (the problem), and no word twice in a row.
    const problem = words(problemOf(f));
    const fours = problem.slice(0, -3).map((_, i) => problem.slice(i, i + 4).join(' '));
    expect(fours.filter((p, i) => fours.indexOf(p) !== i)).toEqual([]);
    expect(problem.filter((w, i) => i > 0 && w === problem[i - 1] && !/^\d/.test(w))).toEqual([]);
    // Numbers agree: the value's length, stated twice, is the same length.
    const lengths = [...problemOf(f).matchAll(/(?:is|has|\() ?(\d[\d,]*) characters/g)].map((x) => x[1]);
    expect(new Set(lengths).size).toBeLessThanOrEqual(1);
  });

  test('fixes give advice for the door the finding came from', () => {
    const wrong = all.filter(({ finding: f }) => {
      const fix = f.fix;
      if (door === 'props') {
        // The construct writes the units and the OAuth flag itself: a fix that asks to set them cannot be followed in props.
        return /\b(set|add|through)\b[^.;]*\b(TokenValidityUnits|AllowedOAuthFlowsUserPoolClient)\b/i.test(fix);
      }
      // A template has no props: no construct prop, no CDK method.
      return /\b(disableOAuth|addDomain|Duration\.|userPool\.|generateSecret|oAuth\b)/.test(fix);
    });
    expect(wrong.map((m) => `${m.name} -> ${m.finding.fix}`)).toEqual([]);
  });

  test('a property named in a props-door message is named with its prop', () => {
    if (door === 'template') return;
    const named = all.filter(({ finding: f }) => PROP_NAMES[f.property.split(/[.[]/)[0]] !== undefined);
    for (const { finding: f } of named) expect(f.message).toMatch(/\(prop [^)]+\)/);
  });
});
