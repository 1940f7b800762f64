// Abuse probe: the live feeds. Before the fix 500 `/_mock/stream` clients that never read made
// the mock hold every event (RSS 101 → 968 MB for 3,000 events), each change resent the whole
// record with every attempt (one delivery redelivered 1,000 times: 1,001 attempts, 16.5 GB pushed
// to one reader), and `listen`'s page feed grew the same way. Now a client whose buffer is full is
// dropped, clients are capped, a change carries only what changed, and attempts kept are capped.
// Small caps keep the probe fast; the checks are structural (dropped, refused, bounded), not RSS.
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListenPage } from '../../mocks/inspector/listen-page.ts';
import { startMockServer, type MockServer } from '../../mocks/server.ts';

const json = { 'content-type': 'application/json' };

/** An event-stream reader that reads everything: the parsed events by name. */
function follow(url: string) {
  const controller = new AbortController();
  const events: Array<{ event: string; data: string }> = [];
  const opened = fetch(url, { signal: controller.signal }).then(async (response) => {
    if (response.status !== 200) return response.status;
    void (async () => {
      const decoder = new TextDecoder();
      let buffered = '';
      try {
        for await (const chunk of response.body!) {
          buffered += decoder.decode(chunk, { stream: true });
          for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
            const frame = buffered.slice(0, end);
            buffered = buffered.slice(end + 2);
            const event = /^event: (.*)$/m.exec(frame)?.[1];
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            if (event !== undefined && data !== undefined) events.push({ event, data });
          }
        }
      } catch {
        // aborted by the test
      }
    })();
    return 200;
  });
  return { opened, events, close: () => controller.abort() };
}

/** A client that sends the request and then never reads: resolves once the server has closed the connection. */
function stalled(url: string, path: string): { socket: Socket; closed: Promise<number> } {
  const { port } = new URL(url);
  const socket = connect(Number(port), '127.0.0.1', () => {
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    socket.pause();
  });
  let received = 0;
  const closed = new Promise<number>((resolve) => {
    socket.on('data', (chunk: Buffer) => (received += chunk.length));
    socket.on('error', () => {});
    socket.on('close', () => resolve(received));
  });
  return { socket, closed };
}

describe('the mock server live feed (/_mock/stream)', () => {
  let server: MockServer;
  let receiver: Server;
  let receiverUrl: string;
  beforeAll(async () => {
    receiver = createServer((req, res) => req.resume().on('end', () => res.end('ok')));
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/proven`;
    server = await startMockServer({
      port: 0,
      log: false,
      checkSpec: false,
      delivery: { maxAttempts: 1 },
      limits: { maxAttemptsKept: 5 },
      feed: { maxClients: 3, maxBufferedBytes: 256 * 1024 },
    });
    await fetch(`${server.url}/_mock/proven/endpoints`, { method: 'POST', headers: json, body: JSON.stringify({ url: receiverUrl }) });
  });
  afterAll(async () => {
    await server.close({ timeoutMs: 1000 });
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('caps the clients: one more than maxClients gets 503 feed_full', async () => {
    const pages = [follow(`${server.url}/_mock/stream`), follow(`${server.url}/_mock/stream`), follow(`${server.url}/_mock/stream`)];
    expect(await Promise.all(pages.map((page) => page.opened))).toEqual([200, 200, 200]);
    const extra = await fetch(`${server.url}/_mock/stream`);
    expect([extra.status, ((await extra.json()) as { error: string }).error]).toEqual([503, 'feed_full']);
    for (const page of pages) page.close();
    // Once they are gone, a page can connect again.
    await expect.poll(async () => (await fetch(`${server.url}/_mock/stream`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined))?.status).toBe(200);
  });

  it('drops a client that stops reading, while one that reads gets every change, as deltas', async () => {
    // Let the poll's stream from the previous test go.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const reader = follow(`${server.url}/_mock/stream`);
    expect(await reader.opened).toBe(200);
    const stuck = stalled(server.url, '/_mock/stream');
    // Each trigger queues a ~700 KB body: far more than the kernel buffers and the 256 KiB cap hold.
    const data = { filler: 'x'.repeat(700 * 1024) };
    for (let i = 0; i < 24; i += 1) {
      const response = await fetch(`${server.url}/_mock/proven/events`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ event: 'credentials:done', data }),
      });
      expect(response.status).toBe(202);
    }
    await expect.poll(() => server.mocks.proven!.engine.list({ state: 'delivered' }).length, { timeout: 20_000 }).toBe(24);
    // The server closed the stalled connection; reading now finds its end, well short of what was sent.
    stuck.socket.resume();
    const received = await stuck.closed;
    expect(received).toBeLessThan(24 * 700 * 1024);

    await expect.poll(() => reader.events.filter((e) => e.event === 'delivery').length, { timeout: 20_000 }).toBe(48);
    const deltas = reader.events.filter((e) => e.event === 'delivery').map((e) => JSON.parse(e.data) as { delta: Record<string, unknown> });
    // Queued: the body once; attempted: the attempt, no body. Never the whole attempt log.
    expect(deltas.every(({ delta }) => !('attemptLog' in delta))).toBe(true);
    expect(deltas.filter(({ delta }) => 'body' in delta)).toHaveLength(24);
    expect(deltas.filter(({ delta }) => 'attempt' in delta)).toHaveLength(24);
    reader.close();
  }, 60_000);

  it('one delivery redelivered again and again keeps maxAttemptsKept attempts and counts them all', async () => {
    const [first] = server.mocks.proven!.engine.list();
    for (let i = 0; i < 8; i += 1) {
      const response = await fetch(`${server.url}/_mock/proven/deliveries/${first!.id}/redeliver`, { method: 'POST' });
      expect(response.status).toBe(200);
      await server.mocks.proven!.engine.settled(first!.id);
    }
    const record = server.mocks.proven!.engine.get(first!.id)!;
    expect([record.attempts, record.attemptLog.length, record.attemptLog[0]!.number]).toEqual([9, 5, 5]);
  });
});

describe("hookspec listen's page feed (/_listen/stream)", () => {
  const page = createListenPage('probe', { maxClients: 2, maxBufferedBytes: 1024 * 1024 });
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((req, res) => void (page.route(req, res) || res.writeHead(404).end()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    page.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('drops a stalled page, caps the pages, and sends a long body cut to 64 KiB', async () => {
    const reader = follow(`${url}/_listen/stream`);
    expect(await reader.opened).toBe(200);
    const stuck = stalled(url, '/_listen/stream');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await fetch(`${url}/_listen/stream`)).status).toBe(503);
    // 300 rejected deliveries of 100 KB each (they are broadcast too): 19 MB if nothing were dropped.
    for (let i = 0; i < 300; i += 1) {
      page.publish({ ok: false, type: null, body: 'x'.repeat(100 * 1024) });
      await new Promise((resolve) => setImmediate(resolve));
    }
    stuck.socket.resume();
    expect(await stuck.closed).toBeLessThan(300 * 100 * 1024);
    await expect.poll(() => reader.events.length, { timeout: 20_000 }).toBe(300);
    const entry = JSON.parse(reader.events[0]!.data) as { body: string; bodyTruncated: boolean };
    expect([entry.body.length, entry.bodyTruncated]).toEqual([64 * 1024, true]);
    reader.close();
  }, 60_000);
});
