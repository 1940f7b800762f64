import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_MAX_BODY_BYTES } from '../raw-message.ts';
import { readNodeBody } from './read-node-body.ts';

type NodeRequest = IncomingMessage & { body?: unknown; originalUrl?: string };
type Next = (error?: unknown) => void;

/**
 * Adapts a Fetch webhook handler to `node:http` and Express-style middleware. It reads the raw
 * body itself; when a body parser ran first it uses a raw `Buffer`/string `req.body`, and
 * answers 400 `body_already_parsed`, with the fix in its message, for a parsed object (the bytes
 * the signature covers are gone).
 *
 * @example
 * http.createServer(toNodeListener(createSidclawWebhookHandler({ secret, on: {} }))).listen(3000);
 * app.post('/webhooks/sidclaw', toNodeListener(handler)); // Express: mount before express.json()
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
  options: { maxBodyBytes?: number } = {},
): (req: NodeRequest, res: ServerResponse, next?: Next) => void {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return (req, res, next) => {
    void (async () => {
      const body = await readNodeBody(req, maxBodyBytes);
      let response: Response;
      if (body.kind === 'error') {
        response = Response.json({ error: body.code, message: body.message }, { status: body.status });
      } else {
        const host = req.headers.host ?? 'localhost';
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) {
          if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        const request = new Request(`http://${host}${req.originalUrl ?? req.url ?? '/'}`, {
          method: req.method ?? 'POST',
          headers,
          body: req.method === 'GET' || req.method === 'HEAD' ? undefined : (body.bytes as Uint8Array<ArrayBuffer>),
        });
        response = await handler(request);
      }
      res.statusCode = response.status;
      response.headers.forEach((value, name) => {
        res.setHeader(name, value);
      });
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch((error: unknown) => {
      if (next) return next(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'internal_error' }));
    });
  };
}
