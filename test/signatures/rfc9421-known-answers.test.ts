/**
 * Byte-for-byte checks against RFC 9421: signature bases for Appendix B.2.1-B.2.6 and the
 * Section 2 examples, the published signatures verified over our bases (RSA-PSS and ECDSA with
 * node:crypto directly, since this library does not implement them), and exact signing of the
 * deterministic B.2.5 (hmac-sha256) and B.2.6 (ed25519) examples.
 */
import { constants, createHmac, createPublicKey, verify as cryptoVerify } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import {
  createSignatureBase,
  signHttpMessage,
  verifyHttpMessage,
  type HttpMessageLike,
  type SignatureParameters,
  type StructuredFieldType,
} from '../../src/signatures/index.ts';
import { expectVerificationError, rejectionOf } from './helpers.ts';
import keys from './vectors/rfc9421-b1-keys.json' with { type: 'json' };
import messages from './vectors/rfc9421-b2-messages.json' with { type: 'json' };
import b21 from './vectors/rfc9421-b21.json' with { type: 'json' };
import b22 from './vectors/rfc9421-b22.json' with { type: 'json' };
import b23 from './vectors/rfc9421-b23.json' with { type: 'json' };
import b24 from './vectors/rfc9421-b24.json' with { type: 'json' };
import b25 from './vectors/rfc9421-b25.json' with { type: 'json' };
import b26 from './vectors/rfc9421-b26.json' with { type: 'json' };
import requestResponse from './vectors/rfc9421-s2-4-request-response.json' with { type: 'json' };
import s25 from './vectors/rfc9421-s2-5-example.json' with { type: 'json' };
import componentValues from './vectors/rfc9421-s2-component-values.json' with { type: 'json' };

interface Vector {
  source: string;
  message: string;
  label: string;
  algorithm: string;
  key: string;
  components: string[];
  params: SignatureParameters;
  signatureBase: string[];
  signatureInput: string;
  signature: string;
}

const VECTORS: Vector[] = [b21, b22, b23, b24, b25, b26];
const SHARED_SECRET = Buffer.from(keys['test-shared-secret'].base64, 'base64');
const CREATED = 1618884473;

function messageOf(name: string): HttpMessageLike {
  return name === 'test-request' ? messages['test-request'] : messages['test-response'];
}

function signatureBytes(member: string): Buffer {
  return Buffer.from(member.slice(member.indexOf('=:') + 2, -1), 'base64');
}

/** Verifies a published signature over `base` with the RFC's key, using node:crypto directly. */
function publishedSignatureVerifies(algorithm: string, keyName: string, base: string, signature: Buffer): boolean {
  const data = Buffer.from(base);
  switch (algorithm) {
    case 'rsa-pss-sha512':
      return cryptoVerify(
        'sha512',
        data,
        { key: createPublicKey(keys['test-key-rsa-pss'].publicKeyPem), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 },
        signature,
      );
    case 'ecdsa-p256-sha256':
      return cryptoVerify('sha256', data, { key: createPublicKey(keys['test-key-ecc-p256'].publicKeyPem), dsaEncoding: 'ieee-p1363' }, signature);
    case 'hmac-sha256':
      return createHmac('sha256', SHARED_SECRET).update(data).digest().equals(signature);
    case 'ed25519':
      return cryptoVerify(null, data, createPublicKey(keys['test-key-ed25519'].publicKeyPem), signature);
    default:
      throw new Error(`no verifier for ${algorithm} (${keyName})`);
  }
}

describe('RFC 9421 Appendix B.2 signature bases', () => {
  for (const vector of VECTORS) {
    it(`${vector.source}: base and Signature-Input are byte-exact, and the published signature verifies over our base`, () => {
      const { base, signatureParams } = createSignatureBase(messageOf(vector.message), { components: vector.components, params: vector.params });
      expect(base).toBe(vector.signatureBase.join('\n'));
      expect(`${vector.label}=${signatureParams}`).toBe(vector.signatureInput);
      expect(publishedSignatureVerifies(vector.algorithm, vector.key, base, signatureBytes(vector.signature))).toBe(true);
      // and a one-byte change to the base no longer verifies (the check above can fail)
      expect(publishedSignatureVerifies(vector.algorithm, vector.key, `${base} `, signatureBytes(vector.signature))).toBe(false);
    });
  }
});

describe('RFC 9421 B.2.5 (hmac-sha256) and B.2.6 (ed25519): exact signing and verification', () => {
  const request = messages['test-request'];
  const cases = [
    { vector: b25, key: { algorithm: 'hmac-sha256' as const, key: new Uint8Array(SHARED_SECRET) } },
    { vector: b26, key: keys['test-key-ed25519'].privateKeyPem },
  ];
  for (const { vector, key } of cases) {
    for (const backend of ['auto', 'web-crypto'] as const) {
      it(`${vector.source} (${backend}): signing reproduces the RFC's Signature-Input and Signature`, async () => {
        const signed = await signHttpMessage(request, {
          key,
          label: vector.label,
          components: vector.components,
          created: vector.params.created,
          keyid: vector.params.keyid,
          includeAlg: false,
          backend,
        });
        expect(signed.signatureBase).toBe(vector.signatureBase.join('\n'));
        expect(signed.headers['signature-input']).toBe(vector.signatureInput);
        expect(signed.headers.signature).toBe(vector.signature);
      });
    }
  }

  const verifyKeys = {
    'test-shared-secret': { algorithm: 'hmac-sha256' as const, key: new Uint8Array(SHARED_SECRET) },
    'test-key-ed25519': keys['test-key-ed25519'].publicKeyPem,
  };
  for (const vector of [b25, b26]) {
    for (const backend of ['auto', 'web-crypto'] as const) {
      it(`${vector.source} (${backend}): the RFC's headers verify`, async () => {
        const message = { ...request, headers: { ...request.headers, 'Signature-Input': vector.signatureInput, Signature: vector.signature } };
        const [verified] = await verifyHttpMessage(message, {
          key: (keyid) => verifyKeys[keyid as keyof typeof verifyKeys],
          now: () => CREATED + 10,
          backend,
          body: request.body,
        });
        expect(verified?.label).toBe(vector.label);
        expect(verified?.algorithm).toBe(vector.algorithm);
        expect(verified?.signatureBase).toBe(vector.signatureBase.join('\n'));
        expect(verified?.params).toEqual(vector.params);
      });
    }
  }

  it('the B.2.5 secret is the decoded B.1.5 bytes, not the keyid string', async () => {
    const message = { ...request, headers: { ...request.headers, 'Signature-Input': b25.signatureInput, Signature: b25.signature } };
    const error = await rejectionOf(verifyHttpMessage(message, { key: 'test-shared-secret', now: () => CREATED }));
    expectVerificationError(error, 'signature_mismatch', 'signature');
  });

  it('B.2.1-B.2.4 (RSA-PSS, ECDSA) are refused with a typed error instead of being verified', async () => {
    for (const [vector, key] of [
      [b23, keys['test-key-rsa-pss'].publicKeyPem],
      [b24, keys['test-key-ecc-p256'].publicKeyPem],
    ] as const) {
      const message = messageOf(vector.message);
      const signedMessage = { ...message, headers: { ...message.headers, 'Signature-Input': vector.signatureInput, Signature: vector.signature } };
      expectVerificationError(await rejectionOf(verifyHttpMessage(signedMessage, { key, now: () => CREATED })), 'invalid_key');
    }
    const withAlg = { ...messages['test-request'], headers: { 'Signature-Input': 'sig=();created=1618884473;alg="rsa-pss-sha512"', Signature: 'sig=:AAAA:' } };
    expectVerificationError(await rejectionOf(verifyHttpMessage(withAlg, { key: 'x', now: () => CREATED })), 'unsupported_algorithm');
  });
});

describe('RFC 9421 Section 2.4 (;req, ;key) and Section 2.5 examples', () => {
  it('Section 2.4: the response base binding the request is byte-exact and its ECDSA signature verifies', () => {
    const { response, request } = requestResponse;
    const { base } = createSignatureBase(response, {
      components: ['@status', 'content-length', 'content-type', '"signature";req;key="sig1"', '@authority;req', '@method;req'],
      params: { created: 1618884479, keyid: 'test-key-ecc-p256' },
      request,
    });
    expect(base).toBe(requestResponse.signatureBase.join('\n'));
    expect(publishedSignatureVerifies('ecdsa-p256-sha256', requestResponse.key, base, signatureBytes(response.headers.Signature))).toBe(true);
  });

  it('Section 2.5: the example base is byte-exact and the Section 3.1 RSA-PSS signature verifies over it', () => {
    const { base } = createSignatureBase(messages['test-request'], { components: s25.components, params: s25.params });
    expect(base).toBe(s25.signatureBase.join('\n'));
    expect(publishedSignatureVerifies('rsa-pss-sha512', s25.key, base, Buffer.from(s25.signatureBase64, 'base64'))).toBe(true);
  });
});

describe('RFC 9421 Section 2 component value examples', () => {
  for (const example of componentValues.cases) {
    it(`section ${example.section}: ${example.line}`, () => {
      const headers = (example.headers ?? {}) as Record<string, string | string[]>;
      const message: HttpMessageLike =
        example.status !== undefined ? { status: example.status, headers } : { method: 'POST', url: example.url ?? 'https://www.example.com/', headers };
      const { base } = createSignatureBase(message, {
        components: [example.component],
        structuredFieldTypes: example.structuredFieldTypes as Record<string, StructuredFieldType> | undefined,
      });
      expect(base.split('\n')[0]).toBe(example.line);
    });
  }
});
