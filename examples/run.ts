/**
 * `npx projen example`: synthesizes the example app, prints the template of
 * its app clients and every finding, and exits 0 (the findings are the
 * demonstration). A real `cdk synth` of this app fails on the errors.
 */
import { App, AppProps } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { buildExampleApp } from './app';

const app = new App({ builtinCloudFormationValidation: false } as AppProps);
const stack = buildExampleApp(app);

const clients = Template.fromStack(stack).findResources('AWS::Cognito::UserPoolClient');
console.log('# AWS::Cognito::UserPoolClient resources of ExampleStack\n');
console.log(JSON.stringify(clients, null, 2));

const annotations = Annotations.fromStack(stack);
const show = (kind: string, messages: Array<{ id: string; entry: { data?: unknown } }>) =>
  messages.forEach((m) => console.log(`${kind} ${m.id}\n  ${String(m.entry.data)}\n`));
console.log('\n# Findings\n');
const errors = annotations.findError('*', Match.anyValue());
const warnings = annotations.findWarning('*', Match.anyValue());
show('ERROR', errors);
show('WARNING', warnings);
console.log(`${errors.length} error(s), ${warnings.length} warning(s): \`cdk synth\` of this app would fail until the errors are fixed.`);
