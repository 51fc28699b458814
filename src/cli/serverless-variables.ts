/**
 * Serverless Framework variables (`${self:custom.stage}`, `${opt:stage}`,
 * `${ssm:/path}`, `${file(./x.yml):key}`, ...) in a resources file that
 * `serverless.yml` includes: the framework replaces them before
 * CloudFormation reads the template. Read as written, a name like
 * `${self:custom.stage}-client` fails checks CloudFormation never runs on
 * it; each such string is read as text built at deployment instead, its
 * literal parts still checked (as an `Fn::Join` of text and unknown
 * values), and the input says so in its notices.
 */
import { InputError } from './input-error';
import { isRecord } from '../rules/values';

/**
 * The variable sources the framework resolves, but `aws:` and `s3:`, which
 * IAM policy variables share (`${aws:username}` in a policy is text
 * CloudFormation keeps).
 */
const SOURCE = /^\$\{\s*(?:self|opt|sls|env|ssm|cf|param|git|strToBool\s*\(|file\s*\()/;
const ANY_VARIABLE = /\$\{\s*(?:self|opt|sls|env|ssm|cf|param|git|strToBool\s*\(|file\s*\()/;

/**
 * The template with each string of its Cognito resources that holds a
 * variable read as text built at deployment, and how many there were; the
 * template itself when there are none.
 */
export function readServerlessVariables(template: unknown, text?: string): { readonly template: unknown; readonly count: number } {
  // One scan of the text rules out nearly every template, before a walk of its resources (40 ms at 5,000 clients).
  if (text !== undefined && !ANY_VARIABLE.test(text)) return { template, count: 0 };
  const resources = isRecord(template) && isRecord(template.Resources) ? template.Resources : undefined;
  if (!resources) return { template, count: 0 };
  let count = 0;
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const parts = partsOf(value);
      if (!parts) return value;
      count++;
      return parts.length === 1 ? parts[0] : { 'Fn::Join': ['', parts] };
    }
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      value.forEach((item, i) => {
        const after = walk(item);
        if (after !== item) (copy ??= value.slice())[i] = after;
      });
      return copy ?? value;
    }
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      // Fn::Sub reads `${...}` as its own variables (unknown to the template, so unknown values already).
      const after = key === 'Fn::Sub' ? item : walk(item);
      if (after !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = after;
    }
    return copy ?? value;
  };
  let changed: Record<string, unknown> | undefined;
  for (const [id, resource] of Object.entries(resources)) {
    if (!isRecord(resource) || typeof resource.Type !== 'string' || !resource.Type.startsWith('AWS::Cognito::')) continue;
    const after = walk(resource);
    if (after !== resource) (changed ??= { ...resources })[id] = after;
  }
  return { template: changed ? { ...(template as Record<string, unknown>), Resources: changed } : template, count };
}

/** The literal text and variables of a string (each variable a `Ref` named by its text), or undefined when it holds none. */
function partsOf(text: string): unknown[] | undefined {
  if (!text.includes('${')) return undefined;
  const parts: unknown[] = [];
  let literal = '';
  let found = false;
  for (let i = 0; i < text.length;) {
    const end = text.startsWith('${', i) ? closing(text, i) : -1;
    if (end > 0 && SOURCE.test(text.slice(i, end + 1))) {
      if (literal) parts.push(literal);
      literal = '';
      parts.push({ Ref: text.slice(i, end + 1) });
      found = true;
      i = end + 1;
    } else {
      literal += text[i];
      i++;
    }
  }
  if (literal) parts.push(literal);
  return found ? parts : undefined;
}

/** The index of the `}` that closes the `${` at `start` (variables nest: `${self:custom.${opt:stage}}`); -1 when none does. */
function closing(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text.startsWith('${', i)) {
      depth++;
      i++;
    } else if (text[i] === '}' && --depth === 0) {
      return i;
    }
  }
  return -1;
}

/** Where the whole template is: what to check instead of a file the framework reads. */
export const GENERATED_TEMPLATE = 'the template the framework generates (serverless package writes .serverless/cloudformation-template-update-stack.json)';

/** The notice an input with variables gets. */
export function serverlessNotice(count: number): string {
  return `holds Serverless Framework variables in ${count} value${count === 1 ? '' : 's'} (\${self:…}, \${opt:…}, …), which the framework `
    + 'replaces before CloudFormation reads the template: each was read as text known only at deployment, only its literal parts checked; '
    + `check ${GENERATED_TEMPLATE} for a complete check`;
}

/** True for a Serverless Framework service file (`serverless.yml`): `service` and `provider` at the top, no Resources. */
export function isServiceFile(file: Record<string, unknown>): boolean {
  return !('Resources' in file) && 'service' in file && 'provider' in file;
}

export const SERVICE_FILE_NOTICE = 'is a Serverless Framework service file: its resources section was checked as a template '
  + '(the resources the framework generates for functions and events hold no app client)';

/**
 * The resources section of a Serverless Framework service file
 * (`resources: {Resources: ...}`), which the framework merges into the
 * template it generates; undefined for any other file. One whose resources
 * are files it includes names them: those are what to check.
 */
export function serviceResources(file: unknown, shown: string): Record<string, unknown> | undefined {
  if (!isRecord(file) || !isServiceFile(file)) return undefined;
  const resources = file.resources;
  if (Array.isArray(resources)) {
    const included = resources.filter((r): r is string => typeof r === 'string');
    throw new InputError(`${shown}: is a Serverless Framework service file whose resources section includes other files`
      + `${included.length > 0 ? ` (${included.join(', ')})` : ''}: give those files as inputs (each is read as a template), or check ${GENERATED_TEMPLATE}.`);
  }
  return isRecord(resources) && isRecord(resources.Resources) ? resources : undefined;
}
