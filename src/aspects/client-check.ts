import { CfnResource, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { report } from '../cdk/annotations';
import { CheckKind, markChecked, propNamesOf } from '../cdk/check-state';
import { rendered } from '../cdk/render';
import { concreteRegion, constructDependencies, otherStackPoolKey, stackIndex } from '../cdk/stack-index';
import { countClient, noteClientWithoutPool, noteRulesRun, PreparedClient, stackSynthesis } from '../cdk/synthesis-cache';
import { noUnusedReport } from '../cdk/unused-acknowledgements';
import { checkClient, findingOf, RuleSelection } from '../engine/validate-client';
import type { ClientContext } from '../rules/client-view';
import { noticeRule } from '../rules/registry';
import { isRecord } from '../rules/values';

/** Runs rules over one client resource of the tree and reports the findings on it. */
export function checkClientNode(node: CfnResource, extra: Pick<ClientContext, 'extraEnumValues' | 'policy'>, selection: RuleSelection, kind: CheckKind): void {
  // A node this kind of check has seen before is in a new synthesis (the app may have changed since): read it again.
  const again = markChecked(node, kind);
  if (selection.disabledRules?.has('VUPC-ACKNOWLEDGEMENT-UNUSED')) noUnusedReport(node);
  const stack = Stack.of(node);
  const client = prepare(node, stack, again);
  noteRulesRun(stack, selection);
  if ('unreadable' in client) {
    // Never a silent pass: a client that cannot be read is named, with the reason.
    const rule = noticeRule('VUPC-NOT-VALIDATED');
    const violation = { property: 'Properties', problem: `could not be read, so the client is not validated (${client.unreadable})` };
    if (!selection.disabledRules?.has(rule.id)) report(node, findingOf(rule, node.node.path, violation, rule.severity));
    return;
  }
  // The pool's quota is the validator's to report: it counts the clients it checks; and it names those checked without their pool.
  const pool = client.read.context.pool;
  if (kind === 'service' && pool?.key !== undefined) countClient(rootOf(stack), pool.key, node, selection);
  if (kind === 'service' && pool === undefined && client.userPoolId !== undefined) noteClientWithoutPool(stack, node, client.userPoolId, selection);
  const findings = checkClient(client.path, client.read, selection, client.runner, extra);
  for (const finding of findings) report(node, finding);
}

/**
 * A client read once for every read-only aspect that visits it in turn (the
 * validator and a policy): aspects that change the tree run before read-only
 * ones on each node, so what the first read-only aspect reads is final.
 * Only the stack's last read is kept, not one per client, so the reads of
 * thousands of clients are collected young. `unreadable` says why a client
 * could not be rendered.
 */
function prepare(node: CfnResource, stack: Stack, again: boolean): PreparedClient | { readonly unreadable: string } {
  const state = stackSynthesis(stack);
  if (!again && state.lastClient === node && state.lastRead) return state.lastRead;
  let result: PreparedClient | { readonly unreadable: string };
  try {
    const client = rendered(node);
    // A pool of another stack is named by its key, not by the Ref to its logical id, which a pool of this stack may share.
    const read = stackIndex(stack).read(client.resource, {
      pool: otherStackPoolKey(client.userPoolId, stack),
      dependencies: constructDependencies(node),
      region: concreteRegion(node),
      propNames: propNamesOf(node),
    });
    const properties = client.resource.Properties;
    result = { path: () => node.node.path, read, runner: state.runner, userPoolId: isRecord(properties) ? properties.UserPoolId : undefined };
  } catch (e) {
    result = { unreadable: (e as Error)?.message ?? String(e) };
  }
  state.lastClient = node;
  state.lastRead = result;
  return result;
}

/** The app of a stack, remembered: `node.root` builds the list of every scope above the node. */
function rootOf(stack: Stack): IConstruct {
  let root = roots.get(stack);
  if (!root) roots.set(stack, (root = stack.node.root));
  return root;
}
const roots = new WeakMap<Stack, IConstruct>();

/**
 * Notes the rules a stack's clients get from the chain of aspects of one
 * kind that reach the stack, when `aspect` is the closest (the one that
 * checks them): waivers of those rules on the stack are the aspects' to judge.
 */
export function noteReach<T>(stack: Stack, chain: readonly T[], aspect: T, selectionOf: (chain: readonly T[]) => RuleSelection): void {
  if (chain.length > 0 && chain[chain.length - 1] === aspect) noteRulesRun(stack, selectionOf(chain));
}
