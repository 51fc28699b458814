/** A problem with an input: the command line exits 2 and names the file. */
export class InputError extends Error {}

/**
 * A JSON parse error's message without the stretch of input Node.js quotes
 * beside it (`..."tSecret": Zx9Se"...`), which can be part of a secret: the
 * kind of error, and its position where Node.js gives one, stay.
 */
export function jsonErrorMessage(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/, (?:\.\.\.)?"[\s\S]*"(?:\.\.\.)? is not valid JSON$/, '');
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
