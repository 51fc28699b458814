import { CfnResource, Lazy, Stack, Token, Tokenization } from 'aws-cdk-lib';
import { CdkInternalsChanged, cfnPropertiesOf, dependenciesOf, propertyRendererOf, rawOverridesOf, rendererKind, templateFragmentOf } from './internals';
import { stackSynthesis } from './synthesis-cache';
import type { TemplateResource } from '../engine/template-index';
import { CFN_PROPERTY_TYPES, PropertyType } from '../rules/api-model';

/** A rendered resource; the logical id only where computing it was needed anyway. */
export interface Rendered {
  readonly logicalId?: string;
  readonly resource: TemplateResource;
  /** The UserPoolId as the resource holds it, before its tokens were resolved (see `userPoolIdSource`). */
  readonly userPoolId?: unknown;
}

/**
 * The resource exactly as it will be synthesized (logical id, Properties,
 * DependsOn): constructor props, setters, property overrides and deletion
 * overrides applied, tokens resolved to `Ref`/`Fn::*` (an unresolved value
 * stays an intrinsic). Throws when it cannot be rendered: CDK's own error (a
 * token that does not resolve, say), or CdkInternalsChanged; the checks
 * report the client as not validated, with the reason.
 */
export function rendered(resource: CfnResource): Rendered {
  const fast = fastRender(resource);
  if (fast) return fast;
  const full = fullRender(resource);
  if (!full) throw new CdkInternalsChanged('CfnResource._toCloudFormation (it rendered no resource)');
  return full;
}

/** CDK's own rendering of the resource, resolved: exact in every case, and as costly as CDK's; undefined when it renders no resource. */
export function fullRender(resource: CfnResource): Rendered | undefined {
  const template = Stack.of(resource).resolve(templateFragmentOf(resource)) as { Resources?: Record<string, TemplateResource> };
  const [entry] = Object.entries(template?.Resources ?? {});
  return entry ? { logicalId: entry[0], resource: entry[1], userPoolId: userPoolIdSource(resource) } : undefined;
}

/** The resource's UserPoolId before its tokens are resolved: a property override's, or the prop's (L1 or raw). */
export function userPoolIdSource(resource: CfnResource): unknown {
  const overrides = rawOverridesOf(resource)?.Properties;
  if (overrides !== null && typeof overrides === 'object' && 'UserPoolId' in overrides) return (overrides as Record<string, unknown>).UserPoolId;
  const props = cfnPropertiesOf(resource);
  return props?.userPoolId ?? props?.UserPoolId;
}

/** CloudFormation names of the L1 props whose names are not the prop name capitalised. */
const IRREGULAR_CFN_NAMES: ReadonlyMap<string, string> = new Map([['callbackUrLs', 'CallbackURLs'], ['logoutUrLs', 'LogoutURLs'], ['defaultRedirectUri', 'DefaultRedirectURI']]);
/** Every name worked out so far (the irregular ones first): each client's props are renamed, and names repeat. */
const CFN_NAMES = new Map<string, string>(IRREGULAR_CFN_NAMES);
function cfnName(prop: string): string {
  let name = CFN_NAMES.get(prop);
  if (name === undefined) {
    name = prop.charAt(0).toUpperCase() + prop.slice(1);
    if (CFN_NAMES.size < 1000) CFN_NAMES.set(prop, name);
  }
  return name;
}

/**
 * Resolved string tokens per stack: thousands of clients refer to the same
 * pool id token, and resolving it is most of the cost of reading a client.
 * Only strings are cached; a token's value does not change during synthesis.
 */
function resolveString(value: string, stack: Stack): unknown {
  const cache = stackSynthesis(stack).resolvedStrings;
  if (!cache.has(value)) cache.set(value, stack.resolve(value));
  return cache.get(value);
}

/**
 * CDK writes a token into a string as `${Token[…]}`, a number token as a
 * double of about -1.xe+289 (`e+289` in a string), and a list token as a
 * one-element list holding `#{Token[…]}`: a value with none of these is
 * plain data and is not resolved, which reading thousands of clients would
 * pay for every value. The markers are checked against CDK once; if it ever
 * encodes tokens otherwise, every value is resolved.
 */
export const TOKEN_MARKERS = { string: '${Token[', number: 'e+289', list: '#{Token[' };
const NUMBER_TOKENS_BELOW = -1e288;
const STRING_TOKEN = Token.asString(Lazy.string({ produce: () => '' }));
const NUMBER_TOKEN = Lazy.number({ produce: () => 0 });
const LIST_TOKEN = Token.asList(Lazy.list({ produce: () => [] }));
/** Exported for the tests: the shortcut is on with the aws-cdk-lib in use. */
export const MARKERS_HOLD = Token.isUnresolved(STRING_TOKEN) && STRING_TOKEN.includes(TOKEN_MARKERS.string)
  && NUMBER_TOKEN < NUMBER_TOKENS_BELOW && String(NUMBER_TOKEN).includes(TOKEN_MARKERS.number)
  && LIST_TOKEN.length === 1 && LIST_TOKEN[0].includes(TOKEN_MARKERS.list);

/** A string with its tokens resolved (most strings hold none, and are returned as they are). */
function resolveText(value: string, stack: Stack): unknown {
  return !MARKERS_HOLD || value.includes(TOKEN_MARKERS.string) || value.includes(TOKEN_MARKERS.number) ? resolveString(value, stack) : value;
}

/** Resolves only the tokens in a value, as CDK's resolve would (undefined list entries and members dropped); plain lists are kept as they are. */
function resolveTokens(value: unknown, stack: Stack, rename: boolean): unknown {
  if (value === null || value === undefined || typeof value === 'boolean') return value;
  // Token.isUnresolved misses number tokens written into strings, which CDK's resolve replaces: resolve every candidate.
  if (typeof value === 'string') return resolveText(value, stack);
  if (typeof value === 'number') return (!MARKERS_HOLD || value < NUMBER_TOKENS_BELOW) && Token.isUnresolved(value) ? stack.resolve(value) : value;
  if (Array.isArray(value)) {
    const mayBeToken = !MARKERS_HOLD || (value.length === 1 && typeof value[0] === 'string' && value[0].includes(TOKEN_MARKERS.list));
    if (mayBeToken && Token.isUnresolved(value)) return stack.resolve(value);
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const before: unknown = value[i];
      const after = before === undefined ? undefined : typeof before === 'string' ? resolveText(before, stack) : resolveTokens(before, stack, false);
      if (copy === undefined && (after !== before || after === undefined)) copy = value.slice(0, i);
      if (copy !== undefined && after !== undefined) copy.push(after);
    }
    return copy ?? value;
  }
  if (Tokenization.isResolvable(value)) return stack.resolve(value);
  const out: Record<string, unknown> = {};
  for (const k in value) {
    if (!Object.prototype.hasOwnProperty.call(value, k)) continue;
    const resolved = resolveTokens((value as Record<string, unknown>)[k], stack, rename);
    if (resolved !== undefined) out[rename ? cfnName(k) : k] = resolved;
  }
  return out;
}

/**
 * The same result without CDK's full render, for the common case: a
 * resource with no raw overrides, no condition and only known properties.
 * Resolving each token on its own skips the work CDK's renderer does on
 * every value, which keeps validation close to free at thousands of clients.
 * Anything unusual (or an internal of CDK that is not as expected) takes the
 * full path.
 */
export function fastRender(resource: CfnResource): Rendered | undefined {
  const camel = plainProperties(resource);
  const dependencies = dependenciesOf(resource);
  if (!camel || !dependencies) return undefined;
  // CfnUserPoolClient holds props in camelCase (CDK renames them when rendering); a raw CfnResource holds CloudFormation
  // names. Any other class renders its own way: CDK must render it.
  const kind = rendererKind(resource);
  if (kind === 'other') return undefined;
  const isL1 = kind === 'app-client-l1';
  const stack = Stack.of(resource);
  const properties: Record<string, unknown> = {};
  let userPoolId: unknown;
  for (const key in camel) {
    const v = camel[key];
    if (v === undefined || !Object.prototype.hasOwnProperty.call(camel, key)) continue;
    // Names and strings are found in place where they can be: this runs on every property of every client.
    const name = isL1 ? CFN_NAMES.get(key) ?? cfnName(key) : key;
    const type = CFN_PROPERTY_TYPES[name];
    if (type === undefined) return undefined;
    // A whole struct given as a token (Lazy, IResolvable) resolves to camelCase members, and CDK drops members a
    // struct does not declare: CDK must render those.
    if (isL1 && v !== null && typeof v === 'object' && !Array.isArray(v) && (Tokenization.isResolvable(v) || !declaresAll(type, v))) return undefined;
    if (name === 'UserPoolId') userPoolId = v;
    const resolved = typeof v === 'string' ? resolveText(v, stack) : resolveTokens(v, stack, isL1);
    if (resolved !== undefined) properties[name] = resolved;
  }
  const rendering: { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] } = {
    Type: resource.cfnResourceType,
    Properties: properties,
  };
  if (dependencies.size > 0) {
    rendering.DependsOn = [...dependencies].map((d) => stack.resolve(d.logicalId) as string).sort();
  }
  return { resource: rendering, userPoolId };
}

/** True when the struct type declares every member the value sets. */
function declaresAll(type: PropertyType, value: object): boolean {
  if (typeof type !== 'object') return true;
  for (const key in value) {
    const set = Object.prototype.hasOwnProperty.call(value, key) && (value as Record<string, unknown>)[key] !== undefined;
    if (set && type[cfnName(key)] === undefined) return false;
  }
  return true;
}

/**
 * The resource's props as its class holds them, when nothing else shapes its
 * rendering (no raw overrides, no condition); undefined otherwise, and then
 * only CDK's full render is exact.
 */
function plainProperties(resource: CfnResource): Record<string, unknown> | undefined {
  const overrides = rawOverridesOf(resource);
  if (!overrides || hasKeys(overrides) || resource.cfnOptions.condition !== undefined) return undefined;
  return cfnPropertiesOf(resource);
}

function hasKeys(value: object): boolean {
  for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key)) return true;
  return false;
}

/**
 * A resource the index reads (pool, domain, identity provider, resource
 * server), rendered the way CDK does (resolve the props, then let the L1
 * convert them to CloudFormation names) but resolving only its tokens: an
 * L2 user pool costs a hundred times a client to render fully. Resources
 * with overrides or a condition take CDK's full render.
 */
export function indexedRender(resource: CfnResource): Rendered | undefined {
  const props = plainProperties(resource);
  const render = propertyRendererOf(resource);
  if (!props || !render) return fullRender(resource);
  const stack = Stack.of(resource);
  return {
    logicalId: stack.resolve(resource.logicalId),
    resource: { Type: resource.cfnResourceType, Properties: render(resolveTokens(props, stack, false) as Record<string, unknown>) },
    userPoolId: userPoolIdSource(resource),
  };
}
