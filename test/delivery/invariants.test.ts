import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createDeliveryEngine } from '../../src/delivery/index.ts';
import type { DeliveryRecord, FetchLike } from '../../src/delivery/index.ts';

/** What the fake receiver does for one attempt. */
type Step = 'ok' | 'http500' | 'http404' | 'throw' | 'hang';

/**
 * A fetch that plays a script per delivery (by `x-id` header) without any network,
 * so thousands of schedules can be explored quickly. `hang` waits for the abort.
 */
function scriptedFetch(scripts: Map<string, Step[]>): FetchLike {
  return (_url, init) => {
    const id = new Headers(init.headers).get('x-id') ?? '';
    const step = scripts.get(id)?.shift() ?? 'ok';
    switch (step) {
      case 'ok':
        return Promise.resolve(new Response('ok', { status: 200 }));
      case 'http500':
        return Promise.resolve(new Response('no', { status: 500 }));
      case 'http404':
        return Promise.resolve(new Response(null, { status: 404 }));
      case 'throw':
        return Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') }));
      case 'hang':
        return new Promise((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        });
    }
  };
}

const step = fc.constantFrom<Step>('ok', 'http500', 'http404', 'throw', 'hang');

describe('no delivery is ever lost', () => {
  it('every delivery ends delivered iff its script succeeds within the budget, else dead-lettered', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(step, { maxLength: 6 }), { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 6 }),
        async (scriptList, maxAttempts, concurrency) => {
          const scripts = new Map(scriptList.map((s, i) => [`d${i}`, [...s]]));
          let settledHook = 0;
          const engine = createDeliveryEngine({
            fetch: scriptedFetch(scripts),
            timeoutMs: 5,
            maxAttempts,
            concurrency,
            backoff: { baseMs: 0, jitter: 'none' },
            onSettled: () => {
              settledHook += 1;
            },
          });
          const handles = scriptList.map((_s, i) =>
            engine.enqueue({ id: `d${i}`, url: 'http://receiver.test/hook', eventType: 'e', body: '{}', headers: { 'x-id': `d${i}` } }),
          );
          const records = await Promise.all(handles.map((h) => h.settled()));
          const drained = await engine.drain({ timeoutMs: 1000 });

          records.forEach((record: DeliveryRecord, i) => {
            const script = scriptList[i]!;
            const firstOk = script
              .slice(0, maxAttempts)
              .concat(maxAttempts > script.length ? ['ok'] : [])
              .indexOf('ok');
            if (firstOk >= 0 && firstOk < maxAttempts) {
              expect(record.state).toBe('delivered');
              expect(record.attempts).toBe(firstOk + 1);
              expect(record.lastStatus).toBe(200);
            } else {
              expect(record.state).toBe('failed');
              expect(record.attempts).toBe(maxAttempts);
            }
            expect(record.attemptLog.map((a) => a.number)).toEqual(Array.from({ length: record.attempts }, (_, n) => n + 1));
            // A failed attempt has either a status or an error, never neither.
            for (const a of record.attemptLog) expect(a.status !== null || typeof a.error === 'string').toBe(true);
          });
          const stats = engine.stats();
          expect(stats.delivered + stats.failed).toBe(scriptList.length);
          expect(stats).toMatchObject({ pending: 0, inFlight: 0, queued: 0, scheduled: 0 });
          expect(
            engine
              .deadLetters()
              .map((r) => r.id)
              .sort(),
          ).toEqual(
            records
              .filter((r) => r.state === 'failed')
              .map((r) => r.id)
              .sort(),
          );
          expect(settledHook).toBe(scriptList.length);
          expect(drained).toEqual({ drained: true, inFlight: 0, pending: [] });
          engine.close();
        },
      ),
      { numRuns: 60, seed: 424_242 },
    );
  });

  it('closing early leaves every delivery accounted for: delivered, dead-lettered or pending', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(step, { maxLength: 5 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 15 }),
        async (scriptList, closeAfterMs) => {
          const scripts = new Map(scriptList.map((s, i) => [`d${i}`, [...s]]));
          const engine = createDeliveryEngine({
            fetch: scriptedFetch(scripts),
            timeoutMs: 5,
            maxAttempts: 3,
            concurrency: 2,
            backoff: { baseMs: 1, factor: 2, maxMs: 4, jitter: 'full' },
          });
          const ids = scriptList.map(
            (_s, i) => engine.enqueue({ id: `d${i}`, url: 'http://receiver.test/', eventType: 'e', body: '', headers: { 'x-id': `d${i}` } }).id,
          );
          await new Promise((resolve) => setTimeout(resolve, closeAfterMs));
          engine.close({ abortInFlight: closeAfterMs % 2 === 0 });
          const records = await Promise.all(ids.map((id) => engine.settled(id)));
          const result = await engine.drain({ timeoutMs: 1000 });

          expect(records.map((r) => r.id)).toEqual(ids);
          const stats = engine.stats();
          expect(stats.pending + stats.delivered + stats.failed).toBe(ids.length);
          expect(stats).toMatchObject({ inFlight: 0, queued: 0, scheduled: 0 });
          expect(result.drained).toBe(true);
          expect(result.pending.map((r) => r.id)).toEqual(engine.list({ state: 'pending' }).map((r) => r.id));
          for (const r of engine.list()) {
            if (r.state === 'failed') expect(r.attempts).toBe(3);
            if (r.state === 'delivered') expect(r.lastStatus).toBe(200);
          }
        },
      ),
      { numRuns: 40, seed: 7_777 },
    );
  });
});
