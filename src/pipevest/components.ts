/**
 * The RFC 9421 components Pipevest signatures cover, as the document lists them per kind of
 * request (its examples write them capitalised; RFC 9421 component identifiers are lowercase,
 * so they are signed lowercase and the capitalised form is accepted when verifying).
 * @module
 */
import { description } from './description.ts';

/** The kinds of request the document shows, each with its own covered components. */
export type PipevestRequestKind = 'write' | 'bodyless-write' | 'read';

/** Covered components per request kind, in the document's order, lowercase. */
export const PIPEVEST_REQUEST_COMPONENTS: Readonly<Record<PipevestRequestKind, readonly string[]>> = Object.freeze({
  /** POST /auth, PUT /webhooks: a write with a JSON body. */
  write: Object.freeze([
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
  /** POST /auth/test: a write without a body. */
  'bodyless-write': Object.freeze(['authorization', 'x-client-id', 'x-idempotency-key', '@method', '@target-uri', '@path', '@query']),
  /** GET /webhooks, GET /webhooks/key. */
  read: Object.freeze(['authorization', 'x-client-id', '@method', '@target-uri', '@path', '@query']),
});

/**
 * Components of a webhook message signature (the spec's x-hookspec-delivery). The document does
 * not list them; the project's mock signs these, and receivers require them by default.
 */
export const PIPEVEST_DELIVERY_COMPONENTS: readonly string[] = Object.freeze([...description.rfc9421.components]);

/** The `keyid` of the document's examples; the default of the client's signing key. */
export const PIPEVEST_DEFAULT_KEY_ID = 'staging-pipevest-ed25519';

/** The document's examples expire 100 s after creation (`created=1732893484;expires=1732893584`). */
export const PIPEVEST_DEFAULT_SIGNATURE_TTL_SECONDS = description.rfc9421['expires-after'] ?? 100;

const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True for methods that change state and so carry `X-Idempotency-Key` (POST, PUT, PATCH, DELETE). */
export function isWriteMethod(method: string): boolean {
  return !READ_METHODS.has(method.toUpperCase());
}

/**
 * The kind of a request, from its method and whether it has a body.
 *
 * @example
 * requestKind('POST', false); // 'bodyless-write' (POST /auth/test)
 */
export function requestKind(method: string, hasBody: boolean): PipevestRequestKind {
  if (!isWriteMethod(method)) return 'read';
  return hasBody ? 'write' : 'bodyless-write';
}
