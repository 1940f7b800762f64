import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { createDeliveryEngine } from '../../src/delivery/index.ts';
import type { AttemptResult, DeliveryEngine, DeliveryRecord, DeliveryTimers } from '../../src/delivery/index.ts';
import { refusingPort } from '../support/refusing-port.ts';
import { FAST_BACKOFF, startReceiver } from './receiver.ts';
import type { Receiver } from './receiver.ts';

const TIMEOUT_ERROR = 'TimeoutError: The operation was aborted due to timeout';

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

afterEach(async () => {
  for (const e of engines) e.close({ abortInFlight: true });
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
  engines = [];
});

describe('a 2xx on the first attempt', () => {
  it('is delivered once, with the body, headers and per-attempt signature as sent', async () => {
    const rx = await receiver((_req, res) => {
      res.writeHead(204).end();
    });
    const signCalls: Array<[string, number]> = [];
    const e = engine({ headers: { 'user-agent': 'hookspec-mock/1.0', 'x-env': 'engine' } });
    const body = JSON.stringify({ event: 'agent.registered', data: { id: 'ag_1', name: 'Zoë' } });

    const handle = e.enqueue({
      url: `${rx.url}/hooks/provenonce?x=1`,
      eventType: 'agent.registered',
      body,
      headers: { 'X-Env': 'delivery', 'x-delivery-id': 'dlv_1' },
      sign: (signedBody, attempt) => {
        signCalls.push([signedBody as string, attempt]);
        return { 'x-provenonce-signature': `sig-${attempt}` };
      },
      meta: { endpointId: 'ep_1' },
    });
    expect(handle.snapshot()?.state).toBe('pending');
    const record = await handle.settled();

    expect(signCalls).toEqual([[body, 1]]);
    expect(rx.requests).toHaveLength(1);
    const seen = rx.requests[0]!;
    expect(seen.method).toBe('POST');
    expect(seen.path).toBe('/hooks/provenonce?x=1');
    expect(seen.body.toString('utf8')).toBe(body);
    expect(seen.headers['content-type']).toBe('application/json');
    expect(seen.headers['user-agent']).toBe('hookspec-mock/1.0');
    expect(seen.headers['x-env']).toBe('delivery');
    expect(seen.headers['x-delivery-id']).toBe('dlv_1');
    expect(seen.headers['x-provenonce-signature']).toBe('sig-1');

    expect(record).toMatchObject({
      id: handle.id,
      eventType: 'agent.registered',
      url: `${rx.url}/hooks/provenonce?x=1`,
      state: 'delivered',
      attempts: 1,
      maxAttempts: 5,
      lastStatus: 204,
      lastError: null,
      failedAt: null,
      nextRetryAt: null,
      meta: { endpointId: 'ep_1' },
    });
    expect(handle.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(record.deliveredAt).toBeGreaterThanOrEqual(record.createdAt);
    expect(record.attemptLog).toHaveLength(1);
    expect(record.attemptLog[0]).toMatchObject({ number: 1, status: 204 });
    expect(record.attemptLog[0]).not.toHaveProperty('error');
    expect(e.stats()).toEqual({ total: 1, pending: 0, delivered: 1, failed: 0, inFlight: 0, queued: 0, scheduled: 0 });
    expect(e.deadLetters()).toEqual([]);
  });

  it('sends a Uint8Array body byte for byte and keeps a caller content-type', async () => {
    const rx = await receiver((_req, res) => {
      res.end('ok');
    });
    const bytes = new Uint8Array([0, 1, 2, 250, 255, 10]);
    const record = await engine()
      .enqueue({ id: 'bin-1', url: rx.url, eventType: 'blob', body: bytes, headers: { 'Content-Type': 'application/octet-stream' } })
      .settled();
    expect(record.id).toBe('bin-1');
    expect(record.state).toBe('delivered');
    expect([...rx.requests[0]!.body]).toEqual([...bytes]);
    expect(rx.requests[0]!.headers['content-type']).toBe('application/octet-stream');
    expect(record.attemptLog[0]?.responseBody).toBe('ok');
  });
});

describe('retries', () => {
  it('500 then 200: delivered after 2 attempts, fresh signature each time, attempt log correct', async () => {
    const rx = await receiver((_req, res) => {
      if (rx.requests.length === 1) res.writeHead(500).end('boom');
      else res.writeHead(200).end('fine');
    });
    const attempts: number[] = [];
    const hookResults: AttemptResult[] = [];
    const e = engine({ onAttempt: (_record, result) => hookResults.push(result) });
    const record = await e
      .enqueue({
        url: rx.url,
        eventType: 'approval.requested',
        body: '{"n":1}',
        sign: async (_body, attempt) => {
          attempts.push(attempt);
          return { 'x-signature': `t=${attempt},v1=abc` };
        },
      })
      .settled();

    expect(attempts).toEqual([1, 2]);
    expect(rx.requests.map((r) => r.headers['x-signature'])).toEqual(['t=1,v1=abc', 't=2,v1=abc']);
    expect(rx.requests.map((r) => r.body.toString())).toEqual(['{"n":1}', '{"n":1}']);
    expect(record.state).toBe('delivered');
    expect(record.attempts).toBe(2);
    expect(record.lastStatus).toBe(200);
    expect(record.attemptLog.map((a) => [a.number, a.status, a.error, a.responseBody])).toEqual([
      [1, 500, undefined, 'boom'],
      [2, 200, undefined, 'fine'],
    ]);
    const [first, second] = record.attemptLog;
    expect(second!.startedAt).toBeGreaterThanOrEqual(first!.startedAt + first!.durationMs);
    expect(hookResults.map((r) => [r.attemptNumber, r.ok, r.status])).toEqual([
      [1, false, 500],
      [2, true, 200],
    ]);
  });

  it('always 500: dead-lettered after exactly maxAttempts', async () => {
    const rx = await receiver((_req, res) => {
      res.writeHead(500).end();
    });
    const settled: DeliveryRecord[] = [];
    const e = engine({ maxAttempts: 4, onSettled: (r) => settled.push(r) });
    const record = await e.enqueue({ url: rx.url, eventType: 'x', body: '{}' }).settled();

    expect(rx.requests).toHaveLength(4);
    expect(record.state).toBe('failed');
    expect(record.attempts).toBe(4);
    expect(record.lastStatus).toBe(500);
    expect(record.failedAt).toBeGreaterThanOrEqual(record.createdAt);
    expect(record.deliveredAt).toBeNull();
    expect(record.nextRetryAt).toBeNull();
    expect(record.attemptLog.map((a) => [a.number, a.status])).toEqual([
      [1, 500],
      [2, 500],
      [3, 500],
      [4, 500],
    ]);
    expect(e.deadLetters().map((r) => r.id)).toEqual([record.id]);
    expect(settled.map((r) => [r.id, r.state])).toEqual([[record.id, 'failed']]);
    expect(e.stats()).toMatchObject({ failed: 1, pending: 0, delivered: 0 });
  });

  it('a per-delivery maxAttempts overrides the engine default', async () => {
    const rx = await receiver((_req, res) => {
      res.writeHead(503).end();
    });
    const record = await engine({ maxAttempts: 5 }).enqueue({ url: rx.url, eventType: 'x', body: '', maxAttempts: 2 }).settled();
    expect(record).toMatchObject({ state: 'failed', attempts: 2, maxAttempts: 2, lastStatus: 503 });
    expect(rx.requests).toHaveLength(2);
  });

  it('a receiver slower than timeoutMs: each attempt is a TimeoutError, retried, then dead-lettered', async () => {
    const rx = await receiver((_req, res) => {
      // Far beyond the timeout: an attempt that waited for the answer would take 10 s.
      rx.later(res, 10_000, () => res.end('too late'));
    });
    const e = engine({ timeoutMs: 100, maxAttempts: 2 });
    const started = Date.now();
    const record = await e.enqueue({ url: rx.url, eventType: 'slow', body: '{}' }).settled();

    // Both attempts gave up long before the receiver's 10 s answer (normal: about 200 ms in all).
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(rx.requests).toHaveLength(2);
    expect(record.state).toBe('failed');
    expect(record.attempts).toBe(2);
    expect(record.lastStatus).toBeNull();
    expect(record.lastError).toBe(TIMEOUT_ERROR);
    for (const attempt of record.attemptLog) {
      expect(attempt.status).toBeNull();
      expect(attempt.error).toBe(TIMEOUT_ERROR);
      expect(attempt.durationMs).toBeGreaterThanOrEqual(90);
      expect(attempt.durationMs).toBeLessThan(5_000);
    }
  });

  it('a per-delivery timeoutMs overrides the engine default', async () => {
    const rx = await receiver((_req, res) => {
      rx.later(res, 150, () => res.end('ok'));
    });
    const e = engine({ timeoutMs: 50, maxAttempts: 1 });
    const fast = await e.enqueue({ url: rx.url, eventType: 'x', body: '' }).settled();
    const patient = await e.enqueue({ url: rx.url, eventType: 'x', body: '', timeoutMs: 2000 }).settled();
    expect(fast).toMatchObject({ state: 'failed', lastError: TIMEOUT_ERROR });
    expect(patient).toMatchObject({ state: 'delivered', lastStatus: 200 });
  });

  it('a receiver that destroys the socket: connection error recorded, retried, then delivered', async () => {
    const rx = await receiver((_req, res, req) => {
      if (rx.requests.length <= 2) req.socket.destroy();
      else res.end('ok');
    });
    const record = await engine({ maxAttempts: 5 }).enqueue({ url: rx.url, eventType: 'x', body: '{}' }).settled();

    expect(record.state).toBe('delivered');
    expect(record.attempts).toBe(3);
    expect(record.attemptLog.map((a) => a.status)).toEqual([null, null, 200]);
    for (const attempt of record.attemptLog.slice(0, 2)) {
      expect(attempt.error).toMatch(/^TypeError: fetch failed \((SocketError: other side closed|Error: .*ECONNRESET.*)\)$/);
    }
    expect(record.attemptLog[2]).not.toHaveProperty('error');
  });

  it('a refused connection is a failure with the cause in the error text', async () => {
    // Nothing listens there, nor can start to while the test runs.
    const { port, close } = await refusingPort();
    onTestFinished(close);

    const record = await engine({ maxAttempts: 2 })
      .enqueue({ url: `http://127.0.0.1:${port}/hook`, eventType: 'x', body: '{}' })
      .settled();
    expect(record.state).toBe('failed');
    expect(record.attempts).toBe(2);
    expect(record.lastError).toMatch(/^TypeError: fetch failed \(.*ECONNREFUSED.*\)$/);
  });

  it('does not follow redirects: a 3xx is a failed attempt', async () => {
    const rx = await receiver((req, res) => {
      if (req.path === '/hook') res.writeHead(307, { location: '/elsewhere' }).end();
      else res.writeHead(200).end();
    });
    const record = await engine({ maxAttempts: 2 })
      .enqueue({ url: `${rx.url}/hook`, eventType: 'x', body: '{}' })
      .settled();
    expect(record).toMatchObject({ state: 'failed', attempts: 2, lastStatus: 307 });
    expect(rx.requests.map((r) => r.path)).toEqual(['/hook', '/hook']);
  });

  it('a throwing signer fails the attempt without sending, and is retried', async () => {
    const rx = await receiver((_req, res) => {
      res.end();
    });
    const record = await engine({ maxAttempts: 3 })
      .enqueue({
        url: rx.url,
        eventType: 'x',
        body: '{}',
        sign: (_body, attempt) => {
          if (attempt === 1) throw new Error('secret not loaded');
          return { 'x-sig': 'ok' };
        },
      })
      .settled();
    expect(record.state).toBe('delivered');
    expect(record.attemptLog.map((a) => [a.number, a.status, a.error])).toEqual([
      [1, null, 'SigningError: Error: secret not loaded'],
      [2, 200, undefined],
    ]);
    expect(rx.requests).toHaveLength(1);
  });

  it('waits the exact backoff delays (deterministic jitter), capped at maxMs', async () => {
    const rx = await receiver((_req, res) => {
      res.writeHead(500).end();
    });
    const requested: number[] = [];
    // Records what the engine asked for but fires almost at once, so the test stays fast.
    const timers: DeliveryTimers = {
      setTimeout: (callback, ms) => {
        requested.push(ms);
        return setTimeout(callback, 1);
      },
      clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    };
    const clock = 1_700_000_000_000;
    const nextRetryAts: Array<number | null> = [];
    const e = engine({
      maxAttempts: 6,
      backoff: { baseMs: 100, factor: 2, maxMs: 300, jitter: 'full' },
      random: () => 0.5,
      timers,
      now: () => clock,
      onAttempt: (record) => nextRetryAts.push(record.nextRetryAt),
    });
    const record = await e.enqueue({ url: rx.url, eventType: 'x', body: '{}' }).settled();

    expect(record.attempts).toBe(6);
    // capped delays 100, 200, 300, 300, 300 → half of each.
    expect(requested).toEqual([50, 100, 150, 150, 150]);
    expect(nextRetryAts).toEqual([clock + 50, clock + 100, clock + 150, clock + 150, clock + 150, null]);
    expect(record.attemptLog.every((a) => a.startedAt === clock)).toBe(true);
    expect(record.createdAt).toBe(clock);
  });

  it('records at most maxResponseBodyBytes of the answer', async () => {
    const rx = await receiver((_req, res) => {
      res.writeHead(400).end('x'.repeat(100_000));
    });
    const e = engine({ maxResponseBodyBytes: 16, maxAttempts: 1 });
    const record = await e.enqueue({ url: rx.url, eventType: 'x', body: '{}' }).settled();
    expect(record.attemptLog[0]?.responseBody).toBe('x'.repeat(16));
    const direct = await e.deliverNow({ url: rx.url, eventType: 'x', body: '{}' });
    expect(direct).toMatchObject({ ok: false, status: 400, responseBody: 'x'.repeat(16), responseBodyTruncated: true });

    const none = engine({ maxResponseBodyBytes: 0 });
    const r = await none.deliverNow({ url: rx.url, eventType: 'x', body: '{}' });
    expect(r).toMatchObject({ status: 400, responseBody: '', responseBodyTruncated: true });
  });

  it('a throwing hook is reported and does not break delivery', async () => {
    const rx = await receiver((_req, res) => {
      res.end();
    });
    const reported: Array<[string, string]> = [];
    const e = engine({
      onAttempt: () => {
        throw new Error('attempt hook broke');
      },
      onSettled: async () => {
        throw new Error('settled hook broke');
      },
      onHookError: (error, hook) => reported.push([hook, (error as Error).message]),
    });
    const record = await e.enqueue({ url: rx.url, eventType: 'x', body: '{}' }).settled();
    await new Promise((resolve) => setImmediate(resolve));
    expect(record.state).toBe('delivered');
    expect(reported).toEqual([
      ['onAttempt', 'attempt hook broke'],
      ['onSettled', 'settled hook broke'],
    ]);
  });
});
