// `hookspec check` against a receiver that answers 200 and then streams without end. Before, the
// probe read the whole answer (peak RSS 1,330 MB) and, cut off by the timeout, reported "no
// answer" although a 200 had arrived. Now it reads a bounded prefix and keeps the status.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PROBE_ANSWER_BYTES, sendProbe } from '../../src/check/send-probe.ts';

let server: Server;
let url: string;
let written = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'text/plain' });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    // Writes for as long as the client reads; stops once the client goes away.
    const pump = () => {
      while (!res.destroyed && res.write(chunk)) written += chunk.length;
      if (!res.destroyed) res.once('drain', pump);
    };
    res.on('close', () => res.removeAllListeners('drain'));
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('sendProbe against an endless answer', () => {
  it('reports the 200 with the start of the body, having read a bounded prefix', async () => {
    const answer = await sendProbe({ url, headers: { 'content-type': 'application/json' }, body: '{}' }, 5_000);
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('a'.repeat(200));
    // The server stopped being read long before the timeout: far less than 5 s of loopback streaming.
    expect(written).toBeLessThan(64 * 1024 * 1024);
    expect(MAX_PROBE_ANSWER_BYTES).toBeLessThanOrEqual(64 * 1024);
  });
});
