import { AspectPriority, Aspects, IAspect, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

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
   * `Stage` below it. Call it after the app's stages are defined (stages
   * created later are not covered), or use `UserPoolClientValidationPlugin`,
   * which sees every stage of the app.
   *
   * @returns the stages (including `scope` when it is one) the aspects were added to
   */
  public static applyToAllStages(scope: IConstruct, ...aspects: IAspect[]): string[] {
    const targets = [scope, ...scope.node.findAll().filter((c) => c !== scope && Stage.isStage(c))];
    for (const target of targets) {
      for (const aspect of aspects) Aspects.of(target).add(aspect, { priority: AspectPriority.READONLY });
    }
    return targets.map((t) => t.node.path || '<app>');
  }

  private constructor() {}
}
