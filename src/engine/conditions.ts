import { isIntrinsic, isPlainObject } from '../rules/values';

/**
 * Conditions: each branch of an `Fn::If` is a configuration that can be
 * deployed. A client that uses conditions is checked once for every
 * combination of their values that the template's parameters can produce
 * (never for a combination they cannot, such as two conditions on one
 * parameter's value that exclude each other), within a bound.
 */

/** The values of the conditions a client uses, by name. */
export type Assignment = ReadonlyMap<string, boolean>;

/** The template sections that decide conditions. */
export interface ConditionSections {
  readonly Conditions?: unknown;
  readonly Parameters?: unknown;
  /** The template's Rules: the parameters they constrain are not enumerated (see parameter-choices.ts). */
  readonly Rules?: unknown;
}

/** The configurations a value can deploy as: one per feasible assignment of the conditions it uses. */
export interface Variants<T> {
  /** Each assignment with the value under it (`Fn::If` replaced by its branch), in a fixed order. */
  readonly variants: ReadonlyArray<{ readonly when: Assignment; readonly value: T }>;
  /** True when there are more than `MAX_VARIANTS` assignments: only the first ones are in `variants`. */
  readonly capped?: boolean;
  /** True when the parameter values were too many to try them all: other assignments may exist. */
  readonly incomplete?: boolean;
}

/** What the search for a set of conditions found: the first MAX_VARIANTS assignments, whether there are more, and whether it tried every value. */
interface Found {
  readonly first: readonly Assignment[];
  readonly capped: boolean;
  readonly incomplete: boolean;
}

/** At most this many configurations of one client are checked. */
export const MAX_VARIANTS = 64;
/** At most this many combinations of parameter values are tried to find which assignments can occur. */
const MAX_TRIES = 16_384;

/** True when `Fn::If` stands anywhere in the value. */
export function usesConditions(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(usesConditions);
  if (value === null || typeof value !== 'object') return false;
  for (const key in value) {
    if (key === 'Fn::If' || usesConditions((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

/** The names of the conditions the `Fn::If`s of a value test, in the order they first appear. */
export function conditionsUsed(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const v of value) conditionsUsed(v, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'Fn::If' && Array.isArray(v) && typeof v[0] === 'string' && !out.includes(v[0])) out.push(v[0]);
      conditionsUsed(v, out);
    }
  }
  return out;
}

/** The value with each `Fn::If` replaced by the branch the assignment takes (`Ref: AWS::NoValue` stays, to be dropped as usual). */
export function takeBranches(value: unknown, when: Assignment): unknown {
  if (Array.isArray(value)) return value.map((v) => takeBranches(v, when));
  if (value === null || typeof value !== 'object') return value;
  if (isIntrinsic(value)) {
    const args = (value as Record<string, unknown>)['Fn::If'];
    if (Array.isArray(args) && args.length === 3 && typeof args[0] === 'string' && when.has(args[0])) {
      return takeBranches(when.get(args[0]) ? args[1] : args[2], when);
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = takeBranches(v, when);
  return out;
}

/** A term of `Fn::Equals`: a literal, a parameter (pseudo parameters included), or a value not known before deployment. */
type Term = { readonly literal: string } | { readonly parameter: string; readonly key: string } | { readonly opaque: true };

/** A condition's expression: the truth of each leaf decided by the parameters' values, or left open. */
type Expression =
  | { readonly constant: boolean }
  | { readonly equals: readonly [Term, Term] }
  | { readonly open: string }
  | { readonly not: Expression }
  | { readonly all: readonly Expression[] }
  | { readonly any: readonly Expression[] };

/** A value of a parameter that no condition compares it with. */
const OTHER: unique symbol = Symbol('another value');
type ParameterValue = string | typeof OTHER;
type Values = ReadonlyMap<string, ParameterValue | boolean>;

/**
 * The conditions of a template and how its parameters decide them. Built once
 * per template, and only when a client uses conditions.
 */
export class TemplateConditions {
  private readonly definitions: Record<string, unknown>;
  private readonly parameters: Record<string, unknown>;
  private readonly parsed = new Map<string, Expression>();
  /**
   * The assignments found, by the conditions asked about: clients of a template use the same few. Only the first
   * MAX_VARIANTS of each are kept: a template whose clients each use many conditions of their own would otherwise
   * hold up to MAX_TRIES assignments for every one of them (gigabytes at a few hundred).
   */
  private readonly found = new Map<string, Found>();

  public constructor(sections: ConditionSections) {
    this.definitions = isPlainObject(sections.Conditions) ? sections.Conditions : {};
    this.parameters = isPlainObject(sections.Parameters) ? sections.Parameters : {};
  }

  /**
   * The configurations `value` deploys as: one per assignment of the
   * conditions it uses that the template can produce, with `resourceCondition`
   * (the resource's own `Condition`) true, as the resource exists only then.
   */
  public variants<T>(value: T, resourceCondition?: string): Variants<T> {
    const used = conditionsUsed(value);
    if (used.length === 0 && resourceCondition === undefined) return { variants: [{ when: new Map(), value }] };
    const { first, capped, incomplete } = this.assignments(used, resourceCondition);
    const variants = first.map((when) => ({ when, value: takeBranches(value, when) as T }));
    return { variants, capped: capped || undefined, incomplete: incomplete || undefined };
  }

  /** The distinct assignments of `used` that some parameter values produce, with the resource condition true. */
  private assignments(used: readonly string[], resourceCondition?: string): Found {
    const key = JSON.stringify([used, resourceCondition]);
    let result = this.found.get(key);
    if (!result) this.found.set(key, (result = this.search(used, resourceCondition)));
    return result;
  }

  private search(used: readonly string[], resourceCondition?: string): Found {
    const expressions = used.map((name) => this.expression(name, new Set()));
    const gate = resourceCondition === undefined ? { constant: true } : this.expression(resourceCondition, new Set());
    const domains = this.domains([...expressions, gate]);
    const first: Assignment[] = [];
    const seen = new Set<string>();
    let tries = 0;
    let incomplete = false;
    // Every combination of parameter values and open leaves, odometer-wise. One map of the values, updated in place.
    const position = domains.map(() => 0);
    const values = new Map<string, ParameterValue | boolean>(domains.map((d) => [d.key, d.values[0]]));
    for (;;) {
      if (++tries > MAX_TRIES) {
        incomplete = true;
        break;
      }
      if (evaluate(gate, values)) {
        let key = '';
        for (const e of expressions) key += evaluate(e, values) ? '1' : '0';
        if (!seen.has(key)) {
          seen.add(key);
          // One past the cap says there are more: counting them all would cost up to MAX_TRIES evaluations per set of
          // conditions (a template whose 5,000 clients each use 16 conditions of their own took 94 s).
          if (first.length === MAX_VARIANTS) return { first, capped: true, incomplete: false };
          first.push(new Map(used.map((name, i) => [name, key[i] === '1'])));
        }
        // Every assignment of the used conditions is found: no need to try more values.
        if (seen.size === 2 ** used.length) break;
      }
      let i = domains.length - 1;
      while (i >= 0 && position[i] === domains[i].values.length - 1) {
        position[i] = 0;
        values.set(domains[i].key, domains[i].values[0]);
        i--;
      }
      if (i < 0) break;
      position[i]++;
      values.set(domains[i].key, domains[i].values[position[i]]);
    }
    return { first, capped: false, incomplete };
  }

  /** The values worth trying for each parameter and open leaf the expressions read. */
  private domains(expressions: readonly Expression[]): Array<{ key: string; values: ReadonlyArray<ParameterValue | boolean> }> {
    const literals = new Map<string, Set<string>>();
    const open = new Set<string>();
    const visit = (e: Expression): void => {
      if ('equals' in e) {
        const [a, b] = e.equals;
        for (const [p, other] of [[a, b], [b, a]] as const) {
          if ('parameter' in p) {
            const set = literals.get(p.parameter) ?? new Set<string>();
            if ('literal' in other) set.add(other.literal);
            literals.set(p.parameter, set);
          }
        }
      } else if ('open' in e) {
        open.add(e.open);
      } else if ('not' in e) {
        visit(e.not);
      } else if ('all' in e || 'any' in e) {
        ('all' in e ? e.all : e.any).forEach(visit);
      }
    };
    expressions.forEach(visit);
    const parameterDomains = [...literals].map(([name, compared]) => {
      const allowed = this.allowedValues(name);
      // A parameter with AllowedValues takes only those; any other can also take a value no condition names.
      const values: ParameterValue[] = allowed ?? [...compared, OTHER];
      return { key: `parameter:${name}`, values };
    });
    // The search varies the last domain fastest: the parameters with the most values go first, so that past the cap the
    // combinations checked still vary every other parameter and leaf (a 64-value parameter last would be all they vary).
    parameterDomains.sort((a, b) => b.values.length - a.values.length);
    return [...parameterDomains, ...[...open].map((key) => ({ key: `open:${key}`, values: [true, false] }))];
  }

  private allowedValues(name: string): string[] | undefined {
    return allowedValuesOf(this.parameters[name])?.map(String);
  }

  /** The expression of a named condition; one not defined (or defined in a cycle) is open. */
  private expression(name: string, visiting: Set<string>): Expression {
    const known = this.parsed.get(name);
    if (known) return known;
    if (visiting.has(name) || !(name in this.definitions)) return { open: `condition ${name}` };
    visiting.add(name);
    const e = this.parse(this.definitions[name], visiting);
    visiting.delete(name);
    this.parsed.set(name, e);
    return e;
  }

  private parse(value: unknown, visiting: Set<string>): Expression {
    const open = { open: JSON.stringify(value) ?? String(value) };
    if (typeof value === 'boolean') return { constant: value };
    if (!isIntrinsic(value)) return open;
    const [[fn, args]] = Object.entries(value as Record<string, unknown>);
    if (fn === 'Condition' && typeof args === 'string') return this.expression(args, visiting);
    if (!Array.isArray(args)) return open;
    switch (fn) {
      case 'Fn::Equals': {
        if (args.length !== 2) return open;
        const [a, b] = [parseTerm(args[0]), parseTerm(args[1])];
        if ('literal' in a && 'literal' in b) return { constant: a.literal === b.literal };
        // The same value on both sides (a parameter, a pseudo parameter, a lookup), however unknown: always equal.
        if (JSON.stringify(args[0]) === JSON.stringify(args[1])) return { constant: true };
        // A value not known before deployment, or two parameters compared: either outcome can occur.
        if ('opaque' in a || 'opaque' in b || ('parameter' in a && 'parameter' in b)) return open;
        return { equals: [a, b] };
      }
      case 'Fn::Not':
        return args.length === 1 ? { not: this.parse(args[0], visiting) } : open;
      case 'Fn::And':
        return { all: args.map((a) => this.parse(a, visiting)) };
      case 'Fn::Or':
        return { any: args.map((a) => this.parse(a, visiting)) };
      default:
        return open;
    }
  }
}

/**
 * A parameter's AllowedValues, when it has some and each is a scalar: YAML
 * reads an unquoted `true` as a boolean, which CloudFormation reads as the
 * text `true` (a number stays a number: the template holds it so).
 */
export function allowedValuesOf(parameter: unknown): Array<string | number> | undefined {
  const allowed = isPlainObject(parameter) ? parameter.AllowedValues : undefined;
  if (!Array.isArray(allowed) || allowed.length === 0) return undefined;
  if (!allowed.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) return undefined;
  return (allowed as Array<string | number | boolean>).map((v) => (typeof v === 'boolean' ? String(v) : v));
}

function parseTerm(value: unknown): Term {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return { literal: String(value) };
  const ref = isIntrinsic(value) ? (value as { Ref?: unknown }).Ref : undefined;
  // `key`: where the search keeps the parameter's value (see `domains`), made once rather than at every evaluation.
  return typeof ref === 'string' ? { parameter: ref, key: `parameter:${ref}` } : { opaque: true };
}

function evaluate(e: Expression, values: Values): boolean {
  if ('constant' in e) return e.constant;
  if ('open' in e) return values.get(`open:${e.open}`) === true;
  if ('not' in e) return !evaluate(e.not, values);
  if ('all' in e) return e.all.every((x) => evaluate(x, values));
  if ('any' in e) return e.any.some((x) => evaluate(x, values));
  // One side is a parameter, the other a literal (see parse).
  const a = termValue(e.equals[0], values);
  return a !== undefined && a !== OTHER && a === termValue(e.equals[1], values);
}

function termValue(t: Term, values: Values): ParameterValue | boolean | undefined {
  return 'literal' in t ? t.literal : 'parameter' in t ? values.get(t.key) : undefined;
}

/** A condition that does not hold, in words: `not IsProd`; `Stage is not prod` for a parameter's value (see parameter-choices.ts). */
const negated = (name: string) => (name.includes(' = ') ? name.replace(' = ', ' is not ') : `not ${name}`);

/**
 * When a finding holds, in words: `IsProd`, `not IsProd and IsEu`, `IsProd,
 * or when IsEu`. `holds` are the assignments (of `all`) where it was found;
 * each term is as short as it can be while no other assignment matches it.
 * Undefined when it holds in every assignment.
 */
export function conditionLabel(holds: readonly Assignment[], all: readonly Assignment[]): string | undefined {
  if (holds.length === all.length) return undefined;
  const others = all.filter((a) => !holds.includes(a));
  const matches = (term: Assignment, a: Assignment) => [...term].every(([name, value]) => a.get(name) === value);
  const terms: Assignment[] = [];
  let remaining = [...holds];
  while (remaining.length > 0) {
    const term = widestTerm(remaining[0], remaining, others, matches);
    terms.push(term);
    remaining = remaining.filter((a) => !matches(term, a));
  }
  return terms.map((t) => [...t].map(([name, value]) => (value ? name : negated(name))).join(' and ')).join(', or when ');
}

/**
 * The part of `first` that matches no assignment of `others` and as many of
 * `remaining` as any part does, with the fewest conditions: every part is
 * tried for the few conditions a client uses, dropping one at a time beyond.
 */
/** How many of a term's conditions hold. */
const holding = (term: Assignment) => [...term.values()].filter(Boolean).length;

function widestTerm(
  first: Assignment,
  remaining: readonly Assignment[],
  others: readonly Assignment[],
  matches: (t: Assignment, a: Assignment) => boolean,
): Assignment {
  const names = [...first.keys()];
  const termOf = (kept: readonly string[]): Assignment => new Map(kept.map((n) => [n, first.get(n)!]));
  if (names.length > 10) {
    let kept = names;
    // Conditions that do not hold are dropped first, so that what is left says what holds where it can.
    for (const name of [...names].sort((a, b) => Number(first.get(a)) - Number(first.get(b)))) {
      const without = kept.filter((n) => n !== name);
      if (!others.some((o) => matches(termOf(without), o))) kept = without;
    }
    return termOf(kept);
  }
  let best = termOf(names);
  let bestCovers = remaining.filter((a) => matches(best, a)).length;
  for (let mask = 0; mask < 2 ** names.length; mask++) {
    const term = termOf(names.filter((_, i) => Math.floor(mask / 2 ** i) % 2 === 1));
    if (others.some((o) => matches(term, o))) continue;
    const covers = remaining.filter((a) => matches(term, a)).length;
    // Of terms as wide and as short, one that says what holds reads best (`Stage = dev` rather than `Stage is not prod`).
    const shorter = term.size < best.size || (term.size === best.size && holding(term) > holding(best));
    const better = covers > bestCovers || (covers === bestCovers && shorter);
    if (better) {
      best = term;
      bestCovers = covers;
    }
  }
  return best;
}
