import { readFileSync } from 'fs';
import { join } from 'path';

/** This package's version (reported by the plugin and the command line). */
export const PACKAGE_VERSION: string = (() => {
  try {
    return JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version;
  } catch {
    return '0.0.0';
  }
})();

/** This package's name: the validation plugin's name in CDK's report, by which the aspects also recognise it. */
export const PACKAGE_NAME = 'cdk-validated-user-pool-client';
