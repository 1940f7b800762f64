import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createSidclawWebhookHandler } from '../../src/sidclaw/webhook-handler.ts';
import { toNodeListener } from '../../src/webhooks/node/to-node-listener.ts';
import { WebhookVerificationError, type WebhookVerificationErrorCode } from '../../src/errors/webhook-verification-error.ts';
import { createWebhookHandler } from '../../src/webhooks/create-webhook-handler.ts';
import { createMemoryReplayStore } from '../../src/webhooks/replay-store.ts';

const secret = 'whsec-test';
const sign = (body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
let counter = 0;
function signedRequest(payload: unknown, url = 'http://localhost/hooks') {
  const body = JSON.stringify(payload);
  return new Request(url, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-webhook-id': `del-${++counter}`,
      'x-webhook-timestamp': new Date().toISOString(),
      'x-webhook-signature': sign(body),
    },
  });
}

describe('createSidclawWebhookHandler', () => {
  it('calls the typed handler of the event and answers 200', async () => {
    const received: string[] = [];
    const handler = createSidclawWebhookHandler({
      secret,
      replayStore: createMemoryReplayStore(),
      on: { 'approval.denied': (event) => void received.push(`${event.type}:${event.payload.event}`) },
    });
    const response = await handler(signedRequest({ event: 'approval.denied', data: {} }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, type: 'approval.denied', handled: true });
    expect(received).toEqual(['approval.denied:approval.denied']);
  });

  it('answers 401 with the error code on a bad signature, 400 on a bad payload', async () => {
    const handler = createSidclawWebhookHandler({ secret, on: {} });
    const tampered = signedRequest({ event: 'test' });
    const forged = new Request(tampered, { body: '{"event":"policy.updated"}' });
    const bad = await handler(forged);
    expect(bad.status).toBe(401);
    expect((await bad.json()).error).toBe('signature_mismatch');
    const invalid = await handler(signedRequest({ event: 'test', id: 5 }));
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error).toBe('invalid_payload');
  });

  it('acknowledges a replayed delivery once more without calling the handler again', async () => {
    let calls = 0;
    const handler = createSidclawWebhookHandler({ secret, replayStore: createMemoryReplayStore(), on: { 'trace.completed': () => void calls++ } });
    const request = signedRequest({ event: 'trace.completed' });
    expect((await handler(request.clone())).status).toBe(200);
    const second = await handler(request);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ received: true, duplicate: true });
    expect(calls).toBe(1);
  });

  it('answers 400 body_already_parsed with the fix when the Fetch body was read first', async () => {
    const handler = createSidclawWebhookHandler({ secret, on: {} });
    const request = signedRequest({ event: 'test' });
    await request.json();
    const response = await handler(request);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; message: string };
    expect(body.error).toBe('body_already_parsed');
    expect(body.message).toContain('Verify before calling request.json()');
  });

  it('answers 500 without the handler message when a handler throws', async () => {
    const errors: unknown[] = [];
    const handler = createSidclawWebhookHandler({
      secret,
      on: {
        'agent.revoked': () => {
          throw new Error(`db password ${secret}`);
        },
      },
      onError: (error) => errors.push(error),
    });
    const response = await handler(signedRequest({ event: 'agent.revoked' }));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toEqual({ error: 'handler_failed', type: 'agent.revoked' });
    expect(errors).toHaveLength(1);
  });
});

describe('createWebhookHandler: the status of each failure', () => {
  const failingWith = (error: unknown) =>
    createWebhookHandler(
      async () => {
        throw error;
      },
      { on: {} },
    );

  it('answers each verification code with its status and { error, message }', async () => {
    const expected: [WebhookVerificationErrorCode, number][] = [
      ['invalid_json', 400],
      ['invalid_payload', 400],
      ['unknown_event', 400],
      ['body_too_large', 413],
      ['body_already_parsed', 400],
      ['missing_secret', 500],
      ['replay_store_unavailable', 503],
      ['replay_store_full', 503],
      ['signature_mismatch', 401],
      ['missing_header', 401],
    ];
    for (const [code, status] of expected) {
      const response = await failingWith(new WebhookVerificationError(code, `failed: ${code}`))(new Request('http://localhost/', { method: 'POST' }));
      expect([code, response.status]).toEqual([code, status]);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.json()).toEqual({ error: code, message: `failed: ${code}` });
    }
  });

  it('answers 500 internal_error, without its message, when the verifier throws something else', async () => {
    const errors: unknown[] = [];
    const failure = new Error(`bug leaking ${secret}`);
    const handler = createWebhookHandler(
      async () => {
        throw failure;
      },
      { on: {}, onError: (error) => errors.push(error) },
    );
    const response = await handler(new Request('http://localhost/', { method: 'POST' }));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'internal_error' });
    expect(errors).toEqual([failure]);
  });

  it('answers 500 handler_failed when a handler throws and no onError is given', async () => {
    const handler = createWebhookHandler(async () => ({ type: 'test', payload: {} }) as never, {
      on: {
        test: () => {
          throw new Error('handler broke');
        },
      } as never,
    });
    const response = await handler(new Request('http://localhost/', { method: 'POST' }));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'handler_failed', type: 'test' });
  });

  it('acknowledges an event without a handler as not handled', async () => {
    const handler = createWebhookHandler(async () => ({ type: 'test', payload: {} }) as never, { on: {} });
    const response = await handler(new Request('http://localhost/', { method: 'POST' }));
    expect(await response.json()).toEqual({ received: true, type: 'test', handled: false });
  });
});

describe('toNodeListener', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function serve(listener: (req: IncomingMessage, res: ServerResponse) => void) {
    server = createServer(listener);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hooks`;
  }

  it('reads the raw body itself and verifies the delivery over real HTTP', async () => {
    const url = await serve(toNodeListener(createSidclawWebhookHandler({ secret, on: {} })) as never);
    const response = await fetch(signedRequest({ event: 'policy.updated' }, url));
    expect(response.status).toBe(200);
    expect((await response.json()).type).toBe('policy.updated');
  });

  it('fails fast with body_already_parsed when a body parser ran first', async () => {
    const listener = toNodeListener(createSidclawWebhookHandler({ secret, on: {} }));
    const url = await serve((req: IncomingMessage, res: ServerResponse) => {
      (req as IncomingMessage & { body: unknown }).body = { event: 'test' }; // what express.json() leaves behind
      listener(req, res);
    });
    const response = await fetch(signedRequest({ event: 'test' }, url));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; message: string };
    expect(body.error).toBe('body_already_parsed');
    expect(body.message).toContain('express.raw({ type: "application/json" })');
  });

  it('answers 413 for a body over the limit', async () => {
    const url = await serve(toNodeListener(createSidclawWebhookHandler({ secret, on: {} }), { maxBodyBytes: 64 }) as never);
    const response = await fetch(signedRequest({ event: 'test', padding: 'x'.repeat(500) }, url));
    expect(response.status).toBe(413);
    expect((await response.json()).error).toBe('body_too_large');
  });
});
