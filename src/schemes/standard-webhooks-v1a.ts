/**
 * Standard Webhooks' asymmetric signatures (`v1a`): Ed25519 over `id.timestamp.body`, in the
 * same `webhook-signature` list as `v1` (space-separated `v1a,<base64>`), with `whsk_` secret
 * keys (base64 of the 32-byte seed) and `whpk_` public keys (base64 of the 32-byte key), as the
 * specification (spec/standard-webhooks.md, "Signature scheme") and its Go library define them.
 * The receiver holds only the public key, so a leaked receiver cannot forge deliveries.
 * @module
 */
import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import { BoundedCache } from '../signatures/bounded-cache.ts';
import { decodeBase64, toBytes } from '../signatures/bytes.ts';
import { requireSubtleCrypto } from '../signatures/node-crypto.ts';
import { assertRawBody } from '../signatures/raw-body.ts';
import { prepareKey } from '../signatures/rfc9421-keys.ts';
import { rawEd25519Der, type PreparedKey } from '../signatures/rfc9421-key-material.ts';
import { assertWithinTolerance, formatHmacTimestamp, parseHmacTimestamp } from './hmac-timestamp.ts';

export const V1A_SECRET_KEY_PREFIX = 'whsk_';
export const V1A_PUBLIC_KEY_PREFIX = 'whpk_';
const VERSION = 'v1a,';
const HEADERS = { id: 'webhook-id', timestamp: 'webhook-timestamp', signature: 'webhook-signature' } as const;
const DEFAULT_TOLERANCE_SECONDS = 300;

export interface StandardWebhooksV1aSignInput {
  body: string | Uint8Array;
  /** `whsk_<base64 seed>` (the prefix is optional). */
  secretKey: string;
  /** Default: now. */
  timestamp?: Date;
  /** Default: a fresh `msg_…` id. */
  messageId?: string;
}

export interface StandardWebhooksV1aVerifyInput {
  body: string | Uint8Array;
  headers: Headers;
  /** `whpk_<base64 key>` (the prefix is optional), or several during rotation: any one may match. */
  publicKeys: string | readonly string[];
  /** Default: now. */
  now?: Date;
  /** Default 300 s, both ways. */
  toleranceSeconds?: number;
  /** A `webhook-signature` value given by the caller instead of reading the header. */
  signature?: string;
}

export interface StandardWebhooksV1aVerified {
  timestamp: Date;
  messageId: string;
  /** Index in `publicKeys` of the key that matched. */
  keyIndex: number;
}

function keyBytes(text: string, prefix: string, what: string): Uint8Array {
  const bytes = typeof text === 'string' ? decodeBase64(text.startsWith(prefix) ? text.slice(prefix.length) : text) : undefined;
  if (bytes?.length !== 32) {
    throw new WebhookVerificationError('invalid_key', `The Standard Webhooks ${what} is not "${prefix}" followed by the base64 of 32 bytes.`);
  }
  return bytes;
}

/** Prepared keys by their text, so that repeated deliveries do not decode and import the key again. */
const preparedKeys = new BoundedCache<string, PreparedKey | Promise<PreparedKey>>(64);

function preparedKey(text: string, use: 'sign' | 'verify'): PreparedKey | Promise<PreparedKey> {
  const id = `${use}:${text}`;
  const cached = preparedKeys.get(id);
  if (cached !== undefined) return cached;
  const bytes = use === 'sign' ? keyBytes(text, V1A_SECRET_KEY_PREFIX, 'secret key') : keyBytes(text, V1A_PUBLIC_KEY_PREFIX, 'public key');
  const key = prepareKey({ algorithm: 'ed25519', key: bytes }, use);
  preparedKeys.set(id, key);
  if (key instanceof Promise) key.catch(() => preparedKeys.delete(id));
  return key;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const fromBase64Url = (text: string) => decodeBase64(text)!;

function signedContent(id: string, timestamp: string, body: string | Uint8Array): Uint8Array {
  const head = toBytes(`${id}.${timestamp}.`);
  const tail = toBytes(body);
  const out = new Uint8Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}

function required(headers: Headers, name: string): string {
  const value = headers.get(name);
  if (value === null || value.trim() === '') {
    throw new WebhookVerificationError('missing_header', `The ${name} header is missing: check that proxies forward it.`, { header: name });
  }
  return value;
}

/** The `v1a,` signatures of a `webhook-signature` value (other versions skipped). */
function parseV1aSignatures(value: string | null | undefined): Uint8Array[] {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new WebhookVerificationError('missing_header', `The ${HEADERS.signature} header is missing.`, { header: HEADERS.signature });
  }
  const signatures: Uint8Array[] = [];
  for (const entry of value.split(' ')) {
    if (!entry.startsWith(VERSION)) continue;
    const bytes = decodeBase64(entry.slice(VERSION.length));
    if (bytes?.length === 64) signatures.push(bytes);
  }
  if (signatures.length === 0) {
    throw new WebhookVerificationError('malformed_header', `The ${HEADERS.signature} header has no "v1a,<base64 Ed25519 signature>" entry.`, {
      header: HEADERS.signature,
    });
  }
  return signatures;
}

/**
 * Signs a delivery with a `whsk_` key: the three Standard Webhooks headers, the signature `v1a,<base64>`.
 *
 * @example
 * await signStandardWebhooksV1a({ body, secretKey: 'whsk_…' }); // { 'webhook-id', 'webhook-timestamp', 'webhook-signature': 'v1a,…' }
 */
export async function signStandardWebhooksV1a(input: StandardWebhooksV1aSignInput): Promise<Record<string, string>> {
  assertRawBody(input.body);
  const id = input.messageId ?? `msg_${globalThis.crypto.randomUUID().replaceAll('-', '')}`;
  const timestamp = formatHmacTimestamp(input.timestamp ?? new Date(), 'unix-seconds');
  const key = await preparedKey(input.secretKey, 'sign');
  const signature = await key.sign(signedContent(id, timestamp, input.body));
  return { [HEADERS.id]: id, [HEADERS.timestamp]: timestamp, [HEADERS.signature]: VERSION + toBase64(signature) };
}

/**
 * Verifies the `v1a` signatures of a delivery with the sender's `whpk_` public key(s), then the
 * timestamp (300 s both ways by default). Rejects with a {@link WebhookVerificationError}.
 *
 * @example
 * const { messageId } = await verifyStandardWebhooksV1a({ body: await request.text(), headers: request.headers, publicKeys: 'whpk_…' });
 */
export async function verifyStandardWebhooksV1a(input: StandardWebhooksV1aVerifyInput): Promise<StandardWebhooksV1aVerified> {
  const keys = typeof input.publicKeys === 'string' ? [input.publicKeys] : input.publicKeys;
  if (!Array.isArray(keys) || keys.length === 0 || keys.some((key) => typeof key !== 'string' || key === '')) {
    throw new WebhookVerificationError('missing_secret', 'No Standard Webhooks public key (whpk_…) was given.');
  }
  assertRawBody(input.body);
  const signatures = parseV1aSignatures(input.signature ?? input.headers.get(HEADERS.signature));
  const id = required(input.headers, HEADERS.id);
  const timestampText = required(input.headers, HEADERS.timestamp);
  const content = signedContent(id, timestampText, input.body);
  let keyIndex = -1;
  for (let i = 0; i < keys.length && keyIndex < 0; i++) {
    const key = await preparedKey(keys[i]!, 'verify');
    for (const signature of signatures) if (await key.verify(content, signature)) keyIndex = i;
  }
  if (keyIndex < 0) {
    throw new WebhookVerificationError(
      'signature_mismatch',
      `No v1a signature in ${HEADERS.signature} verifies with the given public key(s) over the raw body.`,
      {
        header: HEADERS.signature,
      },
    );
  }
  const timestamp = parseHmacTimestamp(timestampText, 'unix-seconds', HEADERS.timestamp);
  assertWithinTolerance(timestamp, input.now ?? new Date(), input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS, HEADERS.timestamp);
  return { timestamp, messageId: id, keyIndex };
}

/**
 * The `whpk_` public key of a `whsk_` secret key (what the sender gives its receivers).
 *
 * @example
 * await standardWebhooksV1aPublicKey('whsk_VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk='); // 'whpk_…'
 */
export async function standardWebhooksV1aPublicKey(secretKey: string): Promise<string> {
  const der = rawEd25519Der(keyBytes(secretKey, V1A_SECRET_KEY_PREFIX, 'secret key'), 'sign');
  // Web Crypto on every runtime (Node has it too): key derivation is rare, one code path is enough.
  const subtle = requireSubtleCrypto();
  const key = await subtle.importKey('pkcs8', der as Uint8Array<ArrayBuffer>, { name: 'Ed25519' }, true, ['sign']);
  return V1A_PUBLIC_KEY_PREFIX + toBase64(fromBase64Url((await subtle.exportKey('jwk', key)).x!));
}

/**
 * A fresh key pair: `whsk_` for the sender, `whpk_` for its receivers.
 *
 * @example
 * const { secretKey, publicKey } = await generateStandardWebhooksV1aKeys();
 */
export async function generateStandardWebhooksV1aKeys(): Promise<{ secretKey: string; publicKey: string }> {
  const seed = globalThis.crypto.getRandomValues(new Uint8Array(32));
  const secretKey = V1A_SECRET_KEY_PREFIX + toBase64(seed);
  return { secretKey, publicKey: await standardWebhooksV1aPublicKey(secretKey) };
}
