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

describe('memory replay store: the pinned full behaviour', () => {
  it('accepts maxEntries 1: it holds one live id and refuses a second while the first lives', () => {
    const { store, set } = storeAt(0, { maxEntries: 1 });
    expect(store.remember('only', 100)).toBe(true);
    expect(() => store.remember('second', 100)).toThrow(ReplayStoreFullError);
    set(100);
    expect(store.remember('second', 100)).toBe(true);
    expect(store.remember('second', 100)).toBe(false);
  });

  it('refuses a maxEntries that is not a positive safe integer', () => {
    for (const maxEntries of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => createMemoryReplayStore({ maxEntries }), String(maxEntries)).toThrow(TypeError);
    }
  });

  it('its error is a ReplayStoreFullError by name and code', () => {
    const { store } = storeAt(0, { maxEntries: 1 });
    store.remember('a', 1_000);
    let caught: unknown;
    try {
      store.remember('b', 1_000);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ReplayStoreFullError);
    expect((caught as ReplayStoreFullError).name).toBe('ReplayStoreFullError');
    expect((caught as ReplayStoreFullError).code).toBe('replay_store_full');
    expect((caught as ReplayStoreFullError).message).toBe('the replay store is full (maxEntries 1 live ids)');
  });

  it('after a sweep it waits for the earliest live expiry, not the latest: the next overflow sweeps again (refuse)', () => {
    const { store, set } = storeAt(0, { maxEntries: 3 });
    store.remember('gone', 100);
    store.remember('soon', 1_000);
    store.remember('late', 5_000);
    set(200);
    // Sweeps gone; soon (1,000) is now the earliest expiry, late (5,000) the latest.
    expect(store.remember('x', 10_000)).toBe(true);
    set(1_500);
    // soon expired: the overflow sweeps it and there is room; waiting for late's expiry would refuse.
    expect(store.remember('y', 10_000)).toBe(true);
    expect([store.remember('late', 1), store.remember('x', 1), store.remember('y', 1)]).toEqual([false, false, false]);
  });

  it('an expired id recorded again while the store has room moves to the end of the eviction order', () => {
    const { store, set } = storeAt(0, { maxEntries: 3, whenFull: 'evict-oldest-live' });
    store.remember('a', 10);
    store.remember('b', 1_000);
    set(20);
    // Not full: no sweep; a expired and is recorded again, now after b.
    expect(store.remember('a', 1_000)).toBe(true);
    expect(store.remember('c', 1_000)).toBe(true);
    // Full of live ids: the oldest recorded one (b) is forgotten, not a.
    expect(store.remember('d', 1_000)).toBe(true);
    expect(store.remember('a', 1_000)).toBe(false);
    expect(store.remember('b', 1_000)).toBe(true);
  });

  it('an unknown id is new even at clock 0 and with a zero ttl', () => {
    const { store } = storeAt(0);
    expect(store.remember('fresh', 0)).toBe(true);
    expect(store.remember('fresh', 0)).toBe(true);
    expect(store.remember('kept', 1)).toBe(true);
    expect(store.remember('kept', 1)).toBe(false);
  });
});
