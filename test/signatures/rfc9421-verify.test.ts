import { createPrivateKey, createPublicKey, generateKeyPairSync, sign as cryptoSign } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import {
  createContentDigest,
  createSignatureBase,
  signHttpMessage,
  verifyHttpMessage,
  type HttpMessageLike,
  type HttpRequestLike,
  type KeyInput,
  type SignHttpMessageOptions,
  type VerifyHttpMessageOptions,
} from '../../src/signatures/index.ts';
import { codeOf, expectVerificationError, rejectionOf } from './helpers.ts';
import keys from './vectors/rfc9421-b1-keys.json' with { type: 'json' };

const NOW = 1_700_000_000;
const clock = (): number => NOW;
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const BODY = '{"event":"order.created","id":"ord_1"}';
const REQUEST: HttpRequestLike = {
  method: 'POST',
  url: 'https://hooks.example.com/pipevest?tenant=t1',
  headers: { 'content-type': 'application/json', 'content-digest': createContentDigest(BODY), authorization: 'Bearer abc' },
};
const COMPONENTS = ['@method', '@target-uri', 'content-type', 'content-digest'];

async function signed(overrides: Partial<SignHttpMessageOptions> = {}, message: HttpRequestLike = REQUEST): Promise<HttpRequestLike> {
  const result = await signHttpMessage(message, { key: privateKey, keyid: 'k1', components: COMPONENTS, created: NOW, ...overrides });
  return { ...message, headers: { ...(message.headers as Record<string, string>), ...result.headers } };
}

function verify(message: HttpMessageLike, overrides: Partial<VerifyHttpMessageOptions> = {}) {
  return verifyHttpMessage(message, { key: publicKey, now: clock, ...overrides });
}

describe('signHttpMessage', () => {
  it('writes lowercase components, created, keyid and alg by default, and verifies', async () => {
    const result = await signHttpMessage(REQUEST, { key: privateKey, keyid: 'k1', components: ['@Method', 'Content-Digest'], now: clock });
    expect(result.headers['signature-input']).toBe('sig1=("@method" "content-digest");created=1700000000;keyid="k1";alg="ed25519"');
    expect(result.signature).toHaveLength(64);
    expect(result.headers.signature).toMatch(/^sig1=:[A-Za-z0-9+/]{86}==:$/);
    const [verified] = await verify({ ...REQUEST, headers: { ...REQUEST.headers, ...result.headers } });
    expect(verified).toMatchObject({
      label: 'sig1',
      algorithm: 'ed25519',
      components: ['"@method"', '"content-digest"'],
      params: { created: NOW, keyid: 'k1', alg: 'ed25519' },
    });
  });

  it('writes expires, nonce and tag in a fixed order, and leaves created out when asked', async () => {
    const result = await signHttpMessage(REQUEST, {
      key: privateKey,
      components: ['@method'],
      created: null,
      expires: new Date((NOW + 60) * 1000),
      nonce: 'n-1',
      tag: 'app',
      keyid: 'k',
      includeAlg: false,
    });
    expect(result.headers['signature-input']).toBe('sig1=("@method");expires=1700000060;keyid="k";nonce="n-1";tag="app"');
  });

  it('adds to existing signatures and refuses a label that is taken or invalid', async () => {
    const first = await signed({ label: 'first' });
    const second = await signHttpMessage(first, { key: 'shared-secret', components: ['@method'], created: NOW, label: 'second' });
    expect(second.headers['signature-input']).toMatch(/^first=\("@method" .*;alg="ed25519", second=\("@method"\);created=1700000000;alg="hmac-sha256"$/);
    expect(second.headers.signature).toMatch(/^first=:.+:, second=:.+:$/);
    expectVerificationError(await rejectionOf(signHttpMessage(first, { key: privateKey, components: [], label: 'first' })), 'malformed_header');
    expectVerificationError(await rejectionOf(signHttpMessage(REQUEST, { key: privateKey, components: [], label: 'Sig' })), 'malformed_header');
  });

  it('refuses parameters that are not printable ASCII', async () => {
    expectVerificationError(await rejectionOf(signHttpMessage(REQUEST, { key: privateKey, components: [], nonce: 'a\nb' })), 'malformed_header');
    expectVerificationError(await rejectionOf(signHttpMessage(REQUEST, { key: privateKey, components: [], created: -5 })), 'malformed_header');
  });

  it('refuses a public key for signing and raw bytes without an algorithm', async () => {
    expectVerificationError(await rejectionOf(signHttpMessage(REQUEST, { key: publicKey, components: [] })), 'invalid_key');
    expectVerificationError(await rejectionOf(signHttpMessage(REQUEST, { key: new Uint8Array(32), components: [] })), 'invalid_key');
  });
});

describe('verifyHttpMessage: time checks', () => {
  it('rejects an expired signature with signature_expired (after the clock skew)', async () => {
    const message = await signed({ expires: NOW - 61 });
    expectVerificationError(await rejectionOf(verify(message)), 'signature_expired', 'signature-input');
    expect(await verify(await signed({ expires: NOW - 60 }))).toHaveLength(1);
    expectVerificationError(await rejectionOf(verify(await signed({ expires: NOW - 1 }), { clockSkew: 0 })), 'signature_expired');
  });

  it('rejects created too far in the future or too old with timestamp_out_of_tolerance', async () => {
    expectVerificationError(await rejectionOf(verify(await signed({ created: NOW + 61 }))), 'timestamp_out_of_tolerance');
    expect(await verify(await signed({ created: NOW + 60 }))).toHaveLength(1);
    expectVerificationError(await rejectionOf(verify(await signed({ created: NOW - 301 }))), 'timestamp_out_of_tolerance');
    expect(await verify(await signed({ created: NOW - 300 }))).toHaveLength(1);
    expectVerificationError(await rejectionOf(verify(await signed({ created: NOW - 11 }), { maxAge: 10 })), 'timestamp_out_of_tolerance');
  });

  it('accepts a Date clock, and requires created unless maxAge is Infinity', async () => {
    expect(await verify(await signed(), { now: () => new Date(NOW * 1000) })).toHaveLength(1);
    const noCreated = await signed({ created: null });
    expectVerificationError(await rejectionOf(verify(noCreated)), 'insufficient_coverage');
    expect(await verify(noCreated, { maxAge: Infinity })).toHaveLength(1);
  });
});

describe('verifyHttpMessage: policy', () => {
  it('enforces required components (any case) with insufficient_coverage', async () => {
    const message = await signed({ components: ['@method', '@target-uri'] });
    expectVerificationError(await rejectionOf(verify(message, { requiredComponents: ['Content-Digest'] })), 'insufficient_coverage');
    expect(await verify(await signed(), { requiredComponents: ['Content-Digest', '@METHOD'] })).toHaveLength(1);
  });

  it('enforces required parameters and tag', async () => {
    expectVerificationError(await rejectionOf(verify(await signed(), { requiredParams: ['nonce'] })), 'insufficient_coverage');
    expect(await verify(await signed({ nonce: 'n' }), { requiredParams: ['nonce', 'keyid'] })).toHaveLength(1);
    expectVerificationError(await rejectionOf(verify(await signed({ tag: 'a' }), { tag: 'b' })), 'insufficient_coverage');
    expect(await verify(await signed({ tag: 'b' }), { tag: 'b' })).toHaveLength(1);
  });

  it('restricts algorithms', async () => {
    expectVerificationError(await rejectionOf(verify(await signed(), { algorithms: ['hmac-sha256'] })), 'unsupported_algorithm');
    const noAlg = await signed({ includeAlg: false });
    expectVerificationError(await rejectionOf(verify(noAlg, { algorithms: ['hmac-sha256'] })), 'unsupported_algorithm');
  });

  it('checks Content-Digest when the body is given', async () => {
    const message = await signed();
    expect(await verify(message, { body: BODY })).toHaveLength(1);
    expectVerificationError(await rejectionOf(verify(message, { body: `${BODY} ` })), 'digest_mismatch', 'content-digest');
    expectVerificationError(await rejectionOf(verify(message, { body: `${BODY} `, backend: 'web-crypto' })), 'digest_mismatch');
  });
});

describe('verifyHttpMessage: several signatures', () => {
  async function twoSignatures(): Promise<HttpRequestLike> {
    const first = await signed({ label: 'bad', keyid: 'unknown' });
    const second = await signHttpMessage(first, { key: privateKey, keyid: 'k1', components: COMPONENTS, created: NOW, label: 'good' });
    return { ...first, headers: { ...(first.headers as Record<string, string>), ...second.headers } };
  }
  const resolver = (keyid: string | undefined): KeyInput | undefined => (keyid === 'k1' ? publicKey : undefined);

  it('any (default): one valid signature is enough', async () => {
    const [verified] = await verify(await twoSignatures(), { key: resolver });
    expect(verified?.label).toBe('good');
  });

  it('all: every signature must verify', async () => {
    expectVerificationError(await rejectionOf(verify(await twoSignatures(), { key: resolver, require: 'all' })), 'unknown_key');
    const both = await verify(await twoSignatures(), { key: publicKey, require: 'all' });
    expect(both.map((s) => s.label)).toEqual(['bad', 'good']);
  });

  it('label: only that signature counts', async () => {
    expectVerificationError(await rejectionOf(verify(await twoSignatures(), { key: resolver, label: 'bad' })), 'unknown_key');
    expect((await verify(await twoSignatures(), { key: resolver, label: 'good' }))[0]?.label).toBe('good');
    expectVerificationError(await rejectionOf(verify(await twoSignatures(), { key: resolver, label: 'other' })), 'missing_header', 'signature-input');
  });

  it('any: when none verifies, the first failure is reported', async () => {
    expectVerificationError(await rejectionOf(verify(await twoSignatures(), { key: () => undefined })), 'unknown_key');
  });

  it('reports a Signature-Input label without Signature value, and missing headers', async () => {
    const message = await signed();
    const headers = message.headers as Record<string, string>;
    expectVerificationError(await rejectionOf(verify({ ...message, headers: { ...headers, signature: 'other=:AAAA:' } })), 'missing_header', 'signature');
    expectVerificationError(await rejectionOf(verify(REQUEST)), 'missing_header', 'signature-input');
    expectVerificationError(await rejectionOf(verify({ ...message, headers: { ...headers, signature: undefined } as never })), 'missing_header', 'signature');
  });
});

describe('verifyHttpMessage: capitalised component names (as in the Pipevest document)', () => {
  const capitalised = ['"@method"', '"Authorization"', '"Content-Digest"'];
  const signatureParams = `(${capitalised.join(' ')});created=${NOW};keyid="pv"`;

  function message(base: string): HttpRequestLike {
    const signature = cryptoSign(null, Buffer.from(base), privateKey).toString('base64');
    return { ...REQUEST, headers: { ...REQUEST.headers, 'Signature-Input': `sig1=${signatureParams}`, Signature: `sig1=:${signature}:` } };
  }

  it('accepts a signature over the lowercase base (RFC 9421 form)', async () => {
    const { base } = createSignatureBase(REQUEST, { components: ['@method', 'authorization', 'content-digest'], params: { created: NOW, keyid: 'pv' } });
    const [verified] = await verify(message(base), { requiredComponents: ['authorization', 'content-digest'] });
    expect(verified?.components).toEqual(['"@method"', '"authorization"', '"content-digest"']);
    expect(verified?.signatureBase).toBe(base);
  });

  it('accepts a signature over the names exactly as written', async () => {
    const base = [
      '"@method": POST',
      '"Authorization": Bearer abc',
      `"Content-Digest": ${REQUEST.headers['content-digest' as never] as string}`,
      `"@signature-params": ${signatureParams}`,
    ].join('\n');
    const [verified] = await verify(message(base));
    expect(verified?.signatureBase).toBe(base);
  });

  it('still rejects a wrong signature', async () => {
    expectVerificationError(await rejectionOf(verify(message('something else'))), 'signature_mismatch', 'signature');
  });
});

describe('verifyHttpMessage: keys', () => {
  const pem = publicKey.export({ format: 'pem', type: 'spki' }) as string;
  const jwk = publicKey.export({ format: 'jwk' });
  const raw = Buffer.from(jwk.x as string, 'base64url');

  it('accepts KeyObject, private KeyObject, PEM, JWK, CryptoKey and raw bytes with an algorithm', async () => {
    const message = await signed();
    const cryptoKey = await crypto.subtle.importKey('jwk', jwk, 'Ed25519', false, ['verify']);
    const inputs: KeyInput[] = [publicKey, privateKey, pem, jwk, cryptoKey, { algorithm: 'ed25519', key: new Uint8Array(raw) }];
    for (const key of inputs) {
      for (const backend of ['auto', 'web-crypto'] as const) {
        expect(await verify(message, { key, backend })).toHaveLength(1);
      }
    }
    expect(await verify(message, { key: new Uint8Array(raw), algorithms: ['ed25519'] })).toHaveLength(1);
  });

  it('accepts the RFC B.1.4 key as PEM and JWK', async () => {
    const rfcPrivate = createPrivateKey(keys['test-key-ed25519'].privateKeyPem);
    const message = await signed({ key: keys['test-key-ed25519'].privateKeyPem });
    expect(await verify(message, { key: keys['test-key-ed25519'].publicJwk })).toHaveLength(1);
    expect(await verify(message, { key: createPublicKey(rfcPrivate) })).toHaveLength(1);
  });

  it('refuses raw bytes without an algorithm, and keys of other types', async () => {
    const message = await signed();
    expectVerificationError(await rejectionOf(verify(message, { key: new Uint8Array(raw) })), 'invalid_key');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    expectVerificationError(await rejectionOf(verify(message, { key: rsa })), 'invalid_key');
    expectVerificationError(await rejectionOf(verify(message, { key: '-----BEGIN PUBLIC KEY-----\nnot base64\n-----END PUBLIC KEY-----' })), 'invalid_key');
    expectVerificationError(await rejectionOf(verify(message, { key: { kty: 'EC', crv: 'P-256' } })), 'invalid_key');
    expectVerificationError(await rejectionOf(verify(message, { key: { algorithm: 'ed25519', key: new Uint8Array(31) } })), 'invalid_key');
  });

  it('never uses a public key as an HMAC secret (no algorithm confusion)', async () => {
    const forged = await signHttpMessage(REQUEST, { key: pem, algorithm: 'hmac-sha256', components: ['@method'], created: NOW }).catch(codeOf);
    expect(forged).toBe('invalid_key');
    // a message claiming alg="hmac-sha256", MAC'd with the PEM text as secret
    const macWithPem = await signHttpMessage(REQUEST, {
      key: { algorithm: 'hmac-sha256', key: new TextEncoder().encode(pem) },
      components: ['@method'],
      created: NOW,
    });
    const message = { ...REQUEST, headers: { ...REQUEST.headers, ...macWithPem.headers } };
    expectVerificationError(await rejectionOf(verify(message, { key: pem })), 'invalid_key');
    expectVerificationError(await rejectionOf(verify(message, { key: publicKey })), 'invalid_key');
  });

  it('resolves keys by keyid and alg', async () => {
    const seen: Array<[string | undefined, string | undefined]> = [];
    const [verified] = await verify(await signed(), {
      key: async (keyid, alg) => {
        seen.push([keyid, alg]);
        return keyid === 'k1' ? pem : undefined;
      },
    });
    expect(verified?.params.keyid).toBe('k1');
    expect(seen).toEqual([['k1', 'ed25519']]);
    expectVerificationError(await rejectionOf(verify(await signed({ keyid: 'k2' }), { key: () => undefined })), 'unknown_key', 'signature-input');
    const failing = await rejectionOf(verify(await signed(), { key: () => Promise.reject(new Error('JWKS down')) }));
    expectVerificationError(failing, 'unknown_key');
    expect(((failing as Error).cause as Error).message).toBe('JWKS down');
  });

  it('verifies hmac-sha256 with string, byte, JWK and CryptoKey secrets', async () => {
    const secret = 'a shared secret';
    const message = await signed({ key: secret });
    const bytes = new TextEncoder().encode(secret);
    const cryptoKey = await crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    for (const key of [secret, { algorithm: 'hmac-sha256' as const, key: bytes }, { kty: 'oct', k: Buffer.from(bytes).toString('base64url') }, cryptoKey]) {
      for (const backend of ['auto', 'web-crypto'] as const) expect(await verify(message, { key, backend })).toHaveLength(1);
    }
    expectVerificationError(await rejectionOf(verify(message, { key: 'another secret' })), 'signature_mismatch');
    expectVerificationError(await rejectionOf(verify(message, { key: '' })), 'missing_secret');
  });
});

describe('verifyHttpMessage: components', () => {
  async function withInput(signatureInput: string, message: HttpRequestLike = REQUEST): Promise<unknown> {
    const headers = { ...(message.headers as Record<string, string>), 'signature-input': `sig1=${signatureInput}`, signature: 'sig1=:AAAA:' };
    return rejectionOf(verify({ ...message, headers }));
  }

  it('rejects unsupported components and parameters with unsupported_component', async () => {
    expectVerificationError(await withInput(`("@foo");created=${NOW}`), 'unsupported_component');
    expectVerificationError(await withInput(`("content-type";tr);created=${NOW}`), 'unsupported_component');
    expectVerificationError(await withInput(`("content-type";xyz=1);created=${NOW}`), 'unsupported_component');
    expectVerificationError(await withInput(`("content-type";sf);created=${NOW}`, { ...REQUEST, headers: { 'content-type': 'a' } }), 'unsupported_component');
  });

  it('rejects invalid component lists with malformed_header', async () => {
    for (const input of [
      `("@signature-params");created=${NOW}`,
      `("@method" "@method");created=${NOW}`,
      `("content-type";bs;sf);created=${NOW}`,
      `("@query-param");created=${NOW}`,
      `("@status");created=${NOW}`,
      `("@method";req);created=${NOW}`,
      `(@method);created=${NOW}`,
      `("bad name");created=${NOW}`,
      `("@method");created="now"`,
      `("@method");created=1.5`,
      `("@method");keyid=1`,
    ]) {
      expectVerificationError(await withInput(input), 'malformed_header');
    }
    expectVerificationError(
      await withInput(`("@query-param";name="a");created=${NOW}`, { ...REQUEST, url: 'https://example.com/?a=1&a=2' }),
      'malformed_header',
    );
    expectVerificationError(await withInput(`("@path");created=${NOW}`, { ...REQUEST, url: '/relative' }), 'malformed_header');
  });

  it('reports a covered header that is absent with missing_header naming it', async () => {
    expectVerificationError(await withInput(`("x-missing");created=${NOW}`), 'missing_header', 'x-missing');
  });

  it('rejects header values with control characters', async () => {
    const headers = { 'x-a': 'one\u0000two' };
    expectVerificationError(await withInput(`("x-a");created=${NOW}`, { ...REQUEST, headers }), 'malformed_header', 'x-a');
  });

  it('works with Fetch Headers and a real Request', async () => {
    const message = await signed();
    const request = new Request(message.url, { method: 'POST', headers: message.headers as Record<string, string>, body: BODY });
    expect(await verify(request, { body: await request.clone().text() })).toHaveLength(1);
    expect(await verify({ ...message, headers: new Headers(message.headers as Record<string, string>) })).toHaveLength(1);
  });

  it('signs and verifies a response, binding the request with ;req', async () => {
    const request = await signed();
    const response = { status: 201, headers: { 'content-type': 'application/json' } };
    const result = await signHttpMessage(response, {
      key: privateKey,
      components: ['@status', 'content-type', '@method;req', '"signature";req;key="sig1"'],
      created: NOW,
      request,
    });
    const signedResponse = { ...response, headers: { ...response.headers, ...result.headers } };
    expect(await verify(signedResponse, { request })).toHaveLength(1);
    expectVerificationError(await rejectionOf(verify(signedResponse)), 'unsupported_component');
    const otherRequest = await signed({ nonce: 'different' });
    expectVerificationError(await rejectionOf(verify(signedResponse, { request: otherRequest })), 'signature_mismatch');
  });
});

describe('node:crypto and Web Crypto backends agree', () => {
  it('on valid, tampered and malformed inputs', async () => {
    const good = await signed();
    const headers = good.headers as Record<string, string>;
    // Each outcome is pinned as well: two backends that agree on a shared bug would pass otherwise.
    const cases: Array<[HttpRequestLike, string]> = [
      [good, 'ok'],
      [{ ...good, method: 'PUT' }, 'signature_mismatch'],
      // A changed signature byte, then a changed label (no signature for sig1 any more).
      [
        { ...good, headers: { ...headers, signature: headers.signature?.replace(/=:(.)/, (_m, c: string) => `=:${c === 'A' ? 'B' : 'A'}`) ?? '' } },
        'signature_mismatch',
      ],
      [{ ...good, headers: { ...headers, signature: headers.signature?.replace(/[A-Za-z]/, (c) => (c === 'A' ? 'B' : 'A')) ?? '' } }, 'malformed_header'],
      [{ ...good, headers: { ...headers, 'content-type': 'text/plain' } }, 'signature_mismatch'],
      [{ ...good, headers: { ...headers, signature: 'sig1=:AAAA:' } }, 'signature_mismatch'],
    ];
    for (const [message, expected] of cases) {
      const outcomes = await Promise.all((['auto', 'web-crypto'] as const).map((backend) => verify(message, { backend }).then(() => 'ok', codeOf)));
      expect(outcomes).toEqual([expected, expected]);
    }
  });
});
