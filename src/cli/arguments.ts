import { parseArgs, ParseArgsConfig } from 'util';
import { closestOf } from '../rules/closest';

type Options = NonNullable<ParseArgsConfig['options']>;

/** A command's arguments (strict, positionals allowed); `usage` makes the error for an unknown or malformed option. */
export function parseCommandLine<O extends Options>(argv: string[], options: O, usage: (message: string) => Error) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (e) {
    throw usage(unknownOptionMessage(e as NodeJS.ErrnoException, options) ?? (e as Error).message);
  }
}

/** Node's message for an unknown option, with the closest option the command has instead of its advice on positionals. */
function unknownOptionMessage(e: NodeJS.ErrnoException, options: Options): string | undefined {
  const option = e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'(-[^']*)'/.exec(e.message)?.[1] : undefined;
  if (option === undefined) return undefined;
  const names = Object.keys(options).map((name) => `--${name}`);
  const closest = closestOf(option.replace(/=.*$/, ''), names);
  return `Unknown option '${option}'${closest ? `; did you mean ${closest}?` : ''} (an input file whose name starts with '-' goes after '--').`;
}
