import { parseArgs, ParseArgsConfig } from 'util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** A command's arguments (strict, positionals allowed); `usage` makes the error for an unknown or malformed option. */
export function parseCommandLine<O extends Options>(argv: string[], options: O, usage: (message: string) => Error) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (e) {
    throw usage((e as Error).message);
  }
}
