import { readFileSync } from 'fs';

/**
 * The JSON of a policy file, as every door reads it (the command line's
 * --policy, `UserPoolClientPolicy.fromFile`): one file serves them all, so
 * they read it alike, past a byte order mark (editors on Windows write one,
 * which JSON.parse refuses).
 */
export function readPolicyJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a file' : code ?? (e as Error).message;
    throw new Error(`${file}: cannot be read as a JSON policy (${why}).`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(`${file}: cannot be read as a JSON policy (${(e as Error).message}).`);
  }
}
