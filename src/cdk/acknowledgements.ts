import { relative, resolve, sep } from 'path';
import { Annotations, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { safeString } from '../engine/message';
import { ACKNOWLEDGEMENT_METADATA, AcknowledgementRecord, AppliedAcknowledgement, CDK_ACKNOWLEDGED_ABOVE_METADATA, cdkAcknowledgedRules } from '../reporting/acknowledgements';
import { closestOf } from '../rules/closest';
import { ALL_RULES, findRule } from '../rules/registry';
import { PACKAGE_NAME } from '../version';

/** A rule acknowledged on a construct subtree, with the reason. */
export interface RuleAcknowledgement {
  /** The rule id, e.g. `VUPC-CALLBACK-HTTPS`. */
  readonly ruleId: string;
  /** Why the finding is accepted. */
  readonly reason: string;
  /** Path of the construct the acknowledgement was made on (empty for the app). */
  readonly path: string;
}

/**
 * Acknowledge findings of this library on a construct and everything below it.
 *
 * Warnings are acknowledged through CDK's own machinery
 * (`Annotations.acknowledgeWarning`), so they also disappear from `cdk synth`
 * output. Errors cannot be acknowledged in CDK; the checks honour these
 * acknowledgements instead and report the finding as an info annotation
 * naming every reason that covers it. Every acknowledgement is recorded as
 * construct metadata (`cdk-validated-user-pool-client:acknowledgement`,
 * data `{ ruleId, reason }`), which lands with the stack's metadata in the
 * cloud assembly (the stack artifact's metadata file, `<stack>.metadata.json`,
 * or `manifest.json` on older aws-cdk-lib); one made on an app or a stage is
 * recorded on every stack below it that is checked, with `scope` naming where
 * it was made. An acknowledgement that no finding used in a synthesis is
 * reported as a warning (VUPC-ACKNOWLEDGEMENT-UNUSED) where it was made.
 */
export class UserPoolClientAcknowledgements {
  /**
   * Acknowledge a rule on `scope` and its children.
   *
   * @param scope the construct (a client, a stack, a stage, an app)
   * @param ruleId the rule id, e.g. `UserPoolClientRuleIds.CALLBACK_HTTPS`
   * @param reason why the finding is accepted; must not be empty
   *
   * @example
   * declare const devClient: ValidatedUserPoolClient;
   * UserPoolClientAcknowledgements.acknowledge(devClient, UserPoolClientRuleIds.CALLBACK_HTTPS, 'Internal host reachable only over the VPN');
   */
  public static acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
    if (typeof ruleId !== 'string' || !findRule(ruleId)) {
      throw new Error(`UserPoolClientAcknowledgements.acknowledge: '${safeString(ruleId)}' is not a rule id of cdk-validated-user-pool-client${idHint(ruleId)}; `
        + 'use a UserPoolClientRuleIds member (the ids are listed in docs/rules.md).');
    }
    if (typeof reason !== 'string' || reason.trim().length === 0) {
      throw new Error(`UserPoolClientAcknowledgements.acknowledge: a non-empty reason is required to acknowledge ${ruleId} on ${scope.node.path || '<app>'}.`);
    }
    const record: AcknowledgementRecord = { ruleId, reason: reason.trim() };
    scope.node.addMetadata(METADATA_TYPE, record);
    const at = callerLocation();
    if (at) madeAt.set(record, at);
    acknowledgingApps.add(scope.node.root);
    Annotations.of(scope).acknowledgeWarning(ruleId, reason.trim());
  }

  /** The closest acknowledgement of `ruleId` that applies to `node` (made on it or an ancestor), if any. */
  public static find(node: IConstruct, ruleId: string): RuleAcknowledgement | undefined {
    return UserPoolClientAcknowledgements.findAll(node, ruleId)[0];
  }

  /** Every acknowledgement of `ruleId` that applies to `node`, closest first (all of them are shown on the finding). */
  public static findAll(node: IConstruct, ruleId: string): RuleAcknowledgement[] {
    return made(node, ruleId).map(({ scope, data }) => ({ ruleId, reason: data.reason, path: scope.node.path }));
  }

  private constructor() {}
}

const METADATA_TYPE = ACKNOWLEDGEMENT_METADATA;

/** What the id was likely meant to be: without the prefix `Validations.acknowledge` takes, in capitals, or the closest id. */
function idHint(ruleId: unknown): string {
  if (typeof ruleId !== 'string') return '';
  const bare = ruleId.trim().replace(/^[\w@/.-]*::/, '').toUpperCase();
  const meant = findRule(bare)?.id ?? closestOf(bare, ALL_RULES.map((r) => r.id));
  return meant ? ` (did you mean '${meant}'?${ruleId.includes('::') && findRule(bare) ? ' This API takes the bare id; the package prefix is for Validations.acknowledge.' : ''})` : '';
}

/** Where in the app's code each acknowledgement was made (file:line), so that a stale one can be found. */
const madeAt = new WeakMap<object, string>();
/**
 * This library's own code: its lib folder, and its src folder, which a
 * stack trace names instead when source maps are on (ts-node, as `cdk init`
 * apps run, or `--enable-source-maps`: lib's files map to ../src).
 */
const LIBRARY_DIRS: readonly string[] = ['src', 'lib'].map((dir) => resolve(__dirname, '..', '..', dir) + sep);

/** The first place in the call stack outside this library, aws-cdk-lib, constructs and Node.js itself; undefined when there is none (jsii). */
function callerLocation(): string | undefined {
  return callerIn(new Error().stack ?? '');
}

/** The first frame of `stack` outside this library, aws-cdk-lib, constructs and Node.js, as `file:line` (relative to `cwd` when under it). */
export function callerIn(stack: string, libraryDirs: readonly string[] = LIBRARY_DIRS, cwd = process.cwd()): string | undefined {
  for (const line of stack.split('\n').slice(1)) {
    const m = /\((.*):(\d+):\d+\)$/.exec(line) ?? /at (.*):(\d+):\d+$/.exec(line);
    if (!m) continue;
    const file = m[1];
    if (file.startsWith('node:') || libraryDirs.some((dir) => file.startsWith(dir)) || /[\\/]node_modules[\\/](aws-cdk-lib|constructs|jsii)[\\/]/.test(file)) continue;
    const shown = file.startsWith(cwd + sep) ? relative(cwd, file) : file;
    return `${shown}:${m[2]}`;
  }
  return undefined;
}
/** The apps in which an acknowledgement was made: the others have none to record or judge. */
const acknowledgingApps = new WeakSet<IConstruct>();

interface Made {
  readonly scope: IConstruct;
  /** The metadata entry's data: its identity marks the acknowledgement as used. */
  readonly data: AcknowledgementRecord;
}

/** The acknowledgements of `ruleId` made on `node` or its ancestors (not the copies recorded on stacks), closest first. */
function made(node: IConstruct, ruleId: string): Made[] {
  const found: Made[] = [];
  const scopes = node.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    for (const data of madeOn(scopes[i])) if (data.ruleId === ruleId) found.push({ scope: scopes[i], data });
  }
  return found;
}

/** The acknowledgements made on the construct itself (not the copies a stack carries of those made above it). */
function madeOn(construct: IConstruct): AcknowledgementRecord[] {
  const records: AcknowledgementRecord[] = [];
  for (const entry of construct.node.metadata) {
    const data = entry.type === METADATA_TYPE && typeof entry.data === 'object' && entry.data !== null ? entry.data as AcknowledgementRecord : undefined;
    if (data && data.scope === undefined) records.push(data);
  }
  return records;
}

/** Acknowledgements a finding used in a synthesis (by the identity of their metadata data). */
const used = new WeakSet<AcknowledgementRecord>();

/** The acknowledgements that accept a finding of `ruleId` on `node`, closest first; each is marked as used. */
export function acknowledgementsFor(node: IConstruct, ruleId: string): RuleAcknowledgement[] {
  const found = made(node, ruleId);
  for (const { data } of found) used.add(data);
  return found.map(({ scope, data }) => ({ ruleId, reason: data.reason, path: scope.node.path }));
}

/**
 * The acknowledgements of `ruleId` made with CDK's `Validations.of(scope).acknowledge`
 * (`cdk-validated-user-pool-client::<id>`), which CDK applies by id to the
 * whole app: the aspects honour them as the plugin's report and the command
 * line do, so that every door accepts the same findings. Read once per app
 * and synthesis, and only when a finding is reported.
 */
export function cdkAcknowledgementsFor(node: IConstruct, ruleId: string): AppliedAcknowledgement[] {
  const root = node.node.root;
  let byRule = cdkAcknowledgements.get(root);
  if (!byRule) {
    byRule = new Map();
    for (const construct of root.node.findAll()) {
      for (const entry of construct.node.metadata) {
        for (const { ruleId: acknowledged, reason } of cdkAcknowledgedRules(entry, PACKAGE_NAME)) {
          byRule.set(acknowledged, [...byRule.get(acknowledged) ?? [], { scope: construct.node.path, reason }]);
        }
      }
    }
    cdkAcknowledgements.set(root, byRule);
  }
  return byRule.get(ruleId) ?? [];
}
const cdkAcknowledgements = new WeakMap<IConstruct, Map<string, AppliedAcknowledgement[]>>();

/** Forgets what `cdkAcknowledgementsFor` read of the app: a new synthesis reads the app as it is then. */
export function forgetCdkAcknowledgements(root: IConstruct): void {
  cdkAcknowledgements.delete(root);
}

/** The copies already recorded on each stack (an app synthesized twice records each once). */
const recorded = new WeakMap<Stack, WeakSet<AcknowledgementRecord>>();

/**
 * Records on the stack the acknowledgements made on the app and the stages
 * above it: an app or a stage has no place of its own in the cloud
 * assembly, so each stack it covers carries them, with `scope` naming where
 * they were made.
 */
export function recordInheritedAcknowledgements(stack: Stack): void {
  recordCdkAcknowledgementsAbove(stack);
  if (!acknowledgingApps.has(stack.node.root)) return;
  let done = recorded.get(stack);
  if (!done) recorded.set(stack, (done = new WeakSet()));
  for (const scope of acknowledgingScopesAbove(stack)) {
    for (const data of madeOn(scope)) {
      if (done.has(data)) continue;
      done.add(data);
      stack.node.addMetadata(METADATA_TYPE, { ruleId: data.ruleId, reason: data.reason, scope: scope.node.path });
    }
  }
}

/**
 * Records on the stack what CDK's `Validations.acknowledge` accepted on a
 * construct outside every stack (the app, a stage, a construct that groups
 * stacks): CDK applies it to the whole app, and the aspects honour it, but
 * such a construct has no place in the cloud assembly, so without the copy
 * the command line failed what the synth had accepted. (One made inside a
 * stack is in that stack's metadata.) Once per stack, rule and scope.
 */
function recordCdkAcknowledgementsAbove(stack: Stack): void {
  const has = (ruleId: string, scope: string) => stack.node.metadata.some((m) => m.type === CDK_ACKNOWLEDGED_ABOVE_METADATA
    && (m.data as AcknowledgementRecord | undefined)?.ruleId === ruleId && (m.data as AcknowledgementRecord).scope === scope);
  for (const scope of outsideStacks(stack.node.root)) {
    for (const entry of scope.node.metadata) {
      for (const { ruleId, reason } of cdkAcknowledgedRules(entry, PACKAGE_NAME)) {
        if (!has(ruleId, scope.node.path)) stack.node.addMetadata(CDK_ACKNOWLEDGED_ABOVE_METADATA, { ruleId, reason, scope: scope.node.path });
      }
    }
  }
}

/** The constructs of the app outside every stack: the app, its stages and what groups them (a few, whatever the app's size). */
function outsideStacks(root: IConstruct): IConstruct[] {
  const found: IConstruct[] = [];
  const visit = (c: IConstruct) => {
    if (Stack.isStack(c)) return;
    found.push(c);
    for (const child of c.node.children) visit(child);
  };
  visit(root);
  return found;
}

/** An acknowledgement that accepted no finding since the last time they were counted. */
export interface UnusedAcknowledgement {
  /** Where it was made. */
  readonly construct: IConstruct;
  readonly ruleId: string;
  readonly reason: string;
  /** The line of the app's code that made it, when known. */
  readonly at?: string;
}

/**
 * The acknowledgements made on `scope` (an app or a stage), or on the stack
 * and its constructs, of rules that `ran`, that no finding used since they
 * were last counted; counting starts the next synthesis afresh. Waivers of
 * rules no aspect ran (a policy's, where only the plugin runs it) are left
 * for the plugin to judge.
 */
export function takeUnused(scope: IConstruct, ran: (ruleId: string) => boolean): UnusedAcknowledgement[] {
  const unused: UnusedAcknowledgement[] = [];
  if (!acknowledgingApps.has(scope.node.root)) return unused;
  const own = (c: IConstruct) => c !== scope && !Stage.isStage(c) && inStack(c, scope as Stack);
  const constructs = Stack.isStack(scope) ? [scope, ...scope.node.findAll().filter(own)] : [scope];
  for (const construct of constructs) {
    for (const data of madeOn(construct)) {
      if (!ran(data.ruleId)) continue;
      judged.add(data);
      if (!used.delete(data)) unused.push({ construct, ruleId: data.ruleId, reason: data.reason, at: madeAt.get(data) });
    }
  }
  return unused;
}

/** Acknowledgements an aspect's validation judged (see `takeUnused`): not the plugin's to judge again. */
const judged = new WeakSet<AcknowledgementRecord>();

/**
 * For the validation plugin, which runs after the synthesis: the
 * acknowledgements made in the app that no aspect judged, of rules that
 * `ran`, which no finding used; counting starts afresh after. An app
 * checked by the plugin alone has its stale waivers named too.
 */
export function unusedInApp(root: IConstruct, ran: (ruleId: string) => boolean): UnusedAcknowledgement[] {
  const unused: UnusedAcknowledgement[] = [];
  if (!acknowledgingApps.has(root)) return unused;
  for (const construct of root.node.findAll()) {
    for (const data of madeOn(construct)) {
      const wasUsed = used.delete(data);
      if (judged.has(data) || !ran(data.ruleId) || wasUsed) continue;
      unused.push({ construct, ruleId: data.ruleId, reason: data.reason, at: madeAt.get(data) });
    }
  }
  return unused;
}

/** True when `construct` belongs to `stack` itself (not to a nested stack or a stage below it). */
function inStack(construct: IConstruct, stack: Stack): boolean {
  for (let scope = construct.node.scope; scope !== undefined; scope = scope.node.scope) {
    if (scope === stack) return true;
    if (Stack.isStack(scope) || Stage.isStage(scope)) return false;
  }
  return false;
}

/** The apps and stages whose acknowledgements a stack carries (see recordInheritedAcknowledgements). */
export function acknowledgingScopesAbove(stack: Stack): IConstruct[] {
  const scopes: IConstruct[] = [];
  if (!acknowledgingApps.has(stack.node.root)) return scopes;
  for (let scope = stack.node.scope; scope !== undefined; scope = scope.node.scope) {
    if ((Stage.isStage(scope) || scope.node.scope === undefined) && madeOn(scope).length > 0) scopes.push(scope);
  }
  return scopes;
}
