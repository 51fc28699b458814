import { AspectPriority, Aspects, CfnResource, IAspect, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { aspectsReaching, CascadeCache, cascadeRuleLists, optionsIfClosest, RuleLists } from './cascade';
import { checkClientNode, noteReach } from './client-check';
import { watchNestedStages } from './stage-reach';
import { isUserPoolClientResource } from '../cdk/stack-index';
import { onVisit } from '../cdk/synthesis-cache';
import { checkKnownKeys, checkNoOverlap, checkRuleIds } from '../engine/selection';
import { RuleSelection } from '../engine/validate-client';
import { ENUM_PROPERTIES } from '../rules/api-model';
import { closestOf } from '../rules/closest';
import { noticeRule, SERVICE_RULES } from '../rules/registry';

/** Marks validator instances across copies of this library (instanceof would not). */
const VALIDATOR = Symbol.for('cdk-validated-user-pool-client.UserPoolClientValidator');

/**
 * Options of the validator.
 */
export interface UserPoolClientValidatorProps {
  /**
   * Rule ids that are not run (e.g. `UserPoolClientRuleIds.TOKEN_LE_REFRESH`).
   *
   * @default - every rule runs
   */
  readonly disabledRules?: string[];

  /**
   * Rule ids whose errors are reported as warnings (which can then be acknowledged).
   *
   * @default - each rule reports at its own severity
   */
  readonly warningRules?: string[];

  /**
   * Enum values accepted on top of the API model's, per property: for values
   * Cognito introduced after this release, e.g. `{ ExplicitAuthFlows: ['ALLOW_NEW_FLOW'] }`.
   * Keys: `ExplicitAuthFlows`, `AllowedOAuthFlows`, `TokenValidityUnits`,
   * `PreventUserExistenceErrors`, `RefreshTokenRotation.Feature`.
   *
   * @default - only the values of the API model
   */
  readonly additionalEnumValues?: { [property: string]: string[] };
}

function checkEnumValues(values: unknown): { [property: string]: string[] } | undefined {
  if (values === undefined) return undefined;
  for (const [key, list] of Object.entries(values as object)) {
    if (!(ENUM_PROPERTIES as string[]).includes(key)) {
      const closest = closestOf(key, ENUM_PROPERTIES);
      throw new Error(`UserPoolClientValidator: additionalEnumValues key '${key}' is not an enum property${closest ? `; did you mean '${closest}'?` : ''} `
        + `(allowed: ${ENUM_PROPERTIES.join(', ')}).`);
    }
    if (!Array.isArray(list) || list.some((v) => typeof v !== 'string')) {
      throw new Error(`UserPoolClientValidator: additionalEnumValues.${key} must be a list of strings.`);
    }
  }
  return values as { [property: string]: string[] };
}

/**
 * A CDK Aspect that checks every `AWS::Cognito::UserPoolClient` in its scope
 * against the rules Cognito and CloudFormation enforce, at synth time.
 *
 * It reads each client exactly as it will be synthesized (L1, L2, this
 * library's construct, raw `CfnResource`, property overrides), never
 * mutates anything, and reports findings as annotations on the client:
 * errors fail `cdk synth`, warnings can be acknowledged with
 * `UserPoolClientAcknowledgements.acknowledge` or `Annotations.acknowledgeWarning`.
 *
 * Add it with read-only priority:
 * `Aspects.of(app).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY })`.
 * Aspects do not cross nested `Stage`s: add it to each stage too.
 *
 * Where several validators reach a client (one on the app, another on a
 * stack), the closest checks it, and options cascade: for each rule id, the
 * closest validator that lists it (in `disabledRules` or `warningRules`)
 * decides; additional enum values add up.
 *
 * @example
 * Aspects.of(app).add(new UserPoolClientValidator(), { priority: AspectPriority.READONLY });
 */
export class UserPoolClientValidator implements IAspect {
  /**
   * True when `x` is a UserPoolClientValidator (from any copy of this library).
   */
  public static isUserPoolClientValidator(x: unknown): x is UserPoolClientValidator {
    return typeof x === 'object' && x !== null && VALIDATOR in x;
  }

  private readonly options: ValidatorOptions;

  public constructor(props: UserPoolClientValidatorProps = {}) {
    Object.defineProperty(this, VALIDATOR, { value: true });
    const elsewhere = ' (policy rules are selected on UserPoolClientPolicy)';
    checkKnownKeys('UserPoolClientValidator', props, ['disabledRules', 'warningRules', 'additionalEnumValues']);
    const disabledRules = checkRuleIds('UserPoolClientValidator', 'disabledRules', props.disabledRules, SERVICE_RULES, elsewhere);
    const warningRules = checkRuleIds('UserPoolClientValidator', 'warningRules', props.warningRules, SERVICE_RULES, elsewhere);
    checkNoOverlap('UserPoolClientValidator', disabledRules, warningRules);
    if (warningRules.has(STAGE_NOT_CHECKED)) {
      throw new Error(`UserPoolClientValidator: ${STAGE_NOT_CHECKED} cannot be a warning (a warning about a stage reaches no report: `
        + 'its cloud assembly is written before the app is validated). Leave it an error, or put it in disabledRules.');
    }
    this.options = {
      selection: { disabledRules, warningRules },
      extraEnumValues: checkEnumValues(props.additionalEnumValues),
    };
  }

  public visit(node: IConstruct): void {
    // Clients first: they are most of what is visited, and a resource is neither a stack nor a stage.
    if (!isUserPoolClientResource(node)) {
      onVisit(node);
      if (Stage.isStage(node) && !BUILT_IN.has(this)) watchNestedStages(node, 'service', () => stageRuleOff(node));
      // A stale waiver on a stack whose clients are gone is still this validator's to judge.
      if (Stack.isStack(node) && !BUILT_IN.has(this)) noteReach(node, addedValidators(node), this, (chain) => CASCADE.of(chain).selection);
      return;
    }
    if (BUILT_IN.has(this)) {
      // The built-in validator of a stack checks only the ValidatedUserPoolClients of that stack that asked for it,
      // and stays silent where a validator someone added reaches.
      if (BUILT_IN_REQUESTED in node && builtInValidators.get(Stack.of(node)) === this && addedValidators(node).length === 0) {
        checkClientNode(node, this.options, this.options.selection, 'service');
      }
      return;
    }
    // Where several validators reach the client, the closest checks it, with the options of all of them cascaded.
    const merged = optionsIfClosest(this, addedValidators(node), CASCADE);
    // The merged options are the client's configuration as they are (an object per client would be garbage).
    if (merged) checkClientNode(node, merged, merged.selection, 'service');
  }
}

const STAGE_NOT_CHECKED = noticeRule('VUPC-STAGE-NOT-CHECKED').id;
/** True when the validators added to `scope` turn VUPC-STAGE-NOT-CHECKED off (it is theirs to turn off, for policies too). */
export const stageRuleOff = (scope: IConstruct) => validatorRuleLists(Aspects.of(scope).all).disabledRules.has(STAGE_NOT_CHECKED);

/** The rule lists of the validators among `aspects` (as one app would give them, the first farthest), cascaded. */
export function validatorRuleLists(aspects: readonly IAspect[]): RuleLists {
  return cascadeRuleLists(aspects.filter(isAdded).map((v) => optionsOf(v).selection));
}

const isAdded = (a: IAspect): a is UserPoolClientValidator => UserPoolClientValidator.isUserPoolClientValidator(a) && !BUILT_IN.has(a);
/** The validators someone added that reach `node`, farthest first. */
const addedValidators = (node: IConstruct) => aspectsReaching(node, isAdded);

/** What a validator's props select, checked. */
interface ValidatorOptions {
  readonly selection: RuleLists;
  readonly extraEnumValues?: { [property: string]: string[] };
}
/** Reads a validator's options (private to the class, not to this module). */
const optionsOf = (v: UserPoolClientValidator) => (v as unknown as { options: ValidatorOptions }).options;

/** A chain of validators' options, merged: rule lists per rule id, extra enum values added up. */
type Merged = { selection: RuleSelection; extraEnumValues?: { [property: string]: string[] } };
const CASCADE = new CascadeCache((chain: readonly UserPoolClientValidator[]): Merged => {
  const chained = chain.map(optionsOf);
  const extra: { [property: string]: string[] } = {};
  for (const o of chained) {
    for (const [property, values] of Object.entries(o.extraEnumValues ?? {})) extra[property] = [...new Set([...(extra[property] ?? []), ...values])];
  }
  return { selection: cascadeRuleLists(chained.map((o) => o.selection)), extraEnumValues: Object.keys(extra).length > 0 ? extra : undefined };
});

const BUILT_IN = new WeakSet<UserPoolClientValidator>();
const BUILT_IN_REQUESTED = Symbol('cdk-validated-user-pool-client.built-in-validation');
const builtInValidators = new WeakMap<Stack, UserPoolClientValidator>();

/**
 * Validates a ValidatedUserPoolClient's resource even when the app adds no
 * validator. One built-in validator per stack serves all of them: an aspect
 * per client would cost CDK more to apply than the checks themselves.
 */
export function requestBuiltInValidation(resource: CfnResource): void {
  Object.defineProperty(resource, BUILT_IN_REQUESTED, { value: true });
  const stack = Stack.of(resource);
  if (builtInValidators.has(stack)) return;
  const validator = new UserPoolClientValidator();
  BUILT_IN.add(validator);
  builtInValidators.set(stack, validator);
  Aspects.of(stack).add(validator, { priority: AspectPriority.READONLY });
}

