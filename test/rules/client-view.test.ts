import { validateClient } from '../../src/engine/validate-client';
import { ClientView } from '../../src/rules/client-view';
import { codePointLength } from '../../src/rules/values';

describe('ClientView', () => {
  const view = new ClientView({
    CallbackURLs: ['https://a.example.com/cb', { Ref: 'Url' }, 7, 'https://a.example.com/cb'],
    AllowedOAuthFlows: { 'Fn::Split': [',', 'code'] },
    TokenValidityUnits: { AccessToken: 'minutes' },
    RefreshTokenRotation: { Ref: 'Rotation' },
    Custom: ['x', 'y'],
  });

  test('reads list properties: concrete entries with their index, a set of them, and whether the list is known', () => {
    expect(view.strings('CallbackURLs')).toEqual([{ index: 0, value: 'https://a.example.com/cb' }, { index: 2, value: '7' }, { index: 3, value: 'https://a.example.com/cb' }]);
    expect([...view.stringSet('CallbackURLs')]).toEqual(['https://a.example.com/cb', '7']);
    expect([view.knownNonEmpty('CallbackURLs'), view.fullyKnown('CallbackURLs'), view.nonEmpty('CallbackURLs')]).toEqual([true, false, true]);
    // An unresolved list is set but unknown; an absent one is neither.
    expect([view.nonEmpty('AllowedOAuthFlows'), view.knownNonEmpty('AllowedOAuthFlows'), view.oauthFlows().size]).toEqual([true, false, 0]);
    expect([view.nonEmpty('LogoutURLs'), view.strings('LogoutURLs'), view.stringSet('LogoutURLs').size]).toEqual([false, [], 0]);
  });

  test('reads lists under names the resource schema does not list the same way (no slot)', () => {
    expect(view.strings('Custom').map((e) => e.value)).toEqual(['x', 'y']);
    expect(view.strings('Custom')).toBe(view.strings('Custom'));
  });

  test('reads members, and a member of an unresolved object as unknown', () => {
    expect(view.string('TokenValidityUnits.AccessToken')).toBe('minutes');
    expect(view.has('TokenValidityUnits.IdToken')).toBe(false);
    expect(view.isUnknown('RefreshTokenRotation.Feature')).toBe(true);
  });
});

describe('codePointLength', () => {
  test.each([
    ['', 0],
    ['abc', 3],
    ['é', 1],
    ['a😀b', 3],
    ['😀😀', 2],
    ['\uD800x', 2],
  ])('%j has %i code points, as the API model counts them', (value, expected) => {
    expect(codePointLength(value)).toBe(expected);
  });

  test('a name of 128 emoji is within ClientName\'s 128 characters; 129 are not', () => {
    const findings = (name: string) => validateClient({ path: 'C', properties: { UserPoolId: { Ref: 'Pool' }, ClientName: name } }).map((f) => f.ruleId);
    expect(findings('😀'.repeat(128))).not.toContain('VUPC-CLIENTNAME-LENGTH');
    expect(findings('😀'.repeat(129))).toContain('VUPC-CLIENTNAME-LENGTH');
  });
});
