/**
 * Layers point down: every relative import of a hand-written file in `src/` or
 * `mocks/` must land in the same layer or a lower one. The graph is read from the sources, so a
 * new upward import fails here, naming the importing file and the import.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The shared ground floor of `src/` (`spec` reads OpenAPI documents at run time); every other folder of `src/` not named below is a per-API entry. */
const GROUND = new Set(['signatures', 'webhooks', 'delivery', 'net', 'errors', 'client', 'spec']);
const RANK = { ground: 0, schemes: 1, apis: 2, entry: 3, check: 4, mocks: 5, cli: 6 } as const;
type Layer = keyof typeof RANK;

/** The layer of a repository path, or undefined outside `src/` and `mocks/` (generated code, packages). */
function layerOf(path: string): Layer | undefined {
  const [top, folder] = path.split('/');
  if (top === 'mocks') return 'mocks';
  if (top !== 'src' || folder === undefined) return undefined;
  if (GROUND.has(folder)) return 'ground';
  if (folder === 'schemes' || folder === 'apis' || folder === 'check' || folder === 'cli') return folder;
  return 'entry';
}

/** Known upward imports, each with the reason it is still there (none now: keep it that way). */
const KNOWN_UPWARD: readonly { from: RegExp; to: RegExp }[] = [];

/** The upward imports among `edges` (repository-relative paths), as "from -> to". */
function upwardImports(edges: readonly { from: string; to: string }[]): string[] {
  return edges
    .filter(({ from, to }) => {
      const [a, b] = [layerOf(from), layerOf(to)];
      if (a === undefined || b === undefined || RANK[b] <= RANK[a]) return false;
      return !KNOWN_UPWARD.some((known) => known.from.test(from) && known.to.test(to));
    })
    .map(({ from, to }) => `${from} -> ${to}`);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|js)$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.[^'"]+)['"]/g;

function importEdges(): { from: string; to: string }[] {
  return [...sourceFiles('src'), ...sourceFiles('mocks')].flatMap((from) =>
    [...readFileSync(join(root, from), 'utf8').matchAll(IMPORT)].map((match) => ({ from, to: relative(root, resolve(root, dirname(from), match[1]!)) })),
  );
}

describe('import layers', () => {
  it('finds the imports of the sources', () => {
    const edges = importEdges();
    expect(edges.length).toBeGreaterThan(300);
    expect(edges).toContainEqual({ from: 'src/check/battery.ts', to: 'src/apis/index.ts' });
  });

  it('flags an import from a higher layer, and only that', () => {
    expect(
      upwardImports([
        { from: 'src/check/battery.ts', to: 'src/cli/errors.ts' },
        { from: 'mocks/registry.ts', to: 'src/cli/apis.ts' },
        { from: 'src/webhooks/x.ts', to: 'src/apis/index.ts' },
        { from: 'src/sidclaw/x.ts', to: 'src/pipevest/y.ts' },
        { from: 'src/cli/program.ts', to: 'mocks/server.ts' },
        { from: 'src/sidclaw/x.ts', to: 'generated/sidclaw/zod.gen.ts' },
      ]),
    ).toEqual(['src/check/battery.ts -> src/cli/errors.ts', 'mocks/registry.ts -> src/cli/apis.ts', 'src/webhooks/x.ts -> src/apis/index.ts']);
  });

  it('has no upward import in src/ or mocks/', () => {
    expect(upwardImports(importEdges())).toEqual([]);
  });
});
