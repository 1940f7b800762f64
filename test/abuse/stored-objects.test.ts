// Abuse probe: stored objects. Before the limits, 100,000 SidClaw creates made one list response
// 118 MB, list requests took seconds and the mock's memory grew by about 870 MB. Now all but the
// first 100 are refused, and the heap and the list stay flat.
import { getResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeliveryEngine } from '../../src/delivery/index.ts';
import { startMockServer, type MockServer } from '../../mocks/server.ts';
import { heapMb, percentile, timed } from './measure.ts';

let server: MockServer;
const admin = { authorization: 'Bearer sk_live_abc123', 'content-type': 'application/json' };

beforeAll(async () => {
  server = await startMockServer({ port: 0, log: () => {} });
});
afterAll(() => server.close({ timeoutMs: 1000 }));

const CREATES = 100_000;

describe('stored objects', () => {
  it('100,000 SidClaw creates (1,000-character descriptions) keep the heap and the list flat', async () => {
    const webhooks = `${server.baseUrls.sidclaw}/api/v1/webhooks`;
    // The create handler alone, called in process as the server calls it (no sockets: the probe is the state).
    const create = server.mocks.sidclaw!.handlers.filter((handler) => handler.info.method === 'POST' && String(handler.info.path).endsWith('/api/v1/webhooks'));
    const body = JSON.stringify({ url: 'https://example.com/hook', events: ['approval.requested'], description: 'd'.repeat(1000) });
    const heapBefore = await heapMb();
    const statuses: Record<number, number> = {};
    // The heap after each quarter of the creates: a leak grows in every round, not once.
    const heapByQuarter: number[] = [];
    for (let sent = 0; sent < CREATES; sent += 500) {
      const batch = await Promise.all(Array.from({ length: 500 }, () => getResponse(create, new Request(webhooks, { method: 'POST', headers: admin, body }))));
      for (const response of batch) statuses[response!.status] = (statuses[response!.status] ?? 0) + 1;
      if ((sent + 500) % (CREATES / 4) === 0) heapByQuarter.push(await heapMb());
    }
    const [, heapHalfway = 0, heapThreeQuarters = 0, heapAfter = 0] = heapByQuarter;
    expect(statuses).toEqual({ 201: 100, 400: CREATES - 100 });

    const lists = [];
    for (let i = 0; i < 5; i += 1) lists.push(await timed(async () => (await fetch(webhooks, { headers: admin })).arrayBuffer()));
    const provenonce = [];
    for (let i = 0; i < 5; i += 1) {
      provenonce.push(
        await timed(() =>
          fetch(`${server.baseUrls.provenonce}/api/v1/partner/webhook`, { headers: { authorization: 'Bearer pvp_hookspec_partner' } }).then((r) => r.text()),
        ),
      );
    }
    const listBytes = lists[0]!.value.byteLength;
    console.log(
      `${CREATES} creates: heap ${heapBefore.toFixed(1)} → ${heapHalfway.toFixed(1)} (halfway) → ${heapThreeQuarters.toFixed(1)} → ${heapAfter.toFixed(1)} MB; list ${(listBytes / 1024).toFixed(0)} KB, ` +
        `p50 ${percentile(
          lists.map((l) => l.ms),
          50,
        ).toFixed(1)} ms; Provenonce GET p50 ${percentile(
          provenonce.map((p) => p.ms),
          50,
        ).toFixed(1)} ms`,
    );
    // Flat: the second 50,000 leave nothing behind. The first ones grow, once, the WeakMaps that
    // msw and undici key by request (V8 keeps a table's capacity after its entries are collected:
    // about 4 MB each when 50,000 requests pass between two full collections), not per object.
    // The leak this guards against grew the heap by about 870 MB over 100,000 creates, some 200 MB
    // a quarter: each of the last two quarters must stay far below that (and far above the noise).
    expect(heapThreeQuarters - heapHalfway).toBeLessThan(50);
    expect(heapAfter - heapThreeQuarters).toBeLessThan(50);
    // The list stays the first 100 (a 118 MB list took seconds); its speed is bench/'s business.
    expect(listBytes).toBeLessThan(150 * 1024);
  }, 300_000);

  it('20,000 failing deliveries keep 1,000 dead letters and the heap flat', async () => {
    const engine = createDeliveryEngine({ maxAttempts: 1, concurrency: 256, fetch: async () => new Response('down', { status: 500 }) });
    const heapBefore = await heapMb();
    for (let i = 0; i < 20_000; i += 1) {
      engine.enqueue({ url: 'https://receiver.example/hook', eventType: 'e', body: 'x'.repeat(2000) });
      if (i % 5000 === 4999) await engine.drain(); // stays under maxPending (10,000)
    }
    await engine.drain();
    const heapAfter = await heapMb();
    console.log(`20,000 failing deliveries: ${engine.deadLetters().length} dead letters, heap ${heapBefore.toFixed(1)} → ${heapAfter.toFixed(1)} MB`);
    expect(engine.deadLetters()).toHaveLength(1_000);
    expect(engine.stats().total).toBe(1_000);
    expect(heapAfter - heapBefore).toBeLessThan(25);
    engine.close();
  });
});
