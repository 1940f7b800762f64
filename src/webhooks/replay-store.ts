/**
 * Remembers delivery ids to drop replays. `remember` records the id for `ttlMs` and returns
 * false when it was already recorded and has not expired (atomically: check and set in one
 * step). Implement it over Redis (`SET id 1 NX PX ttl`) or a database for several processes.
 */
export interface ReplayStore {
  remember(id: string, ttlMs: number): boolean | Promise<boolean>;
}

/** A store that answers synchronously, as the `…Sync` verifiers need. */
export interface SyncReplayStore extends ReplayStore {
  remember(id: string, ttlMs: number): boolean;
}

/**
 * The default store: in memory, one process, entries dropped once expired. Bounded: above
 * `maxEntries` the expired ids are forgotten first, then the oldest live ones (which lets a
 * replay of those through, so size it above the deliveries one window can bring).
 *
 * @example
 * const store = createMemoryReplayStore();
 * store.remember('evt_1', 600_000); // true
 * store.remember('evt_1', 600_000); // false: replayed
 */
export function createMemoryReplayStore(options: { maxEntries?: number; now?: () => number } = {}): SyncReplayStore {
  const maxEntries = options.maxEntries ?? 100_000;
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
      const expiresAt = current + ttlMs;
      const known = seen.get(id);
      if (known !== undefined && known > current) return false;
      seen.delete(id);
      seen.set(id, expiresAt);
      earliestExpiry = Math.min(earliestExpiry, expiresAt);
      if (seen.size > maxEntries) {
        if (earliestExpiry <= current) sweepExpired(current);
        // Still full of live ids: the oldest recorded goes first.
        for (const key of seen.keys()) {
          if (seen.size <= maxEntries) break;
          seen.delete(key);
        }
      }
      return true;
    },
  };
}
