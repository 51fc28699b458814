import { CfnResource } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { IConstruct } from 'constructs';
import { rawOverridesOf } from './internals';
import { L2_PROP_NAMES, PROP_NAMES } from '../reporting/prop-names';
import { isRecord } from '../rules/values';

/**
 * What the checks note on a client resource of the tree, under symbols (as
 * CDK keeps its caches on constructs): made by ValidatedUserPoolClient or
 * not, and checked by which aspect (the plugin skips what an aspect checked,
 * so nothing is reported twice).
 */

/** Marks the resources ValidatedUserPoolClient creates, so findings on them name its props. */
const VALIDATED_CLIENT_RESOURCE = Symbol.for('cdk-validated-user-pool-client.ValidatedUserPoolClient.Resource');
export function markValidatedClientResource(resource: IConstruct): void {
  Object.defineProperty(resource, VALIDATED_CLIENT_RESOURCE, { value: true });
}

/**
 * The prop names of a client made with construct props (this library's or
 * the aws-cdk L2's), for its messages; a property a property override writes
 * is named without a prop (the prop did not set it).
 */
export function propNamesOf(node: CfnResource): typeof PROP_NAMES | undefined {
  const names = VALIDATED_CLIENT_RESOURCE in node ? PROP_NAMES
    : node.node.id === 'Resource' && node.node.scope instanceof cognito.UserPoolClient ? L2_PROP_NAMES : undefined;
  const overridden = rawOverridesOf(node)?.Properties;
  if (!names || !isRecord(overridden)) return names;
  return Object.fromEntries(Object.entries(names).filter(([property]) => !(property in overridden)));
}

/** What an aspect checked on a client: the service rules (a validator) or a policy's. */
export type CheckKind = 'service' | 'policy';

interface CheckState {
  service?: boolean;
  policy?: boolean;
}
const STATE = Symbol('cdk-validated-user-pool-client.check-state');
const holder = (node: IConstruct) => node as unknown as Record<symbol, CheckState | undefined>;
// Both members from the start: every client's state then has one shape.
const stateOf = (node: IConstruct): CheckState => (holder(node)[STATE] ??= { service: false, policy: false });

/** True when an aspect already checked `node` for `kind`. */
export function wasChecked(node: IConstruct, kind: CheckKind): boolean {
  return holder(node)[STATE]?.[kind] === true;
}

/** Notes that an aspect checks `node` for `kind`; true when one had already (the node is read again: the app may have changed). */
export function markChecked(node: IConstruct, kind: CheckKind): boolean {
  const state = stateOf(node);
  const again = state[kind] === true;
  state[kind] = true;
  return again;
}
