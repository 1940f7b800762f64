import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';

/** Header values as Fetch `Headers`, a plain record, or Node's `IncomingHttpHeaders`. */
export type HeadersLike = Headers | Record<string, string | readonly string[] | undefined>;

/** What a verifier accepts: a Fetch `Request`, or the raw body bytes with their headers. Never a parsed object. */
export type WebhookInput = Request | { body: string | Uint8Array; headers: HeadersLike; method?: string; url?: string };

/** Case-insensitive header lookup, as Fetch `Headers` has it. */
export interface HeaderReader {
  get(name: string): string | null;
}

/** A delivery as it came off the wire. */
export interface RawMessage {
  /** The body exactly as given (signatures are computed over it). */
  readonly body: string | Uint8Array;
  /** The body as text, for JSON parsing. */
  readonly text: string;
  readonly headers: HeaderReader;
  readonly method: string;
  readonly url: string | undefined;
}

/** The default body limit: 1 MiB, far above any documented payload. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

const encoder = new TextEncoder();
// Not fatal (the default): invalid UTF-8 becomes U+FFFD, and the signature over the bytes decides.
const decoder = new TextDecoder('utf-8');

function tooLarge(size: number, limit: number): WebhookVerificationError {
  return new WebhookVerificationError(
    'body_too_large',
    `The body is ${size} bytes, over the ${limit}-byte limit. Raise maxBodyBytes if the provider legitimately sends more.`,
  );
}

/**
 * Wraps a header record for case-insensitive lookup without building Fetch `Headers` (which
 * validates every name and value and is the slowest step of a verification). Repeated values
 * (Node gives arrays) are joined with ", " as HTTP does.
 */
export function toHeaderReader(headers: HeadersLike): HeaderReader {
  if (headers instanceof Headers) return headers;
  const byName = new Map<string, string>();
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (value === undefined) continue;
    if (typeof value !== 'string' && !Array.isArray(value)) {
      throw new WebhookVerificationError('malformed_header', `Header "${name}" is not a string.`, { header: name.toLowerCase() });
    }
    byName.set(name.toLowerCase(), typeof value === 'string' ? value : value.join(', '));
  }
  return { get: (name) => byName.get(name.toLowerCase()) ?? null };
}

/** Byte length of a string body as UTF-8, without encoding it when it is clearly short enough. */
function utf8Length(text: string, limit: number): number {
  // Every UTF-16 code unit encodes to at most 3 bytes.
  if (text.length * 3 <= limit) return text.length;
  return encoder.encode(text).byteLength;
}

/** Reads a raw-body input synchronously (not a `Request`). */
export function readRawMessageSync(input: Exclude<WebhookInput, Request>, maxBodyBytes = DEFAULT_MAX_BODY_BYTES): RawMessage {
  const body: unknown = input?.body;
  let text: string;
  let size: number;
  if (typeof body === 'string') {
    text = body;
    size = utf8Length(body, maxBodyBytes);
  } else if (body instanceof Uint8Array) {
    text = decoder.decode(body);
    size = body.byteLength;
  } else {
    throw new WebhookVerificationError(
      'body_already_parsed',
      `Expected the raw body as a string or bytes, got ${body === null ? 'null' : typeof body}. A body parser probably ran before verification; give the webhook route the raw body (e.g. express.raw({ type: 'application/json' })).`,
    );
  }
  if (size > maxBodyBytes) throw tooLarge(size, maxBodyBytes);
  return { body, text, headers: toHeaderReader(input.headers ?? {}), method: input.method ?? 'POST', url: input.url };
}

/** Reads any input; a `Request` body is streamed and cut off at `maxBodyBytes`. */
export async function readRawMessage(input: WebhookInput, maxBodyBytes = DEFAULT_MAX_BODY_BYTES): Promise<RawMessage> {
  if (!(input instanceof Request)) return readRawMessageSync(input, maxBodyBytes);
  if (input.bodyUsed) {
    throw new WebhookVerificationError(
      'body_already_parsed',
      'The request body was already read (bodyUsed is true). Verify before calling request.json() or request.text().',
    );
  }
  const declared = Number(input.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBodyBytes) throw tooLarge(declared, maxBodyBytes);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (input.body) {
    const reader = input.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBodyBytes) {
        await reader.cancel();
        throw tooLarge(size, maxBodyBytes);
      }
      chunks.push(value);
    }
  }
  const bytes = chunks.length === 1 ? chunks[0]! : concat(chunks, size);
  return { body: bytes, text: decoder.decode(bytes), headers: input.headers, method: input.method, url: input.url };
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
