/**
 * The mock server's bridge between node:http and the Fetch objects MSW handlers take and return.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Reads a Node request body up to the limit; undefined when over it (the rest is drained). */
export function readRequestBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.resume();
      resolve(undefined);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/** The Fetch `Request` for a Node request and its body, on the host name the client used. */
export function toFetchRequest(req: IncomingMessage, body: Buffer, fallbackHost: string): Request {
  // Node joins repeated headers itself, except set-cookie (an array), which Request joins.
  return new Request(`http://${req.headers.host ?? fallbackHost}${req.url ?? '/'}`, {
    method: req.method,
    headers: req.headers as Record<string, string>,
    body: body.length > 0 ? (body as Uint8Array<ArrayBuffer>) : undefined,
  });
}

/** Writes a Fetch `Response` (status, headers, whole body) to a Node response. */
export async function sendFetchResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}
