import type { HmacSecrets, SignatureHeaderValue } from '../signatures/hmac-sha256-header-format.ts';
import { verifyHmacSha256 } from '../signatures/hmac-sha256-header.ts';
import { verifyHmacSha256Async } from '../signatures/hmac-sha256-header-web-crypto.ts';
import { nodeCrypto } from '../signatures/node-crypto.ts';

/**
 * Verifies a `sha256=<hex>` header on node:crypto where it exists (measurably faster, see
 * bench/verify.ts) and on Web Crypto elsewhere (Deno, Bun, edge workers, browsers).
 */
export async function verifyHmacHeader(secrets: HmacSecrets, body: string | Uint8Array, header: SignatureHeaderValue, headerName: string): Promise<number> {
  return nodeCrypto ? verifyHmacSha256(secrets, body, header, { headerName }) : verifyHmacSha256Async(secrets, body, header, { headerName });
}
