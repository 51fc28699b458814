import { API_ENUMS, API_INTEGERS, API_VALIDITY_DEFAULTS, UNIT_SECONDS } from '../api-model';
import type { ClientView } from '../client-view';
import { checkEnum, checkIntegerRange, oneOf } from '../constraint-checks';
import { InputKind, Report, RuleContext, RuleDefinition, RuleSeverity } from '../rule';
import { Sources } from '../sources';

export type Token = 'AccessToken' | 'IdToken' | 'RefreshToken';
const TOKENS: readonly Token[] = ['AccessToken', 'IdToken', 'RefreshToken'];
/** The unit the API applies to a bare number (TokenValidityUnits member absent). */
const DEFAULT_UNIT = Object.fromEntries(TOKENS.map((t) => [t, API_VALIDITY_DEFAULTS[t].unit])) as Record<Token, string>;
/** The validity the API applies when the property is absent, in seconds. */
const DEFAULT_SECONDS = Object.fromEntries(TOKENS.map((t) => [t, API_VALIDITY_DEFAULTS[t].seconds])) as Record<Token, number>;
const LIMITS: Record<Token, { min: number; max: number; text: string }> = {
  AccessToken: { min: 300, max: 86400, text: '5 minutes to 1 day' },
  IdToken: { min: 300, max: 86400, text: '5 minutes to 1 day' },
  RefreshToken: { min: 3600, max: 315360000, text: '60 minutes to 10 years' },
};

// Property names built once: rules ask for them on every client.
const VALIDITY_PROPERTY = Object.fromEntries(TOKENS.map((t) => [t, `${t}Validity`])) as Record<Token, string>;
const UNIT_PROPERTY = Object.fromEntries(TOKENS.map((t) => [t, `TokenValidityUnits.${t}`])) as Record<Token, string>;
const validityProperty = (token: Token) => VALIDITY_PROPERTY[token];
/** The construct prop (aws-cdk's UserPoolClient, ValidatedUserPoolClient) of each validity. */
const PROP: Record<Token, string> = { AccessToken: 'accessTokenValidity', IdToken: 'idTokenValidity', RefreshToken: 'refreshTokenValidity' };
const unitProperty = (token: Token) => UNIT_PROPERTY[token];

/** Human form of a number of seconds, for messages. */
export function humanDuration(seconds: number): string {
  for (const [unit, size] of [['day', 86400], ['hour', 3600], ['minute', 60]] as const) {
    if (seconds >= size && seconds % size === 0) return `${seconds / size} ${unit}${seconds === size ? '' : 's'}`;
  }
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

export interface Validity {
  readonly value: number;
  readonly unit: string;
  readonly seconds: number;
  /** False when the property is absent and the API default applies. */
  readonly explicit: boolean;
}

/**
 * The validity of a token in seconds, after applying its unit; the API
 * default when the property is absent. Undefined when the value or unit is
 * unknown or invalid (other rules report those).
 */
export function validity(client: ClientView, token: Token): Validity | undefined {
  const property = validityProperty(token);
  const unit = client.has(unitProperty(token)) ? client.string(unitProperty(token)) : DEFAULT_UNIT[token];
  if (unit === undefined || UNIT_SECONDS[unit] === undefined) return undefined;
  if (!client.has(property)) {
    return { value: DEFAULT_SECONDS[token] / UNIT_SECONDS[unit], unit, seconds: DEFAULT_SECONDS[token], explicit: false };
  }
  const value = client.integer(property);
  if (value === undefined) return undefined;
  return { value, unit, seconds: value * UNIT_SECONDS[unit], explicit: true };
}

function inRawRange(token: Token, value: number): boolean {
  const range = API_INTEGERS[validityProperty(token) as keyof typeof API_INTEGERS];
  return value >= range.min && value <= range.max;
}

function checkDuration(token: Token) {
  return (client: ClientView, report: Report) => {
    const v = validity(client, token);
    if (!v || !v.explicit || !inRawRange(token, v.value) || v.value === 0) return;
    const limit = LIMITS[token];
    if (v.seconds >= limit.min && v.seconds <= limit.max) return;
    if (client.has(unitProperty(token))) {
      report({ property: validityProperty(token), value: v.value, problem: `in ${v.unit} is ${humanDuration(v.seconds)}, outside ${limit.text}` });
      return;
    }
    // A bare number is read in the default unit: say so, and which unit would make the number valid.
    const meant = ['minutes', 'hours', 'days'].find((unit) => unit !== v.unit && v.value * UNIT_SECONDS[unit] >= limit.min && v.value * UNIT_SECONDS[unit] <= limit.max);
    report({
      property: validityProperty(token),
      value: v.value,
      problem: `is read in ${v.unit}, as ${unitProperty(token)} is not set: ${humanDuration(v.seconds)} is outside ${limit.text}`,
      fix: meant
        ? `If ${v.value} ${meant} was meant, set ${unitProperty(token)}: ${meant}; otherwise choose a value within ${limit.text}.`
        : `Choose a value within ${limit.text}, and set ${unitProperty(token)}.`,
    });
  };
}

function durationRule(token: Token, name: string, limitText: string): RuleDefinition {
  return {
    id: `VUPC-${name}-DURATION`,
    catalogueId: `R-${name}-DURATION`,
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: [validityProperty(token), unitProperty(token)],
    summary: `${validityProperty(token)} in its unit is between ${limitText}.`,
    // A bare number's default unit is said in the problem, where it applies.
    why: 'Cognito rejects the client with "Invalid range for token validity".',
    fix: `Choose a value within ${limitText}, and set ${unitProperty(token)} explicitly.`,
    propsFix: `Give ${PROP[token]} a Duration between ${limitText}.`,
    source: Sources.TOKEN_UNITS,
    check: checkDuration(token),
  };
}

function rawRule(token: Token, name: string): RuleDefinition {
  const property = validityProperty(token);
  const range = API_INTEGERS[property as keyof typeof API_INTEGERS];
  return {
    id: `VUPC-${name}-RAW`,
    catalogueId: `R-${name}-RAW`,
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: [property],
    summary: `${property} is a whole number ${range.min}-${range.max} (before units).`,
    why: `The API model constrains ${range.shape} to ${range.min}-${range.max}.`,
    fix: `Give a whole number from ${range.min} to ${range.max} in the unit TokenValidityUnits sets (a larger unit holds a longer validity in a smaller number); the validity itself must be from ${LIMITS[token].text}.`,
    propsFix: `Give ${PROP[token]} a Duration from ${LIMITS[token].text}.`,
    source: Sources.CREATE_CLIENT,
    check: (client, report) => checkIntegerRange(client, report, property, range),
  };
}

export const TOKEN_VALIDITY_RULES: RuleDefinition[] = [
  {
    id: 'VUPC-TVU-ENUM',
    catalogueId: 'R-TVU-ENUM',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: TOKENS.map(unitProperty),
    summary: 'Each TokenValidityUnits member is seconds, minutes, hours or days.',
    why: 'The API model constrains TimeUnitsType to these four values (lower case).',
    fix: `Use one of ${oneOf(API_ENUMS.TokenValidityUnits)}.`,
    source: Sources.TOKEN_UNITS,
    check: (client, report) => TOKENS.forEach((token) => checkEnum(client, report, unitProperty(token), 'TokenValidityUnits')),
  },
  rawRule('AccessToken', 'ACCESS'),
  rawRule('IdToken', 'ID'),
  rawRule('RefreshToken', 'REFRESH'),
  durationRule('AccessToken', 'ACCESS', '5 minutes and 1 day'),
  durationRule('IdToken', 'ID', '5 minutes and 1 day'),
  durationRule('RefreshToken', 'REFRESH', '60 minutes and 10 years'),
  {
    id: 'VUPC-REFRESH-ZERO',
    catalogueId: 'R-REFRESH-ZERO',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    inputs: [InputKind.TEMPLATE],
    properties: ['RefreshTokenValidity'],
    summary: 'RefreshTokenValidity is not 0 in a template.',
    why: 'The CloudFormation schema minimum is 1: CloudFormation refuses 0 (the API itself would replace it with 30 days).',
    fix: 'Set the validity you want (30 with unit days is the default), or omit the property.',
    source: Sources.CFN_CLIENT,
    decision: 'Templates only: the API model allows 0 (VUPC-REFRESH-ZERO-REPLACED warns about it in API requests).',
    check: (client, report) => {
      if (client.integer('RefreshTokenValidity') === 0) report({ property: 'RefreshTokenValidity', value: 0, problem: 'is below the minimum of 1' });
    },
  },
  {
    id: 'VUPC-REFRESH-ZERO-REPLACED',
    catalogueId: 'R-REFRESH-ZERO',
    severity: RuleSeverity.WARNING,
    context: RuleContext.CLIENT,
    inputs: [InputKind.API_REQUEST],
    properties: ['RefreshTokenValidity'],
    summary: 'An API request does not set RefreshTokenValidity to 0.',
    why: 'The API accepts 0 and replaces it with the default of 30 days, so the client does not get the validity the request says.',
    fix: 'Set the validity you want (30 with unit days is the default), or omit the property.',
    source: Sources.CREATE_CLIENT,
    decision: 'A warning: Cognito accepts the request (the model allows 0) and changes the value silently.',
    check: (client, report) => {
      if (client.integer('RefreshTokenValidity') === 0) report({ property: 'RefreshTokenValidity', value: 0, problem: 'is replaced by Cognito with 30 days' });
    },
  },
  {
    id: 'VUPC-TOKEN-LE-REFRESH',
    catalogueId: 'R-TOKEN-LE-REFRESH',
    severity: RuleSeverity.WARNING,
    context: RuleContext.CLIENT,
    properties: ['AccessTokenValidity', 'IdTokenValidity', 'RefreshTokenValidity', 'TokenValidityUnits'],
    summary: 'Access and ID tokens are not valid for longer than the refresh token.',
    why: 'A token that outlives the refresh token that renews it is documented as invalid: aws-cdk-lib and the Cognito console refuse it, and the session ends when the refresh token expires anyway.',
    fix: 'Shorten the access or ID token validity, or lengthen the refresh token validity.',
    source: Sources.APP_CLIENTS,
    decision: 'A warning (U-06): the API model does not state it and no refusal by the API was found; aws-cdk-lib and the console enforce it, and a working reading exists (the tokens are issued, and the refresh token expires first).',
    check: (client, report) => {
      const refresh = validity(client, 'RefreshToken');
      if (!refresh || refresh.value === 0) return;
      for (const token of ['AccessToken', 'IdToken'] as const) {
        const v = validity(client, token);
        if (v && v.seconds > refresh.seconds && (v.explicit || refresh.explicit)) {
          report({
            property: validityProperty(token),
            value: v.value,
            problem: `(${humanDuration(v.seconds)}) is longer than the refresh token validity (${humanDuration(refresh.seconds)})`,
          });
        }
      }
    },
  },
  {
    id: 'VUPC-TVU-EXPLICIT',
    catalogueId: 'R-TVU-EXPLICIT',
    severity: RuleSeverity.INFO,
    context: RuleContext.CLIENT,
    properties: ['AccessTokenValidity', 'IdTokenValidity', 'RefreshTokenValidity', 'TokenValidityUnits'],
    summary: 'Every token validity that is set has its unit set in TokenValidityUnits.',
    why: 'A bare number is read in the default unit: hours for access and ID tokens, days for refresh tokens.',
    fix: 'Set the matching TokenValidityUnits member.',
    propsFix: 'Give the validity as a Duration: the construct writes its unit.',
    source: Sources.TOKEN_UNITS,
    decision: 'Info, not a warning: on public templates every bare number read naturally in its default unit (access 1 = 1 hour, refresh 30 = 30 days). A bare number that is out of range in its default unit (access 60 = 60 hours) is an error of VUPC-ACCESS-DURATION, VUPC-ID-DURATION or VUPC-REFRESH-DURATION, whose message names the default unit.',
    check: (client, report) => {
      for (const token of TOKENS) {
        if (!client.has(validityProperty(token)) || client.has(unitProperty(token))) continue;
        const v = validity(client, token);
        // A value that is no whole number is VUPC-PROPERTY-TYPE's to report: it is read in no unit.
        if (v === undefined && !client.isUnknown(validityProperty(token))) continue;
        report({
          property: validityProperty(token),
          value: client.value(validityProperty(token)),
          problem: `is read in ${DEFAULT_UNIT[token]}${v ? ` (${humanDuration(v.seconds)})` : ''}, as ${unitProperty(token)} is not set`,
          fix: `Set ${unitProperty(token)}: ${DEFAULT_UNIT[token]} to say so.`,
          propsFix: `Give ${PROP[token]} as a Duration: the construct writes its unit.`,
        });
      }
    },
  },
  {
    id: 'VUPC-AUTHSESSION-RANGE',
    catalogueId: 'R-AUTHSESSION-RANGE',
    severity: RuleSeverity.ERROR,
    context: RuleContext.CLIENT,
    properties: ['AuthSessionValidity'],
    summary: 'AuthSessionValidity is 3-15 (minutes).',
    why: 'The API model constrains AuthSessionValidityType to 3-15 minutes.',
    fix: 'Choose a session validity between 3 and 15 minutes.',
    source: Sources.CREATE_CLIENT,
    check: (client, report) => checkIntegerRange(client, report, 'AuthSessionValidity', API_INTEGERS.AuthSessionValidity, ' minutes'),
  },
  {
    id: 'VUPC-HOSTED-UI-COOKIE',
    catalogueId: 'R-HOSTED-UI-COOKIE',
    severity: RuleSeverity.WARNING,
    context: RuleContext.CLIENT,
    properties: ['AccessTokenValidity', 'IdTokenValidity', 'TokenValidityUnits', 'AllowedOAuthFlows'],
    summary: 'Clients that sign in through managed login do not rely on token lifetimes under 1 hour.',
    why: 'The managed login session cookie lasts 1 hour and cannot be changed: a user gets fresh tokens from it without signing in again.',
    fix: 'Accept that sessions last at least 1 hour, or revoke sessions on sign-out; acknowledge this warning once decided.',
    source: Sources.APP_CLIENTS,
    check: (client, report) => {
      const flows = client.oauthFlows();
      if (!flows.has('code') && !flows.has('implicit')) return;
      // One finding per client: the cookie outlives both tokens alike.
      const short = (['AccessToken', 'IdToken'] as const).flatMap((token) => {
        const v = validity(client, token);
        return v && v.explicit && v.seconds < 3600 && v.seconds >= LIMITS[token].min ? [{ token, v }] : [];
      });
      if (short.length === 0) return;
      const [first] = short;
      const also = short.length > 1 ? ` (and ${validityProperty(short[1].token)}, ${humanDuration(short[1].v.seconds)})` : '';
      report({ property: validityProperty(first.token), value: first.v.value, problem: `(${humanDuration(first.v.seconds)})${also} is shorter than the 1-hour managed login session cookie` });
    },
  },
  {
    id: 'VUPC-SHORT-TOKEN-SDK',
    catalogueId: 'R-SHORT-TOKEN-SDK',
    severity: RuleSeverity.INFO,
    context: RuleContext.CLIENT,
    properties: ['AccessTokenValidity', 'IdTokenValidity'],
    summary: 'With the AWS SDKs, access and ID tokens under 7 minutes refresh continuously.',
    why: 'The SDKs refresh tokens that have less than 2 minutes left; AWS states 7 minutes as the effective minimum.',
    fix: 'Use at least 7 minutes for clients that use the SDKs.',
    source: Sources.REFRESH_TOKEN,
    decision: 'Documentation only: whether a client uses the SDKs is not visible in the template.',
  },
];
