// The Pipevest client against a scripted node:http upstream: every request is checked with
// verifyHttpMessage and RFC 9421's published test-key-ed25519 (the public half), covering
// exactly the components the document lists for its kind, with a valid Content-Digest.
import { createPrivateKey, createHash, webcrypto } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ClientConfigError } from '../../src/client/client-error.ts';
import { createPipevestClient, type PipevestClientOptions } from '../../src/pipevest/client.ts';
import { PIPEVEST_REQUEST_COMPONENTS } from '../../src/pipevest/components.ts';
import { verifyHttpMessage } from '../../src/signatures/index.ts';
import keys from '../signatures/vectors/rfc9421-b1-keys.json' with { type: 'json' };

const rfcKey = keys['test-key-ed25519'];
const privateKeyPem = rfcKey.privateKeyPem;
const publicKeyPem = rfcKey.publicKeyPem;
/** The 32-byte seed of the RFC key (the last 32 bytes of its PKCS #8 DER). */
const seed = new Uint8Array(Buffer.from(privateKeyPem.replace(/-----[^-]+-----|\s/g, ''), 'base64').subarray(-32));

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

let server: Server;
let baseUrl: string;
let script: Array<{ status: number; headers?: Record<string, string>; body?: unknown }> = [];
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
      const next = script.shift() ?? { status: 200, body: {} };
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
      res.end(JSON.stringify(next.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
  script = [];
});

const client = (overrides: Partial<PipevestClientOptions> = {}) =>
  createPipevestClient({ apiKey: '123456', clientId: '123456', privateKey: privateKeyPem, baseUrl, retries: 0, ...overrides });

/** Verifies a request the upstream received, as the mock does; returns the verified signature. */
async function verifySeen(request: Seen, components: readonly string[]) {
  const origin = new URL(baseUrl).origin;
  const [signature] = await verifyHttpMessage(
    { method: request.method, url: `${origin}${request.url}`, headers: request.headers },
    { key: publicKeyPem, algorithms: ['ed25519'], requiredComponents: components, requiredParams: ['keyid', 'expires'], body: request.body },
  );
  return signature!;
}

const quoted = (components: readonly string[]) => components.map((c) => `"${c}"`);
const sha256 = (body: Buffer) => `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;

describe('createPipevestClient: configuration', () => {
  it('rejects an unusable signing key at construction, before any request', () => {
    const attempts: unknown[] = [
      publicKeyPem, // a public key cannot sign
      'not-a-pem-secret', // an HMAC-style secret
      new Uint8Array(31), // a seed has 32 bytes
      { kty: 'OKP', crv: 'Ed25519', x: rfcKey.publicJwk.x }, // a JWK without "d"
      { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd' },
    ];
    for (const privateKey of attempts) {
      expect(() => client({ privateKey: privateKey as never })).toThrow(expect.objectContaining({ name: 'ClientConfigError', code: 'invalid_signing_key' }));
    }
    expect(() => client({ apiKey: '' })).toThrow(expect.objectContaining({ code: 'invalid_api_key' }));
    expect(() => client({ clientId: ' ' })).toThrow(ClientConfigError);
    expect(() => client({ baseUrl: 'ftp://x' })).toThrow(expect.objectContaining({ code: 'invalid_base_url' }));
    expect(() => client({ signatureTtlSeconds: 0 })).toThrow(expect.objectContaining({ code: 'invalid_signing_key' }));
    expect(seen).toHaveLength(0);
  });

  it('signs with the key in every accepted form: PEM, JWK, raw seed, KeyObject, CryptoKey', async () => {
    const cryptoKey = await webcrypto.subtle.importKey('pkcs8', Buffer.from(privateKeyPem.replace(/-----[^-]+-----|\s/g, ''), 'base64'), 'Ed25519', true, [
      'sign',
    ]);
    const forms = [privateKeyPem, { ...rfcKey.publicJwk, d: 'n4Ni-HpISpVObnQMW0wOhCKROaIKqKtW_2ZYb2p9KcU' }, seed, createPrivateKey(privateKeyPem), cryptoKey];
    const signatures: string[] = [];
    const fixed = Math.floor(Date.now() / 1000);
    for (const privateKey of forms) {
      // A fixed clock: Ed25519 is deterministic, so every form must give the same signature.
      await client({ privateKey: privateKey as never, now: () => fixed }).getWebhook();
      await verifySeen(seen.at(-1)!, PIPEVEST_REQUEST_COMPONENTS.read);
      signatures.push(String(seen.at(-1)!.headers.signature));
    }
    expect(new Set(signatures).size).toBe(1);
  });
});

describe('createPipevestClient: what each kind of request covers', () => {
  it('POST /auth (a write with a body): every documented component, Content-Digest, Content-Length, an idempotency key', async () => {
    const pipevest = client();
    const { response } = await pipevest.createAuth({ body: { url: 'https://companyx.com/webhook2', subscriptions: ['ALL'] } });
    expect(response?.status).toBe(200);
    const request = seen[0]!;
    const signature = await verifySeen(request, PIPEVEST_REQUEST_COMPONENTS.write);
    expect(signature.components).toEqual(
      quoted([
        'authorization',
        'content-digest',
        'content-length',
        'content-type',
        'x-client-id',
        'x-idempotency-key',
        '@method',
        '@target-uri',
        '@path',
        '@query',
      ]),
    );
    expect(signature.label).toBe('sig1');
    expect(signature.params.keyid).toBe('staging-pipevest-ed25519');
    expect(signature.params.alg).toBeUndefined();
    expect(signature.params.expires! - signature.params.created!).toBe(100);
    expect(Math.abs(signature.params.created! - Date.now() / 1000)).toBeLessThan(5);
    expect(request.body.toString()).toBe('{"url":"https://companyx.com/webhook2","subscriptions":["ALL"]}');
    expect(request.headers).toMatchObject({
      authorization: 'Bearer 123456',
      'content-type': 'application/json',
      'content-length': String(request.body.length),
      'content-digest': sha256(request.body),
      'x-client-id': '123456',
      'x-idempotency-key': expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
    });
    expect(request.headers['signature-input']).toMatch(
      /^sig1=\("authorization" "content-digest" "content-length" "content-type" "x-client-id" "x-idempotency-key" "@method" "@target-uri" "@path" "@query"\);created=\d+;expires=\d+;keyid="staging-pipevest-ed25519"$/,
    );
    // @query of a URL without a query is "?" (RFC 9421 section 2.2.7).
    expect(signature.signatureBase).toContain(`"@target-uri": ${baseUrl}/auth\n"@path": /v1/auth\n"@query": ?\n`);
  });

  it('POST /auth/test (a write without a body): authorization x-client-id x-idempotency-key and the derived components only', async () => {
    await client().testWebhook();
    const request = seen[0]!;
    const signature = await verifySeen(request, PIPEVEST_REQUEST_COMPONENTS['bodyless-write']);
    expect(signature.components).toEqual(quoted(['authorization', 'x-client-id', 'x-idempotency-key', '@method', '@target-uri', '@path', '@query']));
    expect(request.headers['x-idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(request.headers['content-digest']).toBeUndefined();
  });

  it('GET /webhooks and GET /webhooks/key (reads): authorization x-client-id and the derived components, no idempotency key', async () => {
    const pipevest = client();
    await pipevest.getWebhook();
    await pipevest.getWebhookPublicKey();
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /v1/webhooks', 'GET /v1/webhooks/key']);
    for (const request of seen) {
      const signature = await verifySeen(request, PIPEVEST_REQUEST_COMPONENTS.read);
      expect(signature.components).toEqual(quoted(['authorization', 'x-client-id', '@method', '@target-uri', '@path', '@query']));
      expect(request.headers['x-idempotency-key']).toBeUndefined();
      expect(request.headers['content-digest']).toBeUndefined();
    }
  });

  it('keeps an idempotency key the caller gives, and generates a new one per call otherwise', async () => {
    const pipevest = client();
    const body = { url: 'https://companyx.com/webhook2', subscriptions: ['ACCOUNT' as const] };
    await pipevest.updateWebhook({ body, headers: { 'X-Idempotency-Key': 'caller-key-1' } });
    await pipevest.updateWebhook({ body });
    await pipevest.updateWebhook({ body });
    const keysSent = seen.map((r) => r.headers['x-idempotency-key']);
    expect(keysSent[0]).toBe('caller-key-1');
    expect(new Set(keysSent).size).toBe(3);
    for (const request of seen) await verifySeen(request, PIPEVEST_REQUEST_COMPONENTS.write);
  });

  it('uses the configured keyid and signature lifetime', async () => {
    await client({ keyId: 'prod-key-2', signatureTtlSeconds: 30 }).getWebhook();
    const input = String(seen[0]!.headers['signature-input']);
    const created = Number(/created=(\d+)/.exec(input)?.[1]);
    expect(Number(/expires=(\d+)/.exec(input)?.[1])).toBe(created + 30);
    expect(input).toContain('keyid="prod-key-2"');
  });
});

describe('createPipevestClient: retries', () => {
  it('a retried PUT keeps its idempotency key and is signed afresh on every attempt', async () => {
    script = [
      { status: 503, headers: { 'retry-after': '0' }, body: { error: 'server_error' } },
      { status: 429, headers: { 'retry-after': '0' }, body: { error: 'rate_limited' } },
      { status: 200, body: { webhookId: 'wh_1', status: 'ACTIVE', url: 'https://companyx.com/webhook2', subscriptions: ['ALL'], createdAt: 1, updatedAt: 2 } },
    ];
    const start = Math.floor(Date.now() / 1000);
    let clock = start;
    const pipevest = client({ retries: 2, now: () => clock++ });
    const { data, response } = await pipevest.updateWebhook({ body: { url: 'https://companyx.com/webhook2', subscriptions: ['ALL'] } });
    expect(response?.status).toBe(200);
    expect(data?.webhookId).toBe('wh_1');
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((r) => r.headers['x-idempotency-key'])).size).toBe(1);
    expect(new Set(seen.map((r) => r.headers.signature)).size).toBe(3);
    const created: number[] = [];
    for (const request of seen) created.push((await verifySeen(request, PIPEVEST_REQUEST_COMPONENTS.write)).params.created!);
    expect(created).toEqual([start, start + 1, start + 2]);
  });

  it('never retries a POST, and returns the error body typed', async () => {
    script = [{ status: 503, body: { error: 'server_error', message: 'down' } }];
    const { error, response } = await client({ retries: 2 }).createAuth({ body: { url: 'https://companyx.com/webhook2', subscriptions: ['ALL'] } });
    expect(response?.status).toBe(503);
    expect(error).toEqual({ error: 'server_error', message: 'down' });
    expect(seen).toHaveLength(1);
  });
});
