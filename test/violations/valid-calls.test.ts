// Every operation of every API, called as its spec says (through the project's typed clients),
// with the documented errors a valid request can get: the mock server's spec checker reports
// nothing. (Its counterpart, test/violations/fixtures.test.ts, shows each kind of violation.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeMockCredentials } from '../../mocks/exchange/credentials.ts';
import { pipevestMockKeys } from '../../mocks/pipevest/credentials.ts';
import { provenonceMockCredentials } from '../../mocks/provenonce/credentials.ts';
import { sidclawMockCredentials } from '../../mocks/sidclaw/credentials.ts';
import { startMockServer, type MockServer } from '../../mocks/server.ts';
import { specOperations } from '../../mocks/violations/operation-table.ts';
import { createExchangeClient } from '../../src/exchange/client.ts';
import { mockPipevestClient } from '../support/mock-pipevest-client.ts';
import { createProvenonceClient } from '../../src/provenonce/client.ts';
import { createSidclawClient } from '../../src/sidclaw/client.ts';

let server: MockServer;
/** Which operations answered, by status, as the checker's table names them. */
const called = new Set<string>();

beforeAll(async () => {
  server = await startMockServer({ port: 0, log: () => {}, delivery: { maxAttempts: 1, timeoutMs: 500 } });
});
afterAll(() => server?.close({ timeoutMs: 1000 }));

const track = <T extends { response?: Response }>(api: string, operationId: string, result: T): T => {
  called.add(`${api} ${operationId} ${result.response?.status}`);
  return result;
};

describe('valid calls to every operation', () => {
  it('sidclaw: all seven operations and their documented errors', async () => {
    const client = createSidclawClient({ apiKey: sidclawMockCredentials.adminKey, baseUrl: server.baseUrls.sidclaw, retries: 0 });
    const created = track(
      'sidclaw',
      'createWebhook',
      await client.createWebhook({ body: { url: 'http://localhost:9/hooks', events: ['approval.requested'], description: 'd' } }),
    );
    const id = created.data!.data.id;
    track('sidclaw', 'listWebhooks', await client.listWebhooks());
    track('sidclaw', 'getWebhook', await client.getWebhook({ path: { id } }));
    track('sidclaw', 'updateWebhook', await client.updateWebhook({ path: { id }, body: { is_active: true, description: null } }));
    track('sidclaw', 'listWebhookDeliveries', await client.listWebhookDeliveries({ path: { id }, query: { limit: 100, status: 'failed' } }));
    track('sidclaw', 'testWebhook', await client.testWebhook({ path: { id } }));
    track('sidclaw', 'getWebhook', await client.getWebhook({ path: { id: 'wh-missing' } }));
    const readOnly = createSidclawClient({ apiKey: sidclawMockCredentials.readOnlyKey, baseUrl: server.baseUrls.sidclaw, retries: 0 });
    track('sidclaw', 'createWebhook', await readOnly.createWebhook({ body: { url: 'https://example.com/h', events: ['agent.revoked'] } }));
    track('sidclaw', 'deleteWebhook', await client.deleteWebhook({ path: { id } }));
    expect(server.violations()).toEqual([]);
  });

  it('provenonce: PUT, GET, DELETE and the documented 403', async () => {
    const client = createProvenonceClient({ apiKey: provenonceMockCredentials.partnerKey, baseUrl: server.baseUrls.provenonce, retries: 0 });
    track('provenonce', 'putPartnerWebhook', await client.putPartnerWebhook({ body: { url: 'https://example.com/webhook', events: ['sigil.purchased'] } }));
    track('provenonce', 'getPartnerWebhook', await client.getPartnerWebhook());
    track('provenonce', 'deletePartnerWebhook', await client.deletePartnerWebhook());
    track('provenonce', 'getPartnerWebhook', await client.getPartnerWebhook());
    const suspended = createProvenonceClient({ apiKey: provenonceMockCredentials.suspendedKey, baseUrl: server.baseUrls.provenonce, retries: 0 });
    track('provenonce', 'getPartnerWebhook', await suspended.getPartnerWebhook());
    expect(server.violations()).toEqual([]);
  });

  it('exchange: register with both secret key kinds', async () => {
    for (const apiKey of [exchangeMockCredentials.branchKey, exchangeMockCredentials.personalKey]) {
      const client = createExchangeClient({ apiKey, baseUrl: server.baseUrls.exchange, retries: 0 });
      track(
        'exchange',
        'registerWebhook',
        await client.registerWebhook({ body: { url: 'https://example.com/h', events: ['order.created', 'offer.updated'] } }),
      );
    }
    expect(server.violations()).toEqual([]);
  });

  it('pipevest: all five operations, signed, and a documented 404', async () => {
    const client = mockPipevestClient({ privateKey: pipevestMockKeys.client.privateJwk, baseUrl: server.baseUrls.pipevest });
    track('pipevest', 'getWebhook', await client.getWebhook());
    track('pipevest', 'createAuth', await client.createAuth({ body: { url: 'https://127.0.0.1:9/hooks', subscriptions: ['ALL'] } }));
    track('pipevest', 'getWebhook', await client.getWebhook());
    track('pipevest', 'updateWebhook', await client.updateWebhook({ body: { url: 'https://127.0.0.1:9/hooks', subscriptions: ['WEBHOOK'] } }));
    track('pipevest', 'getWebhookPublicKey', await client.getWebhookPublicKey());
    track('pipevest', 'testWebhook', await client.testWebhook());
    expect(server.violations()).toEqual([]);
  });

  it('covered every operation of every spec', () => {
    const operations = Object.entries(specOperations).flatMap(([api, ops]) => ops.map((op) => `${api} ${op.operationId}`));
    const reached = new Set([...called].map((entry) => entry.split(' ').slice(0, 2).join(' ')));
    expect(operations.filter((op) => !reached.has(op))).toEqual([]);
    // The documented errors were reached too (the checker also read their bodies).
    expect([...called].filter((entry) => / 4\d\d$/.test(entry)).sort()).toEqual([
      'pipevest getWebhook 404',
      'provenonce getPartnerWebhook 403',
      'sidclaw createWebhook 403',
      'sidclaw getWebhook 404',
    ]);
  });
});
