// The api-key receiver (Proven's verifier binds it), built from a description that is none of
// the shipped APIs': its own key header and event field. Without options only the payload is
// checked; with a key, the header must carry it.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApiKeyReceiver } from '../../src/apis/api-key-receiver.ts';
import { deliveryExtension, type ApiKeyDelivery } from '../../src/apis/delivery-description.ts';
import { expectVerificationError, rejectionOf, thrownBy } from '../signatures/helpers.ts';

const registry = new Map([['doc.signed', z.object({ kind: z.literal('doc.signed'), doc: z.string() })]]);
type DocEvents = { 'doc.signed': { kind: 'doc.signed'; doc: string } };
const body = JSON.stringify({ kind: 'doc.signed', doc: 'd_1' });
const description = deliveryExtension.parse({ scheme: 'api-key', 'api-key': { header: 'X-Shared-Key' }, envelope: { event: 'kind' } }) as ApiKeyDelivery;
// Built in each test, so that what the receiver reads from the description is read while a mutant is on.
const receiverOf = () => createApiKeyReceiver<DocEvents>(description, registry);
const expected = { type: 'doc.signed', payload: JSON.parse(body) };

describe('createApiKeyReceiver', () => {
  it('without options it checks only the payload, by the envelope’s event field', async () => {
    const receiver = receiverOf();
    expect(await receiver.verify({ body, headers: {} })).toStrictEqual(expected);
    expect(receiver.verifySync({ body, headers: {} })).toStrictEqual(expected);
    const other = JSON.stringify({ event: 'doc.signed', doc: 'd_1' });
    expectVerificationError(await rejectionOf(receiver.verify({ body: other, headers: {} })), 'unknown_event');
    expectVerificationError(
      thrownBy(() => receiver.verifySync({ body: other, headers: {} })),
      'unknown_event',
    );
  });

  it('with a key, the description’s header must carry it (any of several)', async () => {
    const receiver = receiverOf();
    const headers = { 'X-Shared-Key': 'k-2' };
    expect(await receiver.verify({ body, headers }, { apiKey: ['k-1', 'k-2'] })).toStrictEqual(expected);
    expect(receiver.verifySync({ body, headers }, { apiKey: 'k-2' })).toStrictEqual(expected);
    expectVerificationError(await rejectionOf(receiver.verify({ body, headers }, { apiKey: 'k-1' })), 'signature_mismatch', 'x-shared-key');
    expectVerificationError(
      thrownBy(() => receiver.verifySync({ body, headers: { 'x-api-key': 'k-2' } }, { apiKey: 'k-2' })),
      'missing_header',
      'x-shared-key',
    );
  });

  it('maxBodyBytes limits the body read, async and sync', async () => {
    const receiver = receiverOf();
    expectVerificationError(await rejectionOf(receiver.verify({ body, headers: {} }, { maxBodyBytes: 8 })), 'body_too_large');
    expectVerificationError(
      thrownBy(() => receiver.verifySync({ body, headers: {} }, { maxBodyBytes: 8 })),
      'body_too_large',
    );
  });
});
