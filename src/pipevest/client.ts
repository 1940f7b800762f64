import { client as specClient } from '../../generated/pipevest/client.gen.ts';
import { createClient, createConfig } from '../../generated/pipevest/client/index.ts';
import * as sdk from '../../generated/pipevest/sdk.gen.ts';
import { bindSdk } from '../client/bind-sdk.ts';
import { clientConfig } from '../client/client-config.ts';
import { ClientConfigError } from '../client/client-error.ts';
import { refuseSecretKeyInBrowser } from '../client/refuse-secret-key.ts';
import type { ApiClientOptions } from '../client/client-options.ts';
import type { Clock, KeyInput } from '../signatures/index.ts';
// Not part of the signatures module's public index: the one way to check a key synchronously.
import { prepareKey } from '../signatures/rfc9421-keys.ts';
import { PIPEVEST_DEFAULT_KEY_ID, PIPEVEST_DEFAULT_SIGNATURE_TTL_SECONDS } from './components.ts';
import { createPipevestRequestSigner, withIdempotencyKey } from './sign-request.ts';

/** Options of {@link createPipevestClient}. */
export interface PipevestClientOptions extends ApiClientOptions {
  /** The bearer token, sent as `Authorization: Bearer …` (the document's example is `123456`). */
  apiKey: string;
  /** Sent as `X-Client-Id` on every request and covered by every signature. */
  clientId: string;
  /** The Ed25519 private key that signs every request: PEM (PKCS #8), JWK, raw 32-byte seed, `KeyObject` or `CryptoKey`. */
  privateKey: KeyInput;
  /** The `keyid` Pipevest knows the key by (default `staging-pipevest-ed25519`, as in the document). */
  keyId?: string;
  /** Seconds between a signature's `created` and `expires` (default 100, as in the document's examples). */
  signatureTtlSeconds?: number;
  /** The signing clock (UNIX seconds or a `Date`); default the system clock. Inject one in tests. */
  now?: Clock;
  /** The transport: called with each attempt's request once it is signed (default: the global `fetch`). */
  fetch?: typeof fetch;
}

/** The headers the client computes and signs itself; callers never pass them (except an own `X-Idempotency-Key`). */
export type PipevestSignedHeader = 'Signature' | 'Signature-Input' | 'Content-Digest' | 'X-Client-Id' | 'X-Idempotency-Key';

/** Header parameters an operation declares in the spec (the literal keys of its generated `…Data['headers']`). */
type DeclaredHeaders<O> = O extends { headers: infer H } ? { [K in keyof H as string extends K ? never : number extends K ? never : K]: H[K] } : never;

/**
 * The caller's headers of one operation: the declared ones minus those the client fills,
 * an optional own `X-Idempotency-Key` where the operation takes one, and any extra header.
 */
type CallerHeaders<O> = Omit<DeclaredHeaders<O>, PipevestSignedHeader> &
  Partial<Pick<DeclaredHeaders<O>, Extract<keyof DeclaredHeaders<O>, 'X-Idempotency-Key'>>> &
  Record<string, string>;

/** The generated options of one operation, without `client`/`throwOnError`, headers as the caller gives them. */
type CallOptions<O> = Omit<O, 'client' | 'throwOnError' | 'headers'> & { headers?: CallerHeaders<O> };

/** The `{ data, error, request, response }` result of a call that does not throw on HTTP errors. */
type FieldsResult<R> = Promise<Extract<Awaited<R>, { error: unknown }>>;

type SignedOperation<F> = F extends (options: infer O) => infer R
  ? object extends CallOptions<O>
    ? (options?: CallOptions<O>) => FieldsResult<R>
    : (options: CallOptions<O>) => FieldsResult<R>
  : never;

/**
 * A Pipevest client: every operation of the spec, bound to one configured client, with the
 * signature headers filled in by the client (the generated SDK types require them as header
 * parameters; here they are left out).
 */
export type PipevestClient = {
  [K in keyof typeof sdk as (typeof sdk)[K] extends (...args: never[]) => unknown ? K : never]: SignedOperation<(typeof sdk)[K]>;
};

function requireText(value: unknown, name: string, code: 'invalid_api_key' | 'invalid_signing_key'): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ClientConfigError(code, `Pipevest: ${name} is required (a non-empty string).`);
  }
  return value;
}

/**
 * Checks the signing key at construction: synchronously where node:crypto is available;
 * with Web Crypto only, the check finishes asynchronously and the first request reports it.
 */
function checkSigningKey(privateKey: KeyInput): () => Promise<void> {
  const failed = (cause: unknown) =>
    new ClientConfigError(
      'invalid_signing_key',
      `Pipevest: privateKey is not a usable Ed25519 private key (${cause instanceof Error ? cause.message : String(cause)}). Pass a PKCS #8 PEM, an OKP JWK with "d", a 32-byte seed, a KeyObject or a CryptoKey.`,
      { cause },
    );
  if (privateKey === undefined || privateKey === null) throw failed(new Error('no key given'));
  let prepared: ReturnType<typeof prepareKey>;
  try {
    prepared = prepareKey(privateKey, 'sign', 'ed25519');
  } catch (cause) {
    throw failed(cause);
  }
  if (!(prepared instanceof Promise)) return async () => {};
  const checked = prepared.then(
    () => undefined,
    (cause: unknown) => {
      throw failed(cause);
    },
  );
  checked.catch(() => {}); // reported on the first request, not as an unhandled rejection
  return () => checked;
}

/**
 * Creates a typed Pipevest client that signs every request itself, in the fetch layer: it sets
 * `X-Client-Id`, on writes a random `X-Idempotency-Key` (unless the caller gave one), with a
 * body `Content-Digest` (sha-256), `Content-Length` and `Content-Type`, then `Signature-Input`
 * and `Signature` (RFC 9421, Ed25519, label `sig1`, `keyid`, `created`, `expires`) over exactly
 * the components the document lists for that kind of request. Retries (429/5xx on GET and PUT)
 * keep the idempotency key and are signed afresh. A key that cannot sign throws
 * `ClientConfigError('invalid_signing_key')` here, before any request.
 *
 * @example
 * const pipevest = createPipevestClient({ apiKey: '123456', clientId: '123456', privateKey: process.env.PIPEVEST_PRIVATE_KEY!, baseUrl: 'http://127.0.0.1:4010/pipevest/v1' });
 * const { data } = await pipevest.createAuth({ body: { url: 'https://companyx.com/webhook2', subscriptions: ['ALL'] } });
 */
export function createPipevestClient(options: PipevestClientOptions): PipevestClient {
  const apiKey = requireText(options.apiKey, 'apiKey (the bearer token)', 'invalid_api_key');
  // The token and the signing key are both secrets: a page calls its own backend, which signs.
  refuseSecretKeyInBrowser('Pipevest', apiKey, 'always', options);
  const clientId = requireText(options.clientId, 'clientId (sent as X-Client-Id)', 'invalid_api_key');
  const keyId = requireText(options.keyId ?? PIPEVEST_DEFAULT_KEY_ID, 'keyId', 'invalid_signing_key');
  const ttl = options.signatureTtlSeconds ?? PIPEVEST_DEFAULT_SIGNATURE_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl <= 0) {
    throw new ClientConfigError('invalid_signing_key', `Pipevest: signatureTtlSeconds must be a positive integer, got ${String(ttl)}.`);
  }
  const keyChecked = checkSigningKey(options.privateKey);
  const sign = createPipevestRequestSigner({ privateKey: options.privateKey, keyId, clientId, signatureTtlSeconds: ttl, now: options.now });

  const config = clientConfig('Pipevest', options, apiKey, String(specClient.getConfig().baseUrl), {
    // Every retry repeats the idempotency key…
    perCall: (next) => (input, init) => next(withIdempotencyKey(new Request(input, init))),
    // …and carries a fresh signature.
    perAttempt: (next) => async (input, init) => {
      await keyChecked();
      return next(await sign(new Request(input, init)));
    },
  });
  return bindSdk(sdk, createClient(createConfig(config))) as unknown as PipevestClient;
}
