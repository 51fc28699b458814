import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

/**
 * The files a cloud assembly publishes as assets, by the object key they are
 * uploaded under (`<hash>.json`): a nested stack's TemplateURL names its
 * template by that key. Read from every asset manifest (`*.assets.json`) of
 * the directory; one that cannot be read adds nothing.
 */
export function assetFilesByKey(assemblyDir: string): Map<string, string> {
  const files = new Map<string, string>();
  let names: string[];
  try {
    names = readdirSync(assemblyDir).filter((n) => n.endsWith('.assets.json'));
  } catch {
    return files;
  }
  for (const name of names) {
    try {
      const manifest = JSON.parse(readFileSync(join(assemblyDir, name), 'utf8')) as { files?: Record<string, AssetEntry> };
      for (const entry of Object.values(manifest.files ?? {})) {
        const path = entry?.source?.path;
        if (typeof path !== 'string' || entry.source?.packaging === 'zip') continue;
        for (const destination of Object.values(entry.destinations ?? {})) {
          if (typeof destination?.objectKey === 'string') files.set(destination.objectKey, join(assemblyDir, path));
        }
      }
    } catch {
      // An asset manifest that cannot be read names no template; the nested stack is then reported as not checked.
    }
  }
  return files;
}

interface AssetEntry {
  readonly source?: { readonly path?: unknown; readonly packaging?: unknown };
  readonly destinations?: Record<string, { readonly objectKey?: unknown } | undefined>;
}
