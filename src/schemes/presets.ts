/**
 * The built-in HMAC schemes a spec names with one line (`scheme: standard-webhooks`): each is
 * only data, a set of `hmac` fields, taken from its provider's documentation.
 * @module
 */
import { hmacDescription, type HmacDescription, type HmacDescriptionInput } from './hmac-description.ts';

/** The names of the built-in schemes. */
export const HMAC_PRESET_NAMES = ['standard-webhooks', 'github', 'stripe', 'slack', 'shopify'] as const;
export type HmacPresetName = (typeof HMAC_PRESET_NAMES)[number];

const presetInputs = {
  // https://www.standardwebhooks.com/ (spec/standard-webhooks.md): `v1,<base64>` list, whsec_ secrets, id.timestamp.body.
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
  // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
  github: {
    header: 'X-Hub-Signature-256',
    algorithm: 'sha256',
    encoding: 'hex',
    'signature-prefix': 'sha256=',
    'message-id': { header: 'X-GitHub-Delivery' },
  },
  // https://docs.stripe.com/webhooks#verify-manually: `t=<unix>,v1=<hex>[,v1=<hex>]` over `t.body`; the whsec_ secret is used as text.
  stripe: {
    header: 'Stripe-Signature',
    algorithm: 'sha256',
    encoding: 'hex',
    combined: { 'timestamp-key': 't', 'signature-key': 'v1', delimiter: ',' },
    'payload-format': { components: ['timestamp', 'body'], delimiter: '.' },
    timestamp: { format: 'unix-seconds', tolerance: 300 },
  },
  // https://api.slack.com/authentication/verifying-requests-from-slack: `v0=<hex>` over `v0:<ts>:<body>`.
  slack: {
    header: 'X-Slack-Signature',
    algorithm: 'sha256',
    encoding: 'hex',
    'signature-prefix': 'v0=',
    'payload-format': { components: [{ literal: 'v0' }, 'timestamp', 'body'], delimiter: ':' },
    timestamp: { header: 'X-Slack-Request-Timestamp', format: 'unix-seconds', tolerance: 300 },
  },
  // https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-5-verify-the-webhook: base64 HMAC of the body.
  shopify: {
    header: 'X-Shopify-Hmac-Sha256',
    algorithm: 'sha256',
    encoding: 'base64',
    'message-id': { header: 'X-Shopify-Webhook-Id' },
  },
} as const satisfies Record<HmacPresetName, HmacDescriptionInput>;

/** Each built-in scheme as a complete {@link HmacDescription} (defaults filled in). */
export const hmacPresets: Readonly<Record<HmacPresetName, HmacDescription>> = Object.freeze(
  Object.fromEntries(HMAC_PRESET_NAMES.map((name) => [name, Object.freeze(hmacDescription.parse(presetInputs[name]))])) as Record<
    HmacPresetName,
    HmacDescription
  >,
);

/**
 * The status each provider documents for a refused delivery, where it documents one (Shopify's
 * app review requires 401; Stripe's examples answer 400). Elsewhere any 4xx is a refusal.
 */
export const hmacPresetRefusalStatus: Readonly<Partial<Record<HmacPresetName, number>>> = Object.freeze({ shopify: 401, stripe: 400 });

/**
 * True when `name` is a built-in scheme.
 *
 * @example
 * isHmacPresetName('standard-webhooks'); // true
 */
export function isHmacPresetName(name: string): name is HmacPresetName {
  return (HMAC_PRESET_NAMES as readonly string[]).includes(name);
}
