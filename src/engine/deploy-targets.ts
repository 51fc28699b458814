/**
 * Where a stack deploys, as far as it is known: CloudFormation export names
 * and stack names are unique per account and Region only, so the same name
 * defined by two stacks (one stage of an app per account, say) is no clash
 * when they deploy to different places.
 */
export interface DeployTarget {
  /** The account, when concrete. */
  readonly account?: string;
  /** The Region, when concrete. */
  readonly region?: string;
}

/** False only when both say where they deploy and the places differ: an unknown account or Region may be any. */
export function mayShareTarget(a: DeployTarget | undefined, b: DeployTarget | undefined): boolean {
  const same = (x: string | undefined, y: string | undefined) => x === undefined || y === undefined || x === y;
  return same(a?.account, b?.account) && same(a?.region, b?.region);
}

/** One definition of a name (an export, a stack), with where it deploys. */
export interface Definition<T> {
  readonly target?: DeployTarget;
  readonly value: T;
}

/** Every definition of each name. */
export type Definitions<T> = Map<string, Array<Definition<T>>>;

/** Adds a definition of `name`. */
export function addDefinition<T>(definitions: Definitions<T>, name: string, definition: Definition<T>): void {
  const list = definitions.get(name);
  if (list) list.push(definition);
  else definitions.set(name, [definition]);
}

/**
 * What a name means where it is used: the one definition of it that may
 * deploy to the same account and Region as the user; undefined when none
 * or several may (never guessed).
 */
export function onlyDefinitionFor<T>(definitions: ReadonlyArray<Definition<T>> | undefined, user: DeployTarget | undefined): T | undefined {
  let found: { value: T } | undefined;
  for (const definition of definitions ?? []) {
    if (!mayShareTarget(definition.target, user)) continue;
    if (found) return undefined;
    found = definition;
  }
  return found?.value;
}

/** A target from CDK's environment string (`aws://123456789012/eu-west-1`, with `unknown-account` or `unknown-region` for an agnostic stack). */
export function targetOfEnvironment(environment: unknown): DeployTarget | undefined {
  const match = typeof environment === 'string' ? /^aws:\/\/([^/]+)\/([^/]+)$/.exec(environment) : null;
  if (!match) return undefined;
  const [, account, region] = match;
  return { account: account === 'unknown-account' ? undefined : account, region: region === 'unknown-region' ? undefined : region };
}
