// Property tests for the receivers: whatever arrives (any bytes, any header values), the
// outcome is a verified event or a typed WebhookVerificationError with a documented code; a
// signed delivery always verifies, and any single-byte change to its body is rejected.
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WEBHOOK_VERIFICATION_ERROR_CODES, WebhookVerificationError } from '../../src/errors/webhook-verification-error.ts';
import { verifyExchangeWebhookSync } from '../../src/exchange/verify-webhook.ts';
import { verifyProvenWebhookSync } from '../../src/proven/verify-webhook.ts';
import { verifyProvenonceWebhookSync } from '../../src/provenonce/verify-webhook.ts';
import { verifySidclawWebhookSync } from '../../src/sidclaw/verify-webhook.ts';
import { PROPERTY_RUNS } from '../signatures/property-runs.ts';

const secret = 'whsec_property';
const sign = (body: Uint8Array | string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
const now = new Date('2026-03-21T10:00:00.000Z');

type Verify = (body: string | Uint8Array, headers: Record<string, string>) => unknown;
const receivers: Record<string, { verify: Verify; header: string; signedHeaders: (body: Uint8Array) => Record<string, string> }> = {
  sidclaw: {
    verify: (body, headers) => verifySidclawWebhookSync({ body, headers }, { secret, now: () => now, replayStore: false }),
    header: 'x-webhook-signature',
    signedHeaders: (body) => ({ 'x-webhook-signature': sign(body), 'x-webhook-id': 'd1', 'x-webhook-timestamp': now.toISOString() }),
  },
  provenonce: {
    verify: (body, headers) => verifyProvenonceWebhookSync({ body, headers }, { secret }),
    header: 'x-provenonce-signature',
    signedHeaders: (body) => ({ 'x-provenonce-signature': sign(body) }),
  },
  exchange: {
    verify: (body, headers) => verifyExchangeWebhookSync({ body, headers }, { secret }),
    header: 'x-signature',
    signedHeaders: (body) => ({ 'x-signature': sign(body) }),
  },
  proven: {
    verify: (body, headers) => verifyProvenWebhookSync({ body, headers }, { apiKey: secret }),
    header: 'x-api-key',
    signedHeaders: () => ({ 'x-api-key': secret }),
  },
};

const codes = new Set<string>(WEBHOOK_VERIFICATION_ERROR_CODES);
/** Runs a verification; returns 'ok' or the error code, and fails on any untyped error. */
function outcome(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (!(error instanceof WebhookVerificationError) || !codes.has(error.code)) throw error;
    return error.code;
  }
}

const headerValue = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constant(''),
  fc.string().map((s) => `sha256=${s}`),
);

describe.each(Object.keys(receivers))('%s receiver properties', (api) => {
  const receiver = receivers[api]!;

  it('arbitrary bytes and header values only ever produce a typed error or an event', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.uint8Array({ maxLength: 256 }), fc.string(), fc.json()),
        fc.dictionary(fc.constantFrom(receiver.header, 'x-webhook-id', 'x-webhook-timestamp', 'content-type'), headerValue),
        (body, headers) => {
          outcome(() => receiver.verify(body, headers));
        },
      ),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('a signed delivery verifies, and changing any one byte of its body is rejected', () => {
    const event = { sidclaw: 'approval.requested', provenonce: 'agent.frozen', exchange: 'order.created', proven: 'basic-message:received' }[api]!;
    const payload = (text: string) =>
      api === 'proven'
        ? {
            event,
            webhook: {
              connection_id: '9775b821-be93-4980-94d9-e3deaf6698d3',
              message_id: '4a977851-e5be-40fd-b3d6-3e01ae249c77',
              content: text,
              state: 'received',
              sent_time: '2025-03-14T02:28:57.839Z',
              locale: 'en',
              wallet_id: '122b480d-2813-42b5-9146-2d359a5dd807',
            },
          }
        : { event, data: { note: text } };
    fc.assert(
      fc.property(fc.string(), fc.nat(), fc.integer({ min: 1, max: 255 }), (text, position, flip) => {
        const body = new TextEncoder().encode(JSON.stringify(payload(text)));
        const headers = receiver.signedHeaders(body);
        expect(outcome(() => receiver.verify(body, headers))).toBe('ok');
        const tampered = body.slice();
        const index = position % tampered.length;
        tampered[index] = tampered[index]! ^ flip;
        // Proven sends no signature: a changed body is caught by JSON parsing or the schema, if at all.
        const result = outcome(() => receiver.verify(tampered, headers));
        if (api === 'proven') expect(['ok', 'invalid_json', 'invalid_payload', 'unknown_event']).toContain(result);
        else expect(result).toBe('signature_mismatch');
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });
});
