// The request journal: GET /_mock/requests lists what each API received, by operation and by test, and stays bounded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequestJournal } from '../../mocks/request-journal.ts';
import { startMockServer, type MockServer } from '../../mocks/server.ts';

let server: MockServer;
const auth = { authorization: 'Bearer sk_live_abc123', 'content-type': 'application/json' };

beforeAll(async () => {
  server = await startMockServer({ port: 0, apis: ['sidclaw'], log: false });
});
afterAll(() => server.close({ timeoutMs: 500 }));

describe('GET /_mock/requests', () => {
  it('lists the requests of one operation with their bodies, and of one test by the x-hookspec-test header', async () => {
    const base = server.baseUrls.sidclaw;
    await fetch(`${base}/api/v1/webhooks`, {
      method: 'POST',
      headers: { ...auth, 'x-hookspec-test': encodeURIComponent('a.test.ts > one') },
      body: JSON.stringify({ url: 'https://example.com/a', events: ['approval.requested'] }),
    });
    await fetch(`${base}/api/v1/webhooks`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ url: 'https://example.com/b', events: ['agent.revoked'] }),
    });
    await fetch(`${base}/api/v1/webhooks?limit=5`, { headers: auth });

    const created = (await (await fetch(`${server.url}/_mock/requests?operationId=createWebhook`)).json()) as {
      data: Array<Record<string, unknown>>;
      dropped: number;
    };
    expect(created.dropped).toBe(0);
    expect(created.data.map((entry) => entry.body)).toEqual([
      { url: 'https://example.com/a', events: ['approval.requested'] },
      { url: 'https://example.com/b', events: ['agent.revoked'] },
    ]);
    expect(created.data[0]).toMatchObject({ api: 'sidclaw', method: 'POST', path: '/sidclaw/api/v1/webhooks', status: 201, test: 'a.test.ts > one' });

    const listed = (await (await fetch(`${server.url}/_mock/requests?operationId=listWebhooks`)).json()) as { data: Array<Record<string, unknown>> };
    expect(listed.data).toMatchObject([{ query: { limit: '5' }, body: null }]);
    const ofTest = (await (await fetch(`${server.url}/_mock/requests?test=${encodeURIComponent('a.test.ts > one')}`)).json()) as { data: unknown[] };
    expect(ofTest.data).toHaveLength(1);
    expect(server.requests({ api: 'sidclaw' })).toHaveLength(3);

    expect(await (await fetch(`${server.url}/_mock/requests`, { method: 'DELETE' })).json()).toEqual({ cleared: 3 });
    expect(server.requests()).toEqual([]);
  });

  it('is emptied by POST /_mock/reset, with the mocks', async () => {
    await fetch(`${server.baseUrls.sidclaw}/api/v1/webhooks`, { headers: auth });
    expect(server.requests({ operationId: 'listWebhooks' })).toHaveLength(1);
    expect((await fetch(`${server.url}/_mock/reset`, { method: 'POST' })).status).toBe(200);
    expect(server.requests()).toEqual([]);
    expect(await (await fetch(`${server.url}/_mock/requests`)).json()).toEqual({ data: [], dropped: 0 });
  });

  it('keeps the newest entries past its limit and counts the dropped ones', () => {
    const journal = createRequestJournal({ sidclaw: '/sidclaw/api/v1' }, undefined, 2);
    for (const n of [1, 2, 3]) {
      const url = new URL(`http://127.0.0.1/sidclaw/api/v1/webhooks?n=${n}`);
      journal.record(new Request(url), new Uint8Array(), 200, url);
    }
    expect(journal.list().map((entry) => entry.query.n)).toEqual(['2', '3']);
  });
});
