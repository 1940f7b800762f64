import type { IncomingMessage } from 'node:http';

/** A whole body, or the size seen when it went over the limit. */
export type BoundedBody = { bytes: Buffer } | { tooLarge: number };

/**
 * Reads a Node request body up to `limit` bytes. Over the limit it stops buffering but keeps
 * draining, so the connection can still carry the 413 answer.
 *
 * @example
 * const body = await readBoundedBody(req, 1024 * 1024);
 * if ('tooLarge' in body) res.writeHead(413).end();
 */
export function readBoundedBody(req: IncomingMessage, limit: number): Promise<BoundedBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.resume();
      resolve({ tooLarge: size });
    };
    req.on('data', onData);
    req.once('end', () => resolve({ bytes: Buffer.concat(chunks) }));
    req.once('error', reject);
  });
}
