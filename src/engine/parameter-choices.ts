import { allowedValuesOf, ConditionSections, MAX_VARIANTS } from './conditions';
import { referencedIds } from './references';
import { isIntrinsic, isPlainObject, isRecord } from '../rules/values';

/**
 * Parameters with `AllowedValues`: each value is a configuration that can be
 * deployed, as each branch of an `Fn::If` is. A client that refers to one
 * (`RefreshTokenValidity: !Ref RefreshDays`) is checked once for each value,
 * through the conditions' machinery: every `Ref` to the parameter becomes a
 * chain of `Fn::If`s on conditions of the form `RefreshDays = 30`, which the
 * conditions' search evaluates with the parameter's values (so conditions on
 * the same parameter stay consistent with it), and a finding says the value it
 * needs (`[when RefreshDays = 0]`). Parameters of String and Number type
 * only; others, and those with no AllowedValues or more than MAX_CHOICES,
 * stay values known only at deployment.
 */

/** The values each parameter that can be enumerated takes, by its name. */
export type ParameterChoices = ReadonlyMap<string, ReadonlyArray<string | number>>;

/** The parameter types whose Ref is the value itself, one of AllowedValues. */
const SCALAR_TYPES: ReadonlySet<unknown> = new Set(['String', 'Number']);

/** A parameter with more allowed values than a client's combinations checked is not enumerated. */
const MAX_CHOICES = MAX_VARIANTS;

/** The name of the condition that a parameter has one of its values: `Stage = prod` (template condition names are alphanumeric). */
const choiceName = (parameter: string, value: string | number) => `${parameter} = ${value === '' ? "''" : String(value)}`;

/** The parameters of a template that can be enumerated, with their values. */
export function parameterChoices(parameters: unknown, rules?: unknown): ParameterChoices {
  const out = new Map<string, ReadonlyArray<string | number>>();
  // Rules may forbid combinations of parameter values, which CloudFormation then refuses before it creates anything:
  // the parameters they name are not enumerated (a combination they forbid would be a false error).
  const constrained = referencedIds(rules);
  for (const [name, p] of Object.entries(isPlainObject(parameters) ? parameters : {})) {
    if (constrained.has(name)) continue;
    // A list parameter's Ref is a list (its AllowedValues bound each entry), an SSM parameter's value is the store's;
    // a NoEcho parameter's values are not written into findings (a condition label would show them).
    const allowed = isPlainObject(p) && SCALAR_TYPES.has(p.Type) && p.NoEcho !== true && p.NoEcho !== 'true' ? allowedValuesOf(p) : undefined;
    if (allowed && allowed.length <= MAX_CHOICES) out.set(name, [...new Set(allowed)]);
  }
  return out;
}

/** The template's conditions with one for each value of each parameter that can be enumerated. */
export function withChoiceConditions(sections: ConditionSections, choices: ParameterChoices): ConditionSections {
  const conditions: Record<string, unknown> = { ...(isPlainObject(sections.Conditions) ? sections.Conditions : {}) };
  for (const [parameter, values] of choices) {
    for (const value of values) conditions[choiceName(parameter, value)] = { 'Fn::Equals': [{ Ref: parameter }, String(value)] };
  }
  return { Conditions: conditions, Parameters: sections.Parameters };
}

/**
 * The value with each `Ref` to a parameter of `used` replaced by a chain of
 * `Fn::If`s over its values; the same value (not a copy) when none is there.
 */
export function withChoices(value: unknown, used: ParameterChoices): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((v, i) => {
      const after = withChoices(v, used);
      if (after !== v) (copy ??= value.slice())[i] = after;
    });
    return copy ?? value;
  }
  if (!isRecord(value)) return value;
  const ref = isIntrinsic(value) ? value.Ref : undefined;
  const values = typeof ref === 'string' ? used.get(ref) : undefined;
  if (values) {
    // The last else is never taken: the parameter has one of its values.
    return values.reduceRight<unknown>((otherwise, v) => ({ 'Fn::If': [choiceName(ref as string, v), v, otherwise] }), value);
  }
  const sub = substituted(value, used);
  if (sub !== undefined) return sub;
  let copy: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(value)) {
    const after = withChoices(v, used);
    if (after !== v) (copy ??= { ...value })[k] = after;
  }
  return copy ?? value;
}

/**
 * An `Fn::Sub` whose text names parameters of `used` (`https://${Stage}.example.com`), with each of them given in its
 * variable map as the chain of its values: its text is written once, whatever the number of parameters and values
 * (the text with every combination written in grew as their product). Undefined when it names none (a variable of
 * its own of the same name is not the parameter).
 */
function substituted(value: Record<string, unknown>, used: ParameterChoices): unknown {
  const sub = value['Fn::Sub'];
  const text = typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
  if (text === undefined) return undefined;
  const own = Array.isArray(sub) && isRecord(sub[1]) ? sub[1] : {};
  const named = [...used.keys()].filter((p) => !Object.prototype.hasOwnProperty.call(own, p) && text.includes(`\${${p}}`));
  if (named.length === 0) return undefined;
  const variables = { ...(withChoices(own, used) as Record<string, unknown>) };
  for (const parameter of named) variables[parameter] = withChoices({ Ref: parameter }, used);
  return { 'Fn::Sub': [text, variables] };
}
