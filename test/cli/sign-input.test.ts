import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signHmacSha256 } from '../../src/signatures/index.ts';
import { ensureBuilt, jsonLines, runCli } from './helpers.ts';

beforeAll(ensureBuilt, 120_000);
const dir = mkdtempSync(join(tmpdir(), 'hookspec-sign-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.concurrent('hookspec sign: a body that is not JSON', () => {
  it('is refused with exit 2 and a pointer to --raw', async () => {
    const result = await runCli(['sign', 'sidclaw', '--secret', 's', '--data', 'not json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^hookspec: --data: not valid JSON \([^)]+\); every delivery body is JSON\. Pass --raw to sign these bytes as they are\.\n/);
  });

  it('names the file when it came from --data @file', async () => {
    const file = join(dir, 'body.txt');
    writeFileSync(file, '{"event": ');
    const result = await runCli(['sign', 'provenonce', '--secret', 's', '--data', `@${file}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`hookspec: --data @${file}: not valid JSON (`);
  });

  it('is signed byte for byte with --raw', async () => {
    const result = await runCli(['sign', 'sidclaw', '--secret', 's', '--data', 'not json', '--raw', '--json']);
    expect(result.code).toBe(0);
    expect(jsonLines(result.stdout)[0]).toMatchObject({ body: 'not json', headers: { 'x-webhook-signature': signHmacSha256('s', 'not json') } });
  });
});

it('verify --file names the path as given, without an @', async () => {
  const result = await runCli(['verify', 'proven', '--file', '/nonexistent.http']);
  expect(result.code).toBe(2);
  expect(result.stderr).toBe('hookspec: --file /nonexistent.http: cannot read the file (ENOENT).\n');
});
