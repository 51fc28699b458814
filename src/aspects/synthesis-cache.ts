import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * What the checks read from a stack (its index, resolved tokens, the last
 * client read) holds for one synthesis only: an app may change before it is
 * synthesized again. A stack's cache is dropped when the checks' aspects
 * visit the stack itself (before any of its constructs), and by a
 * validation CDK runs after the aspects of every synthesis, which also
 * covers aspects added below the stack.
 */
const caches = new WeakMap<Stack, Map<symbol, unknown>>();
const watched = new WeakSet<Stack>();

/** The value kept under `key` for `stack` in this synthesis, made on first use. */
export function perSynthesis<T>(stack: Stack, key: symbol, make: () => T): T {
  let cache = caches.get(stack);
  if (!cache) {
    caches.set(stack, (cache = new Map()));
    if (!watched.has(stack)) {
      watched.add(stack);
      stack.node.addValidation({ validate: () => (caches.delete(stack), []) });
    }
  }
  let value = cache.get(key) as T | undefined;
  if (value === undefined) cache.set(key, (value = make()));
  return value;
}

/** Called by the checks' aspects on every node they visit: a stack's visit starts its synthesis afresh. */
export function onVisit(node: IConstruct): void {
  if (Stack.isStack(node)) caches.delete(node);
}
