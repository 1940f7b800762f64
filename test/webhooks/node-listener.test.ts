// toNodeListener and readNodeBody without a server: a readable stream stands in for the request
// and a recorder for the response, so every decision of the adapter is seen in process.
import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createSidclawWebhookHandler } from '../../src/sidclaw/webhook-handler.ts';
import { readNodeBody } from '../../src/webhooks/node/read-node-body.ts';
import { toNodeListener } from '../../src/webhooks/node/to-node-listener.ts';

const secret = 'whsec-node-listener';

type FakeRequest = IncomingMessage & { body?: unknown; originalUrl?: string };

function fakeRequest(parts: {
  body?: string;
  headers?: Record<string, string | string[]>;
  method?: string;
  url?: string;
  parsed?: unknown;
  originalUrl?: string;
}): FakeRequest {
  const req = Readable.from(parts.body === undefined ? [] : [Buffer.from(parts.body)]) as unknown as FakeRequest;
  Object.assign(req, { headers: parts.headers ?? {}, method: parts.method, url: parts.url });
  if (parts.originalUrl !== undefined) req.originalUrl = parts.originalUrl;
  if (parts.parsed !== undefined) req.body = parts.parsed;
  return req;
}

interface Recorded {
  status: number;
  headers: Record<string, string>;
  body: string;
  wroteHead: boolean;
}

/** A response recorder; `done` resolves when `end` is called. */
function fakeResponse(headersSent = false) {
  const recorded: Recorded = { status: 0, headers: {}, body: '', wroteHead: false };
  let finish: (value: Recorded) => void;
  const done = new Promise<Recorded>((resolve) => {
    finish = resolve;
  });
  const res = {
    headersSent,
    set statusCode(value: number) {
      recorded.status = value;
    },
    setHeader(name: string, value: string) {
      recorded.headers[name] = value;
    },
    writeHead(status: number, headers: Record<string, string>) {
      recorded.wroteHead = true;
      recorded.status = status;
      Object.assign(recorded.headers, headers);
    },
    end(chunk?: Buffer | string) {
      recorded.body = chunk === undefined ? '' : chunk.toString();
      finish(recorded);
    },
  };
  return { res: res as unknown as ServerResponse, done };
}

function sidclawDelivery(payload: unknown) {
  const body = JSON.stringify(payload);
  return {
    body,
    headers: {
      host: 'receiver.test',
      'content-type': 'application/json',
      'x-webhook-id': `del-${crypto.randomUUID()}`,
      'x-webhook-timestamp': new Date().toISOString(),
      'x-webhook-signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    },
    method: 'POST',
    url: '/hooks',
  };
}

/** Runs one request through `toNodeListener(handler)` and returns what was answered. */
async function run(handler: (request: Request) => Promise<Response>, req: FakeRequest, next?: (error?: unknown) => void) {
  const { res, done } = fakeResponse();
  toNodeListener(handler)(req, res, next);
  return done;
}

describe('readNodeBody: a body a parser already read', () => {
  it('takes a raw string or Buffer req.body as the body bytes', async () => {
    expect(await readNodeBody(fakeRequest({ parsed: '{"a":1}' }), 100)).toEqual({ kind: 'ok', bytes: new TextEncoder().encode('{"a":1}') });
    const buffer = Buffer.from('{"b":2}');
    expect(await readNodeBody(fakeRequest({ parsed: buffer }), 100)).toEqual({ kind: 'ok', bytes: buffer });
  });

  it('answers 413 from the declared length before reading, and from the bytes seen otherwise', async () => {
    const declaredRequest = fakeRequest({ body: 'x', headers: { 'content-length': '101' } });
    const declared = await readNodeBody(declaredRequest, 100);
    expect(declared).toEqual({ kind: 'error', status: 413, code: 'body_too_large', message: 'The body is over the 100-byte limit (101 bytes seen).' });
    // The unread body is drained, so the connection can still carry the 413.
    expect(declaredRequest.readableFlowing).toBe(true);
    const streamed = await readNodeBody(fakeRequest({ body: 'y'.repeat(101) }), 100);
    expect(streamed).toMatchObject({ kind: 'error', status: 413, code: 'body_too_large' });
    expect(await readNodeBody(fakeRequest({ body: 'z'.repeat(100), headers: { 'content-length': '100' } }), 100)).toMatchObject({ kind: 'ok' });
  });
});

describe('toNodeListener: the Request it builds', () => {
  async function requestSeen(req: FakeRequest): Promise<{ url: string; method: string; headers: Headers; body: string }> {
    let seen: { url: string; method: string; headers: Headers; body: string } | undefined;
    await run(async (request) => {
      seen = { url: request.url, method: request.method, headers: request.headers, body: await request.text() };
      return new Response('ok');
    }, req);
    return seen!;
  }

  it('uses the Host header, the original URL before the routed one, and joins repeated headers with ", "', async () => {
    const seen = await requestSeen(
      fakeRequest({
        body: 'payload',
        headers: { host: 'receiver.test', 'x-list': ['a', 'b'], 'x-absent': undefined as never },
        method: 'PUT',
        url: '/routed',
        originalUrl: '/mounted/routed',
      }),
    );
    expect(seen).toMatchObject({ url: 'http://receiver.test/mounted/routed', method: 'PUT', body: 'payload' });
    expect(seen.headers.get('x-list')).toBe('a, b');
    expect(seen.headers.get('host')).toBe('receiver.test');
    expect(seen.headers.has('x-absent')).toBe(false);
  });

  it('without Host, URL or method: http://localhost/, POST', async () => {
    const seen = await requestSeen(fakeRequest({ body: 'b' }));
    expect(seen).toMatchObject({ url: 'http://localhost/', method: 'POST', body: 'b' });
    expect(await requestSeen(fakeRequest({ body: 'c', url: '/only-url' }))).toMatchObject({ url: 'http://localhost/only-url' });
  });

  it('sends no body with GET or HEAD', async () => {
    expect(await requestSeen(fakeRequest({ body: 'ignored', method: 'GET', url: '/' }))).toMatchObject({ method: 'GET', body: '' });
    expect(await requestSeen(fakeRequest({ body: 'ignored', method: 'HEAD', url: '/' }))).toMatchObject({ method: 'HEAD', body: '' });
  });
});

describe('toNodeListener: the answer it writes', () => {
  it("copies the handler's status, headers and body", async () => {
    const answer = await run(
      async () => new Response('{"x":1}', { status: 202, headers: { 'content-type': 'application/json', 'x-extra': 'yes' } }),
      fakeRequest({ body: '' }),
    );
    expect(answer.status).toBe(202);
    expect(answer.headers).toMatchObject({ 'content-type': 'application/json', 'x-extra': 'yes' });
    expect(answer.body).toBe('{"x":1}');
  });

  it('verifies a SidClaw delivery given as a raw string or Buffer req.body (express.text / express.raw)', async () => {
    const handler = createSidclawWebhookHandler({ secret, on: {} });
    for (const raw of [(s: string) => s, (s: string) => Buffer.from(s)]) {
      const delivery = sidclawDelivery({ event: 'policy.updated' });
      const answer = await run(handler, fakeRequest({ ...delivery, parsed: raw(delivery.body) }));
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ received: true, type: 'policy.updated' });
    }
  });

  it('answers 400 body_already_parsed as JSON for a parsed object', async () => {
    const answer = await run(async () => new Response('unreached'), fakeRequest({ parsed: { event: 'test' } }));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).error).toBe('body_already_parsed');
  });

  it('passes a handler failure to next when there is one', async () => {
    const failure = new Error('handler broke');
    const passed = await new Promise<unknown>((resolve) => {
      toNodeListener(async () => {
        throw failure;
      })(fakeRequest({ body: '' }), fakeResponse().res, resolve);
    });
    expect(passed).toBe(failure);
  });

  it('without next, answers 500 internal_error as JSON; after headers went out it only ends the response', async () => {
    const failing = toNodeListener(async () => {
      throw new Error('handler broke');
    });
    const fresh = fakeResponse(false);
    failing(fakeRequest({ body: '' }), fresh.res);
    const answer = await fresh.done;
    expect(answer).toMatchObject({ status: 500, wroteHead: true, headers: { 'content-type': 'application/json' } });
    expect(JSON.parse(answer.body)).toEqual({ error: 'internal_error' });

    const sent = fakeResponse(true);
    failing(fakeRequest({ body: '' }), sent.res);
    const late = await sent.done;
    expect(late.wroteHead).toBe(false);
    expect(JSON.parse(late.body)).toEqual({ error: 'internal_error' });
  });
});
