// Abuse probe: slow clients hold connections (headers sent a byte at a time, never finished)
// while normal requests are served; the normal ones must not wait for them.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../mocks/server.ts';
import { percentile, timed } from './measure.ts';

const SLOW_CLIENTS = 200;
let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ port: 0, log: () => {} });
});
afterAll(() => server.close({ timeoutMs: 1000 }));

describe('slow clients', () => {
  it(`${SLOW_CLIENTS} connections trickling headers do not hold up 100 normal requests`, async () => {
    const port = Number(new URL(server.url).port);
    const slow: Socket[] = [];
    const trickle = setInterval(() => {
      for (const socket of slow) if (!socket.destroyed) socket.write('X');
    }, 1000);
    try {
      await Promise.all(
        Array.from(
          { length: SLOW_CLIENTS },
          () =>
            new Promise<void>((resolve) => {
              const socket = connect(port, '127.0.0.1', () => {
                socket.write('GET /sidclaw/api/v1/webhooks HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
                resolve();
              });
              socket.on('error', () => {});
              slow.push(socket);
            }),
        ),
      );
      // Counted before the normal requests: a server may rightly drop a client that never finishes its headers later.
      const open = slow.filter((socket) => !socket.destroyed).length;
      const samples: number[] = [];
      const statuses = new Set<number>();
      for (let i = 0; i < 100; i += 1) {
        const { ms, value } = await timed(async () => {
          // Held up, a request would wait as long as the slow clients (for ever): 20 s is far
          // from a normal answer (milliseconds) and still fails that. Speed is bench/'s business.
          const response = await fetch(`${server.baseUrls.sidclaw}/api/v1/webhooks`, {
            headers: { authorization: 'Bearer sk_live_abc123' },
            signal: AbortSignal.timeout(20_000),
          });
          await response.arrayBuffer();
          return response.status;
        });
        samples.push(ms);
        statuses.add(value);
      }
      console.log(
        `slow clients: ${open} of ${SLOW_CLIENTS} held open; 100 normal requests p50 ${percentile(samples, 50).toFixed(1)} ms, p99 ${percentile(samples, 99).toFixed(1)} ms`,
      );
      expect([...statuses]).toEqual([200]);
      expect(open).toBe(SLOW_CLIENTS);
      expect(samples).toHaveLength(100);
    } finally {
      clearInterval(trickle);
      for (const socket of slow) socket.destroy();
    }
  });
});
