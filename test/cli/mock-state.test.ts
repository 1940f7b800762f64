// `hookspec mock --state <file>` (the installed CLI) and `GET /_mock/state`: the same format
// both ways, validated against the specs with a precise error.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, startCli, type RunningCli } from './helpers.ts';

beforeAll(ensureBuilt, 120_000);

const dir = mkdtempSync(join(tmpdir(), 'hookspec-state-'));
const fixture = (name: string, value: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};
const endpoint = {
  id: 'wh_fixture',
  url: 'https://example.com/hooks',
  events: ['approval.requested'],
  is_active: true,
  description: null,
  created_at: '2026-01-01T00:00:00.000Z',
  secret: 'b'.repeat(64),
};
const fixtures = { sidclaw: { endpoints: [endpoint] }, proven: { endpoints: [{ url: 'https://example.com/proven' }] } };

describe('hookspec mock --state and GET /_mock/state', () => {
  let mock: RunningCli;
  let url: string;

  beforeAll(async () => {
    mock = startCli(['mock', '--port', '0', '--api', 'sidclaw,proven,pipevest', '--json', '--quiet', '--state', fixture('fixtures.json', fixtures)]);
    url = String((await mock.ready).url);
  }, 60_000);

  afterAll(async () => {
    expect(await mock.stop('SIGTERM')).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts from the file: the seeded endpoint is listed, and the export returns the file plus the other APIs', async () => {
    const listed = await fetch(`${url}/sidclaw/api/v1/webhooks`, { headers: { authorization: 'Bearer sk_live_abc123' } });
    const { secret: _secret, ...shown } = endpoint; // GET never shows the secret
    expect(((await listed.json()) as { data: unknown[] }).data).toEqual([shown]);
    const exported = await fetch(`${url}/_mock/state`);
    expect(exported.status).toBe(200);
    expect(await exported.json()).toEqual({ ...fixtures, pipevest: { webhook: null } });
  });

  it('exports what changed since, in a format --state loads again', async () => {
    const created = await fetch(`${url}/sidclaw/api/v1/webhooks`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_live_abc123', 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://example.com/second', events: ['trace.completed'] }),
    });
    const { data } = (await created.json()) as { data: { id: string; secret: string } };
    const state = (await (await fetch(`${url}/_mock/state`)).json()) as typeof fixtures;
    expect(state.sidclaw.endpoints.map(({ id }) => id)).toEqual(['wh_fixture', data.id]);
    expect(state.sidclaw.endpoints[1]).toMatchObject({ secret: data.secret, url: 'https://example.com/second' });

    const again = startCli(['mock', '--port', '0', '--api', 'sidclaw,proven,pipevest', '--json', '--quiet', '--state', fixture('exported.json', state)]);
    const againUrl = String((await again.ready).url);
    expect(await (await fetch(`${againUrl}/_mock/state`)).json()).toEqual(state);
    expect(await again.stop('SIGTERM')).toBe(0);
    expect((await fetch(`${url}/_mock/state`, { method: 'POST' })).status).toBe(405);
  }, 60_000);

  it('refuses an invalid file with the file, the API, the field and what it allows (exit 2)', async () => {
    const bad = fixture('bad.json', { sidclaw: { endpoints: [{ ...endpoint, events: ['approval.lost'] }] } });
    const invalid = await runCli(['mock', '--port', '0', '--state', bad]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain(
      `${bad}: the sidclaw state does not match the spec: endpoints[0].events[0] must be one of "approval.requested", "approval.approved"`,
    );
    const unknownApi = await runCli(['mock', '--port', '0', '--api', 'sidclaw', '--state', fixture('other.json', { sidclaw: { endpoints: [] }, stripe: {} })]);
    expect([unknownApi.code, unknownApi.stderr]).toEqual([2, expect.stringContaining('"stripe" is not an API this server hosts; it hosts sidclaw.')]);
    const notJson = await runCli(['mock', '--port', '0', '--state', fixture('broken.json', '{')]);
    expect([notJson.code, notJson.stderr]).toEqual([2, expect.stringContaining(`--state ${join(dir, 'broken.json')}: not JSON`)]);
  }, 60_000);
});
