import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';

/**
 * Throws `body_already_parsed` unless the body is the raw string or bytes (a parsed object,
 * `undefined` or `null` usually means a body parser ran before verification).
 *
 * @example
 * assertRawBody('{"a":1}'); // ok
 * assertRawBody({ a: 1 });  // throws WebhookVerificationError('body_already_parsed')
 */
export function assertRawBody(body: unknown): asserts body is string | Uint8Array {
  if (typeof body === 'string' || body instanceof Uint8Array) return;
  throw new WebhookVerificationError(
    'body_already_parsed',
    `Expected the raw request body as a string or Uint8Array but got ${body === null ? 'null' : typeof body}: the body was probably parsed (e.g. by a JSON body parser) before verification; read it raw for webhook routes.`,
  );
}
