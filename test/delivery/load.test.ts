import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeliveryEngine } from '../../src/delivery/index.ts';
import type { DeliveryEngine, DeliveryRecord } from '../../src/delivery/index.ts';
import { seededRandom, startReceiver } from './receiver.ts';
import type { Receiver } from './receiver.ts';

const DELIVERIES = 1000;
const MAX_ATTEMPTS = 4;
const CONCURRENCY = 64;
const TIMEOUT_MS = 200;

describe('bounded load', () => {
  let rx: Receiver;
  let engine: DeliveryEngine;
  /** The receiver's own tally: delivery id → number of 200s it answered. */
  const successes = new Map<string, number>();
  const outcomes = { ok: 0, error500: 0, slow: 0, reset: 0 };
  let open = 0;
  let maxOpen = 0;

  beforeAll(async () => {
    const decide = seededRandom(20_240_601);
    rx = await startReceiver((req, res, raw) => {
      open += 1;
      maxOpen = Math.max(maxOpen, open);
      res.on('close', () => {
        open -= 1;
      });
      const id = String(req.headers['x-delivery-id']);
      const roll = decide();
      if (roll < 0.55) {
        outcomes.ok += 1;
        successes.set(id, (successes.get(id) ?? 0) + 1);
        res.writeHead(200).end('ok');
      } else if (roll < 0.75) {
        outcomes.error500 += 1;
        res.writeHead(500).end('nope');
      } else if (roll < 0.87) {
        // Sleeps well past the client timeout; never counted as a success.
        outcomes.slow += 1;
        rx.later(res, 1000, () => res.writeHead(503).end());
      } else {
        outcomes.reset += 1;
        raw.socket.destroy();
      }
    });
  });

  afterAll(async () => {
    engine?.close({ abortInFlight: true });
    await rx.close();
  });

  it(`settles ${DELIVERIES} deliveries as delivered or dead-lettered, matching the receiver's tally`, async () => {
    const settledIds: string[] = [];
    engine = createDeliveryEngine({
      timeoutMs: TIMEOUT_MS,
      maxAttempts: MAX_ATTEMPTS,
      concurrency: CONCURRENCY,
      backoff: { baseMs: 2, factor: 2, maxMs: 16, jitter: 'full' },
      random: seededRandom(7),
      onSettled: (record) => settledIds.push(record.id),
    });

    const started = Date.now();
    const handles = Array.from({ length: DELIVERIES }, (_, i) =>
      engine.enqueue({
        id: `load-${i}`,
        url: `${rx.url}/hook`,
        eventType: i % 2 === 0 ? 'order.paid' : 'order.refunded',
        body: JSON.stringify({ n: i }),
        headers: { 'x-delivery-id': `load-${i}` },
        sign: (_body, attempt) => ({ 'x-attempt': String(attempt) }),
      }),
    );
    expect(engine.stats()).toMatchObject({ inFlight: CONCURRENCY, queued: DELIVERIES - CONCURRENCY });

    const records: DeliveryRecord[] = await Promise.all(handles.map((h) => h.settled()));
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(20_000);

    const delivered = records.filter((r) => r.state === 'delivered');
    const failed = records.filter((r) => r.state === 'failed');
    expect(delivered.length + failed.length).toBe(DELIVERIES);
    expect(delivered.length).toBeGreaterThan(0);
    expect(failed.length).toBeGreaterThan(0);
    expect(engine.stats()).toEqual({
      total: DELIVERIES,
      pending: 0,
      delivered: delivered.length,
      failed: failed.length,
      inFlight: 0,
      queued: 0,
      scheduled: 0,
    });
    expect(new Set(settledIds).size).toBe(DELIVERIES);
    expect(settledIds).toHaveLength(DELIVERIES);

    const mismatched = records.filter((r) => r.state === 'failed' && successes.has(r.id));
    console.info(JSON.stringify(mismatched.slice(0, 3).map((r) => r.attemptLog), null, 1));
    // Delivered ⇔ the receiver answered 200 exactly once for that id.
    expect(successes.size).toBe(delivered.length);
    expect(outcomes.ok).toBe(delivered.length);
    expect([...successes.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(delivered.map((r) => r.id))).toEqual(new Set(successes.keys()));

    // Dead letters used their whole budget and are exactly the DLQ.
    expect(failed.every((r) => r.attempts === MAX_ATTEMPTS && r.attemptLog.length === MAX_ATTEMPTS)).toBe(true);
    expect(new Set(engine.deadLetters().map((r) => r.id))).toEqual(new Set(failed.map((r) => r.id)));
    for (const r of delivered) {
      expect(r.attempts).toBeLessThanOrEqual(MAX_ATTEMPTS);
      expect(r.attemptLog.at(-1)?.status).toBe(200);
      expect(r.attemptLog.slice(0, -1).every((a) => a.status !== 200)).toBe(true);
    }

    // Every failure kind occurred and was recorded with the right shape.
    const all = records.flatMap((r) => r.attemptLog);
    const timeouts = all.filter((a) => a.error === 'TimeoutError: The operation was aborted due to timeout');
    const resets = all.filter((a) => a.error?.startsWith('TypeError: fetch failed ('));
    const http500 = all.filter((a) => a.status === 500);
    expect(timeouts.length).toBeGreaterThan(0);
    expect(resets.length).toBeGreaterThan(0);
    expect(http500.length).toBe(outcomes.error500);
    expect(timeouts.every((a) => a.status === null && a.durationMs >= TIMEOUT_MS - 10)).toBe(true);
    // Each attempt reached the receiver at most once; none were invented.
    expect(rx.requests.length).toBeLessThanOrEqual(all.length);
    expect(all.length - rx.requests.length).toBeLessThanOrEqual(5);
    expect(maxOpen).toBeLessThanOrEqual(CONCURRENCY);

    console.info(
      `load: ${delivered.length} delivered, ${failed.length} dead-lettered, ${all.length} attempts ` +
        `(${outcomes.ok} ok, ${outcomes.error500} 500, ${outcomes.slow} slow, ${outcomes.reset} reset) in ${elapsed} ms, ` +
        `max ${maxOpen} open`,
    );
  });
});
