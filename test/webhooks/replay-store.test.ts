import { describe, expect, it } from 'vitest';
import { createMemoryReplayStore } from '../../src/webhooks/replay-store.ts';
import { replayWindowTests } from './replay-contract.ts';

describe('memory replay store: the SidClaw replay window (fake clock, 5 minute tolerance)', () => {
  replayWindowTests(() => {
    let clock = Date.parse('2026-11-29T12:00:00.000Z');
    const now = () => clock;
    return { store: createMemoryReplayStore({ now }), now, advance: async (ms) => void (clock += ms), toleranceSeconds: 300 };
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

  it('full of live ids, forgets the oldest first and stays at maxEntries', () => {
    const store = createMemoryReplayStore({ maxEntries: 1000, now: () => 0 });
    for (let i = 0; i < 1500; i += 1) store.remember(`id-${i}`, 600_000);
    expect(store.remember('id-1499', 600_000)).toBe(false);
    expect(store.remember('id-500', 600_000)).toBe(false);
    // id-0 … id-499 were the oldest and were dropped.
    expect(store.remember('id-0', 600_000)).toBe(true);
  });
});
