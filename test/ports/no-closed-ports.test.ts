// No code hands out a port it no longer holds: a port read from a listener and then closed can be
// taken by any other process (another test's server on port 0 first) before it is used.
// Servers bind port 0 and keep it; "nothing listens here" is test/support/refusing-port.ts; a
// server that cannot bind 0 gets test/support/port-candidate.ts and is retried on EADDRINUSE.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOTS = ['src', 'mocks', 'test', 'scripts', 'bench', 'examples'];
const SOURCE = /\.(ts|tsx|js|mjs|cjs)$/;

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

const files = ROOTS.flatMap(sourceFiles).filter((file) => file !== join('test', 'ports', 'no-closed-ports.test.ts'));

const indent = (line: string) => /^\s*/.exec(line)![0].length;

/** `x.listen(0 …` followed within a few lines of the same block by `x.close(`: a port looked up and given back at once. */
function listenThenClose(file: string, text: string): string[] {
  const lines = text.split('\n');
  const found: string[] = [];
  lines.forEach((line, index) => {
    const server = /(\w+)\.listen\(\s*0\b/.exec(line)?.[1];
    if (!server) return;
    const block: string[] = [];
    for (const next of lines.slice(index + 1, index + 5)) {
      if (next.trim() !== '' && indent(next) < indent(line)) break;
      block.push(next);
    }
    if (new RegExp(`\\b${server}\\.close\\(`).test(block.join('\n'))) found.push(`${file}:${index + 1}`);
  });
  return found;
}

describe('ports the tests use are held, never looked up and released', () => {
  it('the scan reads the sources (it would see a use)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain(join('test', 'support', 'refusing-port.ts'));
  });

  it('the closed-port helper is gone and nothing names it', () => {
    expect(existsSync(join('src', 'net', 'free-port.ts'))).toBe(false);
    const users = files.filter((file) => /\bfreePort\b|free-port/.test(readFileSync(file, 'utf8')));
    expect(users).toEqual([]);
  });

  it('no port-finding package is used (each closes the port it reports)', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, Record<string, string> | undefined>;
    const dependencies = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies, ...manifest.optionalDependencies });
    expect(dependencies.filter((name) => ['get-port', 'portfinder', 'detect-port', 'find-free-port', 'get-port-please'].includes(name))).toEqual([]);
    const importers = files.filter((file) => /from ['"](get-port|portfinder|detect-port|find-free-port|get-port-please)['"]/.test(readFileSync(file, 'utf8')));
    expect(importers).toEqual([]);
  });

  it('no server listens on port 0 only to be closed right away', () => {
    // The detector itself finds the pattern that freePort() and the old inline probes used.
    const probe = [
      'const probe = createServer();',
      "await new Promise((r) => probe.listen(0, '127.0.0.1', r));",
      'const { port } = probe.address();',
      'await new Promise((r) => probe.close(r));',
    ].join('\n');
    expect(listenThenClose('probe.ts', probe)).toEqual(['probe.ts:2']);
    expect(files.flatMap((file) => listenThenClose(file, readFileSync(file, 'utf8')))).toEqual([]);
  });
});
