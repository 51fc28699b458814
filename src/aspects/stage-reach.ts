import { Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { report } from '../cdk/annotations';
import { CheckKind, wasChecked } from '../cdk/check-state';
import { validationPluginsOf } from '../cdk/internals';
import { isUserPoolClientResource } from '../cdk/stack-index';
import type { Finding } from '../engine/finding';
import { findingOf } from '../engine/validate-client';
import { noticeRule } from '../rules/registry';
import { RuleSeverity } from '../rules/rule';
import { PACKAGE_NAME } from '../version';

const watched = new WeakMap<IConstruct, Set<CheckKind>>();
const NAMES: Record<CheckKind, string> = { service: 'UserPoolClientValidator', policy: 'UserPoolClientPolicy' };

/**
 * Called when a validator or policy added to a stage (an App is one) visits
 * it: aspects stop at nested stages, so the clients in them that no aspect
 * of the same kind checked would pass in silence. CDK synthesizes nested
 * stages before it validates their parent, so at validation each such
 * client is known, and the stage holding it fails as VUPC-STAGE-NOT-CHECKED
 * (`isOff`: a validator reaching `scope` disabled that rule).
 */
export function watchNestedStages(scope: Stage, kind: CheckKind, isOff: () => boolean): void {
  let kinds = watched.get(scope);
  if (!kinds) watched.set(scope, (kinds = new Set()));
  if (kinds.has(kind)) return;
  kinds.add(kind);
  scope.node.addValidation({
    validate: () => {
      const findings = isOff() ? [] : unreachedStages(scope, kind);
      const carrier = findings.length > 0 ? ownStackOf(scope) : undefined;
      if (!carrier) return findings.map((f) => f.message);
      // Reported as every other finding is, on the stage's own first stack (synthesized after this validation): `cdk synth`
      // prints it with the other findings and fails. A stage without a stack of its own can only fail its validation.
      for (const finding of findings) report(carrier, finding);
      return [];
    },
  });
}

/** The first stack of the stage itself (not of a stage nested in it, nor a nested stack). */
function ownStackOf(stage: Stage): Stack | undefined {
  return stage.node.findAll().find((c): c is Stack => Stack.isStack(c) && !c.nested && Stage.of(c) === stage);
}

function unreachedStages(scope: Stage, kind: CheckKind): Finding[] {
  const errors: Finding[] = [];
  const rule = noticeRule('VUPC-STAGE-NOT-CHECKED');
  for (const stage of scope.node.findAll().filter((c): c is Stage => c !== scope && Stage.isStage(c))) {
    // A stage below another watched one is that one's to report (one finding per stage); one the plugin checks is checked.
    if (watchedBetween(scope, stage, kind) || pluginChecks(stage, kind)) continue;
    const clients = clientsOf(stage).filter((client) => !wasChecked(client, kind));
    if (clients.length === 0) continue;
    const names = clients.map((c) => c.node.path);
    const problem = `${NAMES[kind]} was added to ${scope.node.path || 'the app'}, whose aspects do not reach this nested stage, `
      + `so its ${clients.length} app client(s) (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', ...' : ''}) are not checked by one`;
    errors.push(findingOf(rule, stage.node.path, { property: '', problem }, RuleSeverity.ERROR));
  }
  return errors;
}

/** True when a stage strictly between `scope` and `stage` watches its nested stages for `kind`. */
function watchedBetween(scope: IConstruct, stage: IConstruct, kind: CheckKind): boolean {
  for (let s = stage.node.scope; s !== undefined && s !== scope; s = s.node.scope) {
    if (watched.get(s)?.has(kind)) return true;
  }
  return false;
}

/**
 * True when a validation plugin of this library, registered on the stage or
 * a stage above it, checks the stage's clients for `kind` (its service rules,
 * unless turned off; its policy, when it has one): it reads every stack's
 * template, stages included.
 */
function pluginChecks(stage: IConstruct, kind: CheckKind): boolean {
  for (let s: IConstruct | undefined = stage; s !== undefined; s = s.node.scope) {
    if (!Stage.isStage(s)) continue;
    for (const plugin of validationPluginsOf(s)) {
      const props = isOurPlugin(plugin) ? plugin.props : undefined;
      if (props && (kind === 'service' ? props.serviceRules !== false : props.policy !== undefined)) return true;
    }
  }
  return false;
}

/** This library's plugin (of any copy of it): its name, and the options it was given. */
const isOurPlugin = (x: unknown): x is { props: { serviceRules?: boolean; policy?: unknown } } =>
  typeof x === 'object' && x !== null && (x as { name?: unknown }).name === PACKAGE_NAME && typeof (x as { props?: unknown }).props === 'object';

/** The app clients of a stage itself (those of stages nested in it are its stages' to report). */
function clientsOf(stage: IConstruct): IConstruct[] {
  const found: IConstruct[] = [];
  const walk = (c: IConstruct) => {
    for (const child of c.node.children) {
      if (Stage.isStage(child)) continue;
      if (isUserPoolClientResource(child)) found.push(child);
      walk(child);
    }
  };
  walk(stage);
  return found;
}
