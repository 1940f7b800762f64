// The API reference is built into one cache that mock servers in parallel processes (test files
// running at the same time) share: concurrent builds of the same page must each end with the
// whole, rewritten page (Redoc served by the mock, no CDN), never another build's raw output.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { buildReference } from '../../mocks/inspector/reference-build.ts';

const dir = mkdtempSync(join(tmpdir(), 'hookspec-reference-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('four concurrent builds of one page each return the rewritten page, and leave no temporary file', async () => {
  const spec = fileURLToPath(new URL('../../openapi/sidclaw.yaml', import.meta.url));
  const pages = await Promise.all(
    Array.from({ length: 4 }, async () => {
      const file = await buildReference('sidclaw', spec, dir);
      return readFileSync(file, 'utf8');
    }),
  );
  // Every page loads the bundle written beside it, with that bundle's integrity hash.
  const integrity = `sha384-${createHash('sha384')
    .update(readFileSync(join(dir, 'redoc.standalone.js')))
    .digest('base64')}`;
  for (const page of pages) {
    expect(page).toContain('href="/_mock/docs/redoc.standalone.js"');
    expect(page).not.toMatch(/cdn\.redoc(ly)?\.(ly|com)/);
    expect(page.match(/integrity="(sha384-[^"]+)"/)?.[1]).toBe(integrity);
  }
  expect(readdirSync(dir).sort()).toEqual(['redoc.standalone.js', 'sidclaw.html']);
}, 120_000);
