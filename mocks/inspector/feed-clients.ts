/**
 * The open pages of a server-sent event feed (the mock's `/_mock/stream`, listen's
 * `/_listen/stream`), bounded: at most `maxClients` at once (more get 503), and a client that
 * stops reading is disconnected once `maxBufferedBytes` wait in its socket's buffer, so one
 * stalled page cannot make the server hold every event in memory.
 * @module
 */
import type { ServerResponse } from 'node:http';

export interface LiveFeedLimits {
  /** Pages connected at once; more are answered 503. Default 32. */
  maxClients?: number;
  /** Bytes waiting to be written to one page before it is disconnected. Default 1 MiB. */
  maxBufferedBytes?: number;
}

export const DEFAULT_FEED_LIMITS: Readonly<Required<LiveFeedLimits>> = Object.freeze({ maxClients: 32, maxBufferedBytes: 1024 * 1024 });

export interface FeedClients {
  readonly size: number;
  /** Takes over the response as an event stream, or answers 503 when the feed is full (false). */
  attach(res: ServerResponse): boolean;
  /** Writes one frame to every client; a client whose buffer is over the limit is dropped instead. */
  broadcast(frame: string): void;
  close(): void;
}

export function createFeedClients(limits: LiveFeedLimits = {}, hooks: { onFirst?: () => void; onEmpty?: () => void } = {}): FeedClients {
  const { maxClients, maxBufferedBytes } = { ...DEFAULT_FEED_LIMITS, ...limits };
  const clients = new Set<ServerResponse>();
  const drop = (res: ServerResponse) => {
    if (!clients.delete(res)) return;
    // Destroying discards what is buffered: the memory is released now, not when the page reads.
    res.destroy();
    if (clients.size === 0) hooks.onEmpty?.();
  };
  return {
    get size() {
      return clients.size;
    },
    attach(res) {
      if (clients.size >= maxClients) {
        const text = JSON.stringify({ error: 'feed_full', message: `At most ${maxClients} pages follow the live feed at once; close one and reload.` });
        res.writeHead(503, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'retry-after': '5' });
        res.end(text);
        return false;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write('retry: 1000\n\n');
      if (clients.size === 0) hooks.onFirst?.();
      clients.add(res);
      res.once('close', () => drop(res));
      return true;
    },
    broadcast(frame) {
      const size = Buffer.byteLength(frame);
      for (const res of clients) {
        // A frame alone may be larger than the limit; one that waits behind unread ones may not.
        if (res.writableLength > 0 && res.writableLength + size > maxBufferedBytes) drop(res);
        else res.write(frame);
      }
    },
    close() {
      for (const res of clients) res.end();
      clients.clear();
      hooks.onEmpty?.();
    },
  };
}
