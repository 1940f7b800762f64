/**
 * Remembers delivery ids to drop replays. `remember` records the id for `ttlMs` and returns
 * false when it was already recorded and has not expired (atomically: check and set in one
 * step). Implement it over Redis (`SET id 1 NX PX ttl`) or a database for several processes.
 * A store that cannot record an id throws: the delivery is then refused (503), never accepted
 * without replay protection.
 */
export interface ReplayStore {
  remember(id: string, ttlMs: number): boolean | Promise<boolean>;
}

/** A store that answers synchronously, as the `…Sync` verifiers need. */
export interface SyncReplayStore extends ReplayStore {
  remember(id: string, ttlMs: number): boolean;
}

/**
 * Thrown by `remember` of a memory store full of live ids: forgetting one would let its replay
 * through, so the new delivery is refused instead (`replay_store_full`, 503: the sender retries,
 * and ids that expire meanwhile free room).
 */
export class ReplayStoreFullError extends Error {
  override readonly name = 'ReplayStoreFullError';
  readonly code = 'replay_store_full';
}

export interface MemoryReplayStoreOptions {
  /** Ids remembered at once (default 100,000); size it above the deliveries one replay window brings. */
  maxEntries?: number;
  /**
   * What a store full of live ids does with a new one. `'refuse'` (the default) throws
   * {@link ReplayStoreFullError}, so the delivery is refused with 503 and retried later.
   * `'evict-oldest-live'` forgets the oldest live id to make room: deliveries always go through,
   * but a replay of an evicted id is then accepted as new. Weaker; choose it only when a refused
   * delivery costs more than a replayed one.
   */
  whenFull?: 'refuse' | 'evict-oldest-live';
  /** Clock (epoch ms); default `Date.now`. */
  now?: () => number;
}

/**
 * The default store: in memory, one process, entries dropped once expired. Bounded: above
 * `maxEntries` the expired ids are forgotten first; a store still full of live ids refuses the
 * new id (fails closed, see `whenFull`).
 *
 * @example
 * const store = createMemoryReplayStore();
 * store.remember('evt_1', 600_000); // true
 * store.remember('evt_1', 600_000); // false: replayed
 */
export function createMemoryReplayStore(options: MemoryReplayStoreOptions = {}): SyncReplayStore {
  const maxEntries = options.maxEntries ?? 100_000;
  const whenFull = options.whenFull ?? 'refuse';
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) throw new TypeError(`maxEntries must be a positive integer, got ${String(maxEntries)}.`);
  if (whenFull !== 'refuse' && whenFull !== 'evict-oldest-live') {
    throw new TypeError(`whenFull must be "refuse" or "evict-oldest-live", got ${JSON.stringify(whenFull)}.`);
  }
  const now = options.now ?? Date.now;
  const seen = new Map<string, number>();
  // No entry expires before this: a full store skips the sweep for expired ids until then.
  let earliestExpiry = Infinity;
  const sweepExpired = (current: number) => {
    earliestExpiry = Infinity;
    for (const [key, expiry] of seen) {
      if (expiry <= current) seen.delete(key);
      else earliestExpiry = Math.min(earliestExpiry, expiry);
    }
  };
  return {
    remember(id, ttlMs) {
      const current = now();
      // An id never seen counts as one that expired long ago.
      if ((seen.get(id) ?? -Infinity) > current) return false;
      seen.delete(id);
      if (seen.size >= maxEntries && earliestExpiry <= current) sweepExpired(current);
      if (seen.size >= maxEntries) {
        if (whenFull === 'refuse') {
          throw new ReplayStoreFullError(`the replay store is full (maxEntries ${maxEntries} live ids)`);
        }
        // Asked for by name: the oldest recorded live id is forgotten.
        seen.delete(seen.keys().next().value!);
      }
      const expiresAt = current + ttlMs;
      seen.set(id, expiresAt);
      earliestExpiry = Math.min(earliestExpiry, expiresAt);
      return true;
    },
  };
}
