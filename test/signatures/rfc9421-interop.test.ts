/**
 * Interoperability with the `http-message-signatures` package (ed25519): its signatures verify
 * with ours and ours verify with it, over the same request and covered components.
 */
import { generateKeyPairSync } from 'node:crypto';

import { createSigner, createVerifier, httpbis } from 'http-message-signatures';
import { describe, expect, it } from 'vitest';

import { createContentDigest, signHttpMessage, verifyHttpMessage } from '../../src/signatures/index.ts';
import { expectVerificationError, rejectionOf } from './helpers.ts';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const BODY = '{"type":"transfer.completed","amount":1200}';
const REQUEST = {
  method: 'POST',
  url: 'https://partner.example.com/webhooks/pipevest?tenant=t1&mode=live',
  headers: {
    'content-type': 'application/json',
    'content-digest': createContentDigest(BODY, ['sha-512']),
    'x-delivery-id': 'dlv_01',
  } as Record<string, string | string[]>,
};
const FIELDS = [
  '@method',
  '@target-uri',
  '@authority',
  '@scheme',
  '@path',
  '@query',
  '@request-target',
  '@query-param;name="tenant"',
  'content-type',
  'content-digest',
  'x-delivery-id',
];
const verifyingKey = { id: 'partner-key', algs: ['ed25519'], verify: createVerifier(publicKey, 'ed25519') };

describe('interop with http-message-signatures (ed25519)', () => {
  it('a signature made by http-message-signatures verifies with hookspec', async () => {
    const signed = await httpbis.signMessage({ key: createSigner(privateKey, 'ed25519', 'partner-key'), fields: FIELDS, name: 'sig' }, REQUEST);
    expect(Object.keys(signed.headers)).toEqual(expect.arrayContaining(['Signature', 'Signature-Input']));
    const [verified] = await verifyHttpMessage(signed, {
      key: (keyid) => (keyid === 'partner-key' ? publicKey : undefined),
      requiredComponents: ['@method', '@target-uri', 'content-digest'],
      body: BODY,
    });
    expect(verified?.label).toBe('sig');
    expect(verified?.algorithm).toBe('ed25519');
    expect(verified?.components).toHaveLength(FIELDS.length);

    const tampered = { ...signed, headers: { ...signed.headers, 'x-delivery-id': 'dlv_02' } };
    expectVerificationError(await rejectionOf(verifyHttpMessage(tampered, { key: publicKey })), 'signature_mismatch');
  });

  it('a signature made by hookspec verifies with http-message-signatures', async () => {
    const result = await signHttpMessage(REQUEST, { key: privateKey, keyid: 'partner-key', components: FIELDS, label: 'sig' });
    const signed = { ...REQUEST, headers: { ...REQUEST.headers, ...result.headers } };
    expect(await httpbis.verifyMessage({ keyLookup: async () => verifyingKey }, signed)).toBe(true);

    const tampered = { ...signed, url: signed.url.replace('tenant=t1', 'tenant=t2') };
    await expect(httpbis.verifyMessage({ keyLookup: async () => verifyingKey }, tampered)).resolves.toBe(false);
  });

  it('hookspec signatures with expires and nonce verify with http-message-signatures', async () => {
    const now = Math.floor(Date.now() / 1000);
    const result = await signHttpMessage(REQUEST, {
      key: privateKey,
      keyid: 'partner-key',
      components: ['@method', '@target-uri', 'content-digest'],
      created: now,
      expires: now + 60,
      nonce: 'abc123',
      tag: 'webhook',
    });
    const signed = { ...REQUEST, headers: { ...REQUEST.headers, ...result.headers } };
    expect(await httpbis.verifyMessage({ keyLookup: async () => verifyingKey }, signed)).toBe(true);
  });
});
