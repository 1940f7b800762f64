/**
 * The APIs of this repository are the specs in `openapi/`: `openapi/<api>.yaml` is API `<api>`.
 * The generator, the build and the checks read the list from here (Node only, at build time).
 * @module
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The API names, from the files in `openapi/` of `root` (default: the working directory), sorted. */
export function specApiNames(root = '.'): string[] {
  return readdirSync(join(root, 'openapi'))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => name.slice(0, -'.yaml'.length))
    .sort();
}

/** The spec files (`openapi/<api>.yaml`), relative to `root`. */
export function specFiles(root = '.'): string[] {
  return specApiNames(root).map((api) => `openapi/${api}.yaml`);
}
