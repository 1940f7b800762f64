/**
 * The `hmac` fields of `x-hookspec-delivery`: everything an HMAC webhook scheme varies in, as
 * data, so that one implementation (`src/schemes/hmac*.ts`) serves every provider and preset.
 * Field names follow Fern's `x-fern-webhook-signature` where Fern has a field for the same
 * thing (`header`, `algorithm`, `encoding`, `payload-format`, `timestamp`); the rest are ours.
 *
 * Examples, as a spec writes them:
 * - GitHub: `{ header: X-Hub-Signature-256, algorithm: sha256, encoding: hex, signature-prefix: 'sha256=' }`
 * - Slack: `{ header: X-Slack-Signature, signature-prefix: 'v0=', payload-format: { components:
 *   [{ literal: v0 }, timestamp, body], delimiter: ':' }, timestamp: { header:
 *   X-Slack-Request-Timestamp, format: unix-seconds, tolerance: 300 } }`
 * - Stripe: `{ header: Stripe-Signature, combined: { timestamp-key: t, signature-key: v1,
 *   delimiter: ',' }, payload-format: { components: [timestamp, body], delimiter: '.' } }`
 * - Standard Webhooks: `{ header: webhook-signature, encoding: base64, signature-prefix: 'v1,',
 *   signatures-delimiter: ' ', secret-encoding: whsec-base64, message-id: { header: webhook-id },
 *   timestamp: { header: webhook-timestamp, ... }, payload-format: { components: [message-id,
 *   timestamp, body], delimiter: '.' } }`
 * @module
 */
import { z } from 'zod';

/** One part of the signed content. `notification-url` is the URL the delivery is POSTed to. */
export const hmacComponent = z.union([
  z.enum(['body', 'timestamp', 'message-id', 'notification-url']),
  z.strictObject({ literal: z.string().describe('Literal text signed as is (Slack signs "v0").') }),
]);

export const hmacDescription = z.strictObject({
  header: z.string().min(1).describe('The header that carries the signature(s).'),
  algorithm: z.enum(['sha256', 'sha1', 'sha384', 'sha512']).default('sha256'),
  encoding: z.enum(['hex', 'base64']).default('hex'),
  'signature-prefix': z.string().default('').describe('Text before each signature: "sha256=", "v1,", "v0=".'),
  'signatures-delimiter': z
    .string()
    .min(1)
    .optional()
    .describe('Several signatures in one header, separated by this (Standard Webhooks: " "); any one may match.'),
  combined: z
    .strictObject({
      'timestamp-key': z.string().min(1),
      'signature-key': z.string().min(1),
      delimiter: z.string().min(1).default(','),
    })
    .optional()
    .describe('The signature header carries the timestamp too, as key=value pairs (Stripe: t=<ts>,v1=<sig>,v1=<sig>).'),
  'payload-format': z
    .strictObject({
      components: z.array(hmacComponent).min(1),
      delimiter: z.string().default(''),
    })
    .default({ components: ['body'], delimiter: '' })
    .describe('The signed content: the components in order, joined by the delimiter.'),
  timestamp: z
    .strictObject({
      header: z.string().min(1).optional().describe('Absent when the timestamp is in the combined header.'),
      format: z.enum(['unix-seconds', 'unix-millis', 'iso8601']).default('unix-seconds'),
      tolerance: z.number().int().positive().default(300).describe('Seconds, both ways (past and future).'),
    })
    .optional(),
  'message-id': z.strictObject({ header: z.string().min(1) }).optional(),
  'secret-encoding': z
    .enum(['utf8', 'base64', 'whsec-base64'])
    .default('utf8')
    .describe('How the secret text becomes key bytes: as is, base64, or an optional "whsec_" prefix then base64.'),
});

/** The `hmac` fields as a spec writes them. */
export type HmacDescriptionInput = z.input<typeof hmacDescription>;
/** The `hmac` fields with every default filled in: what the scheme's code reads. */
export type HmacDescription = z.output<typeof hmacDescription>;
