import { join } from 'path';
import { isPlainObject, stringParts } from '../rules/values';

/** A nested stack a template deploys, and where its template is. */
export interface NestedStackRef {
  /** The logical id of the AWS::CloudFormation::Stack (or AWS::Serverless::Application) resource. */
  readonly logicalId: string;
  /** Where the template is, for messages: a path, a URL, or what the template says. */
  readonly location: string;
  /** A CDK nested stack's template file, relative to its cloud assembly directory (`aws:asset:path` metadata). */
  readonly assetPath?: string;
  /** The object keys (`<hash>.json`) a TemplateURL built by CDK names its template by (see `assetFilesByKey`). */
  readonly assetKeys?: readonly string[];
  /** A template file relative to the parent template's directory (a TemplateURL or SAM Location before packaging). */
  readonly localPath?: string;
  /**
   * The file name a remote TemplateURL ends with, when its text writes it
   * out (`https://${Bucket}.s3.amazonaws.com/${Prefix}templates/app.yaml`:
   * `app.yaml`): a template given with the same name is taken to be that one.
   */
  readonly fileName?: string;
}

const REMOTE = /^(https?|s3):\/\//i;
/** The object key CDK uploads a file asset under: its SHA-256, hex, with the extension. */
const ASSET_KEY = /[0-9a-f]{64}\.json/g;

/**
 * The file of a nested stack's template in a cloud assembly, from its
 * `aws:asset:path` metadata (written by the CDK CLI) or the asset key its
 * TemplateURL names (see `assetFilesByKey`); undefined for other nested stacks.
 */
export function assemblyFileOf(nested: NestedStackRef, assemblyDir: string, filesByKey: () => ReadonlyMap<string, string>): string | undefined {
  if (nested.assetPath !== undefined) return join(assemblyDir, nested.assetPath);
  for (const key of nested.assetKeys ?? []) {
    const file = filesByKey().get(key);
    if (file !== undefined) return file;
  }
  return undefined;
}

/** The nested stacks of a template: CloudFormation stacks and SAM applications, with where their templates are. */
export function nestedStacksOf(template: unknown): NestedStackRef[] {
  const resources = isPlainObject(template) && isPlainObject(template.Resources) ? template.Resources : {};
  const out: NestedStackRef[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isPlainObject(resource)) continue;
    const properties = isPlainObject(resource.Properties) ? resource.Properties : {};
    if (resource.Type === 'AWS::CloudFormation::Stack') {
      const metadata = isPlainObject(resource.Metadata) ? resource.Metadata : {};
      const asset = metadata['aws:asset:path'];
      if (typeof asset === 'string' && metadata['aws:asset:property'] === 'TemplateURL') {
        out.push({ logicalId, location: asset, assetPath: asset });
      } else {
        const url = properties.TemplateURL;
        const assetKeys = typeof url === 'object' ? [...new Set(JSON.stringify(url).match(ASSET_KEY) ?? [])] : undefined;
        out.push(assetKeys && assetKeys.length > 0 ? { logicalId, location: `the file asset ${assetKeys[0]}`, assetKeys } : { ...located(logicalId, url), fileName: urlFileName(url) });
      }
    } else if (resource.Type === 'AWS::Serverless::Application') {
      out.push(located(logicalId, properties.Location));
    }
  }
  return out;
}

function located(logicalId: string, location: unknown): NestedStackRef {
  if (isPlainObject(location) && typeof location.ApplicationId === 'string') {
    return { logicalId, location: `the Serverless Application Repository application ${location.ApplicationId}` };
  }
  if (typeof location !== 'string') return { logicalId, location: location === undefined ? 'no location given' : JSON.stringify(location) };
  return REMOTE.test(location) ? { logicalId, location } : { logicalId, location, localPath: location };
}

/** The file name a remote template URL ends with, where its literal text says it (see `NestedStackRef.fileName`). */
function urlFileName(url: unknown): string | undefined {
  const parts = typeof url === 'string' ? (REMOTE.test(url) ? [url] : undefined) : stringParts(url);
  const last = parts?.[parts.length - 1];
  if (typeof last !== 'string' || !last.includes('/')) return undefined;
  const name = last.slice(last.lastIndexOf('/') + 1).split(/[?#]/)[0];
  return /\.(json|ya?ml|template|txt)$/i.test(name) ? name : undefined;
}
