import { afterEach, expect, it } from 'vitest';
import { createDeliveryEngine, type DeliveryChange, type DeliveryEngine } from '../../src/delivery/index.ts';
import { startReceiver as receiver, type Receiver } from './receiver.ts';

let engine: DeliveryEngine | undefined;
let rx: Receiver | undefined;
afterEach(async () => {
  engine?.close({ abortInFlight: true });
  await rx?.close();
});

it("records each attempt's request headers as sent (signature included), the response headers and the body", async () => {
  rx = await receiver((_req, res) => void res.writeHead(202, { 'x-answer': 'yes' }).end('{"ok":true}'));
  engine = createDeliveryEngine();
  const record = await engine
    .enqueue({ url: rx.url, eventType: 'order.paid', body: '{"id":1}', headers: { 'x-extra': 'a' }, sign: (_body, n) => ({ 'x-signature': `sig-${n}` }) })
    .settled();
  expect(record.body).toBe('{"id":1}');
  const [attempt] = record.attemptLog;
  expect(attempt!.requestHeaders).toEqual({ 'content-type': 'application/json', 'x-extra': 'a', 'x-signature': 'sig-1' });
  expect(attempt!.responseHeaders?.['x-answer']).toBe('yes');
  expect(rx.requests[0]!.headers['x-signature']).toBe('sig-1');
});

it('observe() hears every change until unsubscribed: queued, each attempt, redelivered, removed', async () => {
  let status = 500;
  rx = await receiver((_req, res) => void res.writeHead(status).end());
  engine = createDeliveryEngine({ maxAttempts: 2, backoff: { baseMs: 1, maxMs: 1, jitter: 'none' } });
  const changes: DeliveryChange[] = [];
  const stop = engine.observe((change) => changes.push(change));
  const describe = () => changes.map((c) => (c.type === 'removed' ? 'removed' : `${c.record.state}/${c.record.attempts}`));

  await engine.enqueue({ id: 'd1', url: rx.url, eventType: 'x', body: '{}' }).settled();
  expect(describe()).toEqual(['pending/0', 'pending/1', 'failed/2']);
  status = 200;
  await engine.redeliver('d1').settled();
  expect(describe().slice(3)).toEqual(['pending/2', 'delivered/3']);
  engine.remove(() => true);
  expect(describe().at(-1)).toBe('removed');

  stop();
  const before = changes.length;
  await engine.enqueue({ id: 'd2', url: rx.url, eventType: 'x', body: '{}' }).settled();
  expect(changes.length).toBe(before);
});
