/**
 * Reads the delivery description of a parsed spec: its `x-hookspec-delivery`, where a spec that
 * names no scheme but carries Fern's `x-fern-webhook-signature` gets the equivalent `hmac` one.
 * @module
 */
import { type DeliveryDescription, deliveryExtension } from './delivery-description.ts';
import { FernSignatureError, fernSignatureOf, hmacFromFern } from './fern-signature.ts';

export const DELIVERY_EXTENSION = 'x-hookspec-delivery';

/** A spec whose delivery description is missing or does not validate: names the file, the path and the reason. */
export class DeliveryDescriptionError extends Error {
  override readonly name = 'DeliveryDescriptionError';
  readonly code = 'invalid_delivery_description';
  readonly file: string;
  readonly path: string;
  readonly reason: string;
  constructor(file: string, path: string, reason: string) {
    super(`${file}: ${path}: ${reason}`);
    this.file = file;
    this.path = path;
    this.reason = reason;
  }
}

/** The delivery description of `document` (the parsed spec read from `file`). */
export function readDeliveryDescription(document: Record<string, unknown>, file: string): DeliveryDescription {
  let raw = document[DELIVERY_EXTENSION];
  if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) {
    throw new DeliveryDescriptionError(file, DELIVERY_EXTENSION, 'must be an object');
  }
  const declared = (raw ?? {}) as Record<string, unknown>;
  if (declared.scheme === undefined) {
    let fern: unknown;
    try {
      fern = fernSignatureOf(document);
      if (fern !== undefined) raw = { scheme: 'hmac', hmac: hmacFromFern(fern), ...declared };
    } catch (error) {
      if (error instanceof FernSignatureError) throw new DeliveryDescriptionError(file, 'x-fern-webhook-signature', error.message);
      throw error;
    }
    if (fern === undefined) {
      throw new DeliveryDescriptionError(file, `${DELIVERY_EXTENSION}.scheme`, 'missing: the spec declares neither a scheme nor an x-fern-webhook-signature');
    }
  }
  const parsed = deliveryExtension.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new DeliveryDescriptionError(file, [DELIVERY_EXTENSION, ...issue.path.map(String)].join('.'), issue.message);
}
