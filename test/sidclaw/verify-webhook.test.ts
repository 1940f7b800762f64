import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WebhookVerificationError } from '../../src/errors/webhook-verification-error.ts';
import { verifySidclawWebhook, verifySidclawWebhookSync } from '../../src/sidclaw/verify-webhook.ts';
import { createMemoryReplayStore } from '../../src/webhooks/replay-store.ts';

const secret = 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2';
const now = new Date('2026-03-21T10:00:30.000Z');
const body = JSON.stringify({
  id: 'test-uuid',
  event: 'test',
  timestamp: '2026-03-21T10:00:00.000Z',
  tenant_id: 'your-tenant-id',
  data: { message: 'Test webhook from Agent Identity' },
});
// Signed the way the document's own snippet computes the signature.
const sign = (payload: string, key = secret) => `sha256=${createHmac('sha256', key).update(payload).digest('hex')}`;

function delivery(overrides: Record<string, string> = {}, payload = body) {
  return {
    body: payload,
    headers: {
      'content-type': 'application/json',
      'x-webhook-id': 'del-001',
      'x-webhook-timestamp': '2026-03-21T10:00:00.000Z',
      'x-webhook-signature': sign(payload),
      ...overrides,
    },
  };
}
const options = () => ({ secret, now: () => now, replayStore: createMemoryReplayStore() });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return (error as WebhookVerificationError).code;
}

describe('verifySidclawWebhook', () => {
  it('returns the typed, validated test event with its delivery metadata', async () => {
    const event = await verifySidclawWebhook(delivery(), options());
    expect(event.type).toBe('test');
    expect(event.deliveryId).toBe('del-001');
    expect(event.timestamp?.toISOString()).toBe('2026-03-21T10:00:00.000Z');
    if (event.type === 'test') expect(event.payload.data.message).toBe('Test webhook from Agent Identity');
  });

  it('accepts a Fetch Request and keeps unknown payload fields', async () => {
    const payload = JSON.stringify({ event: 'approval.requested', data: { approval_id: 'ap_1' }, extra: 42 });
    const { body: raw, headers } = delivery({}, payload);
    const request = new Request('https://example.com/hooks', { method: 'POST', body: raw, headers });
    const event = await verifySidclawWebhook(request, options());
    expect(event.type).toBe('approval.requested');
    expect(event.payload).toEqual({ event: 'approval.requested', data: { approval_id: 'ap_1' }, extra: 42 });
  });

  it('accepts the previous secret during a rotation', async () => {
    const event = await verifySidclawWebhook(delivery(), { ...options(), secret: ['new-secret', secret] });
    expect(event.type).toBe('test');
  });

  it.each([
    ['a changed body', delivery({ 'x-webhook-signature': sign(`${body} `) }), 'signature_mismatch'],
    ['another secret', delivery({ 'x-webhook-signature': sign(body, 'other') }), 'signature_mismatch'],
    ['no signature', delivery({ 'x-webhook-signature': '' }), 'missing_header'],
    ['a malformed signature', delivery({ 'x-webhook-signature': 'sha1=abc' }), 'malformed_header'],
    ['a timestamp 6 minutes old', delivery({ 'x-webhook-timestamp': '2026-03-21T09:54:29.000Z' }), 'timestamp_out_of_tolerance'],
    ['a timestamp 6 minutes ahead', delivery({ 'x-webhook-timestamp': '2026-03-21T10:06:31.000Z' }), 'timestamp_out_of_tolerance'],
    ['a timestamp that is not ISO 8601', delivery({ 'x-webhook-timestamp': 'yesterday' }), 'malformed_header'],
    ['no delivery id', delivery({ 'x-webhook-id': '' }), 'missing_header'],
    ['invalid JSON', delivery({}, '{"event":'), 'invalid_json'],
    ['an unknown event', delivery({}, '{"event":"approval.cancelled"}'), 'unknown_event'],
    ['a payload that breaks the spec', delivery({}, '{"event":"test","id":1}'), 'invalid_payload'],
  ])('rejects %s', async (_name, input, code) => {
    expect(await codeOf(verifySidclawWebhook(input, options()))).toBe(code);
  });

  it('rejects a replayed delivery id, but only after a first success', async () => {
    const opts = options();
    await expect(codeOf(verifySidclawWebhook(delivery({ 'x-webhook-signature': sign('x') }), opts))).resolves.toBe('signature_mismatch');
    expect((await verifySidclawWebhook(delivery(), opts)).type).toBe('test');
    expect(await codeOf(verifySidclawWebhook(delivery(), opts))).toBe('replayed');
  });

  it('rejects a parsed object body with body_already_parsed', async () => {
    const input = { body: JSON.parse(body), headers: delivery().headers } as never;
    expect(await codeOf(verifySidclawWebhook(input, options()))).toBe('body_already_parsed');
  });

  it('rejects a body over maxBodyBytes', async () => {
    expect(await codeOf(verifySidclawWebhook(delivery(), { ...options(), maxBodyBytes: 10 }))).toBe('body_too_large');
  });

  it('the sync variant gives the same results', async () => {
    expect(verifySidclawWebhookSync(delivery(), options()).type).toBe('test');
    const bad = delivery({ 'x-webhook-timestamp': '2026-03-21T09:00:00.000Z' });
    expect(() => verifySidclawWebhookSync(bad, options())).toThrow(expect.objectContaining({ code: 'timestamp_out_of_tolerance' }));
  });
});
