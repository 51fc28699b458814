import { Annotations, Aspects, IAspect, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { UserPoolClientAcknowledgements } from './acknowledgements';
import { concreteRegion, constructDependencies, isUserPoolClientResource, rendered, stackIndex } from './cloudformation-resource';
import type { Finding } from '../engine/finding';
import { RuleSelection, validateClient } from '../engine/validate-client';
import { ENUM_PROPERTIES } from '../rules/api-model';
import { findRule } from '../rules/registry';
import { RuleSeverity } from '../rules/rule';

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

function checkRuleIds(prop: string, ids: unknown): Set<string> {
  if (ids === undefined) return new Set();
  if (!Array.isArray(ids)) throw new Error(`UserPoolClientValidator: ${prop} must be a list of rule ids, got ${typeof ids}.`);
  for (const id of ids) {
    if (typeof id !== 'string' || !findRule(id)) {
      throw new Error(`UserPoolClientValidator: ${prop} names '${String(id)}', which is not a rule id; use UserPoolClientRuleIds (the ids are listed in docs/rules.md).`);
    }
  }
  return new Set(ids as string[]);
}

function checkEnumValues(values: unknown): { [property: string]: string[] } | undefined {
  if (values === undefined) return undefined;
  for (const [key, list] of Object.entries(values as object)) {
    if (!(ENUM_PROPERTIES as string[]).includes(key)) {
      throw new Error(`UserPoolClientValidator: additionalEnumValues key '${key}' is not an enum property; allowed: ${ENUM_PROPERTIES.join(', ')}.`);
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
 */
export class UserPoolClientValidator implements IAspect {
  /**
   * True when `x` is a UserPoolClientValidator (from any copy of this library).
   */
  public static isUserPoolClientValidator(x: unknown): x is UserPoolClientValidator {
    return typeof x === 'object' && x !== null && VALIDATOR in x;
  }

  private readonly selection: RuleSelection;
  private readonly extraEnumValues?: { [property: string]: string[] };

  public constructor(props: UserPoolClientValidatorProps = {}) {
    Object.defineProperty(this, VALIDATOR, { value: true });
    this.selection = {
      disabledRules: checkRuleIds('disabledRules', props.disabledRules),
      warningRules: checkRuleIds('warningRules', props.warningRules),
    };
    this.extraEnumValues = checkEnumValues(props.additionalEnumValues);
  }

  public visit(node: IConstruct): void {
    if (!isUserPoolClientResource(node) || this.defersTo(node)) return;
    const client = rendered(node);
    if (!client) return;
    const context = stackIndex(Stack.of(node)).contextOf(client.logicalId, client.resource, constructDependencies(node));
    const findings = validateClient(
      { path: node.node.path, properties: client.resource.Properties },
      { ...context, region: concreteRegion(node), extraEnumValues: this.extraEnumValues },
      this.selection,
    );
    findings.forEach((f) => report(node, f));
  }

  /** The validator a ValidatedUserPoolClient adds to itself stays silent where another one reaches. */
  private defersTo(node: IConstruct): boolean {
    return BUILT_IN.has(this) && hasValidatorAbove(node, this);
  }
}

const BUILT_IN = new WeakSet<UserPoolClientValidator>();

/** Marks the validator a ValidatedUserPoolClient adds to itself. */
export function markBuiltIn(validator: UserPoolClientValidator): UserPoolClientValidator {
  BUILT_IN.add(validator);
  return validator;
}

/**
 * True when a validator was added to an ancestor of `node` that reaches it
 * (aspects stop at nested stages, so the walk does too).
 */
function hasValidatorAbove(node: IConstruct, self: IAspect): boolean {
  const scopes = node.node.scopes;
  for (let i = scopes.length - 2; i >= 0; i--) {
    if (Aspects.of(scopes[i]).all.some((a) => a !== self && UserPoolClientValidator.isUserPoolClientValidator(a))) return true;
    if (Stage.isStage(scopes[i])) return false;
  }
  return false;
}

/**
 * CDK checks acknowledgements only on a construct's ancestors when a warning
 * is added later (aws-cdk-lib 2.262-2.276), so one made with
 * `Annotations.acknowledgeWarning` on the client resource itself would not
 * apply to warnings added at synth time. Read CDK's record for the node
 * itself; the lookup is guarded and answers false if CDK changes it.
 */
function acknowledgedInCdk(node: IConstruct, ruleId: string): boolean {
  const root = node.node.root as unknown as Record<symbol, { acks?: Map<string, Set<string>> } | undefined>;
  const acks = root[Symbol.for('@aws-cdk/core.Acknowledgements')]?.acks;
  return acks instanceof Map && acks.get(node.node.path)?.has(ruleId) === true;
}

/**
 * Adds a finding as an annotation, once. An acknowledged finding (through
 * this library, on the client or an ancestor) becomes an info annotation
 * that names the reason, so nothing disappears silently.
 */
function report(node: IConstruct, finding: Finding): void {
  if (node.node.metadata.some((m) => typeof m.data === 'string' && m.data.includes(finding.message))) return;
  const annotations = Annotations.of(node);
  const ack = finding.severity === RuleSeverity.INFO ? undefined : UserPoolClientAcknowledgements.find(node, finding.ruleId);
  if (ack) {
    annotations.addInfo(`Acknowledged on ${ack.path || '<app>'} (${ack.reason}): ${finding.message}`);
  } else if (finding.severity === RuleSeverity.ERROR) {
    annotations.addError(finding.message);
  } else if (finding.severity === RuleSeverity.WARNING) {
    if (!acknowledgedInCdk(node, finding.ruleId)) annotations.addWarningV2(finding.ruleId, finding.message);
  } else {
    annotations.addInfoV2(finding.ruleId, finding.message);
  }
}
