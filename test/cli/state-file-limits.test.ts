// `--state` files bypassed the API's limits and URL rules (a 50 MB description, 200,000
// endpoints, metadata-address and /_mock/ receivers loaded), a 10,000-deep file crashed start-up
// with "Maximum call stack size exceeded" naming neither file nor field, and a symlink to
// /etc/passwd echoed the file's first bytes in the error. Each is now a precise refusal.
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startMockServer } from '../../mocks/server.ts';
import { readStateFile } from '../../src/cli/state-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'hookspec-state-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starting the server from `state` fails with this message (or resolves with undefined once it started and closed). */
async function startFailure(state: Record<string, unknown>, limits = {}): Promise<string | undefined> {
  try {
    const server = await startMockServer({ port: 0, log: false, checkSpec: false, state, stateSource: 'fixtures.json', limits });
    await server.close({ timeoutMs: 100 });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const endpoint = (fields: Record<string, unknown> = {}) => ({
  id: 'wh-1',
  url: 'https://receiver.example/hooks',
  events: ['approval.requested'],
  description: null,
  is_active: true,
  created_at: '2026-12-04T12:00:00.000Z',
  secret: 'whsec_abc',
  ...fields,
});

describe('--state files get the limits and URL rules of the API', () => {
  it('a state file within the limits still loads', async () => {
    expect(await startFailure({ proven: { endpoints: [{ url: 'http://127.0.0.1:4000/proven' }] } })).toBeUndefined();
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'proven.endpoints[0].url: 169.254.169.254 is a link-local or cloud metadata address'],
    ['file:///etc/passwd', 'proven.endpoints[0].url: the mock delivers over http:// or https:// only'],
    ['http://127.0.0.1:4010/_mock/proven/events', 'proven.endpoints[0].url: /_mock/proven/events is a mock server control route'],
  ])('a receiver at %s is refused, naming the file and field', async (url, message) => {
    expect(await startFailure({ proven: { endpoints: [{ url }] } })).toContain(`fixtures.json: ${message}`);
  });

  it('more endpoints than maxEndpoints, and a description over maxFieldLength, are refused', async () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ url: `https://receiver.example/${i}` }));
    expect(await startFailure({ proven: { endpoints: many } })).toContain(
      'fixtures.json: proven.endpoints: 101 entries; the mock keeps at most 100 endpoints (mock limit maxEndpoints',
    );
    expect(await startFailure({ proven: { endpoints: many } }, { maxEndpoints: 200 })).toBeUndefined();
    const long = await startFailure({ sidclaw: { endpoints: [endpoint({ description: 'd'.repeat(50_000) })] } });
    expect(long).toContain('fixtures.json: sidclaw.endpoints[0].description: at most 1024 characters (mock limit maxFieldLength), got 50000.');
  });

  it('a state nested 10,000 deep is refused naming the file and the field, not a stack overflow', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i += 1) deep = { a: deep };
    const message = await startFailure({ sidclaw: { endpoints: [endpoint({ metadata: deep })] } });
    expect(message).toMatch(/^fixtures\.json: sidclaw\.endpoints\[0\]\.metadata\.a\.a.*: nested deeper than 64 levels/);
  });
});

describe('readStateFile', () => {
  it('a symlink to another file is read, but its bytes are never echoed in the error', async () => {
    const secretFile = join(dir, 'shadow');
    writeFileSync(secretFile, 'root:$6$secret-hash:19000:0:99999:7:::\n');
    const link = join(dir, 'state.json');
    symlinkSync(secretFile, link);
    const message = await readStateFile(link).then(
      () => '',
      (error: Error) => error.message,
    );
    expect(message).toBe(`--state ${link}: not JSON. Export one with GET /_mock/state.`);
    expect(message).not.toContain('root');
  });

  it('a directory is not a state file', async () => {
    await expect(readStateFile(dir)).rejects.toThrow(`--state ${dir}: not a regular file.`);
  });
});
