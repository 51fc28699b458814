import { isIntrinsic } from '../rules/values';

/**
 * How a template's values refer to its resources: the logical ids a value
 * names, and the pool a UserPoolId names.
 */

export const refTarget = (v: unknown): string | undefined =>
  (isIntrinsic(v) && typeof (v as { Ref?: unknown }).Ref === 'string' ? (v as { Ref: string }).Ref : undefined);

export const NO_VALUE = 'AWS::NoValue';

/** The keys whose value names a logical id (see noteReference). */
export const REFERENCE_KEYS: ReadonlySet<string> = new Set(['Ref', 'Fn::GetAtt', 'Fn::Sub']);

/**
 * Notes the logical id a member refers to when its key is Ref, Fn::GetAtt or
 * Fn::Sub (${X} in the text); false for any other key, whose value may hold
 * references further down.
 */
export function noteReference(key: string, value: unknown, out: Set<string>): boolean {
  if (key === 'Ref' && typeof value === 'string') {
    out.add(value);
  } else if (key === 'Fn::GetAtt') {
    // ['Id', 'Attr'] or 'Id.Attr'; anything else names nothing (and must not throw: String() does on some objects).
    const target: unknown = Array.isArray(value) ? value[0] : typeof value === 'string' ? value.split('.')[0] : undefined;
    if (typeof target === 'string') out.add(target);
  } else if (key === 'Fn::Sub' && (typeof value === 'string' || Array.isArray(value))) {
    const text = typeof value === 'string' ? value : value[0];
    if (typeof text === 'string') for (const m of text.matchAll(/\$\{([^}.!]+)[^}]*\}/g)) out.add(m[1]);
    if (Array.isArray(value)) referencedIds(value[1], out);
  } else {
    return false;
  }
  return true;
}

/** Every logical id a value refers to (Ref, Fn::GetAtt, ${X} in Fn::Sub). */
export function referencedIds(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) referencedIds(v, out);
  } else if (value !== null && typeof value === 'object') {
    for (const k in value) {
      const v = (value as Record<string, unknown>)[k];
      if (!noteReference(k, v, out) && v !== null && typeof v === 'object') referencedIds(v, out);
    }
  }
  return out;
}

/** The logical ids a resource's DependsOn names. */
export function dependsOn(r: { readonly DependsOn?: unknown }): string[] {
  const d = r.DependsOn;
  if (typeof d === 'string') return [d];
  return Array.isArray(d) ? d.filter((x): x is string => typeof x === 'string') : [];
}

/** The nested stack and output a value reads (`Fn::GetAtt: [Stack, 'Outputs.Name']`), if it does. */
export function nestedOutput(value: unknown): { stack: string; name: string } | undefined {
  const getAtt = (value as Record<string, unknown>)['Fn::GetAtt'];
  const [stack, attribute] = Array.isArray(getAtt) ? getAtt : typeof getAtt === 'string' ? [getAtt.slice(0, getAtt.indexOf('.')), getAtt.slice(getAtt.indexOf('.') + 1)] : [];
  return typeof stack === 'string' && typeof attribute === 'string' && attribute.startsWith('Outputs.') ? { stack, name: attribute.slice('Outputs.'.length) } : undefined;
}

/**
 * What `{ 'Fn::GetStackOutput': { StackName, OutputName, Region, RoleArn } }`
 * reads (CDK's weak cross-stack references). `region` and `account` say where
 * the stack read is: undefined for the reader's own (no Region, or
 * `AWS::Region`; no RoleArn), null when not known before deployment.
 */
export interface StackOutputRead {
  readonly stackName: string;
  readonly outputName: string;
  readonly region?: string | null;
  readonly account?: string | null;
}

/** The stack and output a value reads with `Fn::GetStackOutput`, when both names are concrete (see `StackOutputRead`). */
export function stackOutput(value: unknown): StackOutputRead | undefined {
  const read = (value as Record<string, unknown>)['Fn::GetStackOutput'];
  if (read === null || typeof read !== 'object') return undefined;
  const { StackName: stackName, OutputName: outputName, Region: region, RoleArn: roleArn } = read as Record<string, unknown>;
  if (typeof stackName !== 'string' || typeof outputName !== 'string') return undefined;
  // A cross-Region read names the producer's Region; a cross-account one the role CDK makes in the producer's account.
  const regionRead = region === undefined || refTarget(region) === 'AWS::Region' ? undefined : typeof region === 'string' ? region : null;
  const accountRead = roleArn === undefined ? undefined : accountOfRoleArn(roleArn) ?? null;
  return { stackName, outputName, region: regionRead, account: accountRead };
}

/** The account of a role ARN, written out or joined from parts (`arn:`, `AWS::Partition`, `:iam::123456789012:role/...`). */
function accountOfRoleArn(arn: unknown): string | undefined {
  const join = isIntrinsic(arn) ? (arn as Record<string, unknown>)['Fn::Join'] : undefined;
  const parts = Array.isArray(join) && join[0] === '' && Array.isArray(join[1]) ? join[1] : [arn];
  const text = parts.map((p: unknown) => (typeof p === 'string' ? p : '\u0000')).join('');
  return /:iam::(\d{12}):role\//.exec(text)?.[1];
}

/** The logical id of the user pool a UserPoolId value refers to (`Ref`, or `Fn::GetAtt` of UserPoolId); undefined for anything else. */
export function poolReference(userPoolId: unknown): string | undefined {
  const getAtt = isIntrinsic(userPoolId) ? (userPoolId as Record<string, unknown>)['Fn::GetAtt'] : undefined;
  return refTarget(userPoolId) ?? (Array.isArray(getAtt) && getAtt[1] === 'UserPoolId' && typeof getAtt[0] === 'string' ? getAtt[0] : undefined);
}
