import { mergeHeaders, performAttempt } from './attempt.ts';
import { computeBackoffDelay } from './backoff.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';
import { normalizeDelivery } from './delivery-input.ts';
import type { NormalizedDelivery } from './delivery-input.ts';
import { DeliveryLog, snapshotRecord } from './delivery-log.ts';
import type { MutableDeliveryRecord } from './delivery-log.ts';
import { DeliveryError } from './errors.ts';
import { normalizeEngineOptions } from './options.ts';
import type {
  DeliveryChange,
  AttemptResult,
  DeliveryEngine,
  DeliveryEngineOptions,
  DeliveryFilter,
  DeliveryHandle,
  DeliveryInput,
  DeliveryRecord,
  DeliveryStats,
  DrainResult,
  NormalizedEngineOptions,
} from './types.ts';
import { MAX_TIMER_MS, integerInRange } from './validate.ts';

/**
 * Where a delivery is in the scheduler. Every job is in exactly one phase, which
 * is what guarantees no delivery is lost: each transition out of `in_flight`
 * lands in `settled` (delivered or dead-lettered), `scheduled`, or `parked`.
 */
type Phase =
  /** Due now, waiting in the ready queue for a concurrency slot. */
  | 'queued'
  /** Waiting for its backoff timer. */
  | 'scheduled'
  | 'in_flight'
  /** Pending but the engine is closed: nothing will run it again. */
  | 'parked'
  /** Delivered or dead-lettered. */
  | 'settled'
  /** Deleted from the log (remove/discard); stale references must ignore it. */
  | 'removed';

interface Job {
  readonly delivery: NormalizedDelivery;
  readonly record: MutableDeliveryRecord;
  phase: Phase;
  /** `record.attempts` when the current attempt budget began (0, or the count at redelivery). */
  roundStart: number;
  timer: unknown;
  waiters: Array<(record: DeliveryRecord) => void>;
}

interface DrainWaiter {
  readonly deadline: number;
  readonly resolve: (result: DrainResult) => void;
  timer: unknown;
}

class Engine implements DeliveryEngine {
  readonly options: NormalizedEngineOptions;
  readonly #log = new DeliveryLog();
  readonly #dlq = new DeadLetterQueue();
  readonly #jobs = new Map<string, Job>();
  /** Ids of settled jobs, oldest first: what `maxRecords` evicts from. Pending = jobs − settled. */
  readonly #settledOrder = new Set<string>();
  /** FIFO of due jobs; `#readyHead` avoids O(n) shifts under load. May hold stale (removed) jobs. */
  #ready: Job[] = [];
  #readyHead = 0;
  #queuedCount = 0;
  readonly #scheduled = new Set<Job>();
  #inFlight = 0;
  #directInFlight = 0;
  #closed = false;
  readonly #abort = new AbortController();
  readonly #drainWaiters = new Set<DrainWaiter>();
  readonly #observers = new Set<(change: DeliveryChange) => void>();

  constructor(options: NormalizedEngineOptions) {
    this.options = options;
  }

  get closed(): boolean {
    return this.#closed;
  }

  enqueue(input: DeliveryInput): DeliveryHandle {
    this.#assertOpen();
    const delivery = normalizeDelivery(input, this.options);
    if (this.#log.has(delivery.id)) {
      throw new DeliveryError('duplicate_delivery', `a delivery with id ${JSON.stringify(delivery.id)} already exists`);
    }
    // Settled records are evicted; pending ones never are, so they are refused instead.
    if (this.#jobs.size - this.#settledOrder.size >= this.options.maxPending) {
      throw new DeliveryError('queue_full', `${this.options.maxPending} deliveries are already pending (maxPending); try again once some have settled`);
    }
    const record: MutableDeliveryRecord = {
      id: delivery.id,
      eventType: delivery.eventType,
      url: delivery.url,
      state: 'pending',
      attempts: 0,
      maxAttempts: delivery.maxAttempts,
      lastStatus: null,
      lastError: null,
      createdAt: this.options.now(),
      deliveredAt: null,
      failedAt: null,
      nextRetryAt: null,
      attemptLog: [],
      body: typeof delivery.body === 'string' ? delivery.body : new TextDecoder().decode(delivery.body),
      meta: delivery.meta,
    };
    const job: Job = { delivery, record, phase: 'queued', roundStart: 0, timer: undefined, waiters: [] };
    this.#log.add(record);
    this.#jobs.set(record.id, job);
    this.#makeReady(job);
    this.#notify(record);
    this.#pump();
    return this.#handle(record.id);
  }

  async deliverNow(input: DeliveryInput, options: { signal?: AbortSignal } = {}): Promise<AttemptResult> {
    this.#assertOpen();
    const delivery = normalizeDelivery(input, this.options);
    const signal = options.signal ? AbortSignal.any([options.signal, this.#abort.signal]) : this.#abort.signal;
    // Counted for stats/drain but not against `concurrency`: a "send test event" call must not wait behind a backlog.
    this.#directInFlight += 1;
    try {
      return await performAttempt({
        url: delivery.url,
        body: delivery.body,
        headers: mergeHeaders(this.options.headers, delivery.headers),
        sign: delivery.sign,
        attemptNumber: 1,
        timeoutMs: delivery.timeoutMs,
        maxResponseBodyBytes: this.options.maxResponseBodyBytes,
        fetch: this.options.fetch,
        now: this.options.now,
        signal,
      });
    } finally {
      this.#directInFlight -= 1;
      this.#checkDrain();
    }
  }

  get(id: string): DeliveryRecord | undefined {
    return this.#log.get(id);
  }

  list(filter?: DeliveryFilter | ((record: DeliveryRecord) => boolean)): DeliveryRecord[] {
    return this.#log.list(filter);
  }

  remove(predicate: (record: DeliveryRecord) => boolean): number {
    let removed = 0;
    for (const job of [...this.#jobs.values()]) {
      if (!predicate(snapshotRecord(job.record))) continue;
      this.#drop(job);
      removed += 1;
    }
    this.#checkDrain();
    return removed;
  }

  settled(id: string): Promise<DeliveryRecord> {
    const job = this.#jobs.get(id);
    if (!job) return Promise.reject(unknownDelivery(id));
    if (job.phase === 'settled' || job.phase === 'parked') return Promise.resolve(snapshotRecord(job.record));
    return new Promise((resolve) => job.waiters.push(resolve));
  }

  deadLetters(): DeliveryRecord[] {
    const out: DeliveryRecord[] = [];
    for (const id of this.#dlq.ids()) {
      const record = this.#log.get(id);
      if (record) out.push(record);
    }
    return out;
  }

  redeliver(id: string): DeliveryHandle {
    this.#assertOpen();
    const job = this.#jobs.get(id);
    if (!job) throw unknownDelivery(id);
    if (job.record.state === 'pending') {
      throw new DeliveryError('delivery_pending', `delivery ${JSON.stringify(id)} is still pending; redeliver it once it is delivered or dead-lettered`);
    }
    const record = job.record;
    this.#dlq.delete(id);
    this.#settledOrder.delete(id);
    record.state = 'pending';
    record.failedAt = null;
    record.deliveredAt = null;
    record.nextRetryAt = null;
    // Fresh budget, but the attempt count and log keep the full history.
    job.roundStart = record.attempts;
    this.#makeReady(job);
    this.#notify(record);
    this.#pump();
    return this.#handle(id);
  }

  discard(id: string): DeliveryRecord {
    const job = this.#deadLetteredJob(id);
    const snapshot = snapshotRecord(job.record);
    this.#drop(job);
    return snapshot;
  }

  stats(): DeliveryStats {
    return {
      total: this.#log.size,
      ...this.#log.countByState(),
      inFlight: this.#inFlight + this.#directInFlight,
      queued: this.#queuedCount,
      scheduled: this.#scheduled.size,
    };
  }

  drain(options: { timeoutMs?: number } = {}): Promise<DrainResult> {
    const timeoutMs = options.timeoutMs === undefined ? undefined : integerInRange('invalid_options', 'drain timeoutMs', options.timeoutMs, 0, MAX_TIMER_MS);
    const deadline = timeoutMs === undefined ? Infinity : this.options.now() + timeoutMs;
    if (this.#idleUntil(deadline)) return Promise.resolve(this.#drainResult(deadline));
    return new Promise((resolve) => {
      const waiter: DrainWaiter = { deadline, resolve, timer: undefined };
      if (timeoutMs !== undefined) {
        waiter.timer = this.options.timers.setTimeout(() => {
          this.#drainWaiters.delete(waiter);
          resolve(this.#drainResult(deadline));
        }, timeoutMs);
        // Retry timers are unref'd; this bounded wait is ref'd so a shutdown that awaits drain
        // keeps the process alive until the retries due before the deadline have run.
        (waiter.timer as { ref?: () => void } | null)?.ref?.();
      }
      this.#drainWaiters.add(waiter);
    });
  }

  close(options: { abortInFlight?: boolean } = {}): void {
    if (!this.#closed) {
      this.#closed = true;
      for (const job of this.#scheduled) {
        this.options.timers.clearTimeout(job.timer);
        job.timer = undefined;
        job.phase = 'parked';
      }
      this.#scheduled.clear();
      for (let i = this.#readyHead; i < this.#ready.length; i += 1) {
        const job = this.#ready[i];
        if (job && job.phase === 'queued') job.phase = 'parked';
      }
      this.#ready = [];
      this.#readyHead = 0;
      this.#queuedCount = 0;
      // Nothing will move parked jobs again, so their waiters get the record as it stands.
      for (const job of this.#jobs.values()) {
        if (job.phase === 'parked') this.#resolveWaiters(job);
      }
    }
    if (options.abortInFlight) this.#abort.abort();
    this.#checkDrain();
  }

  #assertOpen(): void {
    if (this.#closed) throw new DeliveryError('engine_closed', 'the delivery engine is closed');
  }

  #deadLetteredJob(id: string): Job {
    const job = this.#jobs.get(id);
    if (!job) throw unknownDelivery(id);
    if (job.record.state !== 'failed') {
      throw new DeliveryError('not_dead_lettered', `delivery ${JSON.stringify(id)} is ${job.record.state}, not in the dead-letter queue`);
    }
    return job;
  }

  #handle(id: string): DeliveryHandle {
    return {
      id,
      snapshot: () => this.#log.get(id),
      settled: () => this.settled(id),
    };
  }

  #makeReady(job: Job): void {
    job.phase = 'queued';
    this.#ready.push(job);
    this.#queuedCount += 1;
  }

  #nextReady(): Job | undefined {
    while (this.#readyHead < this.#ready.length) {
      const job = this.#ready[this.#readyHead];
      this.#readyHead += 1;
      if (job && job.phase === 'queued') {
        this.#queuedCount -= 1;
        // Under sustained load the queue may never empty: drop the consumed prefix now and then.
        if (this.#readyHead >= 1024 && this.#readyHead * 2 >= this.#ready.length) {
          this.#ready = this.#ready.slice(this.#readyHead);
          this.#readyHead = 0;
        }
        return job;
      }
    }
    // Fully consumed: reset instead of letting the array grow forever.
    this.#ready = [];
    this.#readyHead = 0;
    return undefined;
  }

  #pump(): void {
    while (!this.#closed && this.#inFlight < this.options.concurrency) {
      const job = this.#nextReady();
      if (!job) return;
      this.#run(job);
    }
  }

  #run(job: Job): void {
    job.phase = 'in_flight';
    job.record.nextRetryAt = null;
    this.#inFlight += 1;
    const attemptNumber = job.record.attempts + 1;
    performAttempt({
      url: job.delivery.url,
      body: job.delivery.body,
      headers: mergeHeaders(this.options.headers, job.delivery.headers),
      sign: job.delivery.sign,
      attemptNumber,
      timeoutMs: job.delivery.timeoutMs,
      maxResponseBodyBytes: this.options.maxResponseBodyBytes,
      fetch: this.options.fetch,
      now: this.options.now,
      signal: this.#abort.signal,
    })
      // performAttempt never rejects by contract; this keeps an injected fetch bug from losing the job.
      .catch(
        (error: unknown): AttemptResult => ({
          attemptNumber,
          ok: false,
          status: null,
          startedAt: this.options.now(),
          durationMs: 0,
          error: `InternalError: ${String(error)}`,
          responseBody: undefined,
          responseBodyTruncated: false,
          requestHeaders: {},
          responseHeaders: undefined,
        }),
      )
      .then((result) => {
        this.#inFlight -= 1;
        try {
          this.#settleAttempt(job, result);
        } finally {
          this.#pump();
          this.#checkDrain();
        }
      });
  }

  #settleAttempt(job: Job, result: AttemptResult): void {
    if (job.phase !== 'in_flight') return; // removed while the request was on the wire
    const record = job.record;
    record.attempts = result.attemptNumber;
    record.lastStatus = result.status;
    record.lastError = result.error ?? null;
    record.attemptLog.push({
      number: result.attemptNumber,
      startedAt: result.startedAt,
      durationMs: result.durationMs,
      status: result.status,
      ...(result.error === undefined ? {} : { error: result.error }),
      ...(result.responseBody === undefined ? {} : { responseBody: result.responseBody }),
      requestHeaders: result.requestHeaders,
      ...(result.responseHeaders === undefined ? {} : { responseHeaders: result.responseHeaders }),
    });
    // The oldest attempt goes first; `attempts` still counts it.
    if (record.attemptLog.length > this.options.maxAttemptLog) record.attemptLog.splice(0, record.attemptLog.length - this.options.maxAttemptLog);

    const now = this.options.now();
    const roundAttempts = record.attempts - job.roundStart;
    if (result.ok) {
      record.state = 'delivered';
      record.deliveredAt = now;
      job.phase = 'settled';
    } else if (this.#abort.signal.aborted) {
      // Aborted by our own shutdown, not the receiver's fault: keep it pending rather than dead-letter it.
      job.phase = 'parked';
    } else if (roundAttempts >= record.maxAttempts) {
      record.state = 'failed';
      record.failedAt = now;
      this.#dlq.add(record.id);
      job.phase = 'settled';
    } else {
      const delay = computeBackoffDelay(roundAttempts, this.options.backoff, this.options.random);
      // Kept even when closed, so a caller persisting pending work knows when it was due.
      record.nextRetryAt = now + delay;
      if (this.#closed) job.phase = 'parked';
      else this.#schedule(job, delay);
    }

    this.#notify(record);
    this.#callHook('onAttempt', () => this.options.onAttempt?.(snapshotRecord(record), result));
    if (job.phase === 'settled') {
      this.#callHook('onSettled', () => this.options.onSettled?.(snapshotRecord(record)));
    }
    if (job.phase === 'settled' || job.phase === 'parked') this.#resolveWaiters(job);
    if (job.phase === 'settled') this.#keepSettled(job);
  }

  /** Records a settled job and evicts the oldest dead letters and settled records over the limits. */
  #keepSettled(job: Job): void {
    this.#settledOrder.add(job.record.id);
    for (const id of this.#dlq.ids()) {
      if (this.#dlq.size <= this.options.maxDeadLetters) break;
      const oldest = this.#jobs.get(id);
      if (oldest) this.#drop(oldest);
      else this.#dlq.delete(id);
    }
    for (const id of this.#settledOrder) {
      if (this.#settledOrder.size <= this.options.maxRecords) break;
      const oldest = this.#jobs.get(id);
      if (oldest) this.#drop(oldest);
      else this.#settledOrder.delete(id);
    }
  }

  #schedule(job: Job, delayMs: number): void {
    job.phase = 'scheduled';
    this.#scheduled.add(job);
    job.timer = this.options.timers.setTimeout(() => {
      job.timer = undefined;
      if (!this.#scheduled.delete(job) || job.phase !== 'scheduled') return;
      this.#makeReady(job);
      this.#pump();
    }, delayMs);
  }

  /** Deletes a job everywhere; an in-flight attempt finishes but its result is ignored. */
  #drop(job: Job): void {
    if (job.phase === 'scheduled') {
      this.options.timers.clearTimeout(job.timer);
      job.timer = undefined;
      this.#scheduled.delete(job);
    } else if (job.phase === 'queued') {
      this.#queuedCount -= 1;
    }
    job.phase = 'removed';
    this.#jobs.delete(job.record.id);
    this.#settledOrder.delete(job.record.id);
    this.#log.delete(job.record.id);
    this.#dlq.delete(job.record.id);
    this.#resolveWaiters(job);
    if (this.#observers.size > 0) this.#tell({ type: 'removed', id: job.record.id });
  }

  observe(listener: (change: DeliveryChange) => void): () => void {
    this.#observers.add(listener);
    return () => void this.#observers.delete(listener);
  }

  /** Tells observers a record changed; nothing is copied when nobody observes. */
  #notify(record: MutableDeliveryRecord): void {
    if (this.#observers.size > 0) this.#tell({ type: 'updated', record: snapshotRecord(record) });
  }

  #tell(change: DeliveryChange): void {
    for (const listener of this.#observers) {
      try {
        listener(change);
      } catch (error) {
        this.options.onHookError?.(error, 'observe');
      }
    }
  }

  #resolveWaiters(job: Job): void {
    if (job.waiters.length === 0) return;
    const waiters = job.waiters;
    job.waiters = [];
    const snapshot = snapshotRecord(job.record);
    for (const resolve of waiters) resolve(snapshot);
  }

  #idleUntil(deadline: number): boolean {
    if (this.#inFlight + this.#directInFlight > 0 || this.#queuedCount > 0) return false;
    if (this.#closed) return true;
    for (const job of this.#scheduled) {
      if ((job.record.nextRetryAt ?? 0) <= deadline) return false;
    }
    return true;
  }

  #drainResult(deadline: number): DrainResult {
    return {
      drained: this.#idleUntil(deadline),
      inFlight: this.#inFlight + this.#directInFlight,
      pending: this.#log.list({ state: 'pending' }),
    };
  }

  #checkDrain(): void {
    for (const waiter of this.#drainWaiters) {
      if (!this.#idleUntil(waiter.deadline)) continue;
      this.#drainWaiters.delete(waiter);
      if (waiter.timer !== undefined) this.options.timers.clearTimeout(waiter.timer);
      waiter.resolve(this.#drainResult(waiter.deadline));
    }
  }

  /** A throwing (or rejecting) hook must never break scheduling or lose a delivery. */
  #callHook(hook: 'onAttempt' | 'onSettled', call: () => unknown): void {
    const report = (error: unknown): void => {
      try {
        this.options.onHookError?.(error, hook);
      } catch {
        // The error reporter itself failed; there is nowhere left to report to.
      }
    };
    try {
      const returned = call();
      if (returned instanceof Promise) returned.catch(report);
    } catch (error) {
      report(error);
    }
  }
}

function unknownDelivery(id: string): DeliveryError {
  return new DeliveryError('unknown_delivery', `no delivery with id ${JSON.stringify(id)}`);
}

/**
 * Creates a webhook delivery engine. Options are validated once here (a bad value
 * throws `DeliveryError` with code `invalid_options`); signing is supplied per
 * delivery because each partner API signs differently.
 *
 * @example
 * const engine = createDeliveryEngine({ timeoutMs: 3000, maxAttempts: 5, concurrency: 32 });
 * const handle = engine.enqueue({
 *   url: endpoint.url,
 *   eventType: 'agent.registered',
 *   body: JSON.stringify(event),
 *   sign: (body) => ({ 'x-partner-signature': hmacHex(secret, body) }),
 *   meta: { endpointId: endpoint.id },
 * });
 * const record = await handle.settled(); // record.state: 'delivered' | 'failed'
 * await engine.drain({ timeoutMs: 5000 });
 * engine.close();
 */
export function createDeliveryEngine(options: DeliveryEngineOptions = {}): DeliveryEngine {
  return new Engine(normalizeEngineOptions(options));
}
