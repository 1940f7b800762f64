import type { IncomingMessage } from 'node:http';
import { readBoundedBody } from '../../net/read-bounded-body.ts';

type BodyResult = { kind: 'ok'; bytes: Uint8Array } | { kind: 'error'; status: number; code: 'body_too_large' | 'body_already_parsed'; message: string };

/** Reads a Node request's raw body, or reports why it cannot (too large, already parsed). */
export async function readNodeBody(req: IncomingMessage & { body?: unknown }, maxBodyBytes: number): Promise<BodyResult> {
  const tooLarge = (size: number): BodyResult => ({
    kind: 'error',
    status: 413,
    code: 'body_too_large',
    message: `The body is over the ${maxBodyBytes}-byte limit (${size} bytes seen).`,
  });
  if (req.body !== undefined) {
    if (typeof req.body === 'string') return { kind: 'ok', bytes: new TextEncoder().encode(req.body) };
    if (req.body instanceof Uint8Array) return { kind: 'ok', bytes: req.body };
    return {
      kind: 'error',
      // The sender's request is fine; the receiving app is set up wrong. 400 (not 500) so the
      // sender's log shows the fix, and a 4xx is not retried forever against a misconfigured route.
      status: 400,
      code: 'body_already_parsed',
      message:
        'A body parser (express.json() or similar) turned the request body into an object before verification, so the signed bytes are lost. Fix: mount the webhook route before app.use(express.json()), or give that route express.raw({ type: "application/json" }) so req.body stays a Buffer.',
    };
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBodyBytes) {
    req.resume();
    return tooLarge(declared);
  }
  const body = await readBoundedBody(req, maxBodyBytes);
  return 'bytes' in body ? { kind: 'ok', bytes: body.bytes } : tooLarge(body.tooLarge);
}
