import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CANARY_CONDITION, findCanary } from '../../scripts/mutation-canary.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { default: strykerConfig } = (await import(`${root}/stryker.config.mjs`)) as { default: { mutate: string[] } };

/** Whether `file` matches the config's `mutate` globs (a `!` glob excludes). */
function mutated(file: string): boolean {
  const globs = strykerConfig.mutate;
  const matches = (glob: string) =>
    new RegExp(
      `^${glob
        .replace(/\./g, '\\.')
        .replace(/\*\*\//g, '(.*/)?')
        .replace(/\*/g, '[^/]*')}$`,
    ).test(file);
  return globs.some((g) => !g.startsWith('!') && matches(g)) && !globs.some((g) => g.startsWith('!') && matches(g.slice(1)));
}

describe('the mutation run canary', () => {
  it('is found in the source, on the line of its condition', () => {
    const { file, line } = findCanary(root);
    expect(readFileSync(`${root}/${file}`, 'utf8').split('\n')[line - 1]).toContain(CANARY_CONDITION);
  });

  it('sits in a file the mutation run mutates', () => {
    const { file } = findCanary(root);
    expect(file).toMatch(/^src\//);
    expect(mutated(file)).toBe(true);
    expect(mutated('src/schemes/index.ts')).toBe(false);
  });
});
