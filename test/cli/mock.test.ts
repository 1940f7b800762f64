import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mockPipevestClient } from '../support/mock-pipevest-client.ts';
import { ensureBuilt, jsonLines, runCli, startCli, type RunningCli } from './helpers.ts';

beforeAll(ensureBuilt, 120_000);

interface Described {
  url: string;
  apis: Record<string, { baseUrl: string; credentials: Record<string, string> }>;
}

describe('hookspec mock', () => {
  let mock: RunningCli;
  let described: Described;
  const listeners: RunningCli[] = [];

  beforeAll(async () => {
    mock = startCli(['mock', '--port', '0', '--api', 'sidclaw,proven,pipevest', '--json']);
    described = (await mock.ready) as unknown as Described;
  }, 60_000);

  afterAll(async () => {
    for (const listener of listeners) await listener.stop('SIGINT');
    expect(await mock.stop('SIGTERM')).toBe(0);
    expect(JSON.parse(mock.lines.at(-1)!)).toEqual({ stopped: 'SIGTERM' });
  });

  it('--json prints the base URL and credentials of each hosted API', () => {
    expect(described.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Object.keys(described.apis)).toEqual(['sidclaw', 'proven', 'pipevest']);
    expect(described.apis.sidclaw).toEqual({
      baseUrl: `${described.url}/sidclaw`,
      credentials: { adminKey: 'sk_live_abc123', readOnlyKey: 'sk_live_readonly', tenantId: 'tenant_hookspec_mock' },
    });
    expect(described.apis.proven).toEqual({ baseUrl: `${described.url}/proven`, credentials: { apiKey: '24680AEIOUY' } });
    expect(described.apis.pipevest).toMatchObject({ baseUrl: `${described.url}/pipevest/v1`, credentials: { bearerToken: '123456', clientId: '123456' } });
  });

  it('pipevest --key mock is the key pair the mock signs webhooks with (its GET /webhooks/key)', async () => {
    const pipevest = mockPipevestClient({ baseUrl: described.apis.pipevest!.baseUrl });
    const { data } = await pipevest.getWebhookPublicKey();
    expect(data?.publicKey).toContain('BEGIN PUBLIC KEY');
    const body = JSON.stringify({
      event: 'WEBHOOK.UPDATED',
      data: { webhookId: 'wh_1', status: 'ACTIVE', url: 'https://example.com/hooks', subscriptions: ['ALL'], createdAt: 1, updatedAt: 2 },
    });
    const signed = await runCli(['sign', 'pipevest', '--key', 'mock', '--data', body, '--http', '--url', 'https://example.com/hooks']);
    expect(signed.code).toBe(0);
    const verified = await runCli(['verify', 'pipevest', '--key', data!.publicKey!, '--json'], { input: signed.stdout });
    expect(verified.code, verified.stdout).toBe(1);
    // The capture has only a Host header, so the receiver rebuilds http://…; the sender signed https://….
    expect(jsonLines(verified.stdout)[0]).toMatchObject({ ok: false, error: { code: 'signature_mismatch' } });
    const withUrl = await runCli(['verify', 'pipevest', '--key', data!.publicKey!, '--public-url', 'https://example.com/hooks', '--json'], {
      input: signed.stdout,
    });
    expect(withUrl.code, withUrl.stdout).toBe(0);
    expect(jsonLines(withUrl.stdout)[0]).toMatchObject({ ok: true, api: 'pipevest', type: 'WEBHOOK.UPDATED', timestamp: expect.any(String) });
  });

  it('a delivery from the mock (registered endpoint, returned secret) verifies ✓ in hookspec listen', async () => {
    const sidclaw = described.apis.sidclaw!;
    const headers = { authorization: `Bearer ${sidclaw.credentials.adminKey}`, 'content-type': 'application/json' };
    // The secret comes with the endpoint, the listener's port with the listener (port 0): create
    // the endpoint first, then point it at the listener.
    const created = await fetch(`${sidclaw.baseUrl}/api/v1/webhooks`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ url: 'http://localhost:9/hooks', events: ['approval.requested'] }),
    });
    expect(created.status).toBe(201);
    const { data } = (await created.json()) as { data: { id: string; secret: string } };
    const listener = startCli(['listen', 'sidclaw', '--port', '0', '--secret', data.secret, '--json']);
    listeners.push(listener);
    const { listening } = await listener.ready;
    const updated = await fetch(`${sidclaw.baseUrl}/api/v1/webhooks/${data.id}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ url: `${listening}/hooks` }),
    });
    expect(updated.status).toBe(200);

    const triggered = await fetch(`${described.url}/_mock/sidclaw/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'approval.requested' }),
    });
    expect(triggered.status).toBe(202);
    const line = JSON.parse(await listener.waitForLine((text) => text.includes('approval.requested')));
    expect(line).toMatchObject({ ok: true, type: 'approval.requested', deliveryId: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 200 });
    // The mock's request log goes to stderr in --json mode, keeping stdout machine-readable.
    expect(mock.stderr()).toContain('POST /_mock/sidclaw/events → 202');
  });

  it('proven deliveries carry the X-API-Key that hookspec listen checks', async () => {
    const listener = startCli(['listen', 'proven', '--port', '0', '--secret', described.apis.proven!.credentials.apiKey!, '--json']);
    listeners.push(listener);
    const { listening } = await listener.ready;
    await fetch(`${described.url}/_mock/proven/endpoints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${listening}/proven`, apiKey: described.apis.proven!.credentials.apiKey }),
    });
    await fetch(`${described.url}/_mock/proven/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'credentials:done' }),
    });
    const line = JSON.parse(await listener.waitForLine((text) => text.includes('credentials:done')));
    expect(line).toMatchObject({ ok: true, type: 'credentials:done', path: '/proven' });
  });
});

describe('hookspec mock (text and errors)', () => {
  it('prints base URLs and credentials for people, and stops on SIGINT', async () => {
    const mock = startCli(['mock', '--port', '0', '--api', 'exchange', '--quiet']);
    await mock.waitForLine((line) => line.startsWith('Stop with Ctrl+C'));
    expect(mock.lines[0]).toMatch(/^hookspec mock server on http:\/\/127\.0\.0\.1:\d+$/);
    expect(mock.lines.join('\n')).toMatch(
      / {2}exchange {4}http:\/\/127\.0\.0\.1:\d+\/exchange\/api\/v1\n {14}branchKey=sk_branch_\w+ {2}personalKey=sk_personal_\w+ {2}publicKey=pk_\w+/,
    );
    expect(await mock.stop('SIGINT')).toBe(0);
    expect(mock.lines.slice(-2)).toEqual(['SIGINT: finishing in-flight deliveries…', 'hookspec mock server stopped.']);
  });

  it('an unknown --api is a usage error listing the hosted APIs', async () => {
    const result = await runCli(['mock', '--port', '0', '--api', 'sidclaw,stripe']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown API in --api: stripe. Valid APIs: sidclaw, provenonce, exchange, proven, pipevest.');
  });

  it("--limit changes one of the mock's limits; a wrong name or value is a usage error", async () => {
    const mock = startCli(['mock', '--port', '0', '--api', 'sidclaw', '--json', '--quiet', '--limit', 'maxEndpoints=1', '--limit', 'maxFieldLength=5']);
    try {
      const { apis } = (await mock.ready) as unknown as Described;
      const create = (body: unknown) =>
        fetch(`${apis.sidclaw!.baseUrl}/api/v1/webhooks`, {
          method: 'POST',
          headers: { authorization: `Bearer ${apis.sidclaw!.credentials.adminKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then(async (response) => ({ status: response.status, body: (await response.json()) as { error?: string; message?: string } }));
      expect((await create({ url: 'https://example.com/a', events: ['approval.requested'], description: 'abcdef' })).body.message).toContain(
        'at most 5 characters (mock limit maxFieldLength)',
      );
      expect((await create({ url: 'https://example.com/a', events: ['approval.requested'] })).status).toBe(201);
      const second = await create({ url: 'https://example.com/b', events: ['approval.requested'] });
      expect(second.status).toBe(400);
      expect(second.body.message).toContain('at most 1 webhook endpoints (mock limit maxEndpoints)');
    } finally {
      await mock.stop('SIGTERM');
    }
    const unknown = await runCli(['mock', '--port', '0', '--limit', 'maxWidgets=3']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      '--limit takes <name>=<positive integer>, got "maxWidgets=3". Names: maxEndpoints, maxFieldLength, maxUrlLength, maxDeliveryRecords, maxDeadLetters, maxPendingDeliveries, maxAttemptsKept.',
    );
    const zero = await runCli(['mock', '--port', '0', '--limit', 'maxEndpoints=0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('--limit maxEndpoints must be a positive integer, got "0".');
  });

  it('a port in use is a failed check (exit 1)', async () => {
    const first = startCli(['mock', '--port', '0', '--api', 'proven', '--json']);
    const { url } = (await first.ready) as unknown as Described;
    const result = await runCli(['mock', '--port', new URL(url).port, '--api', 'proven']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Port \d+ is in use; pass --port <another>/);
    await first.stop();
  });
});
