import { UsageError } from './errors.ts';

import type { CapturedRequest } from '../apis/types.ts';

/** A captured HTTP request, as `hookspec verify` reads it. */
export type { CapturedRequest } from '../apis/types.ts';

const CR = 0x0d;
const LF = 0x0a;

/** Where the head ends: the first empty line, CRLF or LF. */
function findHeadEnd(bytes: Uint8Array): { headEnd: number; bodyStart: number } | undefined {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== LF) continue;
    if (bytes[i + 1] === LF) return { headEnd: i, bodyStart: i + 2 };
    if (bytes[i + 1] === CR && bytes[i + 2] === LF) return { headEnd: i, bodyStart: i + 3 };
  }
  return undefined;
}

/** Decodes a `Transfer-Encoding: chunked` body (CRLF or LF line ends); trailers are dropped. */
function dechunk(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = bytes.indexOf(LF, offset);
    if (lineEnd < 0) throw new UsageError('The chunked body ends without its last (zero-size) chunk.');
    const sizeText = Buffer.from(bytes.subarray(offset, lineEnd)).toString('latin1').replace(/\r$/, '').split(';')[0]!.trim();
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) throw new UsageError(`The chunked body has an invalid chunk size "${sizeText}".`);
    const size = Number.parseInt(sizeText, 16);
    if (size === 0) break;
    const start = lineEnd + 1;
    if (start + size > bytes.length) throw new UsageError('The chunked body is shorter than its chunk sizes say.');
    parts.push(bytes.subarray(start, start + size));
    offset = start + size;
    if (bytes[offset] === CR) offset++;
    if (bytes[offset] === LF) offset++;
  }
  return Buffer.concat(parts);
}

/**
 * Parses a raw HTTP/1.x request: the request line, header lines (folded lines joined), an
 * empty line, then the body. Line ends may be CRLF or LF. When `Content-Length` is present the
 * body is cut to it (an editor's trailing newline is not part of the request); a chunked body
 * is decoded. Throws a {@link UsageError} for anything that is not a request.
 *
 * @example
 * parseRawHttpRequest(Buffer.from('POST /hooks HTTP/1.1\r\nHost: a\r\n\r\n{}'));
 */
export function parseRawHttpRequest(bytes: Uint8Array): CapturedRequest {
  let start = 0;
  // Leading blank lines are tolerated (RFC 9112 §2.2).
  while (bytes[start] === CR || bytes[start] === LF) start++;
  const input = bytes.subarray(start);
  const bounds = findHeadEnd(input);
  const head = Buffer.from(bounds ? input.subarray(0, bounds.headEnd) : input).toString('latin1');
  let body: Uint8Array = bounds ? input.subarray(bounds.bodyStart) : new Uint8Array(0);
  const lines = head.split(/\r?\n/);
  const requestLine = lines.shift() ?? '';
  const match = /^([A-Z]+) (\S+)(?: HTTP\/\d(?:\.\d)?)?$/.exec(requestLine.trim());
  if (!match) {
    throw new UsageError(`The first line is not an HTTP request line (expected e.g. "POST /webhooks HTTP/1.1"), got "${requestLine.slice(0, 80)}".`);
  }
  const [, method, target] = match as unknown as [string, string, string];
  const headers = new Headers();
  let last: [string, string] | undefined;
  const flush = () => {
    if (!last) return;
    try {
      headers.append(last[0], last[1]);
    } catch {
      throw new UsageError(`Header "${last[0]}" has a name or value HTTP does not allow.`);
    }
  };
  for (const line of lines) {
    if (/^[ \t]/.test(line) && last) {
      last[1] += ` ${line.trim()}`;
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    if (colon <= 0) throw new UsageError(`Not a header line: "${line.slice(0, 80)}".`);
    last = [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
  }
  flush();

  if (/\bchunked\b/i.test(headers.get('transfer-encoding') ?? '')) body = dechunk(body);
  else if (headers.has('content-length')) {
    const declared = Number(headers.get('content-length'));
    if (!Number.isSafeInteger(declared) || declared < 0) throw new UsageError(`Invalid Content-Length "${headers.get('content-length')}".`);
    if (body.length < declared) {
      throw new UsageError(`The body is ${body.length} bytes but Content-Length says ${declared}: the capture is incomplete.`);
    }
    body = body.subarray(0, declared);
  }
  const url = /^https?:\/\//i.test(target) ? target : `http://${headers.get('host') ?? 'localhost'}${target.startsWith('/') ? '' : '/'}${target}`;
  if (!URL.canParse(url)) throw new UsageError(`The request target "${target}" is not a valid URL path.`);
  return { method, url, headers, body };
}

/** Renders a request the way {@link parseRawHttpRequest} reads it (CRLF line ends). */
export function formatRawHttpRequest(request: { method: string; url: string; headers: Record<string, string>; body: string }): string {
  const url = new URL(request.url);
  const head = [`${request.method} ${url.pathname}${url.search} HTTP/1.1`, `host: ${url.host}`];
  for (const [name, value] of Object.entries(request.headers)) head.push(`${name}: ${value}`);
  head.push(`content-length: ${Buffer.byteLength(request.body)}`);
  return `${head.join('\r\n')}\r\n\r\n${request.body}`;
}
