import * as fc from 'fast-check';
import { ACCEPTS_ASCII, API_STRINGS, matchesPattern } from '../../src/rules/api-model';
import { FC_PARAMS } from '../property/arbitraries';

const ASCII = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));
const fullMatch = (pattern: string) => new RegExp(`^(?:${pattern})$`, 'u');

describe.each([
  ['RedirectUrl', API_STRINGS.RedirectUrl.pattern],
  ['ProviderName', API_STRINGS.ProviderName.pattern],
])('the ASCII shortcut of the %s pattern', (_name, pattern) => {
  const shortcut = ACCEPTS_ASCII.get(pattern)!;

  test('accepts exactly the ASCII characters the pattern accepts', () => {
    expect(shortcut).toBeDefined();
    expect(ASCII.filter((c) => shortcut.test(c))).toEqual(ASCII.filter((c) => fullMatch(pattern).test(c)));
  });

  test('gives the pattern\'s answer on any string', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.webUrl()), (value) => {
      expect(matchesPattern(pattern, value)).toBe(fullMatch(pattern).test(value));
    }), FC_PARAMS);
  });
});

test('only patterns of the API model have a shortcut', () => {
  const patterns = new Set(Object.values(API_STRINGS).map((c) => ('pattern' in c ? c.pattern : undefined)));
  expect([...ACCEPTS_ASCII.keys()].every((p) => patterns.has(p))).toBe(true);
});
