/**
 * Input checks shared by the node:crypto and Web Crypto `sha256=<hex>` verifiers, so that
 * both reject the same inputs with the same error codes.
 * @module
 */
import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import { decodeHex, encodeHex } from './bytes.ts';

/** The prefix of an HMAC-SHA256 signature header value. */
export const HMAC_SHA256_PREFIX = 'sha256=';

/** A shared secret: a string (used as its UTF-8 bytes) or raw bytes. */
export type HmacSecret = string | Uint8Array;

/** One secret, or several during rotation (any of them may match). */
export type HmacSecrets = HmacSecret | readonly HmacSecret[];

/** A header value as frameworks hand it over (Fetch `Headers#get`, Node `IncomingHttpHeaders`). */
export type SignatureHeaderValue = string | readonly string[] | null | undefined;

/** Options shared by the `sha256=<hex>` verifiers. */
export interface HmacSha256VerifyOptions {
  /** Header name used in error messages and `error.header` (default `x-webhook-signature`). */
  headerName?: string;
}

/** Default header name used in errors when the caller does not give one. */
export const DEFAULT_HMAC_HEADER = 'x-webhook-signature';

function isUsableSecret(secret: unknown): secret is HmacSecret {
  return (typeof secret === 'string' || secret instanceof Uint8Array) && secret.length > 0;
}

/**
 * Returns the usable secrets or throws `missing_secret` when there are none.
 *
 * @example
 * normalizeSecrets(['new', 'old']); // ['new', 'old']
 */
export function normalizeSecrets(secrets: HmacSecrets): readonly HmacSecret[] {
  if (isUsableSecret(secrets)) return [secrets];
  if (Array.isArray(secrets) && secrets.length > 0 && secrets.every(isUsableSecret)) return secrets;
  throw new WebhookVerificationError(
    'missing_secret',
    'No webhook secret was given (or a secret is empty or not a string/Uint8Array): configure the signing secret, e.g. from an environment variable.',
  );
}

/**
 * Decodes a `sha256=<64 hex>` header value into the 32 MAC bytes, throwing `missing_header`
 * or `malformed_header`. Hex digits may be either case; surrounding spaces are ignored.
 *
 * @example
 * parseHmacSha256Header('sha256=' + '00'.repeat(32)).length; // 32
 */
export function parseHmacSha256Header(value: SignatureHeaderValue, headerName: string = DEFAULT_HMAC_HEADER): Uint8Array<ArrayBuffer> {
  let text: string | undefined;
  if (typeof value === 'string') text = value;
  else if (Array.isArray(value)) {
    if (value.length > 1) {
      throw new WebhookVerificationError('malformed_header', `Got ${value.length} ${headerName} headers but expected one: a proxy may have duplicated it.`, {
        header: headerName,
      });
    }
    text = value[0];
  }
  if (typeof text !== 'string' || text.length === 0) {
    throw new WebhookVerificationError(
      'missing_header',
      `The ${headerName} header is missing: check that the request comes from the provider and that proxies forward the header.`,
      { header: headerName },
    );
  }
  text = text.trim();
  const mac = text.length === 71 && text.startsWith(HMAC_SHA256_PREFIX) ? decodeHex(text, 7) : undefined;
  if (mac === undefined) {
    throw new WebhookVerificationError(
      'malformed_header',
      `The ${headerName} header is not "sha256=" followed by 64 hex digits: pass the raw header value unchanged.`,
      { header: headerName },
    );
  }
  return mac;
}

/**
 * The error thrown when no secret produces the received MAC.
 *
 * @example
 * throw hmacMismatchError('x-webhook-signature'); // code 'signature_mismatch'
 */
export function hmacMismatchError(headerName: string): WebhookVerificationError {
  return new WebhookVerificationError(
    'signature_mismatch',
    `The ${headerName} signature does not match the body: verify over the raw body bytes (before JSON parsing or re-serialising) and with the endpoint's current secret.`,
    { header: headerName },
  );
}

/**
 * Formats MAC bytes as a `sha256=<hex>` header value.
 *
 * @example
 * toHmacSha256Header(new Uint8Array(32)); // 'sha256=0000…'
 */
export function toHmacSha256Header(mac: Uint8Array): string {
  return HMAC_SHA256_PREFIX + encodeHex(mac);
}

const VERIFICATION_FAILURES: ReadonlySet<string> = new Set(['missing_header', 'malformed_header', 'signature_mismatch']);

/**
 * True for errors that mean "this request is not authentic" (missing, malformed or wrong
 * signature), false for configuration errors such as `missing_secret`.
 *
 * @example
 * isHmacVerificationFailure(new WebhookVerificationError('signature_mismatch', '…')); // true
 */
export function isHmacVerificationFailure(error: unknown): boolean {
  return error instanceof WebhookVerificationError && VERIFICATION_FAILURES.has(error.code);
}
