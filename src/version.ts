import { readFileSync } from 'fs';
import { join } from 'path';

/** This package's name: the validation plugin's name in CDK's report, by which the aspects also recognise it. */
export const PACKAGE_NAME = 'cdk-validated-user-pool-client';

const manifest: { version?: unknown; repository?: { url?: unknown } } = (() => {
  try {
    return JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
  } catch {
    return {};
  }
})();

/** This package's version (reported by the plugin and the command line). */
export const PACKAGE_VERSION: string = typeof manifest.version === 'string' ? manifest.version : '0.0.0';

/** This package's repository on GitHub (package.json's, as projen writes it from .projenrc.ts), for links to its documents. */
export const PACKAGE_REPOSITORY: string = typeof manifest.repository?.url === 'string'
  ? manifest.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')
  : `https://github.com/${PACKAGE_NAME}/${PACKAGE_NAME}`;
