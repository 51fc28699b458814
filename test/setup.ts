/**
 * aws-cdk-lib 2.262-2.275 runs its built-in "CloudFormation Validate" plugin on
 * every synth and prints its findings with console.error; many tests here
 * synthesize deliberately invalid clients. Those lines are dropped so that the
 * test output shows only what matters. (From 2.276 on, tests switch the plugin
 * off with `builtinCloudFormationValidation: false`.) Nothing else is filtered.
 */
const original = console.error;
console.error = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && (args[0].startsWith('[Warning] Template validation found issues') || args[0].includes('(CloudFormation Validate)'))) return;
  original(...args);
};
