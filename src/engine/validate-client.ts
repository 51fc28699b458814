import { conditionLabel, MAX_VARIANTS } from './conditions';
import type { Finding } from './finding';
import { fixOf, formatMessage } from './message';
import { RuleRunner } from './speed/runner';
import type { ClientRead } from './template-index';
import type { ClientContext } from '../rules/client-view';
import { CHECKED_SERVICE_RULES, noticeRule, SERVICE_RULES } from '../rules/registry';
import { InputKind, PoolCount, RuleContext, RuleDefinition, RuleSeverity, Violation } from '../rules/rule';
import { isIntrinsic, isPlainObject, withoutNoValue } from '../rules/values';

/** An AWS::Cognito::UserPoolClient as a template will hold it. */
export interface ClientResource {
  /** Construct path (CDK) or `<template>#<logical id>` (command line). */
  readonly path: string;
  /** The resource's `Properties`, exactly as rendered (intrinsics included). */
  readonly properties: unknown;
  /** Construct prop names by CloudFormation property, which findings name (see `ClientNaming`). */
  readonly propNames?: PropNames;
}

/** Construct prop names by CloudFormation property. */
export type PropNames = { readonly [cfnProperty: string]: string };

/** How findings name a client and its properties. */
export interface ClientNaming {
  /** The client's path; a function is called only when there is a finding. */
  readonly path: string | (() => string);
  /** The construct's prop names, for a client made by a construct that takes props (the L2, ValidatedUserPoolClient). */
  readonly propNames?: PropNames;
}

/** How the rules are applied. */
export interface RuleSelection {
  /** Rule ids not to run. */
  readonly disabledRules?: ReadonlySet<string>;
  /** Rule ids whose errors are reported as warnings. */
  readonly warningRules?: ReadonlySet<string>;
  /** The rules to run; the service rules by default. */
  readonly rules?: readonly RuleDefinition[];
  /** What the client was read from (rules that hold for other inputs do not run). @default InputKind.TEMPLATE */
  readonly input?: InputKind;
}

function severityOf(rule: RuleDefinition, selection: RuleSelection): RuleSeverity {
  return rule.severity === RuleSeverity.ERROR && selection.warningRules?.has(rule.id) ? RuleSeverity.WARNING : rule.severity;
}

/** The finding a rule's violation makes, with its message and fix. */
export function findingOf(
  rule: RuleDefinition, path: string, violation: Violation, severity: RuleSeverity, propNames?: PropNames, input?: InputKind,
): Finding {
  return {
    ruleId: rule.id,
    severity,
    path,
    property: violation.property,
    message: formatMessage(rule, path, violation, propNames, input),
    fix: fixOf(rule, violation, propNames, input),
  };
}

/** A client's properties as the rules read them, or the value that stood where an object belongs. */
export type ReadClient = { readonly properties: Record<string, unknown> } | { readonly notAnObject: unknown };

/**
 * Reads a client's properties once for any number of rule runs: references
 * the template fixes are replaced (`resolveKnown`, see
 * `TemplateIndex.resolveKnown`) and `Ref: AWS::NoValue` is dropped, as
 * CloudFormation does.
 */
export function readClient(properties: unknown, resolveKnown?: (value: unknown) => unknown): ReadClient {
  const raw = properties ?? {};
  if (!isPlainObject(raw)) return { notAnObject: raw };
  const known = resolveKnown ? resolveKnown(raw) : raw;
  return { properties: withoutNoValue(known) as Record<string, unknown> };
}

/**
 * Runs the rules over one client. Pure: the same input gives the same
 * findings in the same order. It never throws: a rule that fails on input
 * nobody foresaw becomes a warning that names it, not a crashed synth.
 */
export function validateClient(resource: ClientResource, context: ClientContext = {}, selection: RuleSelection = {}): Finding[] {
  return runRules(readClient(resource.properties), context, selection, resource);
}

/**
 * Runs the selected rules over a client read with `readClient`. With a
 * runner, work done for an earlier client with the same configuration is
 * not done again (see RuleRunner).
 */
export function runRules(client: ReadClient, context: ClientContext, selection: RuleSelection, naming: ClientNaming, runner?: RuleRunner): Finding[] {
  const findings: Finding[] = [];
  const rules = selection.rules ?? CHECKED_SERVICE_RULES;
  // A construct path costs a walk up the tree: it is worked out only for a client with findings.
  let text: string | undefined;
  const emit = (rule: RuleDefinition, violation: Violation, severity = severityOf(rule, selection)) => {
    text ??= typeof naming.path === 'string' ? naming.path : naming.path();
    findings.push(findingOf(rule, text, violation, severity, naming.propNames, selection.input));
  };

  if (!('properties' in client)) {
    const raw = client.notAnObject;
    const typeRule = rules.find((r) => r.id === 'VUPC-PROPERTY-TYPE');
    if (typeRule && !isIntrinsic(raw) && !selection.disabledRules?.has(typeRule.id)) {
      emit(typeRule, { property: 'Properties', value: raw, problem: 'is not an object' });
    }
    return findings;
  }
  const toRun = { rules, disabled: selection.disabledRules, input: selection.input };
  const results = runner ? runner.run(client.properties, context, toRun) : RuleRunner.once(client.properties, context, toRun);
  for (const r of results) emit(r.rule, r.violation, r.failed ? RuleSeverity.WARNING : undefined);
  return findings;
}

/**
 * Runs the selected rules over every configuration of a client read by a
 * template index: a client that uses conditions is checked in each
 * combination of their values, and a finding that holds only in some says
 * when (`[when IsProd]`), once. A client with more combinations than are
 * checked gets a VUPC-CONDITIONS-CAPPED notice.
 */
export function checkClient(
  path: string | (() => string),
  read: ClientRead,
  selection: RuleSelection,
  runner?: RuleRunner,
  configuration?: Pick<ClientContext, 'extraEnumValues' | 'policy'>,
): Finding[] {
  // Written member by member, in the order of the index's contexts: made by spreading the two objects, the context cost
  // the policy's check of a client twice the time (its memo key and rules read the context; 1,000 clients from their
  // templates, warm: 5.8 against 2.6 ms, eight runs each).
  const context: ClientContext = configuration?.extraEnumValues || configuration?.policy
    ? {
      region: read.context.region,
      extraEnumValues: configuration.extraEnumValues,
      pool: read.context.pool,
      dependencies: read.context.dependencies,
      policy: configuration.policy,
    }
    : read.context;
  if (read.variants.length === 1 && read.variants[0].when === undefined) {
    return runRules(read.variants[0].client, context, selection, { path, propNames: read.propNames }, runner);
  }
  let text: string | undefined;
  const pathText = () => (text ??= typeof path === 'string' ? path : path());
  const found = new Map<string, { finding: Finding; holds: Array<NonNullable<ClientRead['variants'][number]['when']>> }>();
  for (const { when, client } of read.variants) {
    for (const finding of runRules(client, context, selection, { path: pathText, propNames: read.propNames }, runner)) {
      const key = `${finding.ruleId}\u0000${finding.property}\u0000${finding.message}`;
      const entry = found.get(key) ?? { finding, holds: [] };
      entry.holds.push(when!);
      found.set(key, entry);
    }
  }
  const all = read.variants.map((v) => v.when!);
  const findings = [...found.values()].map(({ finding, holds }) => {
    const condition = conditionLabel(holds, all);
    if (condition === undefined) return finding;
    const prefix = `[${finding.ruleId}] ${finding.path}:`;
    return { ...finding, condition, message: `[${finding.ruleId}] ${finding.path} [when ${condition}]:${finding.message.slice(prefix.length)}` };
  });
  if ((read.capped || read.incomplete) && !selection.disabledRules?.has('VUPC-CONDITIONS-CAPPED') && selection.rules === undefined) {
    const rule = noticeRule('VUPC-CONDITIONS-CAPPED');
    const problem = read.capped
      ? `use conditions or parameters with AllowedValues in more than ${MAX_VARIANTS} combinations; the first ${MAX_VARIANTS} were checked`
      : `use conditions or parameters whose values are too many to try them all; ${read.variants.length} combinations were checked`;
    findings.push(findingOf(rule, pathText(), { property: 'Properties', problem }, rule.severity));
  }
  return findings;
}

/** An app client the service rules checked without its user pool (see VUPC-POOL-NOT-FOUND). */
export interface ClientWithoutPool {
  readonly path: string;
  readonly userPoolId: unknown;
}

/**
 * The one VUPC-POOL-NOT-FOUND finding for the clients of a template or
 * stack that were checked without their pool (on the first, naming how many
 * others); undefined when there are none or the rule is off.
 */
export function poolNotFoundFinding(clients: readonly ClientWithoutPool[], selection: RuleSelection): Finding | undefined {
  const rule = noticeRule('VUPC-POOL-NOT-FOUND');
  if (clients.length === 0 || selection.disabledRules?.has(rule.id)) return undefined;
  const [first, ...others] = clients;
  const named = others.slice(0, 3).map((c) => c.path).join(', ');
  const also = others.length === 0 ? '' : ` or for the ${others.length} other app client${others.length > 1 ? 's' : ''} checked without it (${named}${others.length > 3 ? ', …' : ''})`;
  // The rules that would have run with the pool: not those turned off, nor the notice about the pool's own unknowns.
  const rules = CHECKED_SERVICE_RULES
    .filter((r) => r.context === RuleContext.USER_POOL && r.severity !== RuleSeverity.INFO && !selection.disabledRules?.has(r.id)).length;
  // Why a pool is not found (made elsewhere, or reached in a way the checks do not follow) is the rule's `why`.
  const problem = `names a user pool that the checks did not find, so the ${rules} rules about the user pool did not run for this app client${also}`;
  return findingOf(rule, first.path, { property: 'UserPoolId', value: first.userPoolId, problem }, rule.severity);
}

/**
 * What the pool rules find on pools whose app clients were counted: one
 * finding per pool (`path` names the pool's resource).
 */
export function poolFindings(pools: Iterable<PoolCount & { readonly path: string }>, selection: RuleSelection = {}): Finding[] {
  const rules = (selection.rules ?? SERVICE_RULES).filter((r) => r.checkPool && !selection.disabledRules?.has(r.id));
  const findings: Finding[] = [];
  for (const pool of pools) {
    for (const rule of rules) rule.checkPool!(pool, (violation) => findings.push(findingOf(rule, pool.path, violation, severityOf(rule, selection))));
  }
  return findings;
}
