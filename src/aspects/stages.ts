import { AspectPriority, Aspects, IAspect, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { validatorRuleLists } from './user-pool-client-validator';
import { isUserPoolClientResource } from '../cdk/stack-index';
import { findingOf } from '../engine/validate-client';
import { noticeRule } from '../rules/registry';
import { RuleSeverity } from '../rules/rule';

/**
 * Adds aspects to a whole app, nested stages included.
 *
 * Aspects added to an `App` stop at nested `Stage`s (a CDK Pipelines stage,
 * for example), so a validator or policy added to the app alone would miss
 * every client inside them.
 */
export class UserPoolClientChecks {
  /**
   * Adds each aspect, with read-only priority, to `scope` and to every
   * `Stage` below it. Call it after the app's stages are defined: CDK gives
   * no way to reach a stage created later, so the synth fails
   * (VUPC-STAGE-NOT-CHECKED) naming every such stage that holds an app
   * client, unless that stage was given aspects of the same kinds directly
   * (or use `UserPoolClientValidationPlugin`, which sees every stage of the
   * app). A validator given here with that rule in `disabledRules` turns it
   * off; it cannot be a warning (see the rule's decision).
   *
   * @returns the stages (including `scope` when it is one) the aspects were added to
   */
  public static applyToAllStages(scope: IConstruct, ...aspects: IAspect[]): string[] {
    const rule = noticeRule('VUPC-STAGE-NOT-CHECKED');
    const lists = validatorRuleLists(aspects);
    if (lists.warningRules.has(rule.id)) {
      throw new Error(`UserPoolClientChecks.applyToAllStages: ${rule.id} cannot be a warning (a warning about a stage reaches no report: `
        + 'its cloud assembly is written before the app is validated). Leave it an error, or put it in disabledRules.');
    }
    const targets = [scope, ...scope.node.findAll().filter((c) => c !== scope && Stage.isStage(c))];
    for (const target of targets) {
      for (const aspect of aspects) Aspects.of(target).add(aspect, { priority: AspectPriority.READONLY });
    }
    const covered = new Set(targets);
    if (!lists.disabledRules.has(rule.id)) scope.node.addValidation({ validate: () => uncheckedStages(scope, covered, aspects) });
    return targets.map((t) => t.node.path || '<app>');
  }

  private constructor() {}
}

/**
 * The stages below `scope` created after the call that hold app clients (what
 * the checks did not reach), as VUPC-STAGE-NOT-CHECKED errors. A stage given
 * aspects of the same kinds by other means is covered.
 */
function uncheckedStages(scope: IConstruct, covered: ReadonlySet<IConstruct>, aspects: readonly IAspect[]): string[] {
  const errors: string[] = [];
  const checkedOtherwise = (stage: IConstruct) => aspects.every((a) => Aspects.of(stage).all.some((b) => b === a || b.constructor === a.constructor));
  for (const stage of scope.node.findAll().filter((c) => Stage.isStage(c) && !covered.has(c) && !checkedOtherwise(c))) {
    const clients = clientsOf(stage);
    if (clients.length === 0) continue;
    const problem = `UserPoolClientChecks.applyToAllStages(${scope.node.path || '<app>'}) was called before this stage was created, `
      + `so its ${clients.length} app client(s) (${clients.slice(0, 3).join(', ')}${clients.length > 3 ? ', ...' : ''}) are not checked`;
    errors.push(findingOf(noticeRule('VUPC-STAGE-NOT-CHECKED'), stage.node.path, { property: '', problem }, RuleSeverity.ERROR).message);
  }
  return errors;
}

/** The app clients of a stage itself (those of stages nested in it are its stages' to report). */
function clientsOf(stage: IConstruct): string[] {
  const found: string[] = [];
  const walk = (c: IConstruct) => {
    for (const child of c.node.children) {
      if (Stage.isStage(child)) continue;
      if (isUserPoolClientResource(child)) found.push(child.node.path);
      walk(child);
    }
  };
  walk(stage);
  return found;
}
