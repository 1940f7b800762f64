import { createContentDigestAsync, signHttpMessage, type Clock, type KeyInput } from '../signatures/index.ts';
import { isWriteMethod, PIPEVEST_REQUEST_COMPONENTS, requestKind } from './components.ts';

/** What {@link createPipevestRequestSigner} needs. */
export interface PipevestRequestSignerOptions {
  /** The client's Ed25519 private key (PEM, JWK, raw 32-byte seed, `KeyObject` or `CryptoKey`). */
  privateKey: KeyInput;
  /** The `keyid` Pipevest knows the key by. */
  keyId: string;
  /** Sent as `X-Client-Id` and covered by the signature. */
  clientId: string;
  /** Seconds from `created` to `expires`. */
  signatureTtlSeconds: number;
  /** The signing clock (UNIX seconds or a `Date`); default the system clock. */
  now?: Clock;
}

/**
 * Copies headers value by value. `new Headers(existing)` is avoided on purpose: fetch
 * interceptors (MSW) patch that constructor to rebuild from recorded raw headers, which can
 * hold a header twice after layered `new Request(request, init)` calls, and would then send
 * `Authorization: Bearer x, Bearer x`.
 */
function copyHeaders(source: Headers): Headers {
  const copy = new Headers();
  source.forEach((value, name) => {
    copy.set(name, value);
  });
  return copy;
}

/**
 * Adds `X-Idempotency-Key` (a random UUID) to a write that has none. Run it once per call,
 * outside any retry loop, so every retry of the call carries the same key.
 */
export function withIdempotencyKey(request: Request): Request {
  if (!isWriteMethod(request.method) || request.headers.has('x-idempotency-key')) return request;
  const headers = copyHeaders(request.headers);
  headers.set('x-idempotency-key', crypto.randomUUID());
  return new Request(request, { headers });
}

/**
 * Returns a function that signs a request the way the document shows: it sets `X-Client-Id`,
 * on writes `X-Idempotency-Key` (unless present), and with a body `Content-Digest` (sha-256,
 * RFC 9530), `Content-Length` and `Content-Type`; then `Signature-Input`/`Signature` (label
 * `sig1`, Ed25519, `keyid`, `created`, `expires`) over exactly the components the document
 * lists for that kind of request, in lowercase. Call it on every attempt: each one gets a
 * fresh `created`. Any signature already on the request is replaced.
 *
 * @example
 * const sign = createPipevestRequestSigner({ privateKey, keyId: 'staging-pipevest-ed25519', clientId: '123456', signatureTtlSeconds: 100 });
 * await fetch(await sign(new Request('https://api.pipevest.com/v1/webhooks', { headers: { authorization: 'Bearer 123456' } })));
 */
export function createPipevestRequestSigner(options: PipevestRequestSignerOptions): (request: Request) => Promise<Request> {
  return async (request) => {
    const method = request.method.toUpperCase();
    const bytes = new Uint8Array(await request.arrayBuffer());
    const hasBody = bytes.byteLength > 0;
    const kind = requestKind(method, hasBody);
    const headers = copyHeaders(request.headers);
    headers.set('x-client-id', options.clientId);
    if (kind !== 'read' && !headers.has('x-idempotency-key')) headers.set('x-idempotency-key', crypto.randomUUID());
    if (hasBody) {
      headers.set('content-digest', await createContentDigestAsync(bytes, ['sha-256']));
      headers.set('content-length', String(bytes.byteLength));
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
    headers.delete('signature');
    headers.delete('signature-input');
    const clock = options.now?.() ?? Date.now() / 1000;
    const created = Math.floor(clock instanceof Date ? clock.getTime() / 1000 : clock);
    const signed = await signHttpMessage(
      { method, url: request.url, headers },
      {
        key: options.privateKey,
        algorithm: 'ed25519',
        keyid: options.keyId,
        components: PIPEVEST_REQUEST_COMPONENTS[kind],
        created,
        expires: created + options.signatureTtlSeconds,
        // The document's Signature-Input carries no `alg`; the key decides the algorithm.
        includeAlg: false,
      },
    );
    headers.set('signature-input', signed.headers['signature-input']);
    headers.set('signature', signed.headers.signature);
    return new Request(request.url, {
      method,
      headers,
      body: hasBody ? (bytes as Uint8Array<ArrayBuffer>) : undefined,
      signal: request.signal,
      redirect: request.redirect,
      credentials: request.credentials,
      cache: request.cache,
      keepalive: request.keepalive,
    });
  };
}
