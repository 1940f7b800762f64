/**
 * Public types of the webhook delivery engine. Times are epoch milliseconds as
 * returned by the engine's `now` option (default `Date.now`); durations are
 * milliseconds measured with a monotonic clock.
 */

/** Lifecycle of a delivery. `failed` means dead-lettered after its last attempt. */
export type DeliveryState = 'pending' | 'delivered' | 'failed';

/** The request body exactly as it goes on the wire (and as the signer sees it). */
export type DeliveryBody = string | Uint8Array;

/**
 * Produces the signature headers for one attempt. Called again on every attempt
 * (with the 1-based attempt number) so timestamps and signatures are fresh.
 */
export type DeliverySigner = (body: DeliveryBody, attemptNumber: number) => Record<string, string> | Promise<Record<string, string>>;

/** The subset of `fetch` the engine needs; inject a fake in tests if useful. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Timer functions the engine schedules retries and drain deadlines with. */
export interface DeliveryTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** What a caller hands to `enqueue` or `deliverNow`. */
export interface DeliveryInput {
  /** Caller-chosen id; must be unique in the log. Default: a random UUID. */
  id?: string;
  /** Absolute `http:` or `https:` URL the delivery is POSTed to. */
  url: string;
  /** Event type, recorded on the delivery for filtering and display. */
  eventType: string;
  /** Raw body; sent byte for byte. */
  body: DeliveryBody;
  /** Extra request headers; `sign` output overrides them, they override engine headers. */
  headers?: Record<string, string>;
  /** Signature headers for each attempt. */
  sign?: DeliverySigner;
  /** Per-attempt timeout for this delivery; overrides the engine default. */
  timeoutMs?: number;
  /** Attempt budget for this delivery; overrides the engine default. */
  maxAttempts?: number;
  /** Opaque caller data (e.g. the webhook endpoint id), kept on the record. */
  meta?: unknown;
}

/** The outcome of one HTTP attempt. */
export interface AttemptResult {
  /** 1-based attempt number (counts across redeliveries). */
  attemptNumber: number;
  /** True when the receiver answered with a 2xx status. */
  ok: boolean;
  /** HTTP status, or null when no response arrived (timeout, connection error…). */
  status: number | null;
  /** When the attempt started (engine clock). */
  startedAt: number;
  /** Wall time of the attempt including reading the (capped) response body. */
  durationMs: number;
  /**
   * Why no response arrived, as `"<Name>: <message>"`, e.g.
   * `"TimeoutError: The operation was aborted due to timeout"` or
   * `"TypeError: fetch failed (SocketError: other side closed)"`.
   * Undefined when a response arrived (a non-2xx status is not an error string).
   */
  error: string | undefined;
  /** At most `maxResponseBodyBytes` of the response body, decoded as UTF-8. */
  responseBody: string | undefined;
  /** True when the response body was longer than what was recorded. */
  responseBodyTruncated: boolean;
  /** Every request header as sent, signature headers included (empty when signing failed). */
  requestHeaders: Record<string, string>;
  /** The response headers, when a response arrived. */
  responseHeaders: Record<string, string> | undefined;
}

/** One line of a delivery's attempt history. */
export interface AttemptLogEntry {
  readonly number: number;
  readonly startedAt: number;
  readonly durationMs: number;
  readonly status: number | null;
  readonly error?: string;
  readonly responseBody?: string;
  /** Every request header as sent, signature headers included. */
  readonly requestHeaders: Readonly<Record<string, string>>;
  /** The response headers, when a response arrived. */
  readonly responseHeaders?: Readonly<Record<string, string>>;
}

/** A delivery as recorded in the delivery log (returned as a copy). */
export interface DeliveryRecord {
  readonly id: string;
  readonly eventType: string;
  readonly url: string;
  readonly state: DeliveryState;
  /** Attempts made so far, across redeliveries. */
  readonly attempts: number;
  /** Attempt budget of the current round (a redelivery starts a fresh round). */
  readonly maxAttempts: number;
  /** Status of the latest attempt, null if none arrived or none was made. */
  readonly lastStatus: number | null;
  /** Error of the latest attempt, null if it got a response or none was made. */
  readonly lastError: string | null;
  readonly createdAt: number;
  readonly deliveredAt: number | null;
  /** When the delivery was dead-lettered; null unless `state` is `failed`. */
  readonly failedAt: number | null;
  /** When the next retry is due; null unless waiting for a backoff delay. */
  readonly nextRetryAt: number | null;
  /** The latest attempts, at most `maxAttemptLog` of them (`attempts` counts every one). */
  readonly attemptLog: readonly AttemptLogEntry[];
  /** The request body as sent, decoded as UTF-8. */
  readonly body: string;
  readonly meta: unknown;
}

/** What an engine observer hears: a record that changed (queued, attempted, redelivered) or one that was removed. */
export type DeliveryChange = { type: 'updated'; record: DeliveryRecord } | { type: 'removed'; id: string };

/** Exponential backoff between attempts of one delivery. */
export interface BackoffOptions {
  /** Delay before the first retry (before jitter). */
  baseMs: number;
  /** Growth per retry: delay n = baseMs * factor^(n-1). */
  factor: number;
  /** Upper bound of the delay (before jitter). */
  maxMs: number;
  /** `full`: uniform in [0, delay); `none`: exactly the delay. */
  jitter: 'full' | 'none';
}

/** Options of `createDeliveryEngine`; every field is optional. */
export interface DeliveryEngineOptions {
  /** Per-attempt timeout. Default 10 000. */
  timeoutMs?: number;
  /** Attempts per delivery before dead-lettering. Default 5. */
  maxAttempts?: number;
  /** Attempts in flight at once across all deliveries. Default 32. */
  concurrency?: number;
  /** Default `{ baseMs: 1000, factor: 2, maxMs: 60 000, jitter: 'full' }`. */
  backoff?: Partial<BackoffOptions>;
  /** Bytes of each response body kept. Default 4096; 0 keeps none. */
  maxResponseBodyBytes?: number;
  /**
   * Pending deliveries (queued, waiting for a retry or in flight) accepted at once. Default
   * 10 000; `enqueue` beyond it throws `DeliveryError` `queue_full` instead of growing without end.
   */
  maxPending?: number;
  /** Settled records (delivered or dead-lettered) kept in the log; the oldest is evicted first. Default 10 000. */
  maxRecords?: number;
  /** Dead letters kept; the oldest is evicted (from the queue and the log) first. Default 1 000. */
  maxDeadLetters?: number;
  /**
   * Entries of `attemptLog` kept per delivery; the oldest is dropped first while `attempts` keeps
   * counting, so a delivery redelivered without end stays bounded. Default 100.
   */
  maxAttemptLog?: number;
  /** Headers sent with every delivery (lowest precedence). */
  headers?: Record<string, string>;
  fetch?: FetchLike;
  /** Clock for recorded timestamps and retry deadlines. Default `Date.now`. */
  now?: () => number;
  /** Timers for retries and drain deadlines. Default: global timers, `unref`'d. */
  timers?: DeliveryTimers;
  /** Source of jitter in [0, 1). Default `Math.random`. */
  random?: () => number;
  /** Called after every queued attempt with the updated record. */
  onAttempt?: (record: DeliveryRecord, result: AttemptResult) => void;
  /** Called when a delivery is delivered or dead-lettered. */
  onSettled?: (record: DeliveryRecord) => void;
  /** Receives errors thrown by `onAttempt`/`onSettled` (otherwise ignored). */
  onHookError?: (error: unknown, hook: 'onAttempt' | 'onSettled' | 'observe') => void;
}

/** Options after defaults and validation. */
export interface NormalizedEngineOptions {
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  readonly concurrency: number;
  readonly backoff: Readonly<BackoffOptions>;
  readonly maxResponseBodyBytes: number;
  readonly maxPending: number;
  readonly maxRecords: number;
  readonly maxDeadLetters: number;
  readonly maxAttemptLog: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly fetch: FetchLike;
  readonly now: () => number;
  readonly timers: DeliveryTimers;
  readonly random: () => number;
  readonly onAttempt: ((record: DeliveryRecord, result: AttemptResult) => void) | undefined;
  readonly onSettled: ((record: DeliveryRecord) => void) | undefined;
  readonly onHookError: ((error: unknown, hook: 'onAttempt' | 'onSettled' | 'observe') => void) | undefined;
}

/** Filter for `engine.list`; all given fields must match. */
export interface DeliveryFilter {
  state?: DeliveryState;
  eventType?: string;
  url?: string;
  /** Only deliveries created at or after this time. */
  since?: number;
  /** Arbitrary extra condition, e.g. on `meta`. */
  where?: (record: DeliveryRecord) => boolean;
}

/** Returned by `engine.stats()`. */
export interface DeliveryStats {
  total: number;
  pending: number;
  delivered: number;
  failed: number;
  /** Attempts currently on the wire (queued and `deliverNow`). */
  inFlight: number;
  /** Pending deliveries whose attempt is due and waiting for a concurrency slot. */
  queued: number;
  /** Pending deliveries waiting for a backoff delay. */
  scheduled: number;
}

/** Returned by `engine.drain()`. */
export interface DrainResult {
  /** True when nothing was in flight and no retry was due before the deadline. */
  drained: boolean;
  /** Attempts still in flight when drain resolved (0 when drained). */
  inFlight: number;
  /** Deliveries still pending when drain resolved, e.g. retries due after the deadline. */
  pending: DeliveryRecord[];
}

/** Returned by `engine.enqueue()`. */
export interface DeliveryHandle {
  readonly id: string;
  /** The record as it is now, or undefined once removed. */
  snapshot(): DeliveryRecord | undefined;
  /** Same as `engine.settled(id)`. */
  settled(): Promise<DeliveryRecord>;
}

/** The delivery engine returned by `createDeliveryEngine`. */
export interface DeliveryEngine {
  /** The normalised options the engine runs with. */
  readonly options: NormalizedEngineOptions;
  /**
   * Records a delivery and schedules its first attempt.
   *
   * @example
   * const handle = engine.enqueue({ url, eventType: 'order.paid', body: JSON.stringify(event), sign });
   * const record = await handle.settled();
   */
  enqueue(delivery: DeliveryInput): DeliveryHandle;
  /**
   * Performs exactly one attempt now, outside the log and the concurrency limit,
   * and resolves with its result (never rejects for HTTP or network failures).
   *
   * @example
   * const r = await engine.deliverNow({ url, eventType: 'test', body, timeoutMs: 10_000 });
   * reply({ delivered: r.ok, http_status: r.status, response_time_ms: r.durationMs, error: r.error ?? null });
   */
  deliverNow(delivery: DeliveryInput, options?: { signal?: AbortSignal }): Promise<AttemptResult>;
  /**
   * A copy of one record, or undefined.
   *
   * @example
   * const record = engine.get(id);
   */
  get(id: string): DeliveryRecord | undefined;
  /**
   * Copies of the records (oldest first) matching the filter or predicate.
   *
   * @example
   * engine.list({ state: 'failed', where: (r) => (r.meta as { endpointId: string }).endpointId === endpointId });
   */
  list(filter?: DeliveryFilter | ((record: DeliveryRecord) => boolean)): DeliveryRecord[];
  /**
   * Deletes matching records (any state) and cancels their retries; returns how many.
   *
   * @example
   * engine.remove((r) => (r.meta as { endpointId: string }).endpointId === deletedEndpointId);
   */
  remove(predicate: (record: DeliveryRecord) => boolean): number;
  /**
   * Resolves once the delivery is delivered or dead-lettered (or the engine closes,
   * or the record is removed: then with the record as it stood).
   *
   * @example
   * const record = await engine.settled(id);
   */
  settled(id: string): Promise<DeliveryRecord>;
  /**
   * Dead-lettered deliveries, in the order they were dead-lettered.
   *
   * @example
   * for (const record of engine.deadLetters()) console.log(record.id, record.lastStatus);
   */
  deadLetters(): DeliveryRecord[];
  /**
   * Moves a dead-lettered or delivered delivery back to pending with a fresh attempt budget
   * (the same body, signed afresh); a pending one is refused with `delivery_pending`.
   *
   * @example
   * engine.redeliver(id);
   */
  redeliver(id: string): DeliveryHandle;
  /**
   * Deletes a dead-lettered delivery from the queue and the log; returns its last state.
   *
   * @example
   * engine.discard(id);
   */
  discard(id: string): DeliveryRecord;
  /**
   * Counts by state plus in-flight, queued and scheduled work.
   *
   * @example
   * const { inFlight, pending } = engine.stats();
   */
  stats(): DeliveryStats;
  /**
   * Resolves when no attempt is in flight and no retry is due before the deadline.
   * With `timeoutMs` the wait keeps the process alive until the deadline; without it
   * nothing does (retry timers are unref'd), so pass one when awaiting at shutdown.
   *
   * @example
   * const { drained, pending } = await engine.drain({ timeoutMs: 5_000 });
   */
  drain(options?: { timeoutMs?: number }): Promise<DrainResult>;
  /**
   * Stops scheduling: cancels retry timers and refuses new work. In-flight attempts
   * finish (or are aborted with `abortInFlight`); unfinished deliveries stay pending.
   *
   * @example
   * await engine.drain({ timeoutMs: 5_000 });
   * engine.close({ abortInFlight: true });
   */
  close(options?: { abortInFlight?: boolean }): void;
  /** True once `close` was called. */
  readonly closed: boolean;
  /**
   * Calls `listener` on every change to the log until the returned function is called. With no
   * observer the engine does no extra work (a live view such as the mock's inspector attaches
   * one only while someone watches).
   *
   * @example
   * const stop = engine.observe((change) => console.log(change.type));
   */
  observe(listener: (change: DeliveryChange) => void): () => void;
}
