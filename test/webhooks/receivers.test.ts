// The receivers of the HMAC APIs (provenonce, exchange) and of proven (X-API-Key), sync and async.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyExchangeWebhook, verifyExchangeWebhookSync } from '../../src/exchange/verify-webhook.ts';
import { verifyProvenWebhook, verifyProvenWebhookSync } from '../../src/proven/verify-webhook.ts';
import { verifyProvenonceWebhook, verifyProvenonceWebhookSync } from '../../src/provenonce/verify-webhook.ts';
import { loadSpec } from '../support/specs.ts';

const secret = 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2';
const sign = (body: string, key = secret) => `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;

async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    const event = (await run()) as { type: string };
    return `ok:${event.type}`;
  } catch (error) {
    return `error:${(error as { code?: string }).code}`;
  }
}
function outcomeSync(run: () => unknown): string {
  try {
    return `ok:${(run() as { type: string }).type}`;
  } catch (error) {
    return `error:${(error as { code?: string }).code}`;
  }
}

describe('verifyProvenonceWebhook', () => {
  const body = JSON.stringify({ event: 'agent.frozen', data: { agent_id: 'ag_1' } });
  const cases: Array<[string, Record<string, string>, string, string]> = [
    ['a valid signature', { 'x-provenonce-signature': sign(body) }, body, 'ok:agent.frozen'],
    ['a signature by another secret', { 'x-provenonce-signature': sign(body, 'x') }, body, 'error:signature_mismatch'],
    ['no signature header', {}, body, 'error:missing_header'],
    ['an unknown event', { 'x-provenonce-signature': sign('{"event":"agent.deleted"}') }, '{"event":"agent.deleted"}', 'error:unknown_event'],
    ['a payload without event', { 'x-provenonce-signature': sign('{"data":{}}') }, '{"data":{}}', 'error:unknown_event'],
  ];
  it.each(cases)('%s', async (_name, headers, raw, expected) => {
    expect(await outcome(() => verifyProvenonceWebhook({ body: raw, headers }, { secret }))).toBe(expected);
    expect(outcomeSync(() => verifyProvenonceWebhookSync({ body: raw, headers }, { secret }))).toBe(expected);
  });
});

describe('verifyExchangeWebhook', () => {
  const body = JSON.stringify({ event: 'order.status_changed', data: { orderId: 'o_1', status: 'shipped' } });
  it('reads X-Signature by default (the mock server sends it there)', async () => {
    expect(await outcome(() => verifyExchangeWebhook({ body, headers: { 'X-Signature': sign(body) } }, { secret }))).toBe('ok:order.status_changed');
  });
  it('reads a configurable header, or takes the value from the caller', async () => {
    const headers = { 'x-exchange-signature': sign(body) };
    expect(await outcome(() => verifyExchangeWebhook({ body, headers }, { secret, signatureHeader: 'X-Exchange-Signature' }))).toBe('ok:order.status_changed');
    expect(outcomeSync(() => verifyExchangeWebhookSync({ body, headers: {} }, { secret, signature: sign(body) }))).toBe('ok:order.status_changed');
    expect(outcomeSync(() => verifyExchangeWebhookSync({ body, headers: {} }, { secret, signature: sign(`${body}x`) }))).toBe('error:signature_mismatch');
  });
  it('rejects the wrong event constant', async () => {
    const raw = '{"event":"order.refunded"}';
    expect(await outcome(() => verifyExchangeWebhook({ body: raw, headers: { 'x-signature': sign(raw) } }, { secret }))).toBe('error:unknown_event');
  });
});

describe('verifyProvenWebhook', () => {
  // The document's own credentials:done example, from the spec.
  const example = loadSpec('proven').webhooks['credentials:done'].post.requestBody.content['application/json'].examples.document.value;
  const body = JSON.stringify(example);

  it('validates the payload even without a configured key', async () => {
    expect(await outcome(() => verifyProvenWebhook({ body, headers: {} }))).toBe('ok:credentials:done');
    const broken = JSON.stringify({ ...example, webhook: { ...example.webhook, cred_ex_id: 7 } });
    expect(await outcome(() => verifyProvenWebhook({ body: broken, headers: {} }))).toBe('error:invalid_payload');
  });

  it('checks X-API-Key when a key is configured, with rotation', async () => {
    const options = { apiKey: ['new-key', '24680AEIOUY'] };
    expect(await outcome(() => verifyProvenWebhook({ body, headers: { 'X-API-Key': '24680AEIOUY' } }, options))).toBe('ok:credentials:done');
    expect(outcomeSync(() => verifyProvenWebhookSync({ body, headers: { 'x-api-key': 'nope' } }, options))).toBe('error:signature_mismatch');
    expect(outcomeSync(() => verifyProvenWebhookSync({ body, headers: {} }, options))).toBe('error:missing_header');
  });

  it('keeps every field of the payload, including ones the spec does not list', async () => {
    const extended = { ...example, webhook: { ...example.webhook, extra_field: 'kept' } };
    const event = await verifyProvenWebhook({ body: JSON.stringify(extended), headers: {} });
    expect(event.payload).toEqual(extended);
  });
});
