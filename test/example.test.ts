import { readFileSync } from 'fs';
import { join } from 'path';
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

test('the README shows a finding the example reports, word for word', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const shown = /```text\nERROR \/ExampleStack\/LegacyClient\/Resource\n {2}(.*)\n```/.exec(readme)?.[1];
  const errors = Annotations.fromStack(buildExampleApp(testApp())).findError('*', Match.anyValue()).map((m) => String(m.entry.data));
  expect(errors).toContain(shown);
});
