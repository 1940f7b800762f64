// The `hmac` fields of x-hookspec-delivery as the schema reads them (defaults, bounds, enums) and
// the built-in presets as data: a changed field or default changes what every spec declares.
import { describe, expect, it } from 'vitest';

import { hmacDescription } from '../../src/schemes/hmac-description.ts';
import { HMAC_PRESET_NAMES, hmacPresetRefusalStatus, hmacPresets, isHmacPresetName } from '../../src/schemes/presets.ts';

const accepts = (input: unknown) => hmacDescription.safeParse(input).success;

describe('hmacDescription', () => {
  it('fills in every default', () => {
    expect(hmacDescription.parse({ header: 'x' })).toStrictEqual({
      header: 'x',
      algorithm: 'sha256',
      encoding: 'hex',
      'signature-prefix': '',
      'payload-format': { components: ['body'], delimiter: '' },
      'secret-encoding': 'utf8',
    });
    expect(hmacDescription.parse({ header: 'x', combined: { 'timestamp-key': 't', 'signature-key': 'v1' }, timestamp: {} })).toMatchObject({
      combined: { 'timestamp-key': 't', 'signature-key': 'v1', delimiter: ',' },
      timestamp: { format: 'unix-seconds', tolerance: 300 },
    });
    expect(hmacDescription.parse({ header: 'x', 'payload-format': { components: ['timestamp', 'body'] } })['payload-format'].delimiter).toBe('');
  });

  it('every text field takes any non-empty text and refuses an empty one', () => {
    const fields: ((text: string) => object)[] = [
      (text) => ({ header: text }),
      (text) => ({ header: 'x', 'signatures-delimiter': text }),
      (text) => ({ header: 'x', combined: { 'timestamp-key': text, 'signature-key': 'sig' } }),
      (text) => ({ header: 'x', combined: { 'timestamp-key': 'ts', 'signature-key': text } }),
      (text) => ({ header: 'x', combined: { 'timestamp-key': 'ts', 'signature-key': 'sig', delimiter: text } }),
      (text) => ({ header: 'x', timestamp: { header: text } }),
      (text) => ({ header: 'x', 'message-id': { header: text } }),
    ];
    for (const field of fields) {
      expect([field('ab'), accepts(field('ab')), accepts(field(', '))]).toEqual([field('ab'), true, true]);
      expect([field(''), accepts(field(''))]).toEqual([field(''), false]);
    }
  });

  it('the tolerance is a positive whole number of seconds', () => {
    expect([1, 300, 86_400].map((tolerance) => accepts({ header: 'x', timestamp: { header: 't', tolerance } }))).toEqual([true, true, true]);
    expect([0, -1, 1.5].map((tolerance) => accepts({ header: 'x', timestamp: { header: 't', tolerance } }))).toEqual([false, false, false]);
  });

  it('each enum takes exactly its values', () => {
    for (const algorithm of ['sha256', 'sha1', 'sha384', 'sha512']) expect([algorithm, accepts({ header: 'x', algorithm })]).toEqual([algorithm, true]);
    for (const encoding of ['hex', 'base64']) expect([encoding, accepts({ header: 'x', encoding })]).toEqual([encoding, true]);
    for (const format of ['unix-seconds', 'unix-millis', 'iso8601']) {
      expect([format, accepts({ header: 'x', timestamp: { header: 't', format } })]).toEqual([format, true]);
    }
    for (const encoding of ['utf8', 'base64', 'whsec-base64'])
      expect([encoding, accepts({ header: 'x', 'secret-encoding': encoding })]).toEqual([encoding, true]);
    const components = ['body', 'timestamp', 'message-id', 'notification-url', { literal: 'v0' }];
    expect(accepts({ header: 'x', 'payload-format': { components } })).toBe(true);
    for (const wrong of [
      { algorithm: 'md5' },
      { encoding: 'base64url' },
      { 'secret-encoding': 'hex' },
      { timestamp: { header: 't', format: 'unix' } },
      { 'payload-format': { components: ['url'] } },
      { 'payload-format': { components: [] } },
      { 'payload-format': { components: [{ literal: 'v0', extra: 1 }] } },
      { unknown: 1 },
    ]) {
      expect([wrong, accepts({ header: 'x', ...wrong })]).toEqual([wrong, false]);
    }
  });
});

describe('presets', () => {
  const defaults = { 'signature-prefix': '', 'payload-format': { components: ['body'], delimiter: '' }, 'secret-encoding': 'utf8' };

  it('each preset is its provider’s documented scheme, every field filled in', () => {
    expect(hmacPresets).toStrictEqual({
      'standard-webhooks': {
        header: 'webhook-signature',
        algorithm: 'sha256',
        encoding: 'base64',
        'signature-prefix': 'v1,',
        'signatures-delimiter': ' ',
        'payload-format': { components: ['message-id', 'timestamp', 'body'], delimiter: '.' },
        timestamp: { header: 'webhook-timestamp', format: 'unix-seconds', tolerance: 300 },
        'message-id': { header: 'webhook-id' },
        'secret-encoding': 'whsec-base64',
      },
      github: {
        ...defaults,
        header: 'X-Hub-Signature-256',
        algorithm: 'sha256',
        encoding: 'hex',
        'signature-prefix': 'sha256=',
        'message-id': { header: 'X-GitHub-Delivery' },
      },
      stripe: {
        ...defaults,
        header: 'Stripe-Signature',
        algorithm: 'sha256',
        encoding: 'hex',
        combined: { 'timestamp-key': 't', 'signature-key': 'v1', delimiter: ',' },
        'payload-format': { components: ['timestamp', 'body'], delimiter: '.' },
        timestamp: { format: 'unix-seconds', tolerance: 300 },
      },
      slack: {
        ...defaults,
        header: 'X-Slack-Signature',
        algorithm: 'sha256',
        encoding: 'hex',
        'signature-prefix': 'v0=',
        'payload-format': { components: [{ literal: 'v0' }, 'timestamp', 'body'], delimiter: ':' },
        timestamp: { header: 'X-Slack-Request-Timestamp', format: 'unix-seconds', tolerance: 300 },
      },
      shopify: { ...defaults, header: 'X-Shopify-Hmac-Sha256', algorithm: 'sha256', encoding: 'base64', 'message-id': { header: 'X-Shopify-Webhook-Id' } },
    });
    expect(Object.isFrozen(hmacPresets) && Object.values(hmacPresets).every((preset) => Object.isFrozen(preset))).toBe(true);
  });

  it('names, and the refusal status each provider documents', () => {
    expect(HMAC_PRESET_NAMES).toEqual(['standard-webhooks', 'github', 'stripe', 'slack', 'shopify']);
    for (const name of HMAC_PRESET_NAMES) expect([name, isHmacPresetName(name)]).toEqual([name, true]);
    for (const name of ['', 'GitHub', 'svix', 'toString', '__proto__']) expect([name, isHmacPresetName(name)]).toEqual([name, false]);
    expect(hmacPresetRefusalStatus).toStrictEqual({ shopify: 401, stripe: 400 });
  });
});
