import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the receiver saw it. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  receivedAt: number;
}

export type ReceiverHandler = (request: ReceivedRequest, res: ServerResponse, req: IncomingMessage) => void | Promise<void>;

export interface Receiver {
  /** Base URL, e.g. http://127.0.0.1:54321 */
  url: string;
  requests: ReceivedRequest[];
  server: Server;
  /** Runs `fn` after `ms` unless the response closed first; cleared on close. */
  later(res: ServerResponse, ms: number, fn: () => void): void;
  close(): Promise<void>;
}

/**
 * A real HTTP receiver on 127.0.0.1 with an OS-assigned port. The handler runs
 * once the whole request body has arrived.
 */
export async function startReceiver(handler: ReceiverHandler): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
        receivedAt: Date.now(),
      };
      requests.push(request);
      Promise.resolve(handler(request, res, req)).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(599);
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    server,
    later(res, ms, fn) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed && !res.writableEnded) fn();
      }, ms);
      timers.add(timer);
      res.on('close', () => {
        clearTimeout(timer);
        timers.delete(timer);
      });
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Seeded PRNG (mulberry32): same seed, same sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fast backoff so retry tests run in milliseconds. */
export const FAST_BACKOFF = { baseMs: 2, factor: 2, maxMs: 10, jitter: 'none' } as const;
