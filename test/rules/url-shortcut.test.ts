import * as fc from 'fast-check';
import { parsedUrlProblems, urlProblems } from '../../src/rules/client/urls';
import { callbackUrl, FC_PARAMS } from '../property/arbitraries';

/** Pieces URLs are made of, including the ones that make a URL parser disagree with a quick look. */
const piece = fc.constantFrom(
  'https://', 'http://', 'myapp://', 'https:', '//', '/', '.', '..', '-', '_', ':', '443', '65535', '65536', '99999', '0', '?', '#', '%', '%zz', '@',
  'example', 'com', 'EXAMPLE', 'a', '1', '127', '256', '1.2.3.4', '0x7f', 'xn--bcher-kva', 'xn--', 'XN--a', 'xn--zz', 'localhost', '[::1]', ' ', '\t', 'é', '\\', '~', "'", '=', '&',
);
const urlish = fc.oneof(
  callbackUrl,
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.array(piece, { minLength: 1, maxLength: 12 }).map((parts) => parts.join('')),
  fc.tuple(fc.constantFrom('https://', 'https://a.'), fc.string({ maxLength: 40 })).map(([a, b]) => a + b),
);

test('the plain-https shortcut agrees with the URL parser', () => {
  fc.assert(fc.property(urlish, (url) => {
    expect(urlProblems(url)).toEqual(JSON.parse(JSON.stringify(parsedUrlProblems(url))));
  }), { ...FC_PARAMS, numRuns: FC_PARAMS.numRuns! * 10 });
});

test.each([
  ['https://app.example.com/callback', {}],
  ['https://app.example.com:65535/cb?x=1', {}],
  // A port the URL parser refuses is still a URI's (RFC 3986 bounds none): absolute, and judged by the rest.
  ['https://app.example.com:65536/cb', {}],
  ['https://1.2.3.999/cb', { absolute: 'is not an absolute URL (scheme and host or path)' }],
  ['https://app.example.com/cb#frag', { fragment: 'contains a fragment (#...)' }],
  // Punycode labels that do not decode: the parser rejects them, so the shortcut must not accept them.
  ['https://xn--a.example.com/callback', { absolute: 'is not an absolute URL (scheme and host or path)' }],
  ['https://XN--A.com/cb', { absolute: 'is not an absolute URL (scheme and host or path)' }],
  ['https://xn--bcher-kva.example/cb', {}],
])('%s', (url, expected) => {
  expect(JSON.parse(JSON.stringify(urlProblems(url)))).toEqual(expected);
});

test('a long host does not make the shortcut slow', () => {
  const start = Date.now();
  for (const url of [`https://${'a'.repeat(100000)}`, `https://${'a-'.repeat(50000)}`, `https://${'a.'.repeat(50000)}`]) {
    expect(urlProblems(url)).toEqual(JSON.parse(JSON.stringify(parsedUrlProblems(url))));
  }
  expect(Date.now() - start).toBeLessThan(1000);
});
