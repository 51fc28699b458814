import { aliasesIn, Code, CORE_NAMES, ImportedClient, Member, MODULES, ModuleAlias, snakeCase } from './code';

export type Language = 'typescript' | 'python';
export const LANGUAGES: readonly Language[] = ['typescript', 'python'];

/** What differs between the languages; the layout is shared. */
interface Syntax {
  readonly name: (camel: string) => string;
  readonly string: (value: string) => string;
  readonly boolean: (value: boolean) => string;
  readonly comment: string;
  /** True where a struct is an object literal (`{ a: 1 }`, padded), false where it is its type's constructor with keyword arguments. */
  readonly objectLiterals: boolean;
  readonly create: (type: string) => string;
  readonly null: string;
  /** One level of indentation. */
  readonly step: string;
  /** Before a comment at the end of a line. */
  readonly gap: string;
}

const TYPESCRIPT: Syntax = {
  name: (camel) => camel,
  string: (value) => `'${JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`,
  boolean: String,
  comment: '//',
  objectLiterals: true,
  create: (type) => `new ${type}`,
  null: 'null',
  step: '  ',
  gap: ' ',
};

const PYTHON: Syntax = {
  name: snakeCase,
  string: (value) => JSON.stringify(value),
  boolean: (value) => (value ? 'True' : 'False'),
  comment: '#',
  objectLiterals: false,
  create: (type) => type,
  null: 'None',
  step: '    ',
  gap: '  ',
};

const SYNTAX: Record<Language, Syntax> = { typescript: TYPESCRIPT, python: PYTHON };
const WIDTH = 110;

/** A piece of a group: its text at an indentation, and a comment for the end of its line. */
interface Item {
  readonly text: (indent: string) => string;
  readonly comment?: string;
}

/** Prints code at an indentation: on one line when it fits and holds no comment, else a member per line. */
class Printer {
  public constructor(private readonly s: Syntax) {}

  public code(code: Code, indent: string): string {
    const s = this.s;
    if ('literal' in code) return typeof code.literal === 'string' ? s.string(code.literal) : typeof code.literal === 'boolean' ? s.boolean(code.literal) : String(code.literal);
    if ('list' in code) return this.group('[', code.list.map((c) => ({ text: (i: string) => this.code(c, i) })), ']', indent);
    if ('struct' in code) return s.objectLiterals ? this.object(code.members, indent) : this.members(`${code.struct}(`, code.members, ')', indent);
    if ('constant' in code) return code.constant;
    if ('variable' in code) return s.name(code.variable);
    const args = code.args.map((c) => ({ text: (i: string) => this.code(c, i) }));
    const head = 'call' in code ? this.callee(code.call) : 'on' in code ? `${this.code(code.on, indent)}.${s.name(code.method)}` : s.create(code.create);
    const kwargs = 'kwargs' in code ? code.kwargs : undefined;
    // A struct as the last argument: an object literal, or keyword arguments.
    if (kwargs && !s.objectLiterals) return this.group(`${head}(`, [...args, ...kwargs.map((m) => this.member(m))], ')', indent);
    const all = kwargs ? [...args, { text: (i: string) => this.object(kwargs, i) }] : args;
    return this.group(`${head}(`, all, ')', indent);
  }

  /** Members in an object literal. */
  public object(members: readonly Member[], indent: string): string {
    return this.group('{', members.map((m) => this.member(m)), '}', indent, true);
  }

  /** Members as keyword arguments of a call that `open` begins. */
  public members(open: string, members: readonly Member[], close: string, indent: string): string {
    return this.group(open, members.map((m) => this.member(m)), close, indent);
  }

  /** Items on one line when they fit (and hold no comment), else one per line. */
  public group(open: string, items: readonly Item[], close: string, indent: string, padded = false): string {
    if (items.length === 0) return `${open}${close}`;
    const inner = `${indent}${this.s.step}`;
    if (!items.some((i) => i.comment)) {
      const flat = items.map((i) => i.text(inner)).join(', ');
      const line = padded ? `${open} ${flat} ${close}` : `${open}${flat}${close}`;
      if (!line.includes('\n') && indent.length + line.length <= WIDTH) return line;
    }
    const lines = items.map((i) => `${inner}${i.text(inner)},${i.comment ? `${this.s.gap}${this.s.comment} ${i.comment}` : ''}`);
    return `${open}\n${lines.join('\n')}\n${indent}${close}`;
  }

  /** `name: value` in an object literal (shorthand where the value is the variable of that name), `name=value` as a keyword argument. */
  public member(m: Member): Item {
    const shorthand = this.s.objectLiterals && 'variable' in m.value && m.value.variable === m.name;
    const sep = this.s.objectLiterals ? ': ' : '=';
    return { text: (i) => (shorthand ? m.name : `${this.s.name(m.name)}${sep}${this.code(m.value, i)}`), comment: m.comment };
  }

  public json(value: unknown, indent: string): string {
    if (value === null || value === undefined) return this.s.null;
    if (typeof value === 'string') return this.s.string(value);
    if (typeof value === 'boolean') return this.s.boolean(value);
    if (typeof value === 'number') return String(value);
    if (Array.isArray(value)) return this.group('[', value.map((v) => ({ text: (i: string) => this.json(v, i) })), ']', indent);
    // Keys are CloudFormation's names, quoted in both languages.
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => ({ text: (i: string) => `${this.s.string(k)}: ${this.json(v, i)}` }));
    return this.group('{', entries, '}', indent, this.s.objectLiterals);
  }

  /** A static method's name: its class path as is, the method in the language's case. */
  private callee(path: string): string {
    const parts = path.split('.');
    return [...parts.slice(0, -1), this.s.name(parts[parts.length - 1])].join('.');
  }
}

/** The file `import` prints: the imports the code needs, then a function per client. */
export function printClients(clients: readonly ImportedClient[], language: Language, header: readonly string[]): string {
  const s = SYNTAX[language];
  const printer = new Printer(s);
  const used = new Set<string>(['Construct', 'ValidatedUserPoolClient', 'cognito']);
  for (const c of clients) for (const m of c.props) aliasesIn(m.value, used);
  if (clients.some((c) => c.retain)) used.add('RemovalPolicy');
  const core = CORE_NAMES.filter((name) => used.has(name)).join(', ');
  const modules = MODULES[language];
  const imports = [
    ...(core ? [language === 'typescript' ? `import { ${core} } from 'aws-cdk-lib';` : `from aws_cdk import ${core}`] : []),
    ...(Object.keys(modules) as ModuleAlias[]).filter((alias) => used.has(alias)).map((alias) => modules[alias]),
  ];
  const out = [...header.map((h) => `${s.comment} ${oneLine(h)}`), ...imports, ''];
  for (const c of clients) out.push(language === 'typescript' ? typescriptFunction(c, printer, s) : pythonFunction(c, printer, s), '');
  return `${out.join('\n').trimEnd()}\n`;
}

/** How to give the function the pool the client belongs to, in the file's language. */
function poolHint(userPoolId: string, s: Syntax): string {
  const call = s === PYTHON ? `cognito.UserPool.from_user_pool_id(self, "UserPool", ${s.string(userPoolId)})` : `cognito.UserPool.fromUserPoolId(this, 'UserPool', ${s.string(userPoolId)})`;
  return `${s.name('userPool')}: that pool, e.g. ${call}.`;
}

function commentLines(c: ImportedClient, s: Syntax): string[] {
  const lines = [
    `${c.label}${c.userPoolId ? `, of user pool ${c.userPoolId}` : ''}.`,
    ...(c.userPoolId ? [poolHint(c.userPoolId, s)] : []),
    ...c.notes,
    ...(c.findings.length > 0 ? ['Findings:', ...c.findings.map((f) => `  ${f}`)] : ['Findings: none.']),
  ];
  return lines.map((l) => `${s.comment} ${oneLine(l)}`);
}

/**
 * Text for a line comment, on one line: a client name may hold any white
 * space (ClientNameType is `[\w\s+=,.@-]+`), and a carriage return (or
 * U+2028, U+2029 in TypeScript) ends a comment as a line feed does, leaving
 * the rest of the name to be read as code.
 */
function oneLine(text: string): string {
  return text.replace(/\s*[\n\r\u2028\u2029]\s*/g, ' ');
}

function overrideLines(c: ImportedClient, printer: Printer, s: Syntax, indent: string, terminator: string): string[] {
  const method = (name: string) => s.name(name);
  const retain = c.retain ? [
    `${indent}${s.comment} Kept if the stack is deleted; \`cdk import\` also needs a DeletionPolicy on the client it adopts.`,
    `${indent}client.${method('applyRemovalPolicy')}(RemovalPolicy.RETAIN)${terminator}`,
  ] : [];
  return [...retain, ...c.overrides.flatMap((o) => [
    `${indent}${s.comment} ${oneLine(`${o.path}: ${o.why}`)}`,
    `${indent}client.resource.${method('addPropertyOverride')}(${s.string(o.path)}, ${printer.json(o.value, indent)})${terminator}`,
  ])];
}

function typescriptFunction(c: ImportedClient, printer: Printer, s: Syntax): string {
  const props = printer.object(c.props, '  ');
  const body = [
    `  const client = new ValidatedUserPoolClient(scope, ${s.string(c.constructId)}, ${props});`,
    ...overrideLines(c, printer, s, '  ', ';'),
    '  return client;',
  ];
  return [
    ...commentLines(c, s),
    `export function ${c.functionName}(scope: Construct, userPool: cognito.IUserPool): ValidatedUserPoolClient {`,
    ...body,
    '}',
  ].join('\n');
}

function pythonFunction(c: ImportedClient, printer: Printer, s: Syntax): string {
  const call = printer.group('ValidatedUserPoolClient(', [
    { text: () => 'scope' },
    { text: () => s.string(c.constructId) },
    ...c.props.map((m) => printer.member(m)),
  ], ')', '    ');
  return [
    ...commentLines(c, s),
    `def ${snakeCase(c.functionName)}(scope: Construct, user_pool: cognito.IUserPool) -> ValidatedUserPoolClient:`,
    `    client = ${call}`,
    ...overrideLines(c, printer, s, '    ', ''),
    '    return client',
  ].join('\n');
}
