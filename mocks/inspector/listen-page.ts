/**
 * The inspector page for `hookspec listen`: the same page script as the mock server's, showing
 * what the listener received with each verdict and error code. A browser asking for `/` (HTML)
 * gets the page; everything else keeps the listener's JSON answer. Deliveries reach open pages
 * as server-sent events on `GET /_listen/stream`.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pageScript } from './assets.ts';
import { createFeedClients, type LiveFeedLimits } from './feed-clients.ts';
import { pageShell } from './page-shell.ts';

export interface ListenPage {
  /** Answers the page's own requests (true); anything else is left to the listener (false). */
  route(req: IncomingMessage, res: ServerResponse): boolean;
  /** Sends a received delivery to every open page. */
  publish(entry: unknown): void;
  close(): void;
}

/** Characters of a delivery's body a page is sent live; the whole entry stays at `GET /`. */
export const MAX_FEED_BODY_CHARS = 64 * 1024;

/** The entry as the feed sends it: a body over {@link MAX_FEED_BODY_CHARS} cut, and said so. */
function feedEntry(entry: unknown): unknown {
  const body = (entry as { body?: unknown }).body;
  if (typeof body !== 'string' || body.length <= MAX_FEED_BODY_CHARS) return entry;
  return { ...(entry as object), body: body.slice(0, MAX_FEED_BODY_CHARS), bodyTruncated: true };
}

export function createListenPage(title: string, limits: LiveFeedLimits = {}): ListenPage {
  const clients = createFeedClients(limits);
  const send = (res: ServerResponse, type: string, body: string | Buffer) => {
    res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-cache' });
    res.end(body);
  };
  return {
    route(req, res) {
      if (req.method !== 'GET') return false;
      if (req.url === '/' && (req.headers.accept ?? '').includes('text/html')) {
        send(res, 'text/html; charset=utf-8', pageShell(title, '/_listen/app.js', 'listen'));
        return true;
      }
      if (req.url === '/_listen/app.js') {
        pageScript().then(
          (script) => send(res, 'text/javascript; charset=utf-8', script),
          (error: unknown) => res.writeHead(500).end(String(error)),
        );
        return true;
      }
      if (req.url === '/_listen/stream') {
        clients.attach(res);
        return true;
      }
      return false;
    },
    publish(entry) {
      if (clients.size === 0) return;
      clients.broadcast(`event: delivery\ndata: ${JSON.stringify(feedEntry(entry))}\n\n`);
    },
    close() {
      clients.close();
    },
  };
}
