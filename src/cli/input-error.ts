import { visit } from 'jsonc-parser';

/** A problem with an input: the command line exits 2 and names the file. */
export class InputError extends Error {}

/**
 * A JSON parse error's message without the stretch of input Node.js quotes
 * beside it (`..."tSecret": Zx9Se"...`), which can be part of a secret: the
 * kind of error, and its position where Node.js gives one, stay.
 */
export function jsonErrorMessage(e: unknown, text?: string): string {
  const message = (e instanceof Error ? e.message : String(e)).replace(/, (?:\.\.\.)?"[\s\S]*"(?:\.\.\.)? is not valid JSON$/, '');
  if (text === undefined) return message;
  const lineAndColumn = (offset: number) => {
    const before = text.slice(0, offset).split('\n');
    return `at line ${before.length}, column ${before[before.length - 1].length + 1}`;
  };
  // Node.js 21 and later add the line and column themselves (`at position 12 (line 3 column 1)`): said once.
  const position = /at position (\d+)(?: \(line \d+ column \d+\))?/.exec(message);
  if (position) return message.replace(position[0], lineAndColumn(Number(position[1])));
  // Node.js gives no position for an unexpected token (a comment, say): where the first error is, from jsonc-parser.
  const at = firstErrorOffset(text);
  return at === undefined ? message : `${message} ${lineAndColumn(at)}`;
}

function firstErrorOffset(text: string): number | undefined {
  let first: number | undefined;
  visit(text, { onError: (_error, offset) => (first ??= offset) }, { disallowComments: true, allowTrailingComma: false });
  return first;
}

/** How deep JSON input may nest: as deep as YAML input (the YAML parser's limit), far beyond any template. */
export const MAX_DEPTH = 100;

/**
 * The value, when it nests no deeper than MAX_DEPTH; an InputError otherwise
 * (deeper JSON would overflow the stack of every reader after it). Walks
 * iteratively, so it cannot overflow itself.
 */
export function withinDepth<T>(value: T, shown: string): T {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [v, depth] = pending.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_DEPTH) throw new InputError(`${shown}: nests deeper than ${MAX_DEPTH} levels; no template or API input does.`);
    for (const child of Object.values(v)) pending.push([child, depth + 1]);
  }
  return value;
}
