import { encodeHex } from '../../src/signatures/bytes.ts';

/** 32 random bytes as 64 lowercase hex characters (Web Crypto, so it also runs in the browser). */
export function randomHexSecret(bytes = 32): string {
  return encodeHex(crypto.getRandomValues(new Uint8Array(bytes)));
}
