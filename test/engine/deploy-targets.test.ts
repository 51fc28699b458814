import { mayShareTarget, onlyDefinitionFor, targetOfEnvironment } from '../../src/engine/deploy-targets';

describe('where stacks deploy', () => {
  test('two targets may be one unless both name an account, or both a Region, and those differ', () => {
    expect(mayShareTarget({ account: '1', region: 'eu-west-1' }, { account: '1', region: 'eu-west-1' })).toBe(true);
    expect(mayShareTarget({ account: '1', region: 'eu-west-1' }, { account: '2', region: 'eu-west-1' })).toBe(false);
    expect(mayShareTarget({ account: '1', region: 'eu-west-1' }, { account: '1', region: 'us-east-1' })).toBe(false);
    expect(mayShareTarget({ account: '1' }, { region: 'us-east-1' })).toBe(true);
    expect(mayShareTarget(undefined, { account: '1', region: 'us-east-1' })).toBe(true);
  });

  test('a name means its one definition that may deploy where it is used; none or several mean nothing', () => {
    const definitions = [{ target: { account: '1' }, value: 'a' }, { target: { account: '2' }, value: 'b' }];
    expect(onlyDefinitionFor(definitions, { account: '2', region: 'eu-west-1' })).toBe('b');
    expect(onlyDefinitionFor(definitions, { account: '3' })).toBeUndefined();
    expect(onlyDefinitionFor(definitions, { region: 'eu-west-1' })).toBeUndefined();
    expect(onlyDefinitionFor([{ value: 'only' }], { account: '9' })).toBe('only');
    expect(onlyDefinitionFor(undefined, undefined)).toBeUndefined();
  });

  test('CDK\'s environment strings, agnostic parts unknown', () => {
    expect(targetOfEnvironment('aws://123456789012/eu-west-1')).toEqual({ account: '123456789012', region: 'eu-west-1' });
    expect(targetOfEnvironment('aws://unknown-account/unknown-region')).toEqual({ account: undefined, region: undefined });
    expect(targetOfEnvironment('aws://unknown-account/eu-west-1')).toEqual({ account: undefined, region: 'eu-west-1' });
    expect(targetOfEnvironment(undefined)).toBeUndefined();
    expect(targetOfEnvironment('not an environment')).toBeUndefined();
  });
});
