/**
 * The message shapes RFC 9421 signing and verification accept (a Fetch `Request`/`Response` or
 * any object of the same shape), and canonical access to their header fields.
 * @module
 */
import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';

/** Header values in a plain record, as Node's `IncomingHttpHeaders` and most frameworks give them. */
export type HeaderRecord = Readonly<Record<string, string | readonly string[] | number | undefined>>;

/** Anything with a Fetch-style `get(name)` (e.g. `Headers`). */
export interface HeaderGetter {
  get(name: string): string | null;
}

/** Fetch `Headers` (or anything with `get`) or a plain record with any key case. */
export type HeadersLike = HeaderGetter | HeaderRecord;

/** A request: a Fetch `Request` or `{ method, url, headers }`. `url` must be absolute. */
export interface HttpRequestLike {
  readonly method: string;
  readonly url: string | URL;
  readonly headers: HeadersLike;
}

/** A response: a Fetch `Response` or `{ status, headers }`. */
export interface HttpResponseLike {
  readonly status: number;
  readonly headers: HeadersLike;
}

/** A request or a response. */
export type HttpMessageLike = HttpRequestLike | HttpResponseLike;

/** Returns the field line values of a lowercase field name, or `undefined` when absent. */
export type FieldReader = (lowercaseName: string) => readonly string[] | undefined;

/**
 * True when the message is a request (has `method` and `url`).
 *
 * @example
 * isHttpRequestLike({ method: 'POST', url: 'https://example.com/', headers: {} }); // true
 */
export function isHttpRequestLike(message: HttpMessageLike): message is HttpRequestLike {
  return typeof (message as HttpRequestLike).method === 'string' && (message as HttpRequestLike).url !== undefined;
}

function isHeaderGetter(headers: HeadersLike): headers is HeaderGetter {
  return typeof (headers as HeaderGetter).get === 'function';
}

/**
 * Creates a case-insensitive reader over Fetch `Headers` or a plain record. For `Headers` the
 * combined value is one line; for records, array values are separate field lines. A lowercase
 * key is used as is (as Node gives them); otherwise keys that differ only in case are merged in order.
 *
 * @example
 * createFieldReader({ 'Content-Type': 'application/json' })('content-type'); // ['application/json']
 */
export function createFieldReader(headers: HeadersLike): FieldReader {
  if (isHeaderGetter(headers)) {
    return (name) => {
      const value = headers.get(name);
      return value === null || value === undefined ? undefined : [value];
    };
  }
  return (name) => {
    const direct = headers[name];
    if (direct !== undefined) return linesOf(direct);
    let lines: string[] | undefined;
    for (const key of Object.keys(headers)) {
      const value = headers[key];
      if (value === undefined || key.length !== name.length || key.toLowerCase() !== name) continue;
      lines = (lines ?? []).concat(linesOf(value));
    }
    return lines;
  };
}

function linesOf(value: string | readonly string[] | number): readonly string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  return value.map(String);
}

const OBS_FOLD = /\r?\n[ \t]+/g;

/**
 * Canonicalises one field line (RFC 9421 section 2.1): removes obsolete line folding and
 * surrounding spaces/tabs, then checks that only field-content characters remain (HTAB,
 * visible ASCII, space, obs-text), throwing `malformed_header` otherwise.
 *
 * @example
 * canonicalFieldLine('  Obsolete\r\n    line folding. ', 'x-obs-fold-header'); // 'Obsolete line folding.'
 */
export function canonicalFieldLine(line: string, fieldName: string): string {
  let value = line;
  if (value.includes('\n')) value = value.replace(OBS_FOLD, ' ');
  value = trimSpacesAndTabs(value);
  assertFieldContent(value, fieldName);
  return value;
}

function trimSpacesAndTabs(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isSpaceOrTab(value.charCodeAt(start))) start++;
  while (end > start && isSpaceOrTab(value.charCodeAt(end - 1))) end--;
  return value.slice(start, end);
}

function isSpaceOrTab(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/**
 * Throws `malformed_header` when a value contains characters an HTTP field value cannot carry
 * (control characters other than HTAB, DEL, or characters above U+00FF).
 *
 * @example
 * assertFieldContent('a\nb', 'x-test'); // throws
 */
export function assertFieldContent(value: string, fieldName: string): void {
  const bad = NOT_FIELD_CONTENT.exec(value);
  if (bad !== null) {
    throw new WebhookVerificationError(
      'malformed_header',
      `The ${fieldName} value contains a character that is not allowed in an HTTP field (code ${bad[0].charCodeAt(0)}); the header was altered or is not a valid field value.`,
      { header: fieldName },
    );
  }
}

/** Anything but HTAB, visible ASCII, space and obs-text (U+0080–U+00FF). */
const NOT_FIELD_CONTENT = /[^\t\x20-\x7e\x80-\xff]/;
