import { CfnResource, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';
import { report } from './annotations';
import { concreteRegion, constructDependencies, otherStackPoolKey, rendered, stackIndex } from './cloudformation-resource';
import { countClient, PreparedClient, stackSynthesis } from './synthesis-cache';
import { checkClient, RuleSelection } from '../engine/validate-client';
import { safeString } from '../reporting/message';
import { L2_PROP_NAMES, PROP_NAMES } from '../reporting/prop-names';
import type { ClientContext } from '../rules/client-view';
import type { RuleDefinition } from '../rules/rule';

/** Marks the resources ValidatedUserPoolClient creates, so findings on them name its props. */
const VALIDATED_CLIENT_RESOURCE = Symbol.for('cdk-validated-user-pool-client.ValidatedUserPoolClient.Resource');
export function markValidatedClientResource(resource: IConstruct): void {
  Object.defineProperty(resource, VALIDATED_CLIENT_RESOURCE, { value: true });
}
/** The prop names of a client made with construct props (this library's or the aws-cdk L2's), for its messages. */
function propNamesOf(node: IConstruct): typeof PROP_NAMES | undefined {
  if (VALIDATED_CLIENT_RESOURCE in node) return PROP_NAMES;
  return node.node.id === 'Resource' && node.node.scope instanceof cognito.UserPoolClient ? L2_PROP_NAMES : undefined;
}

/** What an aspect checked on a client: the plugin skips it, so nothing is reported twice. */
export type CheckKind = 'service' | 'policy';

/** What the aspects checked on a client resource, kept on the resource under a symbol (as CDK keeps its caches on constructs). */
interface CheckState {
  service?: boolean;
  policy?: boolean;
  /** Identifies the client for its pool's quota: unique in the app, and cheaper than its construct path. */
  key?: string;
}
const STATE = Symbol('cdk-validated-user-pool-client.check-state');
const holder = (node: IConstruct) => node as unknown as Record<symbol, CheckState | undefined>;
const stateOf = (node: IConstruct): CheckState => (holder(node)[STATE] ??= {});

let clientsKeyed = 0;
const quotaKey = (node: IConstruct): string => (stateOf(node).key ??= `client ${++clientsKeyed}`);

/** True when an aspect already checked `node` for `kind`. */
export function wasChecked(node: IConstruct, kind: CheckKind): boolean {
  return holder(node)[STATE]?.[kind] === true;
}

/** Checks that option values are rule ids of `rules`; names the option and what is allowed. */
export function checkRuleIds(owner: string, option: string, ids: unknown, rules: readonly RuleDefinition[]): Set<string> {
  if (ids === undefined) return new Set();
  if (!Array.isArray(ids)) throw new Error(`${owner}: ${option} must be a list of rule ids, got ${typeof ids}.`);
  const known = new Set(rules.map((r) => r.id));
  for (const id of ids) {
    if (typeof id !== 'string' || !known.has(id)) {
      throw new Error(`${owner}: ${option} names '${safeString(id)}', which is not one of its rule ids; use UserPoolClientRuleIds (the ids are listed in docs/rules.md).`);
    }
  }
  return new Set(ids as string[]);
}

/** Runs rules over one client resource of the tree and reports the findings on it. */
export function checkClientNode(node: CfnResource, extra: Pick<ClientContext, 'extraEnumValues' | 'policy'>, selection: RuleSelection, kind: CheckKind): void {
  const state = stateOf(node);
  // A node this kind of check has seen before is in a new synthesis (the app may have changed since): read it again.
  const again = state[kind] === true;
  state[kind] = true;
  const client = prepare(node, again);
  if (!client) return;
  // The pool's quota is the validator's to report: it counts the clients it checks.
  const pool = client.read.context.pool?.key;
  if (kind === 'service' && pool !== undefined) countClient(node.node.root, pool, quotaKey(node), selection);
  const context: ClientContext = extra.extraEnumValues || extra.policy ? { ...client.read.context, ...extra } : client.read.context;
  const findings = checkClient(client.path, client.read, selection, client.memo, context);
  for (const finding of findings) report(node, finding);
}

/**
 * A client read once for every read-only aspect that visits it in turn (the
 * validator and a policy): aspects that change the tree run before read-only
 * ones on each node, so what the first read-only aspect reads is final.
 * Only the stack's last read is kept, not one per client, so the reads of
 * thousands of clients are collected young. Undefined when it cannot be
 * rendered.
 */
function prepare(node: CfnResource, again: boolean): PreparedClient | undefined {
  const stack = Stack.of(node);
  const state = stackSynthesis(stack);
  if (!again && state.lastClient === node) return state.lastRead ?? undefined;
  const client = rendered(node);
  let result: PreparedClient | null = null;
  if (client) {
    const index = stackIndex(stack);
    // Clients are keyed by a number of their own here (for the pool's quota): computing logical ids would cost as much
    // as the rules, and construct paths a tenth of them.
    // A pool of another stack is named by its key, not by the Ref to its logical id, which a pool of this stack may share.
    const read = index.read(client.resource, constructDependencies(node), {
      region: concreteRegion(node),
      propNames: propNamesOf(node),
    }, otherStackPoolKey(client.userPoolId, stack));
    result = { path: () => node.node.path, read, memo: state.memo };
  }
  state.lastClient = node;
  state.lastRead = result;
  return result ?? undefined;
}
