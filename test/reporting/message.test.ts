import { redact } from '../../src/engine/message';

describe('redact', () => {
  test('masks a secret character for character, in lists and intrinsics too', () => {
    expect(redact('ClientSecret', 's3cret')).toBe('******');
    expect(redact('ClientSecret', { 'Fn::Join': ['', ['ab', 12]] })).toEqual({ 'Fn::Join': ['', ['**', '**']] });
    expect(redact('AnalyticsConfiguration', { ExternalId: 'xyz', RoleArn: 'arn' })).toEqual({ ExternalId: '***', RoleArn: 'arn' });
  });

  test('a secret that cannot be read member by member is masked whole, and nothing of it is shown', () => {
    const unreadable = { visible: 'top-secret', get broken(): string { throw new Error('top-secret'); } };
    expect(redact('ClientSecret', unreadable)).toBe('(masked)');
    expect(redact('ClientSecret', [unreadable])).toEqual(['(masked)']);
  });

  test('leaves values that hold no secret as they are', () => {
    const value = { AccessToken: 'minutes' };
    expect(redact('TokenValidityUnits', value)).toEqual(value);
    expect(redact('CallbackURLs[0]', 'https://a.example.com')).toBe('https://a.example.com');
  });
});
