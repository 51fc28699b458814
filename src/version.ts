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
