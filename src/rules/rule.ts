import type { ClientView } from './client-view';

/** How serious a finding is. */
export enum RuleSeverity {
  /** Cognito or CloudFormation rejects the configuration, or the docs say it must not be done: synth fails. */
  ERROR = 'error',
  /** Accepted, but ignored, replaced or broken at run time: reported, synth goes on. */
  WARNING = 'warning',
  /** Worth knowing; never fails anything. */
  INFO = 'info',
}

/** One problem a rule found in one value. */
export interface Violation {
  /** The CloudFormation property, with a list index or member where it applies, e.g. `CallbackURLs[1]`. */
  readonly property: string;
  /** The offending value, when there is one to show (secrets are masked when the message is written). */
  readonly value?: unknown;
  /** What is wrong with the value, as a clause: "uses http:// for a host that is not a loopback address". */
  readonly problem: string;
  /** How to fix it, when the rule's general fix does not fit. */
  readonly fix?: string;
  /** The same in the terms of the construct props (see `RuleDefinition.propsFix`). */
  readonly propsFix?: string;
}

export type Report = (violation: Violation) => void;

/** What a client's properties were read from: some rules hold for one kind of input only. */
export enum InputKind {
  /** A CloudFormation template, or a CDK construct (which renders one). */
  TEMPLATE = 'template',
  /** A CreateUserPoolClient or UpdateUserPoolClient request. */
  API_REQUEST = 'api-request',
  /**
   * A DescribeUserPoolClient (or create or update) response: a configuration
   * Cognito has accepted, with values it fills in itself.
   */
  API_RESPONSE = 'api-response',
}

/** What a rule needs beyond the client's own properties. */
export enum RuleContext {
  CLIENT = 'client properties',
  STACK_REGION = 'stack Region',
  USER_POOL = 'user pool in the same app',
  POLICY = 'a UserPoolClientPolicy option',
}

/**
 * A rule: data plus a small pure check. Rules without a check are
 * documentation: their condition holds for every client, or cannot be
 * decided at synth time, and the rules document lists them all the same.
 */
export interface RuleDefinition {
  /** Stable id, never reused (`VUPC-…`). */
  readonly id: string;
  /** The row of the research catalogue this rule implements (`R-…`), if any. */
  readonly catalogueId?: string;
  readonly severity: RuleSeverity;
  readonly context: RuleContext;
  /**
   * CloudFormation properties the rule reads (`Name`, `Name.Member`, or `*`
   * for every property): docs/rules.md lists them, and the engine runs a
   * rule only on clients where one of them is set, unless `checksAbsence` is
   * true. Tests record what every rule reads and fail on a property it
   * does not declare.
   */
  readonly properties: readonly string[];
  /**
   * True when the rule can report on a client where none of its properties
   * is set (a required property, or an API default that applies): it then
   * runs on every client. Tests compare the engine's findings with every
   * rule run on every generated client, so a rule that needs this fails them.
   *
   * @default false
   */
  readonly checksAbsence?: boolean;
  /**
   * The kinds of input the rule applies to: a rule about what a request may
   * contain does not apply to a template, where CloudFormation ignores
   * read-only properties.
   *
   * @default - every kind
   */
  readonly inputs?: readonly InputKind[];
  /** One line: what must hold. */
  readonly summary: string;
  /** Why Cognito rejects (or mishandles) a violation. */
  readonly why: string;
  /** The general fix, in CloudFormation's terms. */
  readonly fix: string;
  /**
   * The fix in the terms of the construct props (aws-cdk's UserPoolClient,
   * ValidatedUserPoolClient), where `fix` names a property the construct
   * writes itself; findings on such a client give this one.
   *
   * @default - `fix`
   */
  readonly propsFix?: string;
  /**
   * The fix in the terms of the Cognito API, for a client read from its JSON
   * (a request or a describe response), where `fix` names a CloudFormation
   * resource; findings on such a client give this one.
   *
   * @default - `fix`
   */
  readonly apiFix?: string;
  /** Where the constraint is documented. */
  readonly source: string;
  /** For policy rules: the UserPoolClientPolicy options that turn the rule on. */
  readonly policyOptions?: readonly string[];
  /**
   * True for a notice about the library's own reach (a client or branch it
   * could not check), which the engine and the doors report rather than a check.
   *
   * @default false
   */
  readonly notice?: boolean;
  /**
   * For a rule about a change between two versions of a client: the
   * command-line option that reports it (`--baseline` compares two templates
   * with the engine of `cdk diff`; `--current` an update request with the
   * client it updates).
   *
   * @default - the rule is about one version
   */
  readonly comparesVersions?: '--baseline' | '--current';
  /** For points the research marks uncertain: what we decided and on what evidence. */
  readonly decision?: string;
  readonly check?: (client: ClientView, report: Report) => void;
  /** For a rule about a user pool as a whole: what it finds once the pool's app clients are counted. */
  readonly checkPool?: (pool: PoolCount, report: Report) => void;
}

/** A user pool with the number of app clients of it in the templates or stacks checked together. */
export interface PoolCount {
  /** How messages name the pool. */
  readonly name: string;
  readonly clients: number;
}
