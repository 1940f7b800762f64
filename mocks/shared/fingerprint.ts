/**
 * FNV-1a (32 bits) of a string as 8 hex digits, `salt` mixed in first: cheap, synchronous in a
 * browser, and enough to tell two seeds apart or to derive stable fixture values. Not a secret.
 */
export function fingerprint(text: string, salt = 0): string {
  let hash = 0x811c9dc5 ^ salt;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** `length` lowercase hex digits derived from `text`: the same text always gives the same digits. */
export function stableHex(text: string, length: number): string {
  let hex = '';
  for (let salt = 1; hex.length < length; salt++) hex += fingerprint(text, salt);
  return hex.slice(0, length);
}

/** The `created_at` of every fixture: fixed, so a seed built from fixtures stays the same across reloads. */
export const FIXTURE_TIME = '2026-01-01T00:00:00.000Z';
