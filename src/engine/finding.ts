import { RuleSeverity } from '../rules/rule';

/** One problem found in one app client. */
export interface Finding {
  /** The stable rule id, e.g. `VUPC-CALLBACK-HTTPS`. */
  readonly ruleId: string;
  readonly severity: RuleSeverity;
  /** Where the client is: a construct path, or `<template>#<logical id>` from the command line. */
  readonly path: string;
  /** The CloudFormation property, with index or member, e.g. `CallbackURLs[1]`. */
  readonly property: string;
  /** The full message: rule id, path, property, value (secrets masked), why and fix. */
  readonly message: string;
  /** How to fix it (the fix the message ends with). */
  readonly fix: string;
  /** For a client that uses conditions: when the finding holds (`IsProd`, `not IsProd and IsEu`), if not always. */
  readonly condition?: string;
}
