import { createHmac } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { loadSpecApi } from '../../src/apis/load-spec-api.ts';
import type { CapturedRequest } from '../../src/apis/types.ts';
import { WebhookVerificationError } from '../../src/errors/webhook-verification-error.ts';
import { SpecError } from '../../src/spec/spec-error.ts';
import { createMemoryReplayStore } from '../../src/webhooks/replay-store.ts';

const ACME = 'test/fixtures/specs/acme-notify.yaml';
const FERN = 'test/fixtures/specs/fern-notify.yaml';
const URL_ = 'https://receiver.test/hooks';

const captured = (delivery: { body: string; headers: Readonly<Record<string, string>> }): CapturedRequest => ({
  method: 'POST',
  url: URL_,
  headers: new Headers(delivery.headers),
  body: new TextEncoder().encode(delivery.body),
});

const codeOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof WebhookVerificationError || error instanceof SpecError) return error.code;
  throw new Error(`expected a typed error, got ${String(error)}`);
};

async function specFile(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hookspec-spec-api-'));
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

describe('an API from a Standard Webhooks spec (scheme: standard-webhooks, nothing else)', async () => {
  const { adapter, delivery, refusalStatus } = await loadSpecApi(ACME);
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

  it('names its events after the keys under webhooks: and implies the { type, timestamp, data } envelope', async () => {
    expect(adapter.name).toBe('acme-notify');
    expect(adapter.title).toBe('Acme Notify');
    expect(adapter.events).toEqual(['invoice.paid', 'invoice.voided']);
    expect(adapter.deliveryIdHeader).toBe('webhook-id');
    expect(refusalStatus).toBeUndefined();
    const payload = await adapter.payload('invoice.voided');
    expect(payload.type).toBe('invoice.voided');
    expect(payload.data).toEqual({ id: 'inv_9', reason: 'duplicate' });
    expect(Number.isNaN(Date.parse(String(payload.timestamp)))).toBe(false);
    expect((await adapter.payload('invoice.paid', { id: 'inv_1', amount: 3 })).data).toEqual({ id: 'inv_1', amount: 3 });
  });

  it('signs deliveries that the standardwebhooks package verifies, and verifies what it signs', async () => {
    const body = JSON.stringify(await adapter.payload('invoice.paid', { id: 'inv_1', amount: 3 }));
    const sent = await adapter.send({ event: 'invoice.paid', body, credentials: { secret }, url: URL_ });
    expect(new Webhook(secret).verify(sent.body, sent.headers as Record<string, string>)).toEqual(JSON.parse(body));

    const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
    const now = new Date();
    const theirs = {
      body,
      headers: {
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': new Webhook(secret).sign(id, now, body),
      },
    };
    const verified = await adapter.verify(captured(theirs), { secret }, { replayStore: false });
    expect([verified.type, verified.deliveryId]).toEqual(['invoice.paid', id]);
  });

  it('refuses a wrong secret, a changed body, a replay, and a payload the schema refuses', async () => {
    const body = JSON.stringify(await adapter.payload('invoice.paid', { id: 'inv_1', amount: 3 }));
    const sent = await adapter.send({ event: 'invoice.paid', body, credentials: { secret }, url: URL_ });
    const other = `whsec_${Buffer.from('another secret of thirty-two bytes').toString('base64')}`;
    expect(await codeOf(adapter.verify(captured(sent), { secret: other }, { replayStore: false }))).toBe('signature_mismatch');
    expect(await codeOf(adapter.verify(captured({ ...sent, body: body.replace('inv_1', 'inv_2') }), { secret }, { replayStore: false }))).toBe(
      'signature_mismatch',
    );
    const store = createMemoryReplayStore();
    await adapter.verify(captured(sent), { secret }, { replayStore: store });
    expect(await codeOf(adapter.verify(captured(sent), { secret }, { replayStore: store }))).toBe('replayed');
    const offSpec = JSON.stringify({ type: 'invoice.paid', timestamp: new Date().toISOString(), data: { id: 'inv_1', amount: 0 } });
    const signed = await adapter.send({ event: 'invoice.paid', body: offSpec, credentials: { secret }, url: URL_ });
    expect(await codeOf(adapter.verify(captured(signed), { secret }, { replayStore: false }))).toBe('invalid_payload');
  });

  it('accepts the previous secret during rotation when given both', async () => {
    const previous = `whsec_${Buffer.from('the previous secret, rotated away').toString('base64')}`;
    const body = JSON.stringify(await adapter.payload('invoice.paid', { id: 'inv_1', amount: 3 }));
    const sent = await adapter.send({ event: 'invoice.paid', body, credentials: { secret: previous }, url: URL_ });
    expect(await codeOf(adapter.verify(captured(sent), { secret }, { replayStore: false }))).toBe('signature_mismatch');
    expect((await adapter.verify(captured(sent), { secrets: [secret, previous] }, { replayStore: false })).type).toBe('invoice.paid');
  });

  it("makes new secrets in the scheme's format", () => {
    const made = delivery.newSecret();
    expect(made).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(made.slice(6), 'base64')).toHaveLength(32);
  });
});

describe('an API from a spec that declares only x-fern-webhook-signature', async () => {
  const { adapter } = await loadSpecApi(FERN);
  const secret = 'fern-secret';
  const ticket = { id: '3b241101-e2bb-4255-8caf-4136c566a962', title: 'Printer on fire' };

  it('signs hex HMAC-SHA256 over timestamp.body as the declaration says (checked by hand)', async () => {
    const body = JSON.stringify({ event: 'ticket.created', ticket });
    const sent = await adapter.send({ event: 'ticket.created', body, credentials: { secret }, url: URL_ });
    const timestamp = sent.headers['x-fern-timestamp']!;
    expect(timestamp).toMatch(/^\d{10}$/);
    expect(sent.headers['x-fern-signature']).toBe(createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex'));
    expect((await adapter.verify(captured(sent), { secret }, { replayStore: false })).type).toBe('ticket.created');
  });

  it('tells the events apart by their schemas (no envelope declared), and holds the declared 120 s tolerance', async () => {
    const body = JSON.stringify({ event: 'ticket.closed', ticket: { id: ticket.id } });
    const seconds = Math.floor(Date.now() / 1000) - 121;
    const stale = {
      body,
      headers: { 'x-fern-timestamp': String(seconds), 'x-fern-signature': createHmac('sha256', secret).update(`${seconds}.${body}`).digest('hex') },
    };
    expect(await codeOf(adapter.verify(captured(stale), { secret }, { replayStore: false }))).toBe('timestamp_out_of_tolerance');
    const fresh = await adapter.send({ event: 'ticket.closed', body, credentials: { secret }, url: URL_ });
    expect((await adapter.verify(captured(fresh), { secret }, { replayStore: false })).type).toBe('ticket.closed');
    expect((await adapter.payload('ticket.created')).event).toBe('ticket.created');
  });
});

describe('specs that cannot be used are refused with the file, the path and what is allowed', () => {
  const head = 'openapi: 3.1.0\ninfo: { title: X, version: "1" }\n';
  const oneWebhook = 'webhooks:\n  a.b:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: { type: object }\n';

  it('a spec that declares no scheme', async () => {
    const file = await specFile('plain.yaml', head + oneWebhook);
    const error = (await loadSpecApi(file).catch((e: unknown) => e)) as SpecError;
    expect([error.code, error.path]).toEqual(['no_delivery_scheme', '/x-hookspec-delivery/scheme']);
    expect(error.message).toContain('scheme: hmac | api-key | standard-webhooks | github | stripe | slack | shopify');
  });

  it('an extension that does not validate', async () => {
    const file = await specFile('bad.yaml', `${head}x-hookspec-delivery:\n  scheme: hmac\n  hmac:\n    header: x-sig\n    algorithm: md5\n${oneWebhook}`);
    const error = (await loadSpecApi(file).catch((e: unknown) => e)) as SpecError;
    expect([error.code, error.path]).toEqual(['extension_invalid', '/x-hookspec-delivery/hmac/algorithm']);
    expect(error.message).toMatch(/sha256/);
  });

  it('a spec with no webhooks, and names that collide', async () => {
    const empty = await specFile('empty.yaml', `${head}x-hookspec-delivery: { scheme: github }\n`);
    expect(await codeOf(loadSpecApi(empty))).toBe('no_webhooks');
    const named = await specFile('sidclaw.yaml', `${head}x-hookspec-delivery: { scheme: github }\n${oneWebhook}`);
    const taken = (await loadSpecApi(named, { builtInNames: ['sidclaw'] }).catch((e: unknown) => e)) as SpecError;
    expect(taken.code).toBe('name_taken');
    expect(taken.message).toContain('set another with --name');
    expect(await codeOf(loadSpecApi(named, { name: 'state' }))).toBe('name_taken');
    expect(await codeOf(loadSpecApi(named, { name: 'Bad Name' }))).toBe('name_taken');
    expect((await loadSpecApi(named, { name: 'gh-hooks', builtInNames: ['sidclaw'] })).adapter.name).toBe('gh-hooks');
  });

  it('rfc9421 is refused for a spec given at run time, saying what is supported', async () => {
    const file = await specFile('sigs.yaml', `${head}x-hookspec-delivery:\n  scheme: rfc9421\n  rfc9421:\n    components: ['@method']\n${oneWebhook}`);
    const error = (await loadSpecApi(file).catch((e: unknown) => e)) as SpecError;
    expect([error.code, error.path]).toEqual(['extension_invalid', '/x-hookspec-delivery/scheme']);
  });
});

describe('an api-key spec', () => {
  it('sends the key in the declared header and refuses a wrong or missing one', async () => {
    const file = await specFile(
      'keyed.yaml',
      'openapi: 3.1.0\ninfo: { title: Keyed, version: "1" }\nx-hookspec-delivery:\n  scheme: api-key\n  api-key: { header: X-API-Key }\n  envelope: { event: event }\nwebhooks:\n  ping:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: { type: object, required: [event], properties: { event: { const: ping } } }\n',
    );
    const { adapter } = await loadSpecApi(file);
    const body = JSON.stringify({ event: 'ping' });
    const sent = await adapter.send({ event: 'ping', body, credentials: { secret: 'k-123' }, url: URL_ });
    expect(sent.headers['x-api-key']).toBe('k-123');
    expect((await adapter.verify(captured(sent), { secret: 'k-123' }, { replayStore: false })).type).toBe('ping');
    expect(await codeOf(adapter.verify(captured(sent), { secret: 'k-124' }, { replayStore: false }))).toBe('signature_mismatch');
    expect(await codeOf(adapter.verify(captured({ body, headers: {} }), { secret: 'k-123' }, { replayStore: false }))).toBe('missing_header');
  });
});
