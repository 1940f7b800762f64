/**
 * The inspector page for `hookspec listen`: the same page script as the mock server's, showing
 * what the listener received with each verdict and error code. A browser asking for `/` (HTML)
 * gets the page; everything else keeps the listener's JSON answer. Deliveries reach open pages
 * as server-sent events on `GET /_listen/stream`.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pageScript } from './assets.ts';
import { pageShell } from './page-shell.ts';

export interface ListenPage {
  /** Answers the page's own requests (true); anything else is left to the listener (false). */
  route(req: IncomingMessage, res: ServerResponse): boolean;
  /** Sends a received delivery to every open page. */
  publish(entry: unknown): void;
  close(): void;
}

export function createListenPage(title: string): ListenPage {
  const clients = new Set<ServerResponse>();
  const send = (res: ServerResponse, type: string, body: string | Buffer) => {
    res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-cache' });
    res.end(body);
  };
  return {
    route(req, res) {
      if (req.method !== 'GET') return false;
      if (req.url === '/' && (req.headers.accept ?? '').includes('text/html')) {
        return (send(res, 'text/html; charset=utf-8', pageShell(title, '/_listen/app.js', 'listen')), true);
      }
      if (req.url === '/_listen/app.js') {
        pageScript().then(
          (script) => send(res, 'text/javascript; charset=utf-8', script),
          (error: unknown) => res.writeHead(500).end(String(error)),
        );
        return true;
      }
      if (req.url === '/_listen/stream') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write('retry: 1000\n\n');
        clients.add(res);
        res.once('close', () => clients.delete(res));
        return true;
      }
      return false;
    },
    publish(entry) {
      if (clients.size === 0) return;
      const frame = `event: delivery\ndata: ${JSON.stringify(entry)}\n\n`;
      for (const res of clients) res.write(frame);
    },
    close() {
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
