import type { AttemptLogEntry, DeliveryFilter, DeliveryRecord, DeliveryState } from './types.ts';

/** The engine's own, mutable view of a record. Never handed out directly. */
export interface MutableDeliveryRecord {
  id: string;
  eventType: string;
  url: string;
  state: DeliveryState;
  attempts: number;
  maxAttempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
  failedAt: number | null;
  nextRetryAt: number | null;
  attemptLog: AttemptLogEntry[];
  body: string;
  meta: unknown;
}

/**
 * Copies a record for callers: mutating the copy cannot corrupt engine state.
 * `meta` is the caller's own object and is passed through by reference.
 *
 * @example
 * const copy = snapshotRecord(record);
 */
export function snapshotRecord(record: MutableDeliveryRecord): DeliveryRecord {
  return { ...record, attemptLog: record.attemptLog.map((entry) => ({ ...entry, requestHeaders: { ...entry.requestHeaders } })) };
}

/**
 * Tests a record against a list filter or predicate.
 *
 * @example
 * matchesFilter(record, { state: 'failed', eventType: 'order.paid' });
 */
export function matchesFilter(record: DeliveryRecord, filter: DeliveryFilter | ((record: DeliveryRecord) => boolean) | undefined): boolean {
  if (filter === undefined) return true;
  if (typeof filter === 'function') return filter(record);
  if (filter.state !== undefined && record.state !== filter.state) return false;
  if (filter.eventType !== undefined && record.eventType !== filter.eventType) return false;
  if (filter.url !== undefined && record.url !== filter.url) return false;
  if (filter.since !== undefined && record.createdAt < filter.since) return false;
  if (filter.where !== undefined && !filter.where(record)) return false;
  return true;
}

/**
 * The delivery log: every record by id, in creation order.
 *
 * @example
 * const log = new DeliveryLog();
 * log.add(record);
 * log.list({ state: 'pending' });
 */
export class DeliveryLog {
  readonly #records = new Map<string, MutableDeliveryRecord>();

  get size(): number {
    return this.#records.size;
  }

  has(id: string): boolean {
    return this.#records.has(id);
  }

  add(record: MutableDeliveryRecord): void {
    this.#records.set(record.id, record);
  }

  /** The live record (engine use only). */
  getMutable(id: string): MutableDeliveryRecord | undefined {
    return this.#records.get(id);
  }

  get(id: string): DeliveryRecord | undefined {
    const record = this.#records.get(id);
    return record ? snapshotRecord(record) : undefined;
  }

  list(filter?: DeliveryFilter | ((record: DeliveryRecord) => boolean)): DeliveryRecord[] {
    const out: DeliveryRecord[] = [];
    for (const record of this.#records.values()) {
      const copy = snapshotRecord(record);
      if (matchesFilter(copy, filter)) out.push(copy);
    }
    return out;
  }

  delete(id: string): boolean {
    return this.#records.delete(id);
  }

  /** Live records (engine use only); iterate a copy if deleting while iterating. */
  values(): IterableIterator<MutableDeliveryRecord> {
    return this.#records.values();
  }

  countByState(): Record<DeliveryState, number> {
    const counts: Record<DeliveryState, number> = { pending: 0, delivered: 0, failed: 0 };
    for (const record of this.#records.values()) counts[record.state] += 1;
    return counts;
  }
}
