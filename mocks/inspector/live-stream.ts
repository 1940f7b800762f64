/**
 * The inspector's live feed, as server-sent events on `GET /_mock/stream`: every change of a
 * delivery (`delivery`, `removed`) and a `state` ping after any request that may have changed
 * endpoints or switches. The engines are observed only while at least one page is connected,
 * so the mock API pays nothing when nobody watches.
 * @module
 */
import type { ServerResponse } from 'node:http';
import type { ApiMock } from '../shared/api-mock.ts';

export interface LiveStream {
  /** How many pages are connected. */
  readonly size: number;
  /** Takes over a response as an event stream until the client goes away. */
  attach(res: ServerResponse): void;
  /** Sends one event to every connected page. */
  send(event: string, data: unknown): void;
  close(): void;
}

/** Keeps idle proxies and browsers from dropping a quiet stream. */
const HEARTBEAT_MS = 15_000;

export function createLiveStream(mocks: Readonly<Partial<Record<string, ApiMock<unknown>>>>): LiveStream {
  const clients = new Set<ServerResponse>();
  let stopObserving: Array<() => void> = [];
  let heartbeat: NodeJS.Timeout | undefined;

  const send = (event: string, data: unknown) => {
    if (clients.size === 0) return;
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of clients) res.write(frame);
  };
  const observe = () => {
    stopObserving = Object.entries(mocks).map(([api, mock]) =>
      mock!.engine.observe((change) =>
        change.type === 'updated' ? send('delivery', { api, record: change.record }) : send('removed', { api, id: change.id }),
      ),
    );
    heartbeat = setInterval(() => send('ping', {}), HEARTBEAT_MS);
    heartbeat.unref();
  };
  const stop = () => {
    for (const unsubscribe of stopObserving) unsubscribe();
    stopObserving = [];
    clearInterval(heartbeat);
  };

  return {
    get size() {
      return clients.size;
    },
    attach(res) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write('retry: 1000\n\n');
      if (clients.size === 0) observe();
      clients.add(res);
      res.once('close', () => {
        clients.delete(res);
        if (clients.size === 0) stop();
      });
    },
    send,
    close() {
      for (const res of clients) res.end();
      clients.clear();
      stop();
    },
  };
}
