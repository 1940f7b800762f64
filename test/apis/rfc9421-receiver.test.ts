// The RFC 9421 receiver every rfc9421 API's verifier binds, built from a description that is
// none of the shipped APIs': its own provider, key URL and event field. Pinned here: the refusal
// without a key (its code and the provider and key URL it names), the components it requires
// (the caller's, any case, plus content-digest and @method), and what a verified delivery reports.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { deliveryExtension, type Rfc9421Delivery } from '../../src/apis/delivery-description.ts';
import { createRfc9421Receiver, type Rfc9421WebhookOptions } from '../../src/apis/rfc9421-receiver.ts';
import { createRfc9421Scheme } from '../../src/schemes/rfc9421.ts';
import type { WebhookVerificationError } from '../../src/errors/webhook-verification-error.ts';
import { expectVerificationError, rejectionOf } from '../signatures/helpers.ts';

const registry = new Map([['key.rotated', z.object({ kind: z.literal('key.rotated'), key: z.string() })]]);
type KeyEvents = { 'key.rotated': { kind: 'key.rotated'; key: string } };
const body = JSON.stringify({ kind: 'key.rotated', key: 'k_1' });
const url = 'https://hooks.example.test/keybox';
const created = 1_772_366_400; // 2026-03-01T12:00:00Z
const { privateKey, publicKey } = generateKeyPairSync('ed25519');

const keybox = deliveryExtension.parse({
  scheme: 'rfc9421',
  provider: 'Keybox',
  envelope: { event: 'kind' },
  rfc9421: { components: ['content-digest', 'content-type', '@method', '@target-uri'], 'key-url': '/keys/webhooks' },
}) as Rfc9421Delivery;
/** No provider name and no key URL. */
const anonymous = deliveryExtension.parse({
  scheme: 'rfc9421',
  envelope: { event: 'kind' },
  rfc9421: { components: ['content-digest', '@method'] },
}) as Rfc9421Delivery;

/** A message signed over `components` (default: the description's), as `{ body, headers, method, url }`. */
async function message(description: Rfc9421Delivery, components?: readonly string[], text = body) {
  const headers = await createRfc9421Scheme(description.rfc9421).sign({
    body: text,
    url,
    key: privateKey,
    keyId: 'kb-1',
    created,
    ...(components === undefined ? {} : { components }),
  });
  return { body: text, headers, method: 'POST', url };
}

const at = (seconds: number) => () => created + seconds;
const withKey = (extra: Rfc9421WebhookOptions = {}): Rfc9421WebhookOptions => ({ publicKey, now: at(10), ...extra });

describe('createRfc9421Receiver', () => {
  it('reports the type from the envelope field, the created time and the keyid', async () => {
    const event = await createRfc9421Receiver<KeyEvents>(keybox, registry).verify(await message(keybox), withKey());
    expect(event).toStrictEqual({ type: 'key.rotated', payload: JSON.parse(body), timestamp: new Date(created * 1000), keyId: 'kb-1' });
  });

  it('a body that names its event in `event` instead of the envelope field is unknown_event', async () => {
    const signed = await message(keybox, undefined, JSON.stringify({ event: 'key.rotated', key: 'k_1' }));
    expectVerificationError(await rejectionOf(createRfc9421Receiver<KeyEvents>(keybox, registry).verify(signed, withKey())), 'unknown_event');
  });

  it('without a key (absent or null) it is missing_secret, naming the provider and where its key is', async () => {
    const signed = await message(keybox);
    for (const options of [{}, { publicKey: null }, { keyResolver: null }, { publicKey: undefined, keyResolver: undefined }] as Rfc9421WebhookOptions[]) {
      const error = await rejectionOf(createRfc9421Receiver<KeyEvents>(keybox, registry).verify(signed, options));
      expectVerificationError(error, 'missing_secret');
      expect((error as WebhookVerificationError).message).toBe('No Keybox webhook key is configured: pass publicKey (from GET /keys/webhooks) or keyResolver.');
    }
    const error = await rejectionOf(createRfc9421Receiver<KeyEvents>(anonymous, registry).verify(signed, {}));
    expect((error as WebhookVerificationError).message).toBe('No the provider webhook key is configured: pass publicKey or keyResolver.');
  });

  it('a key resolver is used when no public key is given', async () => {
    const seen: (string | undefined)[] = [];
    const keyResolver = (keyid: string | undefined) => {
      seen.push(keyid);
      return publicKey;
    };
    expect(
      (await createRfc9421Receiver<KeyEvents>(keybox, registry).verify(await message(keybox), { keyResolver, now: at(0) } as Rfc9421WebhookOptions)).keyId,
    ).toBe('kb-1');
    expect(seen).toEqual(['kb-1']);
  });

  it('requiredComponents are matched in any case, replacing the description’s', async () => {
    const receiver = createRfc9421Receiver<KeyEvents>(keybox, registry);
    // Not covering content-type: refused by the description's list, accepted when the caller leaves it out.
    const narrow = await message(keybox, ['content-digest', '@method', '@target-uri']);
    expectVerificationError(await rejectionOf(receiver.verify(narrow, withKey())), 'insufficient_coverage', 'signature-input');
    expect((await receiver.verify(narrow, withKey({ requiredComponents: ['@Target-URI'] }))).type).toBe('key.rotated');
    expect((await receiver.verify(await message(keybox), withKey({ requiredComponents: ['Content-Type', '@TARGET-URI'] }))).type).toBe('key.rotated');
    expectVerificationError(await rejectionOf(receiver.verify(narrow, withKey({ requiredComponents: ['Content-Type'] }))), 'insufficient_coverage');
  });

  it('content-digest and @method are required whatever the caller lists', async () => {
    const receiver = createRfc9421Receiver<KeyEvents>(keybox, registry);
    for (const covered of [
      ['content-type', '@method', '@target-uri'],
      ['content-digest', 'content-type', '@target-uri'],
    ]) {
      const signed = await message(keybox, covered);
      expectVerificationError(await rejectionOf(receiver.verify(signed, withKey({ requiredComponents: ['@target-uri'] }))), 'insufficient_coverage');
    }
  });

  it('a URL missing from the input is malformed_header; publicUrl replaces the received one', async () => {
    const receiver = createRfc9421Receiver<KeyEvents>(keybox, registry);
    const signed = await message(keybox);
    for (const missing of [undefined, '']) {
      expectVerificationError(await rejectionOf(receiver.verify({ ...signed, url: missing } as never, withKey())), 'malformed_header');
    }
    const proxied = { ...signed, url: 'http://10.0.0.7:8080/keybox' };
    expectVerificationError(await rejectionOf(receiver.verify(proxied, withKey())), 'signature_mismatch');
    expect((await receiver.verify(proxied, withKey({ publicUrl: url }))).type).toBe('key.rotated');
    expect(
      (await receiver.verify(proxied, withKey({ publicUrl: (received) => received.replace('http://10.0.0.7:8080', 'https://hooks.example.test') }))).type,
    ).toBe('key.rotated');
  });

  it('hands maxAgeSeconds, clockSkewSeconds and now to the check of created', async () => {
    const receiver = createRfc9421Receiver<KeyEvents>(keybox, registry);
    const signed = await message(keybox);
    expect((await receiver.verify(signed, withKey({ now: at(300) }))).type).toBe('key.rotated');
    expectVerificationError(await rejectionOf(receiver.verify(signed, withKey({ now: at(301) }))), 'timestamp_out_of_tolerance');
    expect((await receiver.verify(signed, withKey({ now: at(400), maxAgeSeconds: 400 }))).type).toBe('key.rotated');
    expectVerificationError(await rejectionOf(receiver.verify(signed, withKey({ now: at(-61) }))), 'timestamp_out_of_tolerance');
    expect((await receiver.verify(signed, withKey({ now: at(-90), clockSkewSeconds: 90 }))).type).toBe('key.rotated');
  });

  it('maxBodyBytes limits the body read', async () => {
    const signed = await message(keybox);
    expectVerificationError(
      await rejectionOf(createRfc9421Receiver<KeyEvents>(keybox, registry).verify(signed, withKey({ maxBodyBytes: 10 }))),
      'body_too_large',
    );
  });
});
