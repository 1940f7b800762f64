import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';

/** Header values as Fetch `Headers`, a plain record, or Node's `IncomingHttpHeaders`. */
export type HeadersLike = Headers | Record<string, string | readonly string[] | undefined>;

/** What a verifier accepts: a Fetch `Request`, or the raw body bytes with their headers. Never a parsed object. */
export type WebhookInput =
  | Request
  | { body: string | Uint8Array; headers: HeadersLike; method?: string; url?: string };

/** A delivery as it came off the wire. */
export interface RawMessage {
  readonly bytes: Uint8Array;
  readonly text: string;
  readonly headers: Headers;
  readonly method: string;
  readonly url: string | undefined;
}

/** The default body limit: 1 MiB, far above any documented payload. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

function tooLarge(size: number, limit: number): WebhookVerificationError {
  return new WebhookVerificationError(
    'body_too_large',
    `The body is ${size} bytes, over the ${limit}-byte limit. Raise maxBodyBytes if the provider legitimately sends more.`,
  );
}

/** Normalises a header record into Fetch `Headers`; an invalid name or value is a `malformed_header`. */
export function toHeaders(headers: HeadersLike): Headers {
  if (headers instanceof Headers) return headers;
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    try {
      result.set(name, typeof value === 'string' ? value : value.join(', '));
    } catch (cause) {
      throw new WebhookVerificationError('malformed_header', `Header "${name}" has a name or value HTTP does not allow.`, {
        header: name.toLowerCase(),
        cause,
      });
    }
  }
  return result;
}

/** Reads a raw-body input synchronously (not a `Request`). */
export function readRawMessageSync(
  input: Exclude<WebhookInput, Request>,
  maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
): RawMessage {
  const body: unknown = input?.body;
  let bytes: Uint8Array;
  let text: string;
  if (typeof body === 'string') {
    bytes = encoder.encode(body);
    text = body;
  } else if (body instanceof Uint8Array) {
    bytes = body;
    text = decoder.decode(body);
  } else {
    throw new WebhookVerificationError(
      'body_already_parsed',
      `Expected the raw body as a string or bytes, got ${body === null ? 'null' : typeof body}. A body parser probably ran before verification; give the webhook route the raw body (e.g. express.raw({ type: 'application/json' })).`,
    );
  }
  if (bytes.byteLength > maxBodyBytes) throw tooLarge(bytes.byteLength, maxBodyBytes);
  return { bytes, text, headers: toHeaders(input.headers ?? {}), method: input.method ?? 'POST', url: input.url };
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
  return { bytes, text: decoder.decode(bytes), headers: input.headers, method: input.method, url: input.url };
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
