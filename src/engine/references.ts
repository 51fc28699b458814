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
 * The stack and output `{ 'Fn::GetStackOutput': { StackName, OutputName } }`
 * reads (CDK's weak cross-stack references), when both are concrete.
 */
export function stackOutput(value: unknown): { stackName: string; outputName: string } | undefined {
  const read = (value as Record<string, unknown>)['Fn::GetStackOutput'];
  if (read === null || typeof read !== 'object') return undefined;
  const { StackName: stackName, OutputName: outputName } = read as Record<string, unknown>;
  return typeof stackName === 'string' && typeof outputName === 'string' ? { stackName, outputName } : undefined;
}

/** The logical id of the user pool a UserPoolId value refers to (`Ref`, or `Fn::GetAtt` of UserPoolId); undefined for anything else. */
export function poolReference(userPoolId: unknown): string | undefined {
  const getAtt = isIntrinsic(userPoolId) ? (userPoolId as Record<string, unknown>)['Fn::GetAtt'] : undefined;
  return refTarget(userPoolId) ?? (Array.isArray(getAtt) && getAtt[1] === 'UserPoolId' && typeof getAtt[0] === 'string' ? getAtt[0] : undefined);
}
