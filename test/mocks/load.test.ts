// Bounded load and fault test on loopback: 20,000 requests at 50 connections against the mock
// server, then 1,000 triggered deliveries to a receiver that randomly fails, times out or drops
// the connection. Every delivery must end delivered or dead-lettered, and memory must come back.
import { createServer, type Server } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import autocannon from 'autocannon';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../mocks/server.ts';
import { sidclawMockCredentials } from '../../mocks/sidclaw/index.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

let server: MockServer;
let receiver: Server;
let receiverUrl = '';
const tally = { ok: 0, error: 0, slow: 0, dropped: 0 };

// A seeded generator, so a failure can be reproduced.
let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

beforeAll(async () => {
  server = await startMockServer({
    port: 0,
    apis: ['sidclaw'],
    log: () => {},
    delivery: { maxAttempts: 3, timeoutMs: 200, backoff: { baseMs: 5, maxMs: 20 } },
  });
  receiver = createServer((req, res) => {
    req.resume();
    const roll = random();
    if (roll < 0.55) {
      tally.ok++;
      res.writeHead(200).end('ok');
      return;
    }
    if (roll < 0.75) {
      tally.error++;
      res.writeHead(500).end('boom');
      return;
    }
    if (roll < 0.9) {
      tally.slow++;
      setTimeout(() => res.writeHead(200).end('late'), 400);
      return;
    }
    tally.dropped++;
    req.socket.destroy();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  receiverUrl = `http://localhost:${typeof address === 'object' && address ? address.port : 0}/hooks`;
}, 60_000);

afterAll(async () => {
  await server?.close({ timeoutMs: 2000 });
  receiver?.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const auth = { authorization: `Bearer ${sidclawMockCredentials.adminKey}`, 'content-type': 'application/json' };

it('20,000 requests at 50 connections: no errors, only the expected statuses', async () => {
  const base = server.baseUrls.sidclaw;
  const created = await fetch(`${base}/api/v1/webhooks`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ url: 'https://example.com/h', events: ['trace.completed'] }),
  });
  const { data } = (await created.json()) as { data: { id: string } };
  const result = await autocannon({
    url: server.url,
    connections: 50,
    amount: 20_000,
    requests: [
      { method: 'GET', path: '/sidclaw/api/v1/webhooks', headers: auth },
      { method: 'GET', path: `/sidclaw/api/v1/webhooks/${data.id}`, headers: auth },
      { method: 'PATCH', path: `/sidclaw/api/v1/webhooks/${data.id}`, headers: auth, body: JSON.stringify({ description: 'load' }) },
      { method: 'GET', path: `/sidclaw/api/v1/webhooks/${data.id}/deliveries?limit=5`, headers: auth },
    ],
  });
  expect(result.requests.total).toBeGreaterThanOrEqual(20_000);
  expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }).toEqual({ errors: 0, timeouts: 0, non2xx: 0 });
  expect(result['2xx']).toBe(result.requests.total);
}, 120_000);

it('1,000 deliveries to a flaky receiver: each one delivered or dead-lettered, memory back near its start', async () => {
  const mock = server.mocks.sidclaw!;
  mock.reset();
  const before = heapMb();
  const base = server.baseUrls.sidclaw;
  const created = await fetch(`${base}/api/v1/webhooks`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ url: receiverUrl, events: ['approval.requested'] }),
  });
  expect(created.status).toBe(201);
  const ids: string[] = [];
  for (let i = 0; i < 1000; i++) ids.push(...(await mock.trigger('approval.requested', { n: i })).map((r) => r.id));
  expect(ids).toHaveLength(1000);
  const records = await Promise.all(ids.map((id) => mock.engine.settled(id)));
  const delivered = records.filter((r) => r.state === 'delivered').length;
  const deadLettered = records.filter((r) => r.state === 'failed').length;
  expect(delivered + deadLettered).toBe(1000);
  expect(mock.engine.deadLetters()).toHaveLength(deadLettered);
  expect(deadLettered).toBeGreaterThan(0);
  expect(delivered).toBeGreaterThan(500);
  // Every request the receiver saw is an attempt on record (an attempt can also fail before it
  // reaches the receiver, on a pooled connection the receiver had just dropped).
  const attempts = records.reduce((sum, r) => sum + r.attempts, 0);
  const seen = tally.ok + tally.error + tally.slow + tally.dropped;
  expect(attempts).toBeGreaterThanOrEqual(seen);
  expect(attempts - seen).toBeLessThan(attempts * 0.05);
  // A delivery counts as delivered only when the receiver really answered 2xx in time.
  expect(delivered).toBeLessThanOrEqual(tally.ok);
  console.log(`deliveries: ${delivered} delivered, ${deadLettered} dead-lettered, ${attempts} attempts; receiver ${JSON.stringify(tally)}`);

  mock.reset();
  await new Promise((resolve) => setTimeout(resolve, 500)); // let late receiver answers finish
  const after = heapMb();
  console.log(`heap: ${before.toFixed(1)} MB before, ${after.toFixed(1)} MB after`);
  expect(after - before).toBeLessThan(20);
}, 120_000);
