import { existsSync, readFileSync } from 'fs';
import { dirname } from 'path';
import { CfnResource, IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { UserPoolClientPolicy } from '../aspects/user-pool-client-policy';
import { assetFilesByKey } from '../assembly/asset-files';
import { acknowledgementsFor, unusedInApp } from '../cdk/acknowledgements';
import { wasReported } from '../cdk/annotations';
import { wasChecked } from '../cdk/check-state';
import { warningAcknowledgedInCdk } from '../cdk/internals';
import { deployTargetOf, externalResourcesIn, isUserPoolClientResource } from '../cdk/stack-index';
import { unusedFinding } from '../cdk/unused-acknowledgements';
import type { Finding } from '../engine/finding';
import { assemblyFileOf, nestedStacksOf } from '../engine/nested-stacks';
import { checkKnownKeys, checkNoOverlap, checkPolicyTurnsOnRules, checkRuleIds, policySelection, ranInRun } from '../engine/selection';
import { TYPES } from '../engine/template-index';
import { findingOf, RuleSelection } from '../engine/validate-client';
import { TemplateInSet, validateTemplates } from '../engine/validate-template';
import { acknowledgedMessage } from '../reporting/acknowledgements';
import { PolicyOptionError } from '../rules/policy/options';
import { ALL_RULES, findRule, noticeRule, POLICY_RULES, SERVICE_RULES } from '../rules/registry';
import { RuleSeverity } from '../rules/rule';
import { PACKAGE_NAME, PACKAGE_VERSION as VERSION } from '../version';


/**
 * Options of the validation plugin.
 */
export interface UserPoolClientValidationPluginProps {
  /**
   * Run the service rules (what Cognito and CloudFormation reject).
   *
   * @default true
   */
  readonly serviceRules?: boolean;

  /**
   * An organisation policy to check as well, e.g. `UserPoolClientPolicy.recommended()`.
   *
   * @default - no policy
   */
  readonly policy?: UserPoolClientPolicy;

  /**
   * Service rule ids not to run.
   *
   * @default - every rule runs
   */
  readonly disabledRules?: string[];

  /**
   * Service rule ids whose errors are reported as warnings.
   *
   * @default - each rule at its own severity
   */
  readonly warningRules?: string[];
}

/** A stack template to check: a stack of the assembly, or a nested stack's template found beside it. */
interface StackTemplate extends TemplateInSet {
  readonly stack?: Stack;
  readonly templatePath: string;
  readonly constructs: Map<string, CfnResource>;
}

/** The nested stack whose resource in `parent` has this logical id. */
function nestedStackOf(parent: Stack | undefined, logicalId: string): Stack | undefined {
  for (const c of parent?.node.findAll() ?? []) {
    if (Stack.isStack(c) && c !== parent && c.nestedStackResource && Stack.of(c.nestedStackResource) === parent
      && parent.resolve(c.nestedStackResource.logicalId) === logicalId) return c;
  }
  return undefined;
}

/** Walks the app to the stack at `path` (a Stage's stacks are below it). */
function findStack(app: IConstruct, path: string): Stack | undefined {
  let node: IConstruct | undefined = app;
  for (const part of path.split('/').filter(Boolean)) node = node?.node.tryFindChild(part);
  return node && Stack.isStack(node) ? node : undefined;
}

/** The app clients and user pools of a stack by logical id: findings name them by construct path. */
function namedConstructs(stack: Stack | undefined): Map<string, CfnResource> {
  const out = new Map<string, CfnResource>();
  for (const c of stack?.node.findAll() ?? []) {
    const named = isUserPoolClientResource(c) || (CfnResource.isCfnResource(c) && c.cfnResourceType === TYPES.pool);
    if (named && Stack.of(c) === stack) out.set(stack.resolve(c.logicalId), c);
  }
  return out;
}

/** A finding's message without its closing "Fix: ...": CDK's report prints the violation's fix on a line of its own. */
function withoutFix(finding: Finding): string {
  const tail = ` Fix: ${finding.fix}`;
  return finding.message.endsWith(tail) ? finding.message.slice(0, -tail.length) : finding.message;
}

/**
 * A CDK policy-validation plugin that runs this library's rules (and
 * optionally an organisation policy) over the synthesized templates of every
 * stack, nested stages included, so findings appear in CDK's validation
 * report with their location and fix.
 *
 * Register it with `Validations.of(app).addPlugins(new UserPoolClientValidationPlugin())`.
 * Acknowledge a finding on a client (or the clients below a construct) with
 * `UserPoolClientAcknowledgements.acknowledge`. CDK's own
 * `Validations.of(scope).acknowledge({ id: 'cdk-validated-user-pool-client::VUPC-…', reason })`
 * accepts the rule in the whole app, whatever the scope.
 *
 * Used together with the aspects, it leaves out each finding an aspect
 * already reported on the same client (same rule, property, condition and
 * severity), so no finding is reported twice, and a team's aspect with a
 * rule turned off cannot turn off the plugin's.
 *
 * @example
 * Validations.of(app).addPlugins(new UserPoolClientValidationPlugin({ policy: UserPoolClientPolicy.recommended() }));
 */
export class UserPoolClientValidationPlugin implements IPolicyValidationPlugin {
  public readonly name = PACKAGE_NAME;
  public readonly version?: string = VERSION;
  public readonly ruleIds?: string[];
  private readonly props: UserPoolClientValidationPluginProps;
  private readonly serviceSelection: RuleSelection;

  public constructor(props: UserPoolClientValidationPluginProps = {}) {
    const owner = 'UserPoolClientValidationPlugin';
    checkKnownKeys(owner, props, ['serviceRules', 'policy', 'disabledRules', 'warningRules']);
    if (props.policy !== undefined && !isPolicy(props.policy)) {
      throw new PolicyOptionError(`${owner}: policy must be a UserPoolClientPolicy (new UserPoolClientPolicy({ ... }) or UserPoolClientPolicy.recommended()), not its options.`);
    }
    if (props.policy) checkPolicyTurnsOnRules(owner, props.policy.props, 'give UserPoolClientPolicy.recommended()');
    const elsewhere = ' (policy rules are selected on the UserPoolClientPolicy given as policy)';
    this.serviceSelection = {
      disabledRules: checkRuleIds(owner, 'disabledRules', props.disabledRules, SERVICE_RULES, elsewhere),
      warningRules: checkRuleIds(owner, 'warningRules', props.warningRules, SERVICE_RULES, elsewhere),
    };
    checkNoOverlap(owner, this.serviceSelection.disabledRules!, this.serviceSelection.warningRules!);
    this.props = Object.freeze({ ...props });
    this.ruleIds = ALL_RULES.map((r) => r.id);
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const violations: PolicyViolation[] = [];
    const policy = this.props.policy?.props;
    const stacks: StackTemplate[] = [];
    // What the app imports by name exists outside its templates, which do not show it.
    const external = externalResourcesIn(context.appConstruct);
    const assets = new Map<string, ReadonlyMap<string, string>>();
    const assetFiles = (dir: string) => assets.get(dir) ?? assets.set(dir, assetFilesByKey(dir)).get(dir)!;
    const add = (stack: Stack | undefined, templatePath: string, fallbackPath: string, parent?: StackTemplate['parent']) => {
      const constructs = namedConstructs(stack);
      const template: unknown = JSON.parse(readFileSync(templatePath, 'utf8'));
      // A nested stack is not read by name (Fn::GetStackOutput names top-level stacks).
      const stackName = parent === undefined ? stack?.stackName : undefined;
      // Where it deploys: a nested stack's template where its parent does (the engine works that out).
      const target = parent === undefined && stack ? deployTargetOf(stack) : undefined;
      stacks.push({ stack, templatePath, template, constructs, parent, external, stackName, target, pathOf: (id: string) => constructs.get(id)?.node.path ?? `${fallbackPath}/${id}` });
      // CDK's validation context lists the assembly's stacks, not the templates of their nested stacks: they are beside them.
      const index = stacks.length - 1;
      for (const nested of nestedStacksOf(template)) {
        const dir = dirname(templatePath);
        const file = assemblyFileOf(nested, dir, () => assetFiles(dir));
        if (file === undefined || !existsSync(file)) {
          // Never a silent pass: a nested stack whose template is not in the assembly is named.
          const rule = noticeRule('VUPC-NOT-VALIDATED');
          const problem = `the nested stack's template (${nested.location}) is not in the cloud assembly, so any app client in it is not validated`;
          const finding = findingOf(rule, `${fallbackPath}/${nested.logicalId}`, { property: '', problem }, rule.severity);
          violations.push({
            ruleName: rule.id,
            description: withoutFix(finding),
            fix: finding.fix,
            severity: rule.severity,
            violatingResources: [{ resourceLogicalId: nested.logicalId, templatePath, locations: [`Resources/${nested.logicalId}`] }],
          });
          continue;
        }
        const child = nestedStackOf(stack, nested.logicalId);
        add(child, file, child?.node.path ?? `${fallbackPath}/${nested.logicalId}`, { index, logicalId: nested.logicalId });
      }
    };
    for (const { stackConstructPath, templatePath } of context.stackTemplates) {
      add(findStack(context.appConstruct, stackConstructPath), templatePath, stackConstructPath);
    }
    // The app's stacks deploy together: a client may import its pool from another stack.
    const runOf = (i: number) => {
      const { stack } = stacks[i];
      return {
        service: this.props.serviceRules === false ? false as const : this.serviceSelection,
        policy: policy ? { props: policy, selection: policySelection(policy, 'UserPoolClientValidationPlugin') } : undefined,
        region: stack && !Token.isUnresolved(stack.region) ? stack.region : undefined,
      };
    };
    for (const { template, logicalId, finding } of validateTemplates(stacks, runOf)) {
      const { constructs, templatePath } = stacks[template];
      const construct = constructs.get(logicalId);
      // Never a silent pass: what the library could not check (a notice) and a pool's quota are in the report; advice
      // about one client (an info) stays in the annotations and the command line's report.
      if (finding.severity === RuleSeverity.INFO && !reportedAsInfo(finding.ruleId)) continue;
      // What an aspect already reported on the construct is not reported twice. Only that: an aspect with other options
      // (a team's own policy, a validator with rules disabled) must not take the plugin's findings away.
      if (construct && aspectReported(construct, finding)) continue;
      // An acknowledged finding stays in the report, as an info that names every reason: the report is an audit trail too.
      const acks = construct ? acknowledgementsFor(construct, finding.ruleId).map((a) => ({ scope: a.path, reason: a.reason })) : [];
      const member = finding.property === '' ? '' : `/Properties/${finding.property.replace(/\[(\d+)\]/g, '/$1').replace(/\./g, '/')}`;
      violations.push({
        ruleName: finding.ruleId,
        description: acks.length > 0 ? acknowledgedMessage(acks, withoutFix(finding)) : withoutFix(finding),
        fix: finding.fix,
        severity: acks.length > 0 ? RuleSeverity.INFO : finding.severity,
        violatingResources: [{ resourceLogicalId: logicalId, templatePath, constructPath: construct?.node.path, locations: [`Resources/${logicalId}${member}`] }],
      });
    }
    violations.push(...this.unusedAcknowledgements(context.appConstruct, stacks));
    return { success: !violations.some((v) => v.severity === RuleSeverity.ERROR), violations, pluginVersion: VERSION };
  }

  /**
   * Waivers that accepted none of the plugin's findings, of rules it ran
   * (VUPC-ACKNOWLEDGEMENT-UNUSED), where no aspect judged them: with the
   * plugin alone, a stale waiver is named as the aspects name it.
   */
  private unusedAcknowledgements(app: IConstruct, stacks: readonly StackTemplate[]): PolicyViolation[] {
    const rule = noticeRule('VUPC-ACKNOWLEDGEMENT-UNUSED');
    if (this.serviceSelection.disabledRules?.has(rule.id)) return [];
    const policy = this.props.policy?.props;
    const disabled = new Set([...this.serviceSelection.disabledRules ?? [], ...policy?.disabledRules ?? []]);
    const ran = ranInRun({ disabled, policy, serviceRules: this.props.serviceRules });
    return unusedInApp(app, ran).map((u) => {
      const finding = unusedFinding(u);
      // Where the waiver was made: its stack's template (an app's or a stage's: the first stack's below it).
      const stack = Stack.isStack(u.construct) || u.construct.node.scopes.some((s) => Stack.isStack(s)) ? Stack.of(u.construct) : undefined;
      const base = u.construct.node.path;
      const below = (s: StackTemplate) => s.stack !== undefined && (base === '' || s.stack.node.path === base || s.stack.node.path.startsWith(`${base}/`));
      const at = stacks.find((s) => s.stack === stack) ?? stacks.find(below) ?? stacks[0];
      const resource = CfnResource.isCfnResource(u.construct) ? u.construct : u.construct.node.defaultChild;
      const logicalId = CfnResource.isCfnResource(resource) ? Stack.of(resource).resolve(resource.logicalId) : '';
      return {
        ruleName: rule.id,
        description: withoutFix(finding),
        fix: finding.fix,
        severity: rule.severity,
        violatingResources: [{ resourceLogicalId: logicalId, templatePath: at?.templatePath ?? '', constructPath: u.construct.node.path, locations: [logicalId ? `Resources/${logicalId}/Metadata` : 'Metadata'] }],
      };
    });
  }
}

/** The finding is an annotation of the construct already, or a warning acknowledged in CDK's way where an aspect checked it. */
function aspectReported(construct: CfnResource, finding: Finding): boolean {
  if (wasReported(construct, finding)) return true;
  const kind = POLICY_RULES.some((r) => r.id === finding.ruleId) ? 'policy' : 'service';
  return finding.severity === RuleSeverity.WARNING && wasChecked(construct, kind) && warningAcknowledgedInCdk(construct, finding.ruleId);
}

/** A UserPoolClientPolicy of any copy of this library: what the plugin reads of it is its checked options. */
const isPolicy = (x: unknown): x is UserPoolClientPolicy => UserPoolClientPolicy.isUserPoolClientPolicy(x);

/** The infos the report shows: notices of the library's own reach, and findings about a pool (its quota). */
function reportedAsInfo(ruleId: string): boolean {
  const rule = findRule(ruleId);
  return rule?.notice === true || rule?.checkPool !== undefined;
}
