import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError, createDeliveryEngine } from '../../src/delivery/index.ts';
import type { DeliveryEngine } from '../../src/delivery/index.ts';
import { FAST_BACKOFF, startReceiver } from './receiver.ts';
import type { Receiver } from './receiver.ts';

let receivers: Receiver[] = [];
let engines: DeliveryEngine[] = [];

async function receiver(handler: Parameters<typeof startReceiver>[0]): Promise<Receiver> {
  const r = await startReceiver(handler);
  receivers.push(r);
  return r;
}

function engine(options: Parameters<typeof createDeliveryEngine>[0] = {}): DeliveryEngine {
  const e = createDeliveryEngine({ backoff: FAST_BACKOFF, ...options });
  engines.push(e);
  return e;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof DeliveryError ? error.code : String(error);
  }
  return undefined;
}

afterEach(async () => {
  for (const e of engines) e.close({ abortInFlight: true });
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
  engines = [];
});

describe('dead-letter queue', () => {
  it('redeliver moves a dead letter back to pending with a fresh budget and keeps the history', async () => {
    let healthy = false;
    const rx = await receiver((_req, res) => {
      res.writeHead(healthy ? 200 : 500).end();
    });
    const e = engine({ maxAttempts: 2 });
    const first = await e.enqueue({ id: 'd1', url: rx.url, eventType: 'x', body: '{}' }).settled();
    expect(first).toMatchObject({ state: 'failed', attempts: 2 });
    expect(e.deadLetters().map((r) => r.id)).toEqual(['d1']);
    expect(codeOf(() => e.discard('missing'))).toBe('unknown_delivery');

    // Still broken: a redelivery gets a full new budget of 2 before dead-lettering again.
    const second = await e.redeliver('d1').settled();
    expect(second).toMatchObject({ state: 'failed', attempts: 4, lastStatus: 500 });
    expect(rx.requests).toHaveLength(4);

    healthy = true;
    const handle = e.redeliver('d1');
    expect(e.get('d1')).toMatchObject({ state: 'pending', failedAt: null });
    expect(e.deadLetters()).toEqual([]);
    const third = await handle.settled();
    expect(third).toMatchObject({ state: 'delivered', attempts: 5, lastStatus: 200 });
    expect(third.attemptLog.map((a) => [a.number, a.status])).toEqual([
      [1, 500],
      [2, 500],
      [3, 500],
      [4, 500],
      [5, 200],
    ]);
    expect(codeOf(() => e.discard('d1'))).toBe('not_dead_lettered');

    // A delivered delivery can be sent again (the inspector's "redeliver"), not a pending one.
    const again = e.redeliver('d1');
    expect(codeOf(() => e.redeliver('d1'))).toBe('delivery_pending');
    expect(await again.settled()).toMatchObject({ state: 'delivered', attempts: 6, lastStatus: 200 });
    expect(rx.requests).toHaveLength(6);
  });

  it('discard deletes a dead letter from the queue and the log', async () => {
    const rx = await receiver((_req, res) => {
      res.writeHead(410).end();
    });
    const e = engine({ maxAttempts: 1 });
    const records = await Promise.all(['a', 'b', 'c'].map((id) => e.enqueue({ id, url: rx.url, eventType: 'x', body: id }).settled()));
    expect(records.map((r) => r.state)).toEqual(['failed', 'failed', 'failed']);
    expect(
      e
        .deadLetters()
        .map((r) => r.id)
        .sort(),
    ).toEqual(['a', 'b', 'c']);

    const discarded = e.discard('b');
    expect(discarded).toMatchObject({ id: 'b', state: 'failed', lastStatus: 410 });
    expect(e.get('b')).toBeUndefined();
    expect(
      e
        .deadLetters()
        .map((r) => r.id)
        .sort(),
    ).toEqual(['a', 'c']);
    expect(e.stats()).toMatchObject({ total: 2, failed: 2 });
    expect(codeOf(() => e.discard('b'))).toBe('unknown_delivery');
  });
});

describe('drain and close', () => {
  it('drain waits for in-flight attempts', async () => {
    const rx = await receiver((_req, res) => {
      rx.later(res, 150, () => res.end('ok'));
    });
    const e = engine();
    const ids = [1, 2, 3, 4].map((n) => e.enqueue({ url: rx.url, eventType: 'x', body: String(n) }).id);
    expect(e.stats()).toMatchObject({ inFlight: 4, pending: 4 });

    const started = Date.now();
    const result = await e.drain({ timeoutMs: 5000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(result).toEqual({ drained: true, inFlight: 0, pending: [] });
    expect(ids.map((id) => e.get(id)?.state)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
    // Nothing left: a second drain resolves at once.
    expect(await e.drain()).toEqual({ drained: true, inFlight: 0, pending: [] });
  });

  it('drain does not wait for retries due after its deadline and reports them as pending', async () => {
    const rx = await receiver((_req, res) => {
      res.writeHead(500).end();
    });
    const e = engine({ backoff: { baseMs: 60_000, jitter: 'none' } });
    const { id } = e.enqueue({ url: rx.url, eventType: 'x', body: '{}' });

    // Waiting would last until the deadline (30 s) or the retry (60 s); not waiting takes milliseconds.
    const started = Date.now();
    const result = await e.drain({ timeoutMs: 30_000 });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.drained).toBe(true);
    expect(result.inFlight).toBe(0);
    expect(result.pending.map((r) => [r.id, r.state, r.attempts])).toEqual([[id, 'pending', 1]]);
    const record = result.pending[0]!;
    expect(record.nextRetryAt! - record.attemptLog[0]!.startedAt).toBeGreaterThanOrEqual(60_000);
    expect(e.stats()).toMatchObject({ scheduled: 1, inFlight: 0 });

    // close() cancels the timer; the delivery stays pending (not lost, not dead-lettered).
    e.close();
    expect(e.closed).toBe(true);
    expect(e.stats()).toMatchObject({ scheduled: 0, pending: 1 });
    expect(await e.settled(id)).toMatchObject({ id, state: 'pending', attempts: 1 });
    expect(codeOf(() => e.enqueue({ url: rx.url, eventType: 'x', body: '' }))).toBe('engine_closed');
    expect(codeOf(() => e.redeliver(id))).toBe('engine_closed');
    await expect(e.deliverNow({ url: rx.url, eventType: 'x', body: '' })).rejects.toMatchObject({ code: 'engine_closed' });
  });

  it('drain waits for retries due before its deadline', async () => {
    const rx = await receiver((_req, res) => {
      res.writeHead(rx.requests.length < 3 ? 500 : 200).end();
    });
    const e = engine({ backoff: { baseMs: 40, factor: 1, maxMs: 40, jitter: 'none' } });
    const { id } = e.enqueue({ url: rx.url, eventType: 'x', body: '{}' });
    const result = await e.drain({ timeoutMs: 3000 });
    expect(result).toEqual({ drained: true, inFlight: 0, pending: [] });
    expect(e.get(id)).toMatchObject({ state: 'delivered', attempts: 3 });
  });

  it('drain gives up at its deadline; close({ abortInFlight }) aborts and keeps the delivery pending', async () => {
    const rx = await receiver((_req, res) => {
      rx.later(res, 60_000, () => res.end());
    });
    const e = engine({ timeoutMs: 90_000 });
    const handle = e.enqueue({ url: rx.url, eventType: 'x', body: '{}' });

    // A drain that waited for the attempt would last its 60 s; one that gives up, about 100 ms.
    const started = Date.now();
    const result = await e.drain({ timeoutMs: 100 });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.drained).toBe(false);
    expect(result.inFlight).toBe(1);
    expect(result.pending.map((r) => r.id)).toEqual([handle.id]);

    e.close({ abortInFlight: true });
    const record = await handle.settled();
    expect(record.state).toBe('pending');
    expect(record.attempts).toBe(1);
    expect(record.attemptLog[0]).toMatchObject({ status: null, error: 'AbortError: This operation was aborted' });
    expect(e.stats()).toMatchObject({ inFlight: 0, pending: 1, failed: 0 });
  });
});

describe('deliverNow', () => {
  it('performs exactly one attempt and reports the test-endpoint fields, without logging', async () => {
    const rx = await receiver((req, res) => {
      if (req.path === '/ok') res.writeHead(200).end('received');
      else if (req.path === '/bad') res.writeHead(401).end('bad signature');
      else rx.later(res, 2000, () => res.end());
    });
    const e = engine();
    const signed: number[] = [];
    const ok = await e.deliverNow({
      url: `${rx.url}/ok`,
      eventType: 'test',
      body: '{"test":true}',
      sign: (_body, attempt) => {
        signed.push(attempt);
        return { 'x-sig': 's' };
      },
    });
    expect(ok).toMatchObject({
      attemptNumber: 1,
      ok: true,
      status: 200,
      error: undefined,
      responseBody: 'received',
      responseBodyTruncated: false,
    });
    expect(ok.durationMs).toBeGreaterThanOrEqual(0);
    // A duration, not a timestamp (the answer is immediate; the bound is far above any delay).
    expect(ok.durationMs).toBeLessThan(60_000);
    expect(signed).toEqual([1]);
    expect(rx.requests[0]?.headers['x-sig']).toBe('s');

    const bad = await e.deliverNow({ url: `${rx.url}/bad`, eventType: 'test', body: '{}' });
    expect(bad).toMatchObject({ ok: false, status: 401, error: undefined, responseBody: 'bad signature' });

    const slow = await e.deliverNow({ url: `${rx.url}/slow`, eventType: 'test', body: '{}', timeoutMs: 100 });
    expect(slow).toMatchObject({
      ok: false,
      status: null,
      error: 'TimeoutError: The operation was aborted due to timeout',
      responseBody: undefined,
    });
    expect(slow.durationMs).toBeGreaterThanOrEqual(90);

    // Aborted once the request has arrived (a fixed delay could fire before it is sent on a busy machine).
    const controller = new AbortController();
    const arrived = rx.requests.length;
    const pending = e.deliverNow({ url: `${rx.url}/slow`, eventType: 'test', body: '{}' }, { signal: controller.signal });
    await expect.poll(() => rx.requests.length, { timeout: 30_000 }).toBe(arrived + 1);
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, status: null, error: 'AbortError: This operation was aborted' });

    // No retries, no log entries: one request each (the 100 ms timeout may end before its request arrives).
    const to = (path: string) => rx.requests.filter((request) => request.path === path).length;
    expect([to('/ok'), to('/bad')]).toEqual([1, 1]);
    expect(to('/slow')).toBeGreaterThanOrEqual(1);
    expect(to('/slow')).toBeLessThanOrEqual(2);
    expect(e.list()).toEqual([]);
    expect(e.stats()).toMatchObject({ total: 0, inFlight: 0 });

    // The shape a "send test event" endpoint answers with.
    const reply = { delivered: ok.ok, http_status: ok.status, response_time_ms: ok.durationMs, error: ok.error ?? null };
    expect(reply).toEqual({ delivered: true, http_status: 200, response_time_ms: ok.durationMs, error: null });
  });

  it('is rejected with invalid_delivery for a bad URL', async () => {
    await expect(engine().deliverNow({ url: 'nope', eventType: 'x', body: '' })).rejects.toMatchObject({
      name: 'DeliveryError',
      code: 'invalid_delivery',
    });
  });
});

describe('concurrency', () => {
  it('never has more than `concurrency` requests open at the receiver', async () => {
    let open = 0;
    let maxOpen = 0;
    const rx = await receiver((_req, res) => {
      open += 1;
      maxOpen = Math.max(maxOpen, open);
      rx.later(res, 40, () => {
        open -= 1;
        res.end();
      });
    });
    const started: string[] = [];
    const e = engine({
      concurrency: 3,
      fetch: (url, init) => {
        started.push(String(init.body));
        return fetch(url, init);
      },
    });
    const handles = Array.from({ length: 12 }, (_, i) => e.enqueue({ url: rx.url, eventType: 'x', body: String(i) }));
    expect(e.stats()).toMatchObject({ inFlight: 3, queued: 9, pending: 12 });

    const records = await Promise.all(handles.map((h) => h.settled()));
    expect(records.every((r) => r.state === 'delivered' && r.attempts === 1)).toBe(true);
    expect(rx.requests).toHaveLength(12);
    expect(maxOpen).toBe(3);
    // FIFO: deliveries start in the order they were enqueued (arrival order at the server may differ).
    expect(started).toEqual(Array.from({ length: 12 }, (_, i) => String(i)));
  });

  it('deliverNow bypasses the queue so a test event does not wait behind a backlog', async () => {
    const rx = await receiver((req, res) => {
      if (req.path === '/now') res.end('now');
      else rx.later(res, 60_000, () => res.end());
    });
    const e = engine({ concurrency: 1 });
    e.enqueue({ url: `${rx.url}/slow`, eventType: 'x', body: '' });
    e.enqueue({ url: `${rx.url}/slow`, eventType: 'x', body: '' });
    const started = Date.now();
    const result = await e.deliverNow({ url: `${rx.url}/now`, eventType: 'test', body: '' });
    expect(result.ok).toBe(true);
    // Behind the backlog it would wait at least 60 s; bypassing it, milliseconds.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(e.stats()).toMatchObject({ inFlight: 1, queued: 1 });
  });
});

describe('delivery log', () => {
  it('lists, filters, removes an endpoint history and counts by state', async () => {
    const rx = await receiver((req, res) => {
      res.writeHead(req.path === '/fail' ? 500 : 200).end();
    });
    const e = engine({ maxAttempts: 1 });
    const settled = await Promise.all([
      e.enqueue({ id: 'a1', url: `${rx.url}/ok`, eventType: 'order.paid', body: '', meta: { endpointId: 'A' } }).settled(),
      e.enqueue({ id: 'a2', url: `${rx.url}/fail`, eventType: 'order.paid', body: '', meta: { endpointId: 'A' } }).settled(),
      e.enqueue({ id: 'b1', url: `${rx.url}/ok`, eventType: 'order.refunded', body: '', meta: { endpointId: 'B' } }).settled(),
    ]);
    expect(settled.map((r) => r.state)).toEqual(['delivered', 'failed', 'delivered']);
    // A pending one for endpoint A with a far retry, to check remove() cancels it.
    const slowEngine = engine({ backoff: { baseMs: 60_000 } });
    slowEngine.enqueue({ id: 'p1', url: `${rx.url}/fail`, eventType: 'x', body: '', meta: { endpointId: 'A' } });
    await slowEngine.drain({ timeoutMs: 1000 });
    expect(slowEngine.stats()).toMatchObject({ pending: 1, scheduled: 1 });

    expect(e.list().map((r) => r.id)).toEqual(['a1', 'a2', 'b1']);
    expect(e.list({ state: 'delivered' }).map((r) => r.id)).toEqual(['a1', 'b1']);
    expect(e.list({ eventType: 'order.paid', state: 'failed' }).map((r) => r.id)).toEqual(['a2']);
    expect(e.list({ url: `${rx.url}/ok` }).map((r) => r.id)).toEqual(['a1', 'b1']);
    expect(e.list({ where: (r) => (r.meta as { endpointId: string }).endpointId === 'B' }).map((r) => r.id)).toEqual(['b1']);
    expect(e.list((r) => r.attempts === 1)).toHaveLength(3);
    expect(e.list({ since: Date.now() + 60_000 })).toEqual([]);
    expect(e.stats()).toEqual({ total: 3, pending: 0, delivered: 2, failed: 1, inFlight: 0, queued: 0, scheduled: 0 });

    // Records handed out are copies.
    const copy = e.get('a1')!;
    (copy.attemptLog as unknown as unknown[]).length = 0;
    expect(e.get('a1')!.attemptLog).toHaveLength(1);

    const byEndpoint = (id: string) => (r: { meta: unknown }) => (r.meta as { endpointId: string }).endpointId === id;
    expect(e.remove(byEndpoint('A'))).toBe(2);
    expect(e.list().map((r) => r.id)).toEqual(['b1']);
    expect(e.deadLetters()).toEqual([]);
    expect(e.stats()).toMatchObject({ total: 1, failed: 0, delivered: 1 });

    const waiting = slowEngine.settled('p1');
    expect(slowEngine.remove(byEndpoint('A'))).toBe(1);
    expect(await waiting).toMatchObject({ id: 'p1', state: 'pending' });
    expect(slowEngine.stats()).toEqual({ total: 0, pending: 0, delivered: 0, failed: 0, inFlight: 0, queued: 0, scheduled: 0 });
    await expect(slowEngine.settled('p1')).rejects.toMatchObject({ code: 'unknown_delivery' });
  });

  it('rejects a duplicate id', async () => {
    const rx = await receiver((_req, res) => {
      res.end();
    });
    const e = engine();
    await e.enqueue({ id: 'same', url: rx.url, eventType: 'x', body: '' }).settled();
    expect(codeOf(() => e.enqueue({ id: 'same', url: rx.url, eventType: 'x', body: '' }))).toBe('duplicate_delivery');
    expect(e.stats().total).toBe(1);
  });
});
