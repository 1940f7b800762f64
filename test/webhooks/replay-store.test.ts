import { describe, expect, it } from 'vitest';
import { createMemoryReplayStore } from '../../src/webhooks/replay-store.ts';
import { ReplayStoreFullError } from '../../src/webhooks/replay-store.ts';
import { replayStoreFullTests, replayWindowTests } from './replay-contract.ts';

describe('memory replay store: the SidClaw replay window (fake clock, 5 minute tolerance)', () => {
  replayWindowTests(() => {
    let clock = Date.parse('2026-11-29T12:00:00.000Z');
    const now = () => clock;
    return {
      store: createMemoryReplayStore({ now }),
      now,
      advance: async (ms) => {
        clock += ms;
      },
      toleranceSeconds: 300,
    };
  });
});

describe('memory replay store: a full store', () => {
  it('forgets expired ids before live ones, whatever order they were recorded in', () => {
    let clock = 0;
    const store = createMemoryReplayStore({ maxEntries: 3, now: () => clock });
    expect(store.remember('live', 600_000)).toBe(true);
    expect(store.remember('expiring-1', 1_000)).toBe(true);
    expect(store.remember('expiring-2', 1_000)).toBe(true);
    clock = 2_000;
    // Over the limit: the two expired ids go, the live one (recorded first) stays.
    expect(store.remember('new-1', 600_000)).toBe(true);
    expect(store.remember('new-2', 600_000)).toBe(true);
    expect(store.remember('live', 600_000)).toBe(false);
    expect(store.remember('new-1', 600_000)).toBe(false);
  });

  it('full of live ids, refuses a new id (ReplayStoreFullError) and still refuses the replay of every recorded one', () => {
    const store = createMemoryReplayStore({ maxEntries: 1000, now: () => 0 });
    for (let i = 0; i < 1000; i += 1) expect(store.remember(`id-${i}`, 600_000)).toBe(true);
    expect(() => store.remember('id-1000', 600_000)).toThrow(ReplayStoreFullError);
    // Before, id-0 was evicted to make room and its replay came back as new.
    for (const id of ['id-0', 'id-500', 'id-999']) expect(store.remember(id, 600_000)).toBe(false);
  });

  it("evicts the oldest live id only when asked by name (whenFull: 'evict-oldest-live')", () => {
    const store = createMemoryReplayStore({ maxEntries: 1000, whenFull: 'evict-oldest-live', now: () => 0 });
    for (let i = 0; i < 1500; i += 1) store.remember(`id-${i}`, 600_000);
    expect(store.remember('id-1499', 600_000)).toBe(false);
    expect(store.remember('id-500', 600_000)).toBe(false);
    // id-0 … id-499 were the oldest and were dropped: the weaker mode lets their replays through.
    expect(store.remember('id-0', 600_000)).toBe(true);
  });

  it('refuses options it cannot honour', () => {
    expect(() => createMemoryReplayStore({ maxEntries: 0 })).toThrow('maxEntries must be a positive integer');
    expect(() => createMemoryReplayStore({ whenFull: 'drop' as never })).toThrow('whenFull must be');
  });
});

describe('memory replay store: full (the shared contract, maxEntries 3)', () => {
  replayStoreFullTests(() => {
    let clock = Date.parse('2026-11-29T12:00:00.000Z');
    const now = () => clock;
    const store = createMemoryReplayStore({ maxEntries: 3, now });
    return {
      store,
      now,
      advance: async (ms) => {
        clock += ms;
      },
      toleranceSeconds: 300,
      fullCode: 'replay_store_full',
      // One id is recorded by the test first; two more live ones fill the store.
      fill: async () => {
        for (const id of ['filler-1', 'filler-2']) store.remember(id, 600_000);
      },
      free: async () => {
        clock += 600_001;
      },
    };
  });
});
