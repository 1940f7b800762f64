/** 32 random bytes as 64 lowercase hex characters (Web Crypto, so it also runs in the browser). */
export function randomHexSecret(bytes = 32): string {
  const buffer = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(buffer, (b) => b.toString(16).padStart(2, '0')).join('');
}
