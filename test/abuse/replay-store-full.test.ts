// Abuse probe: flooding the memory replay store. Before the fix `hookspec listen sidclaw` (cap
// 100,000) took 200,000 distinct genuine deliveries inside the tolerance, evicted the oldest ids
// and then accepted their replays as new (#1, #1,000 and #50,000 were handled twice). Now a store
// full of live ids refuses new deliveries with 503 replay_store_full and forgets none.
// Scaled down: a cap of 100 and 150 deliveries.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSidclawWebhookHandler } from '../../src/sidclaw/webhook-handler.ts';
import { createMemoryReplayStore } from '../../src/webhooks/replay-store.ts';

const secret = 'whsec_flood';
let clock = Date.parse('2026-12-04T12:00:00.000Z');

function delivery(id: string): Request {
  const body = JSON.stringify({ id, event: 'test', timestamp: new Date(clock).toISOString(), tenant_id: 't', data: { message: 'flood' } });
  return new Request('http://receiver.test/hooks', {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-webhook-id': id,
      'x-webhook-timestamp': new Date(clock).toISOString(),
      'x-webhook-signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    },
  });
}

describe('a flood of genuine deliveries against the memory replay store', () => {
  it('past the cap: new deliveries get 503 replay_store_full, no replay of an early one is handled, expiry frees room', async () => {
    let handled = 0;
    const handler = createSidclawWebhookHandler({
      secret,
      now: () => new Date(clock),
      replayStore: createMemoryReplayStore({ maxEntries: 100, now: () => clock }),
      on: {
        test: () => {
          handled += 1;
        },
      },
    });
    const statuses: number[] = [];
    for (let i = 1; i <= 150; i += 1) statuses.push((await handler(delivery(`del-${i}`))).status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(100);
    const refused = await handler(delivery('del-151'));
    expect([refused.status, ((await refused.json()) as { error: string }).error]).toEqual([503, 'replay_store_full']);
    // The replays that the evicting store let through: each is a duplicate, none is handled.
    for (const id of ['del-1', 'del-50', 'del-100']) expect(await (await handler(delivery(id))).json()).toMatchObject({ duplicate: true });
    expect(handled).toBe(100);
    // Ten minutes later (twice the default tolerance) the ids have expired: the retried delivery goes through.
    clock += 600_001;
    expect((await handler(delivery('del-151'))).status).toBe(200);
    expect(handled).toBe(101);
  });
});
