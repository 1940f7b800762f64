// The HMAC receiver every HMAC API's verifier binds, built from descriptions that are none of
// the shipped APIs': its own event field, id and timestamp headers, and a signed URL. What it
// adds to the scheme is pinned here: the id trimmed and remembered last (with its TTL), the
// store's failures, the options it hands the scheme, and what a verified delivery reports.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { deliveryExtension, type HmacDelivery } from '../../src/apis/delivery-description.ts';
import { createHmacReceiver } from '../../src/apis/hmac-receiver.ts';
import { createHmacScheme } from '../../src/schemes/hmac.ts';
import { ReplayStoreFullError, type ReplayStore } from '../../src/webhooks/replay-store.ts';
import { expectVerificationError, rejectionOf, thrownBy } from '../signatures/helpers.ts';

const SECRET = 'boxco-secret-0123456789';
const registry = new Map([['box.packed', z.object({ kind: z.literal('box.packed'), box: z.string() })]]);
type BoxEvents = { 'box.packed': { kind: 'box.packed'; box: string } };
const body = JSON.stringify({ kind: 'box.packed', box: 'b_1' });
const sent = new Date('2026-03-01T12:00:00Z');
const at = (seconds: number) => () => new Date(sent.getTime() + seconds * 1000);

const hmacDelivery = (hmac: Record<string, unknown>, envelope: Record<string, string> = { event: 'kind' }) =>
  deliveryExtension.parse({ scheme: 'hmac', hmac, envelope }) as HmacDelivery;

/** An id header that is not signed, a unix-seconds timestamp that is, 120 s tolerance, `kind` names the event. */
const boxco = hmacDelivery({
  header: 'X-Box-Signature',
  'signature-prefix': 'sha256=',
  timestamp: { header: 'X-Box-Timestamp', tolerance: 120 },
  'message-id': { header: 'X-Box-Id' },
  'payload-format': { components: ['timestamp', 'body'], delimiter: '.' },
});
/** Only the body is signed: no id, no timestamp. */
const plain = hmacDelivery({ header: 'X-Plain-Signature', 'signature-prefix': 'sha256=' });
/** An id but no timestamp: the TTL falls back to 300 s. */
const idOnly = hmacDelivery({ header: 'X-Id-Signature', 'message-id': { header: 'X-Id' } });
/** Signs the URL the delivery is POSTed to. */
const urlSigned = hmacDelivery({ header: 'X-Url-Signature', 'payload-format': { components: ['notification-url', 'body'], delimiter: '|' } });

const signed = (description: HmacDelivery, options: { messageId?: string; url?: string; body?: string } = {}) =>
  createHmacScheme(description.hmac).sign({ body: options.body ?? body, secret: SECRET, timestamp: sent, ...options });

/** A store that records what it was asked and answers `answer`. */
function recordingStore(answer: ReplayStore['remember'] = () => true) {
  const calls: [string, number][] = [];
  const store: ReplayStore = {
    remember: (id, ttlMs) => {
      calls.push([id, ttlMs]);
      return answer(id, ttlMs);
    },
  };
  return { store, calls };
}

describe('createHmacReceiver', () => {
  it('reports the type from the envelope field, the trimmed id and the timestamp, async and sync', async () => {
    const receiver = createHmacReceiver<BoxEvents>(boxco, registry);
    const headers = { ...(await signed(boxco, { messageId: 'msg_1' })), 'x-box-id': '  msg_1 ' };
    const expected = { type: 'box.packed', payload: JSON.parse(body), deliveryId: 'msg_1', timestamp: sent };
    expect(await receiver.verify({ body, headers }, { secret: SECRET, now: at(30), replayStore: false })).toStrictEqual(expected);
    expect(receiver.verifySync({ body, headers }, { secret: SECRET, now: at(30), replayStore: false })).toStrictEqual(expected);
  });

  it('a body that names its event in `event` instead of the envelope field is unknown_event', async () => {
    const other = JSON.stringify({ event: 'box.packed', box: 'b_1' });
    const headers = await signed(boxco, { body: other });
    const options = { secret: SECRET, now: at(0), replayStore: false } as const;
    expectVerificationError(await rejectionOf(createHmacReceiver<BoxEvents>(boxco, registry).verify({ body: other, headers }, options)), 'unknown_event');
  });

  it('without an id or a timestamp the event carries neither key', async () => {
    const receiver = createHmacReceiver<BoxEvents>(plain, registry);
    const headers = await signed(plain);
    expect(await receiver.verify({ body, headers }, { secret: SECRET })).toStrictEqual({ type: 'box.packed', payload: JSON.parse(body) });
    expect(receiver.verifySync({ body, headers }, { secret: SECRET })).toStrictEqual({ type: 'box.packed', payload: JSON.parse(body) });
  });

  it('refuses a replay of the trimmed id from its own default store, naming the id header', async () => {
    const receiver = createHmacReceiver<BoxEvents>(boxco, registry);
    const headers = await signed(boxco, { messageId: 'msg_2' });
    const options = { secret: SECRET, now: at(0) };
    expect((await receiver.verify({ body, headers }, options)).deliveryId).toBe('msg_2');
    expectVerificationError(await rejectionOf(receiver.verify({ body, headers: { ...headers, 'x-box-id': ' msg_2' } }, options)), 'replayed', 'x-box-id');
    expectVerificationError(
      thrownBy(() => receiver.verifySync({ body, headers }, options)),
      'replayed',
      'x-box-id',
    );
    // Another receiver has its own store; `false` turns replay protection off.
    expect(createHmacReceiver<BoxEvents>(boxco, registry).verifySync({ body, headers }, options).deliveryId).toBe('msg_2');
    expect(receiver.verifySync({ body, headers }, { ...options, replayStore: false }).deliveryId).toBe('msg_2');
  });

  it('remembers the id last, for twice the tolerance: the option, else the description, else 300 s', async () => {
    const { store, calls } = recordingStore();
    const receiver = createHmacReceiver<BoxEvents>(boxco, registry);
    const headers = await signed(boxco, { messageId: 'msg_3' });
    await receiver.verify({ body, headers }, { secret: SECRET, now: at(0), replayStore: store });
    receiver.verifySync({ body, headers }, { secret: SECRET, now: at(0), replayStore: store, toleranceSeconds: 30 });
    // A refused delivery (wrong secret, bad payload) is not remembered, so its retry goes through.
    await rejectionOf(receiver.verify({ body, headers }, { secret: 'other', now: at(0), replayStore: store }));
    const invalid = JSON.stringify({ kind: 'box.packed', box: 7 });
    const invalidHeaders = await signed(boxco, { messageId: 'msg_4', body: invalid });
    expectVerificationError(
      await rejectionOf(receiver.verify({ body: invalid, headers: invalidHeaders }, { secret: SECRET, now: at(0), replayStore: store })),
      'invalid_payload',
    );
    createHmacReceiver<BoxEvents>(idOnly, registry).verifySync(
      { body, headers: await signed(idOnly, { messageId: 'msg_5' }) },
      { secret: SECRET, replayStore: store },
    );
    expect(calls).toEqual([
      ['msg_3', 240_000],
      ['msg_3', 60_000],
      ['msg_5', 600_000],
    ]);
  });

  it('a delivery without an id is not looked up', async () => {
    const { store, calls } = recordingStore(() => false);
    const headers = await signed(plain);
    expect((await createHmacReceiver<BoxEvents>(plain, registry).verify({ body, headers }, { secret: SECRET, replayStore: store })).type).toBe('box.packed');
    expect(calls).toEqual([]);
  });

  it('a store that fails refuses the delivery: replay_store_unavailable, or replay_store_full, naming the id header', async () => {
    const receiver = createHmacReceiver<BoxEvents>(boxco, registry);
    const headers = await signed(boxco, { messageId: 'msg_6' });
    const input = { body, headers };
    const down = new Error('connection refused');
    const options = (remember: ReplayStore['remember']) => ({ secret: SECRET, now: at(0), replayStore: { remember } });

    const thrown = thrownBy(() =>
      receiver.verifySync(
        input,
        options(() => {
          throw down;
        }),
      ),
    );
    expectVerificationError(thrown, 'replay_store_unavailable', 'x-box-id');
    expect((thrown as Error).cause).toBe(down);

    const rejected = await rejectionOf(
      receiver.verify(
        input,
        options(() => Promise.reject(down)),
      ),
    );
    expectVerificationError(rejected, 'replay_store_unavailable', 'x-box-id');
    expect((rejected as Error).cause).toBe(down);

    const full = new ReplayStoreFullError('The replay store holds 1 live ids');
    const refused = await rejectionOf(
      receiver.verify(
        input,
        options(() => Promise.reject(full)),
      ),
    );
    expectVerificationError(refused, 'replay_store_full', 'x-box-id');
    expect((refused as Error).cause).toBe(full);
    expectVerificationError(
      thrownBy(() =>
        receiver.verifySync(
          input,
          options(() => {
            throw full;
          }),
        ),
      ),
      'replay_store_full',
      'x-box-id',
    );

    expectVerificationError(
      await rejectionOf(
        receiver.verify(
          input,
          options(() => Promise.resolve(false)),
        ),
      ),
      'replayed',
      'x-box-id',
    );
    expect(
      (
        await receiver.verify(
          input,
          options(() => Promise.resolve(true)),
        )
      ).deliveryId,
    ).toBe('msg_6');
  });

  it('the tolerance is the description’s unless the option says otherwise, and `now` is the caller’s clock', async () => {
    const receiver = createHmacReceiver<BoxEvents>(boxco, registry);
    const headers = await signed(boxco);
    const input = { body, headers };
    const base = { secret: SECRET, replayStore: false } as const;
    expect(receiver.verifySync(input, { ...base, now: at(120) }).timestamp).toEqual(sent);
    expectVerificationError(
      thrownBy(() => receiver.verifySync(input, { ...base, now: at(121) })),
      'timestamp_out_of_tolerance',
      'x-box-timestamp',
    );
    expect(receiver.verifySync(input, { ...base, now: at(-200), toleranceSeconds: 200 }).timestamp).toEqual(sent);
    // Without `now`, the delivery sent in 2026-03 is checked against the real clock.
    expectVerificationError(
      await rejectionOf(receiver.verify({ body, headers: await signed(boxco, {}) }, { ...base, toleranceSeconds: 1 })),
      'timestamp_out_of_tolerance',
    );
  });

  it('signatureHeader reads another header (named in its errors); a signature value wins over both', async () => {
    const receiver = createHmacReceiver<BoxEvents>(plain, registry);
    const { 'x-plain-signature': value } = await signed(plain);
    expect(receiver.verifySync({ body, headers: { 'X-Moved-Signature': value! } }, { secret: SECRET, signatureHeader: 'X-Moved-Signature' }).type).toBe(
      'box.packed',
    );
    for (let round = 0; round < 2; round++) {
      expectVerificationError(
        thrownBy(() => receiver.verifySync({ body, headers: { 'x-plain-signature': value! } }, { secret: SECRET, signatureHeader: 'X-Moved-Signature' })),
        'missing_header',
        'x-moved-signature',
      );
    }
    expect((await receiver.verify({ body, headers: {} }, { secret: SECRET, signature: value! })).type).toBe('box.packed');
    expectVerificationError(
      await rejectionOf(receiver.verify({ body, headers: { 'x-plain-signature': value! } }, { secret: SECRET, signature: `sha256=${'0'.repeat(64)}` })),
      'signature_mismatch',
    );
  });

  it('hands the request URL to a scheme that signs it', async () => {
    const receiver = createHmacReceiver<BoxEvents>(urlSigned, registry);
    const url = 'https://hooks.example.test/box?tenant=1';
    const headers = await signed(urlSigned, { url });
    expect((await receiver.verify({ body, headers, url }, { secret: SECRET })).type).toBe('box.packed');
    expect((await receiver.verify(new Request(url, { method: 'POST', body, headers }), { secret: SECRET })).type).toBe('box.packed');
    expect(() => receiver.verifySync({ body, headers }, { secret: SECRET })).toThrow(TypeError);
    expectVerificationError(
      thrownBy(() => receiver.verifySync({ body, headers, url: `${url}&tenant=2` }, { secret: SECRET })),
      'signature_mismatch',
    );
  });
});
