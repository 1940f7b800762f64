import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeliveryEngine } from '../../src/delivery/index.ts';
import type { AttemptLogEntry, DeliveryEngine, DeliveryRecord } from '../../src/delivery/index.ts';
import { seededRandom, startReceiver } from './receiver.ts';
import type { Receiver } from './receiver.ts';

const DELIVERIES = 1000;
const MAX_ATTEMPTS = 4;
// Receiver and engine share one event loop, so latency grows with requests in flight
// (Little's law); 16 keeps an immediate answer well inside the 200 ms timeout on a busy machine.
const CONCURRENCY = 16;
const TIMEOUT_MS = 200;
const TIMEOUT_ERROR = 'TimeoutError: The operation was aborted due to timeout';

type Outcome = 'ok' | 'error500' | 'slow' | 'reset';

describe('bounded load', () => {
  let rx: Receiver;
  let engine: DeliveryEngine | undefined;
  /** The receiver's own tally: what it did for every `<delivery id>#<attempt>` it saw. */
  const answered = new Map<string, Outcome>();

  beforeAll(async () => {
    const decide = seededRandom(20_240_601);
    rx = await startReceiver((req, res, raw) => {
      const key = `${String(req.headers['x-delivery-id'])}#${String(req.headers['x-attempt'])}`;
      const roll = decide();
      const outcome: Outcome = roll < 0.55 ? 'ok' : roll < 0.75 ? 'error500' : roll < 0.87 ? 'slow' : 'reset';
      answered.set(key, outcome);
      if (outcome === 'ok') res.writeHead(200).end('ok');
      else if (outcome === 'error500') res.writeHead(500).end('nope');
      // Well past the client timeout; the client has hung up by then.
      else if (outcome === 'slow') rx.later(res, 1000, () => res.writeHead(503).end());
      else raw.socket.destroy();
    });
  });

  afterAll(async () => {
    engine?.close({ abortInFlight: true });
    await rx.close();
  });

  it(`settles ${DELIVERIES} deliveries as delivered or dead-lettered, matching the receiver's tally`, async () => {
    const settledIds: string[] = [];
    let fetchesOpen = 0;
    let maxFetchesOpen = 0;
    const e = createDeliveryEngine({
      timeoutMs: TIMEOUT_MS,
      maxAttempts: MAX_ATTEMPTS,
      concurrency: CONCURRENCY,
      backoff: { baseMs: 2, factor: 2, maxMs: 16, jitter: 'full' },
      random: seededRandom(7),
      onSettled: (record) => settledIds.push(record.id),
      fetch: async (url, init) => {
        fetchesOpen += 1;
        maxFetchesOpen = Math.max(maxFetchesOpen, fetchesOpen);
        try {
          return await fetch(url, init);
        } finally {
          fetchesOpen -= 1;
        }
      },
    });
    engine = e;

    const started = Date.now();
    const handles = Array.from({ length: DELIVERIES }, (_, i) =>
      e.enqueue({
        id: `load-${i}`,
        url: `${rx.url}/hook`,
        eventType: i % 2 === 0 ? 'order.paid' : 'order.refunded',
        body: JSON.stringify({ n: i }),
        headers: { 'x-delivery-id': `load-${i}` },
        sign: (_body, attempt) => ({ 'x-attempt': String(attempt) }),
      }),
    );
    expect(e.stats()).toMatchObject({ inFlight: CONCURRENCY, queued: DELIVERIES - CONCURRENCY });

    const records: DeliveryRecord[] = await Promise.all(handles.map((h) => h.settled()));
    const elapsed = Date.now() - started;
    // A liveness bound (nothing stalls), not a speed figure: bench/ measures speed.
    expect(elapsed).toBeLessThan(60_000);

    // Nothing lost: every delivery ended delivered or dead-lettered, once.
    const delivered = records.filter((r) => r.state === 'delivered');
    const failed = records.filter((r) => r.state === 'failed');
    expect(delivered.length + failed.length).toBe(DELIVERIES);
    expect(delivered.length).toBeGreaterThan(DELIVERIES / 2);
    expect(failed.length).toBeGreaterThan(0);
    expect(e.stats()).toEqual({
      total: DELIVERIES,
      pending: 0,
      delivered: delivered.length,
      failed: failed.length,
      inFlight: 0,
      queued: 0,
      scheduled: 0,
    });
    expect(settledIds).toHaveLength(DELIVERIES);
    expect(new Set(settledIds).size).toBe(DELIVERIES);
    expect(new Set(e.deadLetters().map((r) => r.id))).toEqual(new Set(failed.map((r) => r.id)));
    expect(failed.every((r) => r.attempts === MAX_ATTEMPTS && r.attemptLog.length === MAX_ATTEMPTS)).toBe(true);
    for (const r of delivered) {
      expect(r.attemptLog).toHaveLength(r.attempts);
      expect(r.attempts).toBeLessThanOrEqual(MAX_ATTEMPTS);
      expect(r.attemptLog.at(-1)?.status).toBe(200);
    }
    expect(maxFetchesOpen).toBeLessThanOrEqual(CONCURRENCY);

    // The receiver's tally against the engine's log, attempt by attempt.
    const entries = new Map<string, AttemptLogEntry>();
    for (const r of records) for (const a of r.attemptLog) entries.set(`${r.id}#${a.number}`, a);
    // Every attempt the receiver saw is in the log, and every response the log holds was really sent.
    for (const key of answered.keys()) expect(entries.has(key), key).toBe(true);
    for (const [key, a] of entries) {
      if (a.status === 200) expect(answered.get(key), key).toBe('ok');
      else if (a.status === 500) expect(answered.get(key), key).toBe('error500');
      else expect(a.status, key).toBeNull();
    }
    // Delivery is at-least-once: when the loop stalls across a deadline, an answer the receiver
    // already wrote can lose the race against the client timeout. Such an attempt must be logged
    // as a timeout (and was retried); every other 200 the receiver sent is exactly one delivery.
    const raced = [...answered].filter(([key, outcome]) => {
      const a = entries.get(key)!;
      const expected = outcome === 'ok' ? 200 : outcome === 'error500' ? 500 : null;
      if (a.status === expected) return false;
      expect(a.error, `${key} answered ${outcome}`).toBe(TIMEOUT_ERROR);
      return true;
    });
    const okAnswers = [...answered.values()].filter((o) => o === 'ok').length;
    const racedOk = raced.filter(([, outcome]) => outcome === 'ok').length;
    expect(delivered.length).toBe(okAnswers - racedOk);
    // Races grow with machine load (a few % on a busy two-core box); a systematic misclassification would be ~100%.
    expect(raced.length).toBeLessThanOrEqual(answered.size * 0.25);

    // Every failure kind happened and has the right shape.
    const all = [...entries.values()];
    const timeouts = all.filter((a) => a.error === TIMEOUT_ERROR);
    const resets = all.filter((a) => a.error?.startsWith('TypeError: fetch failed ('));
    expect(timeouts.length).toBeGreaterThan(0);
    expect(resets.length).toBeGreaterThan(0);
    expect(all.filter((a) => a.status === 500).length).toBeGreaterThan(0);
    expect(timeouts.every((a) => a.status === null && a.durationMs >= TIMEOUT_MS - 5)).toBe(true);
    expect(timeouts.length + resets.length + all.filter((a) => a.status !== null).length).toBe(all.length);

    console.info(
      `load: ${delivered.length} delivered + ${failed.length} dead-lettered in ${elapsed} ms; ` +
        `${all.length} attempts, receiver saw ${answered.size} (${okAnswers} × 200), ${raced.length} answers lost to the timeout`,
    );
  });
});
