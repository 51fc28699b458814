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

/** The notice an input with variables gets. */
export function serverlessNotice(count: number): string {
  return `holds Serverless Framework variables in ${count} value${count === 1 ? '' : 's'} (\${self:…}, \${opt:…}, …), which the framework `
    + 'replaces before CloudFormation reads the template: each was read as text known only at deployment, only its literal parts checked; '
    + 'check the template the framework generates (.serverless/cloudformation-template-update-stack.json) for a complete check';
}
