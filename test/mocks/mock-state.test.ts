// Mock state from a seed and kept in a Storage: the factories' `state` option and `snapshot()`.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSidclawMock, MockStateError, sidclawEndpointFixture, sidclawMockCredentials, type SidclawMockSnapshot } from '../../mocks/sidclaw/index.ts';
import { createExchangeMock, exchangeWebhookFixture } from '../../mocks/exchange/index.ts';
import { createPipevestMock, pipevestWebhookFixture } from '../../mocks/pipevest/index.ts';
import { createProvenMock } from '../../mocks/proven/index.ts';
import { createProvenonceMock, provenonceMockCredentials, provenonceRegistrationFixture } from '../../mocks/provenonce/index.ts';

const baseUrl = 'http://sidclaw-state.test';
const headers = { authorization: `Bearer ${sidclawMockCredentials.adminKey}`, 'content-type': 'application/json' };
const seed: SidclawMockSnapshot = {
  endpoints: [
    {
      id: 'wh_seeded',
      url: 'https://example.com/hooks',
      events: ['approval.requested'],
      is_active: true,
      description: 'seeded',
      created_at: '2026-01-01T00:00:00.000Z',
      secret: 'a'.repeat(64),
    },
  ],
};

/** A Storage in memory, as `sessionStorage` behaves. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

// One msw server whose handlers are swapped per test, as a page reload swaps the worker's.
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'bypass' }));
afterAll(() => server.close());
afterEach(() => vi.restoreAllMocks());
const list = async () => ((await (await fetch(`${baseUrl}/api/v1/webhooks`, { headers })).json()) as { data: Array<{ id: string }> }).data.map(({ id }) => id);

describe('mock state: seed, storage, snapshot', () => {
  it('starts from a seed; snapshot() returns it in the same format', async () => {
    const mock = createSidclawMock({ baseUrl, state: { seed } });
    server.resetHandlers(...mock.handlers);
    expect(await list()).toEqual(['wh_seeded']);
    expect(mock.snapshot()).toEqual(seed);
  });

  it('refuses an invalid seed with a MockStateError naming each field in words', () => {
    const bad = { endpoints: [{ ...seed.endpoints[0], url: 'not a url', secret: 'short', events: ['approval.lost'] }] };
    let error: unknown;
    try {
      createSidclawMock({ baseUrl, state: { seed: bad as never } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MockStateError);
    expect((error as MockStateError).code).toBe('invalid_mock_state');
    expect((error as Error).message).toBe(
      'seed: the sidclaw state does not match the spec: endpoints[0].url must be a URL; got "not a url"; ' +
        'endpoints[0].events[0] must be one of "approval.requested", "approval.approved", "approval.denied", "approval.expired", "trace.completed", "agent.suspended", "agent.revoked", "policy.updated"; ' +
        'endpoints[0].secret must match /^[0-9a-f]{64}$/; got "short".',
    );
    expect(() => createSidclawMock({ state: { seed: { endpoints: [], extra: 1 } as never } })).toThrow(/has a field the spec does not allow: extra/);
  });

  it('keeps the state in the storage across instances (a reload) and reset() removes it', async () => {
    const storage = memoryStorage();
    const first = createSidclawMock({ baseUrl, state: { storage } });
    server.resetHandlers(...first.handlers);
    const created = await fetch(`${baseUrl}/api/v1/webhooks`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ url: 'https://example.com/a', events: ['trace.completed'] }),
    });
    const { data } = (await created.json()) as { data: { id: string; secret: string } };
    expect(JSON.parse(storage.items.get('hookspec:mock:sidclaw')!).endpoints[0]).toMatchObject({ id: data.id, secret: data.secret });

    // Another instance with the same (no) seed: the stored copy is back.
    const second = createSidclawMock({ baseUrl, state: { storage } });
    server.resetHandlers(...second.handlers);
    expect(await list()).toEqual([data.id]);
    second.reset();
    expect(storage.items.has('hookspec:mock:sidclaw')).toBe(false);
    expect(await list()).toEqual([]);
    expect(createSidclawMock({ baseUrl, state: { storage } }).snapshot()).toEqual({ endpoints: [] });
  });

  it('a stored copy that is not JSON or no longer validates: the seed, with one warning naming the field', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const storage = memoryStorage();
    storage.setItem('app:mock', '{');
    expect(createSidclawMock({ state: { storage, key: 'app:mock' } }).snapshot()).toEqual({ endpoints: [] });
    expect(warn.mock.calls).toEqual([[expect.stringContaining('storage key "app:mock"')]]);
    expect(warn.mock.calls[0]![0]).toContain('not JSON');
    expect(storage.items.has('app:mock')).toBe(false);

    warn.mockClear();
    // A copy an older version stored: a field the spec no longer allows.
    storage.setItem('app:mock', JSON.stringify({ endpoints: [{ ...seed.endpoints[0], events: ['approval.lost'] }] }));
    expect(createSidclawMock({ state: { storage, key: 'app:mock' } }).snapshot()).toEqual({ endpoints: [] });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toContain('endpoints[0].events[0] must be one of');
    expect(storage.items.has('app:mock')).toBe(false);
  });

  it('saves only changes: GETs leave the storage alone', async () => {
    const writes: string[] = [];
    const storage = memoryStorage();
    const recording = {
      ...storage,
      setItem(key: string, value: string) {
        writes.push(key);
        storage.setItem(key, value);
      },
    };
    const mock = createSidclawMock({ baseUrl, state: { storage: recording, seed } });
    server.resetHandlers(...mock.handlers);
    expect(await list()).toEqual(['wh_seeded']);
    expect(await list()).toEqual(['wh_seeded']);
    expect(writes).toEqual([]);
    await fetch(`${baseUrl}/api/v1/webhooks/wh_seeded`, { method: 'DELETE', headers });
    expect(writes).toContain('hookspec:mock:sidclaw');
    expect(JSON.parse(storage.items.get('hookspec:mock:sidclaw')!)).toEqual({ endpoints: [] });
  });

  it('reset() restores the seed, also after a reload; a changed seed replaces a copy made from the old one', async () => {
    const storage = memoryStorage();
    const first = createSidclawMock({ baseUrl, state: { storage, seed } });
    server.resetHandlers(...first.handlers);
    await fetch(`${baseUrl}/api/v1/webhooks/wh_seeded`, { method: 'DELETE', headers });
    // A reload with the same seed: the change is kept.
    expect(createSidclawMock({ baseUrl, state: { storage, seed } }).snapshot()).toEqual({ endpoints: [] });
    first.reset();
    expect(first.snapshot()).toEqual(seed);
    expect(await list()).toEqual(['wh_seeded']);
    expect(createSidclawMock({ baseUrl, state: { storage, seed } }).snapshot()).toEqual(seed);

    // The seed is edited in code: the copy made from the old seed gives way to it.
    await fetch(`${baseUrl}/api/v1/webhooks/wh_seeded`, { method: 'DELETE', headers });
    const edited: SidclawMockSnapshot = { endpoints: [{ ...seed.endpoints[0]!, description: 'edited' }] };
    expect(createSidclawMock({ baseUrl, state: { storage, seed: edited } }).snapshot()).toEqual(edited);
  });

  it('reset() restores the seed as given, even after a handler changed the state in place', () => {
    const registered = pipevestWebhookFixture({ url: 'https://example.com/v', subscriptions: ['ALL'] });
    const mock = createPipevestMock({ state: { seed: { webhook: registered } } });
    mock.state.webhook!.status = 'DEACTIVED'; // as a handler updates the stored webhook
    mock.reset();
    expect(mock.snapshot()).toEqual({ webhook: registered });
  });

  it('a seed is checked as creating an endpoint is: URL scheme, at least one event, no duplicate ids', () => {
    const entry = seed.endpoints[0]!;
    const attempt = (endpoints: unknown[]) => () => createSidclawMock({ state: { seed: { endpoints } as never } });
    for (const url of ['ftp://example.com/hooks', 'javascript:alert(1)', 'http://example.com/hooks']) {
      expect(attempt([{ ...entry, url }])).toThrow(/endpoints\[0\]\.url must match .*; got /);
    }
    expect(attempt([{ ...entry, url: 'http://127.0.0.1:3000/hooks' }])).not.toThrow();
    expect(attempt([{ ...entry, events: [] }])).toThrow(/endpoints\[0\]\.events must list at least one item/);
    expect(attempt([entry, { ...entry, url: 'https://example.com/other' }])).toThrow(/endpoints\[1\]\.id repeats the id "wh_seeded" of entry 0/);
    expect(() =>
      createExchangeMock({ state: { seed: { webhooks: [exchangeWebhookFixture({ url: 'ftp://example.com/x', events: ['order.created'] })] } } }),
    ).toThrow(/webhooks\[0\]\.url must be an http\(s\) URL/);
    expect(() => createProvenMock({ state: { seed: { endpoints: [{ url: 'javascript:alert(1)' }] } } })).toThrow(MockStateError);
  });

  it('fixture builders fill what a seed does not care about, the same on every load', () => {
    const endpoint = sidclawEndpointFixture({ url: 'https://example.com/hooks', events: ['approval.requested'] });
    expect(endpoint).toEqual({
      id: expect.stringMatching(/^wh_[0-9a-f]{16}$/),
      url: 'https://example.com/hooks',
      events: ['approval.requested'],
      is_active: true,
      description: null,
      created_at: '2026-01-01T00:00:00.000Z',
      secret: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(sidclawEndpointFixture({ url: 'https://example.com/hooks', events: ['approval.requested'] })).toEqual(endpoint);
    expect(sidclawEndpointFixture({ url: 'https://example.com/hooks', events: ['approval.requested'], description: 'mine' }).description).toBe('mine');
    expect(createSidclawMock({ state: { seed: { endpoints: [endpoint] } } }).snapshot()).toEqual({ endpoints: [endpoint] });
    const webhook = exchangeWebhookFixture({ url: 'https://example.com/x', events: ['order.created'] });
    expect(createExchangeMock({ state: { seed: { webhooks: [webhook] } } }).snapshot()).toEqual({ webhooks: [webhook] });
    const registration = provenonceRegistrationFixture({ webhook_url: 'https://example.com/p', events: ['agent.frozen'] });
    const partners = { [provenonceMockCredentials.partnerKey]: registration };
    expect(createProvenonceMock({ state: { seed: { partners } } }).snapshot()).toEqual({ partners });
    const registered = pipevestWebhookFixture({ url: 'https://example.com/v', subscriptions: ['ALL'] });
    expect(createPipevestMock({ state: { seed: { webhook: registered } } }).snapshot()).toEqual({ webhook: registered });
  });

  it('every factory seeds and snapshots its own format', () => {
    expect(createProvenMock({ state: { seed: { endpoints: [{ url: 'https://example.com/p', apiKey: 'k' }] } } }).snapshot()).toEqual({
      endpoints: [{ url: 'https://example.com/p', apiKey: 'k' }],
    });
    expect(createPipevestMock({}).snapshot()).toEqual({ webhook: null });
    expect(() => createPipevestMock({ state: { seed: { webhook: { url: 'x' } } as never } })).toThrow(MockStateError);
  });
});
