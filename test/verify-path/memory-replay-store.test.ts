// The memory replay store's decisions at the edges: the exact moment an id expires, and which
// id a full store forgets. Through the public name; a fake clock.
import { describe, expect, it } from 'vitest';
import { createMemoryReplayStore, type MemoryReplayStoreOptions, ReplayStoreFullError } from 'hookspec/sidclaw';

function storeAt(start: number, options: Omit<MemoryReplayStoreOptions, 'now'> = {}) {
  let clock = start;
  const store = createMemoryReplayStore({ ...options, now: () => clock });
  const set = (ms: number) => {
    clock = ms;
  };
  return { store, set };
}

describe('memory replay store: expiry', () => {
  it('an id is refused until its ttl has passed, and accepted again from that millisecond', () => {
    const { store, set } = storeAt(1_000);
    expect(store.remember('a', 500)).toBe(true);
    set(1_499);
    expect(store.remember('a', 500)).toBe(false);
    set(1_500);
    expect(store.remember('a', 500)).toBe(true);
    // Re-remembered with a new ttl from now.
    set(1_999);
    expect(store.remember('a', 500)).toBe(false);
    set(2_000);
    expect(store.remember('a', 500)).toBe(true);
  });

  it('without a clock option it uses the real clock: an id with a long ttl stays refused', () => {
    const store = createMemoryReplayStore();
    expect(store.remember('real-clock', 60_000)).toBe(true);
    expect(store.remember('real-clock', 60_000)).toBe(false);
    expect(store.remember('zero-ttl', 0)).toBe(true);
    expect(store.remember('zero-ttl', 0)).toBe(true);
  });

  it('by default holds 100,000 live ids, then refuses a new one (replay_store_full) and forgets none', () => {
    const { store, set } = storeAt(0);
    for (let i = 0; i < 100_000; i += 1) expect(store.remember(`id-${i}`, 60_000)).toBe(true);
    expect(() => store.remember('id-100000', 60_000)).toThrow(ReplayStoreFullError);
    expect(
      (() => {
        try {
          store.remember('id-100000', 60_000);
        } catch (error) {
          return (error as ReplayStoreFullError).code;
        }
      })(),
    ).toBe('replay_store_full');
    expect(store.remember('id-0', 60_000)).toBe(false);
    // Once ids expire there is room again.
    set(60_000);
    expect(store.remember('id-100000', 60_000)).toBe(true);
  });
});

describe('memory replay store: which id a full store forgets (whenFull: evict-oldest-live)', () => {
  it('an id re-remembered after it expired counts as recorded last: an older live id goes before it', () => {
    const { store, set } = storeAt(0, { maxEntries: 2, whenFull: 'evict-oldest-live' });
    expect(store.remember('a', 10)).toBe(true);
    expect(store.remember('b', 1_000)).toBe(true);
    set(20);
    // a expired and is recorded again (now the newest), then c makes the store too full.
    expect(store.remember('a', 1_000)).toBe(true);
    expect(store.remember('c', 1_000)).toBe(true);
    expect(store.remember('a', 1_000)).toBe(false);
    expect(store.remember('c', 1_000)).toBe(false);
    expect(store.remember('b', 1_000)).toBe(true);
  });

  it('an id whose ttl ends this very millisecond counts as expired: it is swept, not an older live id', () => {
    const { store, set } = storeAt(0, { maxEntries: 2, whenFull: 'evict-oldest-live' });
    store.remember('live', 1_000);
    store.remember('ending', 10);
    set(10);
    store.remember('new', 1_000);
    expect(store.remember('live', 1_000)).toBe(false);
    expect(store.remember('new', 1_000)).toBe(false);
  });

  it('a full store sweeps every expired id, not only the first, and keeps the live ones', () => {
    const { store, set } = storeAt(0, { maxEntries: 3, whenFull: 'evict-oldest-live' });
    store.remember('old-1', 10);
    store.remember('live', 1_000);
    store.remember('old-2', 10);
    set(50);
    store.remember('new-1', 1_000);
    store.remember('new-2', 1_000);
    expect([store.remember('live', 1_000), store.remember('new-1', 1_000), store.remember('new-2', 1_000)]).toEqual([false, false, false]);
  });

  it('after a sweep it knows the next expiry: a later overflow sweeps again instead of forgetting a live id', () => {
    const { store, set } = storeAt(0, { maxEntries: 2, whenFull: 'evict-oldest-live' });
    store.remember('short', 100);
    store.remember('long', 10_000);
    set(200);
    // Sweeps short; the earliest expiry is now long's (10,000) and x's (1,200).
    store.remember('x', 1_000);
    set(1_500);
    // x expired: the next overflow must sweep it rather than drop long, the oldest live id.
    store.remember('y', 10_000);
    expect(store.remember('long', 10_000)).toBe(false);
    expect(store.remember('y', 10_000)).toBe(false);
  });
});
