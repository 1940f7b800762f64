// Abuse probe: the self-delivery loop. Before the fix an endpoint at the mock's own
// /_mock/sidclaw/events plus one trigger made about 170 deliveries a second here (5,000 on a
// faster machine) until POST /_mock/reset; now the URL is refused, and pending deliveries are capped.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../mocks/server.ts';
import type { SidclawMockState } from '../../mocks/sidclaw/index.ts';

let server: MockServer;
let eventsRequests = 0;
const admin = { authorization: 'Bearer sk_live_abc123', 'content-type': 'application/json' };

beforeAll(async () => {
  server = await startMockServer({
    port: 0,
    log: (line) => {
      if (line.startsWith('POST /_mock/sidclaw/events')) eventsRequests += 1;
    },
    delivery: { maxAttempts: 1 },
    limits: { maxPendingDeliveries: 20 },
  });
});
afterAll(() => server.close({ timeoutMs: 1000 }));

describe('self-delivery loop', () => {
  it('the loop URL is refused with 400, and one trigger makes no further deliveries in 2 s', async () => {
    const port = new URL(server.url).port;
    for (const host of ['localhost', '127.0.0.1', '[::1]']) {
      const response = await fetch(`${server.baseUrls.sidclaw}/api/v1/webhooks`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ url: `http://${host}:${port}/_mock/sidclaw/events`, events: ['approval.requested'] }),
      });
      expect(response.status).toBe(400);
    }
    // Positive control: a real receiver subscribed to the same event, so the window below is
    // shown to be one in which the engine does deliver (a window that sees nothing proves nothing).
    let received = 0;
    const receiver: Server = createServer((_req, res) => {
      received += 1;
      res.end('ok');
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = receiver.address();
    const state = server.mocks.sidclaw!.state as SidclawMockState;
    const endpoint = (id: string, url: string) => ({
      endpoint: { id, url, events: ['approval.requested' as const], is_active: true, description: null, created_at: new Date().toISOString() },
      secret: 's',
    });
    try {
      // Even one that got into the state directly is never sent.
      state.endpoints.set('loop', endpoint('loop', `http://localhost:${port}/_mock/sidclaw/events`));
      state.endpoints.set('control', endpoint('control', `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`));
      const trigger = await fetch(`${server.url}/_mock/sidclaw/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ event: 'approval.requested', data: {} }),
      });
      expect(trigger.status).toBe(202);
      await expect.poll(() => received, { timeout: 30_000 }).toBe(1);
      // The loop made about 170 deliveries a second: 2 s more after the control arrived would show it.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const deliveries = server.mocks.sidclaw!.engine.stats().total;
      console.log(`self-delivery loop: ${deliveries} deliveries, ${eventsRequests} request to /_mock/sidclaw/events, ${received} to the control receiver`);
      // One delivery per endpoint (the loop's refused, the control's sent), the trigger the only request to /events.
      expect(deliveries).toBe(2);
      expect(eventsRequests).toBe(1);
      expect(received).toBe(1);
    } finally {
      await fetch(`${server.url}/_mock/reset`, { method: 'POST' });
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it('deliveries pending at once are capped: beyond maxPendingDeliveries a trigger gets 503 queue_full', async () => {
    // A receiver that holds every delivery until the end of the test.
    const held: Array<() => void> = [];
    const receiver: Server = createServer((_req, res) => void held.push(() => res.end('ok')));
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = receiver.address();
    const url = `http://localhost:${typeof address === 'object' && address ? address.port : 0}/hook`;
    try {
      for (let i = 0; i < 8; i += 1) {
        const created = await fetch(`${server.baseUrls.sidclaw}/api/v1/webhooks`, {
          method: 'POST',
          headers: admin,
          body: JSON.stringify({ url, events: ['approval.requested'] }),
        });
        expect(created.status).toBe(201);
      }
      const statuses = [];
      for (let i = 0; i < 4; i += 1) {
        statuses.push(
          (
            await fetch(`${server.url}/_mock/sidclaw/events`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ event: 'approval.requested', data: {} }),
            })
          ).status,
        );
      }
      const stats = server.mocks.sidclaw!.engine.stats();
      console.log(`pending cap: trigger statuses ${statuses.join(', ')}; ${stats.inFlight} in flight, ${stats.pending} pending`);
      expect(statuses).toEqual([202, 202, 503, 503]);
      expect(stats.pending).toBe(20);
    } finally {
      for (const release of held) release();
      await fetch(`${server.url}/_mock/reset`, { method: 'POST' });
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
