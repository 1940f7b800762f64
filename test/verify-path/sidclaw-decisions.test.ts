// The decisions of SidClaw's verifier that a mutant could change unseen: the default
// tolerance at its boundary, the codes of an absent or empty timestamp, the delivery id, and
// when (and for how long) the id is remembered. Through the public names only.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMemoryReplayStore, type ReplayStore, verifySidclawWebhook, verifySidclawWebhookSync, WebhookVerificationError } from 'hookspec/sidclaw';
import { codeOf, rejectionOf, thrownBy } from '../signatures/helpers.ts';

const secret = 'whsec-sidclaw-decisions';
const now = new Date('2026-03-21T10:00:00.000Z');
const body = JSON.stringify({ id: 'evt', event: 'test', timestamp: now.toISOString(), tenant_id: 't', data: { message: 'hi' } });
const signature = (payload: string) => `sha256=${createHmac('sha256', secret).update(payload).digest('hex')}`;
let ids = 0;
const freshId = () => `del-decisions-${++ids}`;

/** A delivery signed over `payload`; `headers` replace or (with `undefined`) drop the defaults. */
function delivery(headers: Record<string, string | undefined> = {}, payload = body) {
  const all: Record<string, string | undefined> = {
    'content-type': 'application/json',
    'x-webhook-id': freshId(),
    'x-webhook-timestamp': now.toISOString(),
    'x-webhook-signature': signature(payload),
    ...headers,
  };
  return { body: payload, headers: Object.fromEntries(Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== undefined)) };
}
const at = (secondsFromNow: number) => new Date(now.getTime() + secondsFromNow * 1000).toISOString();
const options = (extra: object = {}) => ({ secret, now: () => now, replayStore: createMemoryReplayStore(), ...extra });

/** The error of both variants, which must agree. */
async function errorOf(input: ReturnType<typeof delivery>, extra: object = {}): Promise<WebhookVerificationError> {
  const async = await rejectionOf(verifySidclawWebhook(input, options(extra)));
  const sync = thrownBy(() => verifySidclawWebhookSync(input, options(extra)));
  expect(sync).toBeInstanceOf(WebhookVerificationError);
  expect(async).toBeInstanceOf(WebhookVerificationError);
  const [a, s] = [async as WebhookVerificationError, sync as WebhookVerificationError];
  expect([s.code, s.header]).toEqual([a.code, a.header]);
  return a;
}

/** A store that records what it was asked and answers as told. */
function spyStore(answer: () => boolean | Promise<boolean> = () => true) {
  const calls: Array<[string, number]> = [];
  const store = {
    remember(id: string, ttlMs: number) {
      calls.push([id, ttlMs]);
      return answer();
    },
  };
  return { calls, store };
}

describe('SidClaw default tolerance: 300 s both ways, no option given', () => {
  it.each([-300, 300, -299.999, 299.999])('accepts a timestamp %d s from now', async (seconds) => {
    const input = delivery({ 'x-webhook-timestamp': at(seconds) });
    expect((await verifySidclawWebhook(input, options())).timestamp?.toISOString()).toBe(at(seconds));
    expect(verifySidclawWebhookSync(input, options()).timestamp?.toISOString()).toBe(at(seconds));
  });

  it.each([-301, 301, -300.001, 300.001])('refuses a timestamp %d s from now as timestamp_out_of_tolerance', async (seconds) => {
    const error = await errorOf(delivery({ 'x-webhook-timestamp': at(seconds) }));
    expect([error.code, error.header]).toEqual(['timestamp_out_of_tolerance', 'x-webhook-timestamp']);
  });

  it('the refusal says which way the clock is off', async () => {
    expect((await errorOf(delivery({ 'x-webhook-timestamp': at(-400) }))).message).toMatch(/ 400 s old /);
    expect((await errorOf(delivery({ 'x-webhook-timestamp': at(400) }))).message).toMatch(/ 400 s far in the future /);
  });

  it('toleranceSeconds moves the boundary: 10 accepts 10 s and refuses 11 s', async () => {
    expect((await verifySidclawWebhook(delivery({ 'x-webhook-timestamp': at(-10) }), options({ toleranceSeconds: 10 }))).type).toBe('test');
    expect((await errorOf(delivery({ 'x-webhook-timestamp': at(11) }), { toleranceSeconds: 10 })).code).toBe('timestamp_out_of_tolerance');
  });

  it('without now, the clock is the real one: a delivery stamped now passes, one stamped at the fixed test time does not', async () => {
    const input = delivery({ 'x-webhook-timestamp': new Date().toISOString() });
    expect((await verifySidclawWebhook(input, { secret, replayStore: false })).type).toBe('test');
    const old = delivery({ 'x-webhook-timestamp': '2001-01-01T00:00:00.000Z' });
    expect(codeOf(await rejectionOf(verifySidclawWebhook(old, { secret, replayStore: false })))).toBe('timestamp_out_of_tolerance');
  });
});

describe('SidClaw timestamp and id headers: the code of each form', () => {
  it.each([
    ['absent', 'missing_header', undefined],
    ['empty', 'missing_header', ''],
    ['blank', 'missing_header', '   '],
    ['not a date', 'malformed_header', 'yesterday'],
  ])('a timestamp header that is %s gives %s, naming the header', async (_name, code, value) => {
    const error = await errorOf(delivery({ 'x-webhook-timestamp': value }));
    expect([error.code, error.header]).toEqual([code, 'x-webhook-timestamp']);
  });

  it.each([
    ['a signature by another secret', `sha256=${'0'.repeat(64)}`, 'signature_mismatch'],
    ['no signature', undefined, 'missing_header'],
  ])('%s is %s, naming x-webhook-signature in both variants', async (_name, value, code) => {
    const error = await errorOf(delivery({ 'x-webhook-signature': value }));
    expect([error.code, error.header]).toEqual([code, 'x-webhook-signature']);
  });

  it('a timestamp padded with spaces is read without them', async () => {
    const event = await verifySidclawWebhook(delivery({ 'x-webhook-timestamp': `  ${now.toISOString()} ` }), options());
    expect(event.timestamp?.toISOString()).toBe(now.toISOString());
  });

  it.each([
    ['absent', undefined],
    ['empty', ''],
    ['blank', '  '],
  ])('an id that is %s is missing_header, naming x-webhook-id', async (_name, value) => {
    const error = await errorOf(delivery({ 'x-webhook-id': value }));
    expect([error.code, error.header]).toEqual(['missing_header', 'x-webhook-id']);
  });

  it('the id is read without surrounding spaces, and remembered that way', async () => {
    const { calls, store } = spyStore();
    const event = await verifySidclawWebhook(delivery({ 'x-webhook-id': '  del-padded ' }), options({ replayStore: store }));
    expect(event.deliveryId).toBe('del-padded');
    expect(calls.map(([id]) => id)).toEqual(['del-padded']);
  });
});

describe('SidClaw replay protection', () => {
  it('remembers each accepted id for twice the tolerance', async () => {
    const { calls, store } = spyStore();
    await verifySidclawWebhook(delivery({ 'x-webhook-id': 'a' }), options({ replayStore: store }));
    verifySidclawWebhookSync(delivery({ 'x-webhook-id': 'b' }), options({ replayStore: store, toleranceSeconds: 10 }));
    expect(calls).toEqual([
      ['a', 600_000],
      ['b', 20_000],
    ]);
  });

  it('the sync variant refuses a replayed id as replayed, naming x-webhook-id', () => {
    const replayStore = createMemoryReplayStore();
    const input = delivery();
    expect(verifySidclawWebhookSync(input, { ...options(), replayStore }).deliveryId).toBe(input.headers['x-webhook-id']);
    const error = thrownBy(() => verifySidclawWebhookSync(input, { ...options(), replayStore })) as WebhookVerificationError;
    expect([error.code, error.header]).toEqual(['replayed', 'x-webhook-id']);
  });

  it('without a replayStore option, one store per process drops the replay (both variants share it)', async () => {
    const input = delivery();
    const noStore = { secret, now: () => now };
    expect((await verifySidclawWebhook(input, noStore)).type).toBe('test');
    expect(codeOf(thrownBy(() => verifySidclawWebhookSync(input, noStore)))).toBe('replayed');
  });

  it('replayStore: false turns it off: the same delivery passes twice', async () => {
    const input = delivery();
    expect((await verifySidclawWebhook(input, options({ replayStore: false }))).type).toBe('test');
    expect(verifySidclawWebhookSync(input, options({ replayStore: false })).type).toBe('test');
  });

  it.each([
    [
      'throws',
      () => {
        throw new Error('connection refused');
      },
    ],
    ['rejects', () => Promise.reject(new Error('connection refused'))],
  ] as const)('a store that %s refuses the delivery as replay_store_unavailable, keeping the cause', async (_name, answer) => {
    const { store } = spyStore(answer);
    const error = (await rejectionOf(verifySidclawWebhook(delivery(), options({ replayStore: store })))) as WebhookVerificationError;
    expect([error.code, error.header]).toEqual(['replay_store_unavailable', 'x-webhook-id']);
    expect((error.cause as Error).message).toBe('connection refused');
  });

  it('the sync variant refuses as replay_store_unavailable when its store throws', () => {
    const { store } = spyStore(() => {
      throw new Error('disk full');
    });
    const error = thrownBy(() => verifySidclawWebhookSync(delivery(), options({ replayStore: store }))) as WebhookVerificationError;
    expect([error.code, error.header, (error.cause as Error).message]).toEqual(['replay_store_unavailable', 'x-webhook-id', 'disk full']);
  });

  it.each([
    ['the signature does not match', { 'x-webhook-signature': signature(`${body} `) }, body, 'signature_mismatch'],
    ['the timestamp is out of tolerance', { 'x-webhook-timestamp': at(-301) }, body, 'timestamp_out_of_tolerance'],
    ['the body is not JSON', {}, '{"event":', 'invalid_json'],
    ['the event is unknown', {}, '{"event":"approval.cancelled"}', 'unknown_event'],
    ['the payload breaks the spec', {}, '{"event":"test","id":1}', 'invalid_payload'],
  ])('an id is not remembered when %s, so the fixed delivery goes through', async (_name, headers, payload, code) => {
    const { calls, store } = spyStore();
    const broken = delivery({ ...headers, 'x-webhook-id': 'retried' }, payload);
    expect(codeOf(await rejectionOf(verifySidclawWebhook(broken, options({ replayStore: store }))))).toBe(code);
    expect(codeOf(thrownBy(() => verifySidclawWebhookSync(broken, options({ replayStore: store }))))).toBe(code);
    expect(calls).toEqual([]);
    // Positive control: the same id with a valid delivery is remembered.
    expect((await verifySidclawWebhook(delivery({ 'x-webhook-id': 'retried' }), options({ replayStore: store }))).deliveryId).toBe('retried');
    expect(calls.map(([id]) => id)).toEqual(['retried']);
  });

  it('a store that answers false (async or sync) is a replay', async () => {
    const replayed = { remember: () => Promise.resolve(false) } satisfies ReplayStore;
    expect(codeOf(await rejectionOf(verifySidclawWebhook(delivery(), options({ replayStore: replayed }))))).toBe('replayed');
    expect(codeOf(thrownBy(() => verifySidclawWebhookSync(delivery(), options({ replayStore: { remember: () => false } }))))).toBe('replayed');
  });
});
