/**
 * Fern's `x-fern-webhook-signature` (at the document root or per webhook) read as the equivalent
 * `hmac` fields, so a spec written for Fern needs no `x-hookspec-delivery` scheme of its own.
 * @module
 */
import type { HmacDescriptionInput } from '../schemes/hmac-description.ts';

/** The Fern fields that have an `hmac` field of the same name and meaning. */
const SHARED = ['header', 'algorithm', 'encoding', 'payload-format', 'timestamp'] as const;

/** Why a Fern signature cannot be read as `hmac` fields. */
export class FernSignatureError extends Error {
  override readonly name = 'FernSignatureError';
}

/** The `hmac` fields of one `x-fern-webhook-signature` object. */
export function hmacFromFern(fern: unknown): HmacDescriptionInput {
  if (typeof fern !== 'object' || fern === null || Array.isArray(fern)) throw new FernSignatureError('x-fern-webhook-signature is not an object.');
  const record = fern as Record<string, unknown>;
  if (record.type !== 'hmac') throw new FernSignatureError(`x-fern-webhook-signature type "${String(record.type)}" is not supported; only "hmac" is.`);
  return Object.fromEntries(SHARED.filter((key) => record[key] !== undefined).map((key) => [key, record[key]])) as unknown as HmacDescriptionInput;
}

/**
 * The Fern signature a document declares: at its root, or the same one on every webhook that
 * has one. Undefined when there is none; an error when webhooks declare different ones.
 */
export function fernSignatureOf(document: Record<string, unknown>): unknown {
  if (document['x-fern-webhook-signature'] !== undefined) return document['x-fern-webhook-signature'];
  const webhooks = (document.webhooks ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
  const found = Object.values(webhooks)
    .flatMap((item) => Object.values(item ?? {}))
    .map((operation) => operation?.['x-fern-webhook-signature'])
    .filter((signature) => signature !== undefined);
  if (found.length === 0) return undefined;
  const first = JSON.stringify(found[0]);
  if (found.some((signature) => JSON.stringify(signature) !== first))
    throw new FernSignatureError('webhooks declare different x-fern-webhook-signature values; one scheme per API is supported.');
  return found[0];
}
