/**
 * One HMAC webhook signature scheme for every provider that signs with a shared secret: the
 * `hmac` fields of `x-hookspec-delivery` (see {@link HmacDescription}) say which header, hash,
 * encoding, prefix, signed content, timestamp, message id and secret encoding; this file signs
 * and verifies any combination of them, on node:crypto where present and Web Crypto elsewhere.
 *
 * The plain `sha256=<hex>` of the body (SidClaw, Provenonce, Exchange, GitHub) runs on the
 * existing `src/signatures/hmac-sha256-header*.ts` primitives, so it stays as fast as before.
 * @module
 */
import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import { constantTimeEqual, toBytes } from '../signatures/bytes.ts';
import { hmacMismatchError, normalizeSecrets } from '../signatures/hmac-sha256-header-format.ts';
import { verifyHmacSha256 } from '../signatures/hmac-sha256-header.ts';
import { verifyHmacSha256Async } from '../signatures/hmac-sha256-header-web-crypto.ts';
import { nodeCrypto, requireNodeCrypto, requireSubtleCrypto, type NodeCrypto } from '../signatures/node-crypto.ts';
import { assertRawBody } from '../signatures/raw-body.ts';
import { DEFAULT_TOLERANCE_SECONDS } from '../webhooks/timestamp-tolerance.ts';
import type { HmacDescription } from './hmac-description.ts';
import { nodeHmacKey, webHmacKey } from './hmac-secret.ts';
import { formatHmacSignatureHeader, parseHmacSignatureHeader } from './hmac-signature-header.ts';
import { assertWithinTolerance, formatHmacTimestamp, parseHmacTimestamp, type HmacTimestampFormat } from './hmac-timestamp.ts';

export type { HmacDescription, HmacDescriptionInput } from './hmac-description.ts';

/** What to sign: the exact body, the secret, and where the description needs them the time, id and URL. */
export interface HmacSignInput {
  body: string | Uint8Array;
  secret: string;
  /** Default: now. */
  timestamp?: Date;
  /** Default: a fresh `msg_…` id, where the description has a message-id header. */
  messageId?: string;
  /** The URL the delivery is POSTed to (needed when `notification-url` is signed). */
  url?: string;
}

/** What to verify: the raw body and headers as received, and the endpoint's secret(s). */
export interface HmacVerifyInput {
  body: string | Uint8Array;
  headers: Headers;
  /** The URL the delivery was POSTed to (needed when `notification-url` is signed). */
  url?: string;
  /** The current secret, or several during rotation (current, then previous): any one may match. */
  secrets: string | readonly string[];
  /** Default: now. */
  now?: Date;
  /** Overrides the description's tolerance (seconds, both ways). */
  toleranceSeconds?: number;
  /** A signature header value given by the caller instead of reading the header. */
  signature?: string;
}

/** What a verified delivery carried. */
export interface HmacVerified {
  /** The delivery time, where the scheme has a timestamp. */
  timestamp?: Date;
  /** The delivery id, where the scheme has a message-id header. */
  messageId?: string;
  /** Index in `secrets` of the secret that matched. */
  secretIndex: number;
}

export interface HmacScheme {
  readonly description: HmacDescription;
  /** The headers of a signed delivery (lower-case names): signature, and timestamp and id where the description has them. */
  sign(input: HmacSignInput): Promise<Record<string, string>>;
  /** Verifies on node:crypto where present, Web Crypto elsewhere; rejects with a {@link WebhookVerificationError}. */
  verify(input: HmacVerifyInput): Promise<HmacVerified>;
  /** Verifies on node:crypto (throws `unsupported_algorithm` without it). */
  verifySync(input: HmacVerifyInput): HmacVerified;
}

/**
 * What is wrong with a description (a component without the header it needs, …), as sentences
 * naming the field; empty when it can be used.
 *
 * @example
 * hmacDescriptionProblems(hmacDescription.parse({ header: 'x-sig', 'payload-format': { components: ['message-id', 'body'] } }));
 * // ['payload-format.components signs message-id but message-id.header is not set']
 */
export function hmacDescriptionProblems(description: HmacDescription): string[] {
  const problems: string[] = [];
  const components = description['payload-format'].components;
  if (components.includes('message-id') && description['message-id'] === undefined) {
    problems.push('payload-format.components signs message-id but message-id.header is not set');
  }
  if (components.includes('timestamp') && description.combined === undefined && description.timestamp?.header === undefined) {
    problems.push('payload-format.components signs timestamp but neither timestamp.header nor combined is set');
  }
  if (description.timestamp !== undefined && description.timestamp.header === undefined && description.combined === undefined) {
    problems.push('timestamp has no header and there is no combined header to carry it');
  }
  if (description.combined !== undefined && description['signatures-delimiter'] !== undefined) {
    problems.push('combined and signatures-delimiter cannot both be set (a combined header lists its signatures as key=value pairs)');
  }
  const prefix = description['signature-prefix'];
  const listDelimiter = description.combined?.delimiter ?? description['signatures-delimiter'];
  if (listDelimiter !== undefined && prefix.includes(listDelimiter)) {
    problems.push(`signature-prefix "${prefix}" contains the delimiter "${listDelimiter}" that separates the signatures`);
  }
  if (description.combined !== undefined && description.combined['timestamp-key'] === description.combined['signature-key']) {
    problems.push('combined.timestamp-key and combined.signature-key must differ');
  }
  return problems;
}

/** The plain `sha256=<hex>` of the body with a text secret: verified by the existing primitives. */
function isPlainSha256Hex(d: HmacDescription): boolean {
  const components = d['payload-format'].components;
  return (
    d.algorithm === 'sha256' &&
    d.encoding === 'hex' &&
    d['signature-prefix'] === 'sha256=' &&
    d['signatures-delimiter'] === undefined &&
    d.combined === undefined &&
    components.length === 1 &&
    components[0] === 'body' &&
    d['secret-encoding'] === 'utf8'
  );
}

/** Random id for a delivery signed without one (`msg_` and 32 hex digits). */
function newMessageId(): string {
  return `msg_${globalThis.crypto.randomUUID().replaceAll('-', '')}`;
}

/** Visible ASCII with inner spaces: what survives a trip through HTTP headers unchanged. */
const HEADER_TEXT = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

function headerValue(value: string, field: string): string {
  if (HEADER_TEXT.test(value)) return value;
  throw new TypeError(`${field} must be visible ASCII without surrounding spaces (it travels in a header): got ${JSON.stringify(value.slice(0, 40))}.`);
}

/** The values a delivery's signed content is built from. */
interface SignedValues {
  body: string | Uint8Array;
  timestamp?: string;
  messageId?: string;
  url?: string;
}

/**
 * Builds the HMAC scheme a description declares. Throws a `TypeError` listing the problems of a
 * description that cannot work (see {@link hmacDescriptionProblems}).
 *
 * @example
 * const scheme = createHmacScheme(presets['standard-webhooks']);
 * const headers = await scheme.sign({ body, secret: 'whsec_…' });
 * await scheme.verify({ body, headers: new Headers(headers), secrets: 'whsec_…' }); // { timestamp, messageId, secretIndex: 0 }
 */
export function createHmacScheme(description: HmacDescription): HmacScheme {
  const problems = hmacDescriptionProblems(description);
  if (problems.length > 0) throw new TypeError(`Unusable hmac description: ${problems.join('; ')}.`);
  const d = description;
  const header = d.header.toLowerCase();
  const timestampHeader = d.timestamp?.header?.toLowerCase();
  const idHeader = d['message-id']?.header.toLowerCase();
  const components = d['payload-format'].components;
  const joiner = d['payload-format'].delimiter;
  const encoding = d['secret-encoding'];
  const hasTimestamp = d.timestamp !== undefined || d.combined !== undefined;
  const timestampFormat: HmacTimestampFormat = d.timestamp?.format ?? 'unix-seconds';
  const tolerance = d.timestamp?.tolerance ?? DEFAULT_TOLERANCE_SECONDS;
  const signsTimestamp = components.includes('timestamp');
  const signsId = components.includes('message-id');
  const signsUrl = components.includes('notification-url');
  const plain = isPlainSha256Hex(d);
  // Where the timestamp is read from, and the header named in its errors.
  const timestampSource = d.combined !== undefined ? header : (timestampHeader ?? header);

  function pieces(values: SignedValues): (string | Uint8Array)[] {
    const out: (string | Uint8Array)[] = [];
    for (let i = 0; i < components.length; i++) {
      if (i > 0) out.push(joiner);
      const component = components[i]!;
      if (component === 'body') out.push(values.body);
      else if (component === 'timestamp') out.push(values.timestamp!);
      else if (component === 'message-id') out.push(values.messageId!);
      else if (component === 'notification-url') out.push(values.url!);
      else out.push(component.literal);
    }
    return out;
  }

  function nodeMac(node: NodeCrypto, secret: string, values: SignedValues): Uint8Array {
    const hmac = node.createHmac(d.algorithm, nodeHmacKey(node, secret, encoding));
    for (const piece of pieces(values)) hmac.update(piece);
    return hmac.digest();
  }

  async function webMac(secret: string, values: SignedValues): Promise<Uint8Array> {
    const parts = pieces(values).map((piece) => toBytes(piece));
    const content = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    let offset = 0;
    for (const part of parts) {
      content.set(part, offset);
      offset += part.length;
    }
    const key = await webHmacKey(secret, encoding, d.algorithm);
    return new Uint8Array(await requireSubtleCrypto().sign('HMAC', key, content));
  }

  function requireUrl(url: string | undefined): string {
    if (typeof url === 'string' && url !== '') return url;
    throw new TypeError('This scheme signs the notification URL: pass the URL the delivery is POSTed to as `url`.');
  }

  function requireHeader(headers: Headers, name: string): string {
    const value = headers.get(name);
    if (value === null || value.trim() === '') {
      throw new WebhookVerificationError('missing_header', `The ${name} header is missing: check that proxies forward it.`, { header: name });
    }
    return value;
  }

  /** Reads the signature header and the signed values (missing and malformed headers), before any MAC. */
  function read(input: HmacVerifyInput): { secrets: readonly string[]; macs: readonly Uint8Array[]; values: SignedValues } {
    const secrets = normalizeSecrets(input.secrets) as readonly string[];
    assertRawBody(input.body);
    const parsed = parseHmacSignatureHeader(input.signature ?? input.headers.get(header), d, header);
    const values: SignedValues = { body: input.body, timestamp: parsed.timestamp };
    if (signsTimestamp && values.timestamp === undefined) values.timestamp = requireHeader(input.headers, timestampSource);
    if (signsId) values.messageId = requireHeader(input.headers, idHeader!);
    if (signsUrl) values.url = requireUrl(input.url);
    return { secrets, macs: parsed.signatures, values };
  }

  /** After the MAC matched: the timestamp's form and tolerance, and the id where it is not signed. */
  function finish(input: HmacVerifyInput, values: Omit<SignedValues, 'body'>, secretIndex: number): HmacVerified {
    const verified: HmacVerified = { secretIndex };
    if (hasTimestamp) {
      const text = values.timestamp ?? requireHeader(input.headers, timestampSource);
      const time = parseHmacTimestamp(text, timestampFormat, timestampSource);
      assertWithinTolerance(time, input.now ?? new Date(), input.toleranceSeconds ?? tolerance, timestampSource);
      verified.timestamp = time;
    }
    if (idHeader !== undefined) verified.messageId = values.messageId ?? requireHeader(input.headers, idHeader);
    return verified;
  }

  /** True when any received signature equals the expected MAC (each compared in constant time). */
  function anyMatches(macs: readonly Uint8Array[], expected: Uint8Array, equal: (a: Uint8Array, b: Uint8Array) => boolean): boolean {
    let matched = false;
    for (const mac of macs) if (mac.length === expected.length && equal(mac, expected)) matched = true;
    return matched;
  }

  const headerOptions = { headerName: header };
  /** The plain path signs nothing but the body: no values to carry to `finish`. */
  const noValues: Omit<SignedValues, 'body'> = Object.freeze({});

  function verifySync(input: HmacVerifyInput): HmacVerified {
    if (plain) {
      // The existing primitive checks the secrets, the body and the header itself: nothing is done twice.
      const secretIndex = verifyHmacSha256(input.secrets, input.body, input.signature ?? input.headers.get(header), headerOptions);
      return finish(input, noValues, secretIndex);
    }
    const { secrets, macs, values } = read(input);
    const node = requireNodeCrypto('HmacScheme.verifySync');
    for (let i = 0; i < secrets.length; i++) {
      if (anyMatches(macs, nodeMac(node, secrets[i]!, values), node.timingSafeEqual)) return finish(input, values, i);
    }
    throw hmacMismatchError(header);
  }

  async function verifyWeb(input: HmacVerifyInput): Promise<HmacVerified> {
    if (plain) {
      const secretIndex = await verifyHmacSha256Async(input.secrets, input.body, input.signature ?? input.headers.get(header), headerOptions);
      return finish(input, noValues, secretIndex);
    }
    const { secrets, macs, values } = read(input);
    for (let i = 0; i < secrets.length; i++) {
      if (anyMatches(macs, await webMac(secrets[i]!, values), constantTimeEqual)) return finish(input, values, i);
    }
    throw hmacMismatchError(header);
  }

  async function sign(input: HmacSignInput): Promise<Record<string, string>> {
    const [secret] = normalizeSecrets(input.secret) as readonly string[];
    assertRawBody(input.body);
    const values: SignedValues = { body: input.body };
    if (hasTimestamp) values.timestamp = formatHmacTimestamp(input.timestamp ?? new Date(), timestampFormat);
    if (idHeader !== undefined) values.messageId = headerValue(input.messageId ?? newMessageId(), 'messageId');
    if (signsUrl) values.url = requireUrl(input.url);
    const mac = nodeCrypto !== undefined ? nodeMac(nodeCrypto, secret!, values) : await webMac(secret!, values);
    const headers: Record<string, string> = { [header]: formatHmacSignatureHeader([mac], d, values.timestamp) };
    if (timestampHeader !== undefined && d.combined === undefined) headers[timestampHeader] = values.timestamp!;
    if (idHeader !== undefined) headers[idHeader] = values.messageId!;
    return headers;
  }

  return {
    description,
    sign,
    verifySync,
    verify: async (input) => (nodeCrypto !== undefined ? verifySync(input) : verifyWeb(input)),
  };
}
