// SidClaw's delivery (sha256=<hex> of the body, X-Webhook-Timestamp in ISO 8601 and X-Webhook-ID
// beside it, unsigned) described as hmac fields: the generic scheme accepts what SidClaw's own
// verifier accepts and refuses the rest with the same code, checked in the same order.
import { describe, expect, it } from 'vitest';

import { WebhookVerificationError } from '../../src/errors/webhook-verification-error.ts';
import { hmacDescription } from '../../src/schemes/hmac-description.ts';
import { createHmacScheme } from '../../src/schemes/hmac.ts';
import { createSidclawTestDelivery } from '../../src/sidclaw/test-delivery.ts';
import { verifySidclawWebhookSync } from '../../src/sidclaw/verify-webhook.ts';

const scheme = createHmacScheme(
  hmacDescription.parse({
    header: 'X-Webhook-Signature',
    'signature-prefix': 'sha256=',
    timestamp: { header: 'X-Webhook-Timestamp', format: 'iso8601', tolerance: 300 },
    'message-id': { header: 'X-Webhook-ID' },
  }),
);
const secret = 'whsec_sidclaw_configuration';

function codes(body: string, headers: Record<string, string>, now: Date): [string, string] {
  const of = (run: () => unknown) => {
    try {
      run();
      return 'ok';
    } catch (error) {
      return error instanceof WebhookVerificationError ? `${error.code}${error.header === undefined ? '' : ` ${error.header}`}` : String(error);
    }
  };
  return [
    of(() => scheme.verifySync({ body, headers: new Headers(headers), secrets: secret, now })),
    of(() => verifySidclawWebhookSync({ body, headers }, { secret, now: () => now, replayStore: false })),
  ];
}

describe('SidClaw configuration through the generic scheme', () => {
  it('the same verdict as verifySidclawWebhookSync for each change', async () => {
    const timestamp = new Date();
    const delivery = await createSidclawTestDelivery({ event: 'approval.requested', data: {}, secret, timestamp });
    const headers = Object.fromEntries(Object.entries(delivery.headers).map(([name, value]) => [name.toLowerCase(), value]));
    const without = (...names: string[]) => Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name)));
    const variants: [string, string, Record<string, string>, Date][] = [
      ['genuine', delivery.body, headers, timestamp],
      ['body changed', `${delivery.body} `, headers, timestamp],
      ['no signature', delivery.body, without('x-webhook-signature'), timestamp],
      ['malformed signature', delivery.body, { ...headers, 'x-webhook-signature': 'sha256=xyz' }, timestamp],
      ['mismatch and no timestamp: the signature first', `${delivery.body} `, without('x-webhook-timestamp'), timestamp],
      ['no timestamp', delivery.body, without('x-webhook-timestamp'), timestamp],
      ['no timestamp and no id: the timestamp first', delivery.body, without('x-webhook-timestamp', 'x-webhook-id'), timestamp],
      ['no id', delivery.body, without('x-webhook-id'), timestamp],
      ['timestamp not a date', delivery.body, { ...headers, 'x-webhook-timestamp': 'yesterday' }, timestamp],
      ['301 s later', delivery.body, headers, new Date(timestamp.getTime() + 301_000)],
      ['301 s earlier', delivery.body, headers, new Date(timestamp.getTime() - 301_000)],
    ];
    const expected: Record<string, string> = {
      genuine: 'ok',
      'body changed': 'signature_mismatch x-webhook-signature',
      'no signature': 'missing_header x-webhook-signature',
      'malformed signature': 'malformed_header x-webhook-signature',
      'mismatch and no timestamp: the signature first': 'signature_mismatch x-webhook-signature',
      'no timestamp': 'missing_header x-webhook-timestamp',
      'no timestamp and no id: the timestamp first': 'missing_header x-webhook-timestamp',
      'no id': 'missing_header x-webhook-id',
      'timestamp not a date': 'malformed_header x-webhook-timestamp',
      '301 s later': 'timestamp_out_of_tolerance x-webhook-timestamp',
      '301 s earlier': 'timestamp_out_of_tolerance x-webhook-timestamp',
    };
    for (const [name, body, given, now] of variants) {
      const [generic, sidclaw] = codes(body, given, now);
      expect({ name, generic }).toEqual({ name, generic: expected[name] });
      expect({ name, sidclaw }).toEqual({ name, sidclaw: expected[name] });
    }
    expect(scheme.verifySync({ body: delivery.body, headers: new Headers(headers), secrets: secret, now: timestamp })).toEqual({
      secretIndex: 0,
      timestamp: new Date(timestamp.toISOString()),
      messageId: headers['x-webhook-id'],
    });
  });
});
