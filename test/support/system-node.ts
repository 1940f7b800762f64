/**
 * The machine's own Node.js (the first `node` on PATH outside node_modules), as opposed to the
 * project's Node 24 devDependency that npm scripts put first on PATH.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface SystemNode {
  path: string;
  version: string;
}

export function systemNode(): SystemNode | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '' || dir.split(/[\\/]/).includes('node_modules')) continue;
    const path = join(dir, 'node');
    try {
      accessSync(path, constants.X_OK);
    } catch {
      continue;
    }
    const version = execFileSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
    return { path, version };
  }
  return undefined;
}
