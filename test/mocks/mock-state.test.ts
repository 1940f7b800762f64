// Mock state from a seed and kept in a Storage: the factories' `state` option and `snapshot()`.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSidclawMock, MockStateError, sidclawMockCredentials, type SidclawMockSnapshot } from '../../mocks/sidclaw/index.ts';
import { createPipevestMock } from '../../mocks/pipevest/index.ts';
import { createProvenMock } from '../../mocks/proven/index.ts';

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
      createSidclawMock({ baseUrl, state: { seed: bad } });
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
    expect(() => createSidclawMock({ state: { seed: { endpoints: [], extra: 1 } } })).toThrow(/has a field the spec does not allow: extra/);
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

    // The stored copy wins over the seed.
    const second = createSidclawMock({ baseUrl, state: { storage, seed } });
    server.resetHandlers(...second.handlers);
    expect(await list()).toEqual([data.id]);
    second.reset();
    expect(storage.items.has('hookspec:mock:sidclaw')).toBe(false);
    expect(createSidclawMock({ baseUrl, state: { storage, seed } }).snapshot()).toEqual(seed);
    expect(await list()).toEqual([]);
  });

  it('refuses a stored copy that is not JSON, naming the key', () => {
    const storage = memoryStorage();
    storage.setItem('app:mock', '{');
    expect(() => createSidclawMock({ state: { storage, key: 'app:mock' } })).toThrow(/storage key "app:mock" does not hold JSON/);
  });

  it('every factory seeds and snapshots its own format', () => {
    expect(createProvenMock({ state: { seed: { endpoints: [{ url: 'https://example.com/p', apiKey: 'k' }] } } }).snapshot()).toEqual({
      endpoints: [{ url: 'https://example.com/p', apiKey: 'k' }],
    });
    expect(createPipevestMock({}).snapshot()).toEqual({ webhook: null });
    expect(() => createPipevestMock({ state: { seed: { webhook: { url: 'x' } } } })).toThrow(MockStateError);
  });
});
