/**
 * The code `import` writes, as data: one description of a client's
 * declaration that each language prints in its own syntax (jsii gives the
 * names: camelCase members become snake_case keyword arguments in Python).
 */
export type Code =
  /** A string, number or boolean. */
  | { readonly literal: string | number | boolean }
  | { readonly list: readonly Code[] }
  /** A struct (jsii data type): an object literal in TypeScript, the type's constructor with keyword arguments in Python. */
  | { readonly struct: string; readonly members: readonly Member[] }
  /** A static method, `Duration.minutes`; a struct as its last parameter is `kwargs` (keyword arguments in Python). */
  | { readonly call: string; readonly args: readonly Code[]; readonly kwargs?: readonly Member[] }
  /** A method of a value, `attributes.withCustomAttributes`. */
  | { readonly on: Code; readonly method: string; readonly args: readonly Code[]; readonly kwargs?: readonly Member[] }
  /** A new object of a class. */
  | { readonly create: string; readonly args: readonly Code[] }
  /** A static constant, `cognito.OAuthScope.OPENID`. */
  | { readonly constant: string }
  /** A parameter of the generated function (camelCase). */
  | { readonly variable: string };

/** A prop or struct member (camelCase), with a comment on its line. */
export interface Member {
  readonly name: string;
  readonly value: Code;
  readonly comment?: string;
}

/** A CloudFormation property the props cannot express, set on the L1 after the construct. */
export interface Override {
  readonly path: string;
  /** JSON data. */
  readonly value: unknown;
  readonly why: string;
}

/** One app client, ready to print. */
export interface ImportedClient {
  /** The generated function's name, camelCase (snake_case in Python). */
  readonly functionName: string;
  readonly constructId: string;
  /** ClientName and ClientId, for the comment above the function. */
  readonly label: string;
  readonly userPoolId?: string;
  /** What the reader of the code must know (the secret, values Cognito filled in). */
  readonly notes: readonly string[];
  readonly props: readonly Member[];
  readonly overrides: readonly Override[];
  /** True for a deployed client: kept if the stack is deleted, and `cdk import` needs the DeletionPolicy. */
  readonly retain: boolean;
  /** The client's findings, one line each. */
  readonly findings: readonly string[];
}

/** The names a generated file may use from aws-cdk-lib itself (one import statement). */
export const CORE_NAMES = ['Duration', 'RemovalPolicy'] as const;

/** The modules a generated file imports from, by the alias the code uses (aws-cdk-lib's own names apart: CORE_NAMES). */
export const MODULES = {
  typescript: {
    cognito: "import * as cognito from 'aws-cdk-lib/aws-cognito';",
    iam: "import * as iam from 'aws-cdk-lib/aws-iam';",
    Construct: "import { Construct } from 'constructs';",
    ValidatedUserPoolClient: "import { ValidatedUserPoolClient } from 'cdk-validated-user-pool-client';",
  },
  python: {
    cognito: 'from aws_cdk import aws_cognito as cognito',
    iam: 'from aws_cdk import aws_iam as iam',
    Construct: 'from constructs import Construct',
    ValidatedUserPoolClient: 'from cdk_validated_user_pool_client import ValidatedUserPoolClient',
  },
} as const;
export type ModuleAlias = keyof typeof MODULES.typescript;

/** The module aliases a piece of code uses (the first segment of every name it calls or reads). */
export function aliasesIn(code: Code, into: Set<string>): Set<string> {
  const add = (name: string) => into.add(name.split('.')[0]);
  if ('list' in code) {code.list.forEach((c) => aliasesIn(c, into));} else if ('struct' in code) {
    add(code.struct);
    code.members.forEach((m) => aliasesIn(m.value, into));
  } else if ('call' in code || 'on' in code || 'create' in code) {
    if ('call' in code) add(code.call);
    if ('create' in code) add(code.create);
    if ('on' in code) aliasesIn(code.on, into);
    code.args.forEach((c) => aliasesIn(c, into));
    ('kwargs' in code ? code.kwargs ?? [] : []).forEach((m) => aliasesIn(m.value, into));
  } else if ('constant' in code) {add(code.constant);}
  return into;
}

/** jsii's Python name of a camelCase name: `oAuth` is `o_auth`, `fromRoleArn` is `from_role_arn`. */
export function snakeCase(name: string): string {
  return name.replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
