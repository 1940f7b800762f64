/**
 * The inspector's live feed, as server-sent events on `GET /_mock/stream`: every change of a
 * delivery (`delivery`, `removed`) and a `state` ping after any request that may have changed
 * endpoints or switches. A `delivery` event carries what changed, not the whole record: the
 * record's fields without its attempt log, the latest attempt, and the body only when the
 * delivery is new (see `deliveryDelta`). The engines are observed only while at least one page
 * is connected, so the mock API pays nothing when nobody watches.
 * @module
 */
import type { ServerResponse } from 'node:http';
import type { DeliveryRecord } from '../../src/delivery/index.ts';
import type { ApiMock } from '../shared/api-mock.ts';
import { createFeedClients, type LiveFeedLimits } from './feed-clients.ts';

export interface LiveStream {
  /** How many pages are connected. */
  readonly size: number;
  /** Takes over a response as an event stream until the client goes away (503 when the feed is full). */
  attach(res: ServerResponse): void;
  /** Sends one event to every connected page. */
  send(event: string, data: unknown): void;
  close(): void;
}

/** What a `delivery` event carries: the record without its log, its latest attempt, and its body when it is new. */
export function deliveryDelta(record: DeliveryRecord): Record<string, unknown> {
  const { attemptLog, body, ...fields } = record;
  const latest = attemptLog.at(-1);
  return {
    ...fields,
    ...(latest === undefined ? {} : { attempt: latest }),
    // A queued delivery has made no attempt: the page sees its body once, then only changes.
    ...(record.attempts === 0 ? { body } : {}),
  };
}

/** Keeps idle proxies and browsers from dropping a quiet stream. */
const HEARTBEAT_MS = 15_000;

export function createLiveStream(mocks: Readonly<Partial<Record<string, ApiMock<unknown>>>>, limits: LiveFeedLimits = {}): LiveStream {
  let stopObserving: Array<() => void> = [];
  let heartbeat: NodeJS.Timeout | undefined;

  const send = (event: string, data: unknown) => {
    if (clients.size === 0) return;
    clients.broadcast(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const observe = () => {
    stopObserving = Object.entries(mocks).map(([api, mock]) =>
      mock!.engine.observe((change) =>
        change.type === 'updated' ? send('delivery', { api, delta: deliveryDelta(change.record) }) : send('removed', { api, id: change.id }),
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
  const clients = createFeedClients(limits, { onFirst: observe, onEmpty: stop });

  return {
    get size() {
      return clients.size;
    },
    attach(res) {
      clients.attach(res);
    },
    send,
    close() {
      clients.close();
    },
  };
}
