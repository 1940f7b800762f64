/**
 * The signature header of an `hmac` scheme: one `<prefix><signature>`, several separated by
 * `signatures-delimiter` (rotation: any one may match; entries with another prefix, such as a
 * Standard Webhooks `v1a,`, are skipped), or a `combined` list of key=value pairs that carries
 * the timestamp too (Stripe: `t=<ts>,v1=<sig>,v1=<sig>`).
 * @module
 */
import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import { decodeBase64, decodeHex, encodeHex } from '../signatures/bytes.ts';
import type { HmacDescription } from './hmac-description.ts';
import { MAC_LENGTH } from './hmac-secret.ts';

/** What a signature header carries. */
export interface ParsedHmacSignatureHeader {
  /** The decoded MACs, in header order (at least one). */
  readonly signatures: readonly Uint8Array[];
  /** The timestamp text of a combined header, as received. */
  readonly timestamp?: string;
}

/** Decodes one signature of the declared encoding and length, or `undefined`. */
export function decodeMac(text: string, description: HmacDescription): Uint8Array | undefined {
  const length = MAC_LENGTH[description.algorithm];
  if (description.encoding === 'hex') return text.length === 2 * length ? decodeHex(text) : undefined;
  // decodeBase64 refuses anything but (URL-safe) base64 itself; an empty text decodes to 0 bytes.
  const mac = decodeBase64(text);
  return mac?.length === length ? mac : undefined;
}

/** Encodes a MAC as the description writes it (without the prefix). */
export function encodeMac(mac: Uint8Array, description: HmacDescription): string {
  if (description.encoding === 'hex') return encodeHex(mac);
  let binary = '';
  for (const byte of mac) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function malformed(header: string, message: string): WebhookVerificationError {
  return new WebhookVerificationError('malformed_header', `The ${header} header ${message}: pass the raw header value unchanged.`, { header });
}

/** What one signature looks like, for error messages (`v1,<base64>`, `sha256=<64 hex digits>`). */
export function signatureShape(description: HmacDescription): string {
  const length = MAC_LENGTH[description.algorithm];
  const value = description.encoding === 'hex' ? `<${2 * length} hex digits>` : '<base64>';
  return description.combined === undefined
    ? `${description['signature-prefix']}${value}`
    : `${description.combined['signature-key']}=${description['signature-prefix']}${value}`;
}

/**
 * Reads a signature header value: throws `missing_header` when it is absent or blank and
 * `malformed_header` when it carries no signature of the declared form (or, combined, no
 * timestamp).
 *
 * @example
 * parseHmacSignatureHeader('v1,Zm9v… v1,YmFy…', standardWebhooks, 'webhook-signature').signatures.length; // 2
 */
export function parseHmacSignatureHeader(value: string | null | undefined, description: HmacDescription, header: string): ParsedHmacSignatureHeader {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new WebhookVerificationError(
      'missing_header',
      `The ${header} header is missing: check that the request comes from the provider and that proxies forward the header.`,
      { header },
    );
  }
  const prefix = description['signature-prefix'];
  const signatures: Uint8Array[] = [];
  const combined = description.combined;
  if (combined !== undefined) {
    let timestamp: string | undefined;
    for (const part of value.split(combined.delimiter)) {
      const equals = part.indexOf('=');
      // A pair needs a key before its '=' (both keys are non-empty), so parts without one are skipped.
      if (equals < 1) continue;
      const key = part.slice(0, equals).trim();
      const text = part.slice(equals + 1).trim();
      if (key === combined['timestamp-key']) timestamp ??= text;
      else if (key === combined['signature-key'] && text.startsWith(prefix)) {
        const mac = decodeMac(text.slice(prefix.length), description);
        if (mac !== undefined) signatures.push(mac);
      }
    }
    if (timestamp === undefined || timestamp === '') throw malformed(header, `has no ${combined['timestamp-key']}=<timestamp>`);
    if (signatures.length === 0) throw malformed(header, `has no ${signatureShape(description)} signature`);
    return { signatures, timestamp };
  }
  const delimiter = description['signatures-delimiter'];
  const entries = delimiter === undefined ? [value] : value.split(delimiter);
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry.startsWith(prefix)) continue;
    const mac = decodeMac(entry.slice(prefix.length), description);
    if (mac !== undefined) signatures.push(mac);
  }
  if (signatures.length === 0) {
    throw malformed(header, delimiter === undefined ? `is not ${signatureShape(description)}` : `has no ${signatureShape(description)} signature`);
  }
  return { signatures };
}

/**
 * Writes a signature header: the encoded MACs (several only where the description allows a
 * list) and, for a combined header, the timestamp text.
 *
 * @example
 * formatHmacSignatureHeader([mac], stripe, '1614265330'); // 't=1614265330,v1=…'
 */
export function formatHmacSignatureHeader(macs: readonly Uint8Array[], description: HmacDescription, timestamp?: string): string {
  const prefix = description['signature-prefix'];
  const combined = description.combined;
  if (combined !== undefined) {
    if (timestamp === undefined) throw new TypeError('A combined signature header needs the timestamp.');
    const pairs = [`${combined['timestamp-key']}=${timestamp}`, ...macs.map((mac) => `${combined['signature-key']}=${prefix}${encodeMac(mac, description)}`)];
    return pairs.join(combined.delimiter);
  }
  const delimiter = description['signatures-delimiter'];
  if (macs.length !== 1 && delimiter === undefined) throw new TypeError('This scheme carries exactly one signature per header.');
  // Without a delimiter there is exactly one MAC, so nothing is joined.
  return macs.map((mac) => prefix + encodeMac(mac, description)).join(delimiter);
}
