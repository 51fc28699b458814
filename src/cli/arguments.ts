import { parseArgs, ParseArgsConfig } from 'util';
import { closestOf } from '../rules/closest';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * A command's arguments (strict, positionals allowed); `usage` makes the
 * error for an unknown or malformed option, and for an option that takes one
 * value given twice (Node keeps the last, silently: `--format json --format
 * sarif` would print SARIF to a step that reads JSON).
 */
export function parseCommandLine<O extends Options>(argv: string[], options: O, usage: (message: string) => Error) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options, tokens: true });
  } catch (e) {
    throw usage(unknownOptionMessage(e as NodeJS.ErrnoException, options) ?? (e as Error).message);
  }
  const given = new Map<string, string[]>();
  for (const token of parsed.tokens) {
    // A flag given twice means what it means once (flags a pipeline puts together may repeat one); a value given twice is ambiguous.
    if (token.kind !== 'option' || options[token.name]?.multiple || options[token.name]?.type !== 'string') continue;
    given.set(token.name, [...given.get(token.name) ?? [], token.value ?? '']);
  }
  for (const [name, values] of given) {
    if (values.length < 2) continue;
    throw usage(`--${name} is given ${values.length} times (${values.map((v) => `'${v}'`).join(', then ')}); give it once.`);
  }
  return parsed;
}

/** Node's message for an unknown option, with the closest option the command has instead of its advice on positionals. */
function unknownOptionMessage(e: NodeJS.ErrnoException, options: Options): string | undefined {
  const option = e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'(-[^']*)'/.exec(e.message)?.[1] : undefined;
  if (option === undefined) return undefined;
  const names = Object.keys(options).map((name) => `--${name}`);
  const closest = closestOf(option.replace(/=.*$/, ''), names);
  return `Unknown option '${option}'${closest ? `; did you mean ${closest}?` : ''} (an input file whose name starts with '-' goes after '--').`;
}
