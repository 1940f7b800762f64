/**
 * Replay protection tests shared by every replay store (memory, Redis): SidClaw's replay window
 * is twice the timestamp tolerance, expired ids are forgotten before live ones, and a store that
 * cannot record an id (full) refuses the delivery with 503 rather than forget a live one.
 */
import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { verifySidclawWebhook } from '../../src/sidclaw/verify-webhook.ts';
import { createSidclawWebhookHandler } from '../../src/sidclaw/webhook-handler.ts';
import type { ReplayStore } from '../../src/webhooks/replay-store.ts';

export interface ReplayHarness {
  store: ReplayStore;
  /** The clock the verifier and the store share (epoch ms). */
  now(): number;
  /** Moves that clock on (a fake clock jumps, a real one is waited for). */
  advance(ms: number): Promise<void>;
  /** The tolerance the test runs with: minutes on a fake clock, about a second on a real one. */
  toleranceSeconds: number;
}

const secret = `${'c0ffee'.repeat(10)}c0ff`;
const body = JSON.stringify({ id: 'x', event: 'test', timestamp: '2026-11-29T12:00:00.000Z', tenant_id: 't', data: { message: 'replay me' } });
const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** One delivery of `id` with `X-Webhook-Timestamp` at `timestampMs`; the signature covers the body only, as SidClaw signs. */
function delivery(id: string, timestampMs: number) {
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-webhook-id': id,
      'x-webhook-timestamp': new Date(timestampMs).toISOString(),
      'x-webhook-signature': signature,
    },
  };
}

async function outcome(harness: ReplayHarness, id: string, timestampMs: number): Promise<string> {
  const options = { secret, replayStore: harness.store, toleranceSeconds: harness.toleranceSeconds, now: () => new Date(harness.now()) };
  try {
    await verifySidclawWebhook(delivery(id, timestampMs), options);
    return 'accepted';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

/** Registers the replay-window tests for one store; `make` builds a fresh harness per test. */
export function replayWindowTests(make: () => Promise<ReplayHarness> | ReplayHarness): void {
  it('refuses a replay later inside the tolerance, and one with a fresh timestamp inside twice the tolerance; accepts it after', async () => {
    const harness = await make();
    const tolerance = harness.toleranceSeconds * 1000;
    const id = `del-${crypto.randomUUID()}`;
    const sentAt = harness.now();
    expect(await outcome(harness, id, sentAt)).toBe('accepted');
    // The same capture replayed at 80 % of the tolerance: its timestamp is still acceptable.
    await harness.advance(0.8 * tolerance);
    expect(await outcome(harness, id, sentAt)).toBe('replayed');
    // At 1.5 × the tolerance the old timestamp fails; a replay with a new one is refused by the store.
    await harness.advance(0.7 * tolerance);
    expect(await outcome(harness, id, sentAt)).toBe('timestamp_out_of_tolerance');
    expect(await outcome(harness, id, harness.now())).toBe('replayed');
    // Past twice the tolerance the id is forgotten (a resend with a new timestamp is a new delivery to the store).
    await harness.advance(0.7 * tolerance);
    expect(await outcome(harness, id, harness.now())).toBe('accepted');
  });

  it('forgets an expired id while a live one is still refused', async () => {
    const harness = await make();
    const live = `live-${crypto.randomUUID()}`;
    const short = `short-${crypto.randomUUID()}`;
    const window = harness.toleranceSeconds * 1000;
    expect(await harness.store.remember(live, 4 * window)).toBe(true);
    expect(await harness.store.remember(short, window / 4)).toBe(true);
    await harness.advance(window / 2);
    expect(await harness.store.remember(short, window)).toBe(true);
    expect(await harness.store.remember(live, window)).toBe(false);
  });

  it('of 20 concurrent remembers of one id, exactly one is new', async () => {
    const harness = await make();
    const id = `race-${crypto.randomUUID()}`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => harness.store.remember(id, 60_000)));
    expect(answers.filter(Boolean)).toHaveLength(1);
  });
}

export interface FullStoreHarness extends ReplayHarness {
  /** Makes the store unable to record a new id: the memory store filled with live ids, Redis at its memory limit. */
  fill(): Promise<void>;
  /** Makes room again: the memory store's ids expire, Redis's limit is lifted. */
  free(): Promise<void>;
  /** What a new delivery is refused with while full: the memory store says `replay_store_full`; Redis refusing the write is `replay_store_unavailable`. */
  fullCode: 'replay_store_full' | 'replay_store_unavailable';
}

/** Registers the full-store test for one store: fail closed, never forget a live id. */
export function replayStoreFullTests(make: () => Promise<FullStoreHarness> | FullStoreHarness): void {
  it('a full store refuses a new delivery (503) and never accepts it unprotected; a recorded one stays refused; with room again it goes through', async () => {
    const harness = await make();
    const recorded = `recorded-${crypto.randomUUID()}`;
    expect(await outcome(harness, recorded, harness.now())).toBe('accepted');
    await harness.fill();
    try {
      const fresh = `fresh-${crypto.randomUUID()}`;
      expect(await outcome(harness, fresh, harness.now())).toBe(harness.fullCode);
      // Through the Fetch handler: 503, so the provider retries instead of giving up.
      const handler = createSidclawWebhookHandler({
        secret,
        replayStore: harness.store,
        toleranceSeconds: harness.toleranceSeconds,
        now: () => new Date(harness.now()),
        on: {},
      });
      const { body: text, headers } = delivery(fresh, harness.now());
      const response = await handler(new Request('http://receiver.test/hooks', { method: 'POST', body: text, headers }));
      expect([response.status, ((await response.json()) as { error: string }).error]).toEqual([503, harness.fullCode]);
      // The id recorded before the store filled up is not forgotten to make room.
      expect(['replayed', harness.fullCode]).toContain(await outcome(harness, recorded, harness.now()));
    } finally {
      await harness.free();
    }
    expect(await outcome(harness, `after-${crypto.randomUUID()}`, harness.now())).toBe('accepted');
  });
}
