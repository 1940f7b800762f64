/**
 * The APIs of this repository are the specs in `openapi/`: `openapi/<api>.yaml` is API `<api>`.
 * The generator, the build and the checks read the list from here (Node only, at build time).
 * @module
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The API names, from the `.yaml` files of `specDir` (default `openapi`), sorted. */
export function specApiNames(specDir = 'openapi'): string[] {
  return readdirSync(specDir)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => name.slice(0, -'.yaml'.length))
    .sort();
}

/** The spec files (`<specDir>/<api>.yaml`). */
export function specFiles(specDir = 'openapi'): string[] {
  return specApiNames(specDir).map((api) => join(specDir, `${api}.yaml`));
}
