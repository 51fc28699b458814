import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { testApp } from './helpers';
import { buildExampleApp } from '../examples/app';

test('the bundled example reports exactly the two mistakes of its aws-cdk L2 client', () => {
  const stack = buildExampleApp(testApp());
  const annotations = Annotations.fromStack(stack);
  const ids = (found: Array<{ id: string; entry: { data?: unknown } }>) => found.map((m) => `${m.id} ${String(m.entry.data).split(']')[0]}]`);
  expect(ids(annotations.findError('*', Match.anyValue()))).toEqual([
    '/ExampleStack/LegacyClient/Resource [VUPC-OAUTH-CC-SECRET]',
    '/ExampleStack/LegacyClient/Resource [VUPC-CALLBACK-HTTPS]',
  ]);
  expect(ids(annotations.findWarning('*', Match.anyValue()))).toEqual(['/ExampleStack/LegacyClient/Resource [VUPC-URL-WITHOUT-OAUTH]']);
});
