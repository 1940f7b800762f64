import { describe, expect, it } from 'vitest';
import { DeliveryError, createDeliveryEngine, normalizeEngineOptions } from '../../src/delivery/index.ts';

/** A receiver that never answers 2xx, without a socket. */
const failing = async () => new Response('down', { status: 500 });
const ok = async () => new Response('ok', { status: 200 });
const send = (i: number) => ({ id: `d${i}`, url: 'https://receiver.example/hook', eventType: 'e', body: `{"n":${i}}` });

describe('delivery engine limits', () => {
  it('has bounded defaults', () => {
    const options = normalizeEngineOptions();
    expect([options.maxPending, options.maxRecords, options.maxDeadLetters, options.maxAttemptLog]).toEqual([10_000, 10_000, 1_000, 100]);
  });

  it('keeps at most maxAttemptLog attempts per delivery, oldest dropped, while attempts counts every one', async () => {
    const engine = createDeliveryEngine({ maxAttempts: 1, maxAttemptLog: 3, fetch: ok });
    await engine.enqueue(send(0)).settled();
    // Before the cap, 1,000 redeliveries kept 1,001 attempts (16.6 MB for one record).
    for (let i = 0; i < 9; i += 1) await engine.redeliver('d0').settled();
    const record = engine.get('d0')!;
    expect(record.attempts).toBe(10);
    expect(record.attemptLog.map((attempt) => attempt.number)).toEqual([8, 9, 10]);
    expect(() => normalizeEngineOptions({ maxAttemptLog: 0 })).toThrow('options.maxAttemptLog');
    engine.close();
  });

  it('keeps at most maxDeadLetters dead letters, evicting the oldest first (from the log too)', async () => {
    const engine = createDeliveryEngine({ maxAttempts: 1, maxDeadLetters: 3, fetch: failing });
    for (let i = 0; i < 10; i += 1) await engine.enqueue(send(i)).settled();
    expect(engine.deadLetters().map((record) => record.id)).toEqual(['d7', 'd8', 'd9']);
    expect(engine.get('d0')).toBeUndefined();
    expect(engine.stats().total).toBe(3);
    engine.close();
  });

  it('keeps at most maxRecords settled records, oldest evicted first; pending ones stay', async () => {
    const engine = createDeliveryEngine({ maxRecords: 5, fetch: ok });
    for (let i = 0; i < 12; i += 1) await engine.enqueue(send(i)).settled();
    expect(engine.list().map((record) => record.id)).toEqual(['d7', 'd8', 'd9', 'd10', 'd11']);
    engine.close();
  });

  it('refuses a delivery beyond maxPending with queue_full, and accepts again once one settled', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const engine = createDeliveryEngine({
      maxPending: 4,
      concurrency: 2,
      fetch: async () => {
        await gate;
        return new Response('ok');
      },
    });
    const handles = [0, 1, 2, 3].map((i) => engine.enqueue(send(i)));
    let refused: unknown;
    try {
      engine.enqueue(send(4));
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DeliveryError);
    expect((refused as DeliveryError).code).toBe('queue_full');
    expect(engine.stats().total).toBe(4);
    release();
    await Promise.all(handles.map((handle) => handle.settled()));
    expect(engine.enqueue(send(5)).id).toBe('d5');
    engine.close();
  });
});
