// The canary of `npm run mutation`: the mutant `if (true)` of the header check that every HMAC
// verification goes through (`value === null || value.trim() === ''` in `requireHeader`). Every
// suite that verifies an HMAC delivery kills it, so a run where it survives is a run whose
// mutants never reached the tests. Found by text, so it follows the function when files move.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const CANARY_FUNCTION = 'function requireHeader(';
export const CANARY_CONDITION = "value === null || value.trim() === ''";

/** The file (relative to `root`) and line of the canary condition under `root/src`. */
export function findCanary(root: string): { file: string; line: number } {
  const files = readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.ts'));
  for (const entry of files) {
    const path = join(entry.parentPath, entry.name);
    const lines = readFileSync(path, 'utf8').split('\n');
    const start = lines.findIndex((l) => l.includes(CANARY_FUNCTION));
    if (start === -1) continue;
    // The condition must sit in the function's first lines, not in some later function.
    const offset = lines.slice(start, start + 4).findIndex((l) => l.includes(CANARY_CONDITION));
    if (offset !== -1) return { file: relative(root, path), line: start + offset + 1 };
  }
  throw new Error(`No ${CANARY_FUNCTION}…) with "${CANARY_CONDITION}" under src/: update the canary in scripts/mutation-canary.ts.`);
}
