import { API_STRINGS, CFN_PROPERTY_TYPES, matchesPattern, PropertyType, READ_ONLY_PROPERTIES } from '../api-model';
import type { ClientView } from '../client-view';
import { closestOf } from '../closest';
import { checkStringProperty, partialStringProblem } from '../constraint-checks';
import { InputKind, Report, RuleContext, RuleDefinition, RuleSeverity } from '../rule';
import { Sources } from '../sources';
import { asBoolean, INTRINSIC_FUNCTIONS, isIntrinsic, isPlainObject, unknownFunctionOf } from '../values';

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

const EXPECTED: Record<string, string> = {
  'string': 'a string',
  'integer': 'a whole number',
  'boolean': 'true or false',
  'string-list': 'a list of strings',
};

function typeProblem(value: unknown, type: PropertyType): string | undefined {
  // Only an object can be an intrinsic: tested inline, as this runs on every value of every client.
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && isIntrinsic(value)) return undefined;
  switch (type) {
    case 'string':
      // CloudFormation coerces numbers and booleans to strings; the value rules then judge the string.
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? undefined : `is ${jsonType(value)}`;
    case 'integer':
      if (typeof value === 'number') return Number.isInteger(value) ? undefined : 'is not a whole number';
      if (typeof value === 'string') return /^-?\d{1,16}$/.test(value.trim()) ? undefined : 'is a string that is not a whole number';
      return `is ${jsonType(value)}`;
    case 'boolean':
      return asBoolean(value) !== undefined ? undefined : `is ${jsonType(value)}`;
    case 'string-list':
      return Array.isArray(value) ? undefined : `is ${jsonType(value)}`;
    default:
      return isPlainObject(value) ? undefined : `is ${jsonType(value)}`;
  }
}

function expected(type: PropertyType): string {
  return typeof type === 'string' ? EXPECTED[type] : `an object with ${Object.keys(type).join(', ')}`;
}

/** Walks one property (and its members or entries) against the schema type; paths are only written for a problem. */
function checkType(report: Report, property: string, value: unknown, type: PropertyType): void {
  const unknownFunction = unknownFunctionOf(value);
  if (unknownFunction !== undefined) {
    // Names are short: only a near miss (a letter off, or another casing) is worth suggesting.
    const meant = closestOf(unknownFunction, INTRINSIC_FUNCTIONS, 1);
    report({
      property,
      value,
      problem: `uses ${unknownFunction}, which is no CloudFormation intrinsic function${meant ? ` (did you mean ${meant}?)` : ''}`,
      fix: `Write ${property} with an intrinsic function CloudFormation knows (Ref, Fn::Sub, Fn::GetAtt, Fn::If, …) or a literal value.`,
    });
    return;
  }
  const problem = typeProblem(value, type);
  if (problem) {
    // "is a list, not a string"; a problem that already says what is expected stands alone.
    const text = problem.startsWith('is not') || problem.includes('that is not') ? problem : `${problem}, not ${expected(type)}`;
    report({
      property,
      value,
      problem: text,
      fix: `Set ${property} to ${expected(type)}.`,
      // The construct writes a value of the right type: a wrong one comes from an override.
      propsFix: `Correct the property override that writes ${property}: it must be ${expected(type)}.`,
    });
    return;
  }
  if (type === 'string-list' && Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const entry: unknown = value[i];
      if (typeof entry !== 'string' && (typeProblem(entry, 'string') || unknownFunctionOf(entry))) checkType(report, `${property}[${i}]`, entry, 'string');
    }
  } else if (typeof type === 'object' && isPlainObject(value)) {
    for (const member in value) {
      if (type[member] !== undefined) checkType(report, `${property}.${member}`, value[member], type[member]);
    }
  }
}

function unknownMembers(client: ClientView, report: Report): void {
  for (const name in client.properties) {
    const value = client.properties[name];
    const type = CFN_PROPERTY_TYPES[name];
    if (type === undefined) {
      report({ property: name, problem: 'is not a property of AWS::Cognito::UserPoolClient' });
    } else if (typeof type === 'object' && isPlainObject(value)) {
      for (const member of Object.keys(value)) {
        if (type[member] === undefined) {
          report({ property: `${name}.${member}`, problem: `is not a member of ${name} (allowed: ${Object.keys(type).join(', ')})` });
        }
      }
    }
  }
}

/** The ClientName constraint without its pattern, which VUPC-CLIENTNAME-PATTERN checks, and the pattern alone. */
const { pattern: _pattern, ...CLIENT_NAME_LENGTH } = API_STRINGS.ClientName;
const { min: _min, max: _max, ...CLIENT_NAME_PATTERN } = API_STRINGS.ClientName;

export const PROPERTY_RULES: RuleDefinition[] = [
  {
    id: 'VUPC-PROPERTY-TYPE',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ['*'],
    summary: 'Every property has the JSON type the CloudFormation schema declares (strings, whole numbers, booleans, lists of strings, objects).',
    why: 'CloudFormation rejects a template whose property values do not match the resource schema. It converts between scalars where it can: "60" and "true" (also "True" and "TRUE", and so for false) are read as a number and a boolean, numbers and booleans as strings.',
    fix: 'Write the value with the type the schema declares.',
    source: Sources.CFN_CLIENT,
    decision: 'An intrinsic function CloudFormation does not know (YAML reads `!Foo` as Fn::Foo, as cfn-lint does) is an error too: CloudFormation refuses the template ("Encountered unsupported function: Fn::Condition Supported functions are: …", aws/aws-cli#2746). The functions known are those of the template reference in 2026-12, with the language extensions\' and Fn::GetStackOutput; a function AWS adds later is to be added to INTRINSIC_FUNCTIONS.',
    check: (client, report) => {
      for (const name in client.properties) {
        const type = CFN_PROPERTY_TYPES[name];
        const value = client.properties[name];
        // A string or boolean where the schema wants one needs no check: tested in place, for every property of every client.
        // Read-only properties are ignored whatever they hold (VUPC-PROPERTY-READ-ONLY).
        if (type !== undefined && typeof value !== type && !READ_ONLY_PROPERTIES.has(name)) checkType(report, name, value, type);
      }
    },
  },
  {
    id: 'VUPC-PROPERTY-UNKNOWN',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ['*'],
    summary: 'Only properties (and members) that AWS::Cognito::UserPoolClient defines are set.',
    why: 'The resource schema allows no additional properties; CloudFormation fails the deployment on an unknown one, which is usually a typo in an override.',
    fix: 'Correct the property name (names are case-sensitive) or remove it.',
    source: Sources.CFN_CLIENT,
    check: unknownMembers,
  },
  {
    id: 'VUPC-PROPERTY-READ-ONLY',
    severity: RuleSeverity.WARNING,
    context: RuleContext.CLIENT,
    inputs: [InputKind.TEMPLATE],
    properties: [...READ_ONLY_PROPERTIES],
    summary: 'The read-only properties ClientId, ClientSecret and Name are not set in a template.',
    why: 'They are readOnlyProperties of the resource schema: CloudFormation accepts them and ignores them, so the value never reaches Cognito and the template says something the deployed client does not do.',
    fix: 'Remove the property; read the value from the resource instead (Fn::GetAtt Client.ClientId, .ClientSecret or .Name).',
    source: Sources.CFN_CLIENT,
    decision: 'A warning, not an error: CloudFormation deploys such a template (public templates set ClientId and Name), and the client works. ClientSecret is treated the same way (it replaces VUPC-SECRET-NOT-IN-CFN): the client gets no custom secret, and the secret is readable by anyone who can read the template.',
    check: (client, report) => {
      for (const property of READ_ONLY_PROPERTIES) {
        if (!client.has(property)) continue;
        if (property === 'ClientSecret') {
          report({
            property,
            value: client.value(property),
            problem: 'is read-only, so CloudFormation does not send it to Cognito, and the secret is readable by anyone who can read the template',
            fix: 'Remove ClientSecret and set GenerateSecret: true; read the generated secret with Fn::GetAtt Client.ClientSecret, or keep it in AWS Secrets Manager.',
          });
        } else {
          report({
            property,
            value: client.value(property),
            problem: 'is read-only, so CloudFormation ignores it',
            fix: property === 'Name' ? 'Remove Name; to name the client, set ClientName.' : undefined,
          });
        }
      }
    },
  },
  {
    id: 'VUPC-POOLID-REQUIRED',
    catalogueId: 'R-POOLID-REQUIRED',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ['UserPoolId'],
    checksAbsence: true,
    summary: 'UserPoolId is set.',
    why: 'UserPoolId is required by CreateUserPoolClient and by the CloudFormation schema.',
    fix: 'Set UserPoolId to the id of the user pool (for example a Ref to the AWS::Cognito::UserPool).',
    source: Sources.CREATE_CLIENT,
    check: (client, report) => {
      if (!client.has('UserPoolId')) report({ property: 'UserPoolId', problem: 'is missing' });
    },
  },
  {
    id: 'VUPC-POOLID-FORMAT',
    catalogueId: 'R-POOLID-FORMAT',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ['UserPoolId'],
    summary: 'UserPoolId is 1-55 characters of the form `<region>_<id>`.',
    why: 'The API model constrains UserPoolIdType to 1-55 characters matching [\\w-]+_[0-9a-zA-Z]+.',
    fix: 'Use the pool id as Cognito reports it (for example us-east-1_AbC123), or a Ref to the pool.',
    source: Sources.CREATE_CLIENT,
    check: (client, report) => checkStringProperty(client, report, 'UserPoolId', API_STRINGS.UserPoolId),
  },
  {
    id: 'VUPC-CLIENTNAME-LENGTH',
    catalogueId: 'R-CLIENTNAME-LENGTH',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ['ClientName'],
    summary: 'ClientName is 1-128 characters long.',
    why: 'The API model constrains ClientNameType to 1-128 characters.',
    fix: 'Shorten the name, or give a non-empty one.',
    source: Sources.CREATE_CLIENT,
    check: (client, report) => checkStringProperty(client, report, 'ClientName', CLIENT_NAME_LENGTH),
  },
  {
    id: 'VUPC-CLIENTNAME-PATTERN',
    catalogueId: 'R-CLIENTNAME-PATTERN',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ['ClientName'],
    summary: 'ClientName holds only letters, digits, underscores, whitespace and + = , . @ -.',
    why: 'The API model constrains ClientNameType to the pattern [\\w\\s+=,.@-]+.',
    fix: 'Replace other characters (for example / : # or non-ASCII letters) with - or _.',
    source: Sources.CREATE_CLIENT,
    decision: 'The model pattern is applied as a full match, as the service does for other patterns (aws/aws-cli#2941); the research marks this inferred (U-05).',
    check: (client, report) => {
      const name = client.string('ClientName');
      if (name !== undefined && name.length > 0 && !matchesPattern(API_STRINGS.ClientName.pattern, name)) {
        report({ property: 'ClientName', value: name, problem: 'contains characters outside [\\w\\s+=,.@-]' });
      }
      // A name built at deploy time (`${AWS::StackName}/web`): what its literal text decides.
      const parts = name === undefined ? client.partialString('ClientName') : undefined;
      const problem = parts && partialStringProblem(parts, CLIENT_NAME_PATTERN);
      if (problem) report({ property: 'ClientName', value: client.value('ClientName'), problem });
    },
  },
];
