/**
 * Byte helpers that work without node:crypto or Buffer (Web platform only).
 * @module
 */

const encoder = new TextEncoder();

/** Bytes or text; text is always encoded as UTF-8. */
export type BytesLike = string | Uint8Array;

/**
 * Returns the UTF-8 bytes of a string, or the bytes themselves.
 *
 * @example
 * toBytes('é'); // Uint8Array [0xc3, 0xa9]
 */
export function toBytes(input: BytesLike): Uint8Array<ArrayBuffer> {
  if (typeof input === 'string') return encoder.encode(input);
  return input as Uint8Array<ArrayBuffer>;
}

const HEX_VALUES: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < 10; i++) table[48 + i] = i;
  for (let i = 0; i < 6; i++) {
    table[65 + i] = 10 + i;
    table[97 + i] = 10 + i;
  }
  return table;
})();

/**
 * Decodes hex (either case) into bytes, or returns `undefined` if any character is not hex
 * or the length is odd.
 *
 * @example
 * decodeHex('0aFF'); // Uint8Array [10, 255]
 * decodeHex('0g');   // undefined
 */
export function decodeHex(hex: string, start = 0): Uint8Array<ArrayBuffer> | undefined {
  const length = hex.length - start;
  if (length % 2 !== 0) return undefined;
  const out = new Uint8Array(length / 2);
  for (let i = 0; i < out.length; i++) {
    const high = HEX_VALUES[hex.charCodeAt(start + 2 * i)] ?? -1;
    const low = HEX_VALUES[hex.charCodeAt(start + 2 * i + 1)] ?? -1;
    if (high < 0 || low < 0) return undefined;
    out[i] = (high << 4) | low;
  }
  return out;
}

/**
 * Encodes bytes as lowercase hex.
 *
 * @example
 * encodeHex(new Uint8Array([10, 255])); // '0aff'
 */
export function encodeHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += (byte < 16 ? '0' : '') + byte.toString(16);
  return out;
}

/**
 * Decodes standard or URL-safe base64 (padding optional), or returns `undefined` if invalid.
 *
 * @example
 * decodeBase64('AQID'); // Uint8Array [1, 2, 3]
 */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  const standard = text.replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(standard)) return undefined;
  try {
    const binary = atob(standard);
    // A plain loop: this decodes a signature on every delivery, and Uint8Array.from with a callback is slower.
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    // atob refuses a length that no base64 text has.
  }
  return undefined;
}

/**
 * Compares two byte arrays in time that depends only on their length (not on where they differ).
 * Used where node:crypto's `timingSafeEqual` is unavailable.
 *
 * @example
 * constantTimeEqual(new Uint8Array([1]), new Uint8Array([1])); // true
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

const NodeBuffer = (globalThis as { Buffer?: { from(text: string, encoding: 'latin1'): Uint8Array<ArrayBuffer> } }).Buffer;

/**
 * Encodes a string whose characters are all ≤ U+00FF as one byte per character (how HTTP field
 * values and RFC 9421 signature bases map to octets).
 *
 * @example
 * latin1Bytes('"@method": POST'); // the 15 ASCII bytes
 */
export function latin1Bytes(text: string): Uint8Array<ArrayBuffer> {
  if (NodeBuffer !== undefined) return NodeBuffer.from(text, 'latin1');
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}
