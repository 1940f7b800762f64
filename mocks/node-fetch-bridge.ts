/**
 * The mock server's bridge between node:http and the Fetch objects MSW handlers take and return.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBoundedBody } from '../src/net/read-bounded-body.ts';

/** Reads a Node request body up to the limit; undefined when over it (the rest is drained). */
export async function readRequestBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return Buffer.alloc(0);
  const body = await readBoundedBody(req, limit);
  return 'bytes' in body ? body.bytes : undefined;
}

/** The URL of a Node request as text, on the host name the client used. */
export function requestUrlText(req: IncomingMessage, fallbackHost: string): string {
  return `http://${req.headers.host ?? fallbackHost}${req.url ?? '/'}`;
}

/** The URL of a Node request, parsed (see `requestUrlText`). */
export function requestUrl(req: IncomingMessage, fallbackHost: string): URL {
  return new URL(requestUrlText(req, fallbackHost));
}

/** The Fetch `Request` for a Node request, its body and its URL (see `requestUrl`). */
export function toFetchRequest(req: IncomingMessage, body: Buffer, url: URL | string): Request {
  // Node joins repeated headers itself, except set-cookie (an array), which Request joins.
  return new Request(url, {
    method: req.method,
    headers: req.headers as Record<string, string>,
    body: body.length > 0 ? (body as Uint8Array<ArrayBuffer>) : undefined,
  });
}

/**
 * Writes a Fetch `Response` (status, headers, whole body, its length when not given) to a Node
 * response; resolves with the body bytes sent (the spec checker reads them).
 */
export async function sendFetchResponse(res: ServerResponse, response: Response): Promise<Buffer> {
  const body = Buffer.from(await response.arrayBuffer());
  // A fixed length instead of chunked encoding; 204 and 304 carry no body and no length.
  const headers: Record<string, string> = response.status === 204 || response.status === 304 ? {} : { 'content-length': String(body.byteLength) };
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  res.end(body);
  return body;
}
