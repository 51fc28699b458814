/**
 * Writes everything that is derived from the rule registry and the defaults:
 *   src/rules/rule-ids.ts   the public UserPoolClientRuleIds class (ids for every jsii language)
 *   docs/rules.md           the rules document
 *   docs/policy.schema.json the JSON Schema of policy files
 *   README.md               the "Default settings" table (between markers)
 * Run by `npx projen rules:doc` before every compile; test/rules/catalog.test.ts
 * and .ci/run fail when the committed copies differ.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { policySchema, readmeWithGeneratedSections, ruleIdsSource, rulesDoc } from './docs';

const root = join(__dirname, '..');
writeFileSync(join(root, 'src/rules/rule-ids.ts'), ruleIdsSource());
writeFileSync(join(root, 'docs/rules.md'), rulesDoc());
writeFileSync(join(root, 'docs/policy.schema.json'), policySchema());
writeFileSync(join(root, 'README.md'), readmeWithGeneratedSections(readFileSync(join(root, 'README.md'), 'utf8')));
