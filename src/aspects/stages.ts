import { AspectPriority, Aspects, IAspect, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Adds aspects to a whole app, nested stages included.
 *
 * Aspects added to an `App` stop at nested `Stage`s (a CDK Pipelines stage,
 * for example), so a validator or policy added to the app alone would miss
 * every client inside them.
 *
 * @example
 * UserPoolClientChecks.applyToAllStages(app, new UserPoolClientValidator(), UserPoolClientPolicy.recommended());
 */
export class UserPoolClientChecks {
  /**
   * Adds each aspect, with read-only priority, to `scope` and to every
   * `Stage` below it. Call it after the app's stages are defined: CDK gives
   * no way to reach a stage created later. A validator or policy added to a
   * stage (the app included) fails the synth (VUPC-STAGE-NOT-CHECKED) for
   * every nested stage holding an app client that no aspect of its kind
   * checked, whether the stage was created after this call or the aspect
   * was added to the app alone (or use `UserPoolClientValidationPlugin`,
   * which sees every stage of the app). A validator with that rule in
   * `disabledRules` turns it off; it cannot be a warning (see the rule's decision).
   *
   * @returns the construct paths of `scope` and of every stage below it, to which the aspects were added (`<app>` for the app)
   */
  public static applyToAllStages(scope: IConstruct, ...aspects: IAspect[]): string[] {
    // A call that adds nothing checks nothing: said, not passed over.
    if (aspects.length === 0) {
      throw new Error('UserPoolClientChecks.applyToAllStages: no aspect given; pass the checks to add, e.g. new UserPoolClientValidator() and UserPoolClientPolicy.recommended().');
    }
    const targets = [scope, ...scope.node.findAll().filter((c) => c !== scope && Stage.isStage(c))];
    for (const target of targets) {
      for (const aspect of aspects) Aspects.of(target).add(aspect, { priority: AspectPriority.READONLY });
    }
    return targets.map((t) => t.node.path || '<app>');
  }

  private constructor() {}
}
