// `npm start`'s entry (mocks/start.js) as a newcomer runs it: the banner, a documented request,
// Node's compile cache filled for the next start, and a clean stop on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';

// A private TMPDIR: the entry turns the cache on by itself, in os.tmpdir()/node-compile-cache.
const tempDir = mkdtempSync(join(tmpdir(), 'hookspec-start-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

describe('npm start (mocks/start.js)', () => {
  it('prints every base URL, answers a documented request, fills the compile cache and stops cleanly', async () => {
    // Port 0: the server takes a free port itself and prints it.
    const { NODE_COMPILE_CACHE: _inherited, ...env } = process.env;
    const child = spawn(process.execPath, ['mocks/start.js'], { env: { ...env, PORT: '0', HOOKSPEC_QUIET: '1', TMPDIR: tempDir } });
    const lines: string[] = [];
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line);
        if (line.includes('Stop with Ctrl+C')) resolve();
      });
      void exited.then((code) => reject(new Error(`exited with ${code}:\n${lines.join('\n')}`)));
    });

    const url = /^hookspec mock server on (http:\/\/127\.0\.0\.1:[1-9]\d*)$/.exec(lines[0] ?? '')?.[1];
    expect(url, lines[0]).toBeDefined();
    for (const base of ['/sidclaw', '/provenonce', '/exchange/api/v1', '/proven', '/pipevest/v1']) {
      expect(lines.some((line) => line.trim().endsWith(`${url}${base}`))).toBe(true);
    }
    expect(lines).toContain(
      "Receivers: every mock also accepts loopback http:// URLs (localhost, 127.0.0.1, [::1]) for local development; the specs keep each provider's own URL rule.",
    );
    const response = await fetch(`${url}/sidclaw/api/v1/webhooks`, { headers: { authorization: 'Bearer sk_live_abc123' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: [] });

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines.at(-1)).toBe('hookspec mock server stopped.');
    expect(readdirSync(join(tempDir, 'node-compile-cache'), { recursive: true }).length).toBeGreaterThan(0);
  });
});
