/**
 * `x-hookspec-delivery`: how one API's deliveries are built and authenticated, declared at the
 * top of its spec. Generation writes the parsed description next to the client
 * (`generated/<api>/delivery.gen.ts`), and the registry is built from it. The JSON Schema of the
 * extension (`dist/x-hookspec-delivery.schema.json`) is made from {@link deliveryExtension}.
 * @module
 */
import { z } from 'zod';
import { hmacDescription } from '../schemes/hmac-description.ts';

/** Named sets of `hmac` fields: one line `scheme: standard-webhooks` is enough. */
export const hmacPresetNames = ['standard-webhooks', 'github', 'stripe', 'slack', 'shopify'] as const;

/** RFC 9421 HTTP message signatures with an asymmetric key, and RFC 9530 `Content-Digest`. */
export const rfc9421Description = z.strictObject({
  algorithm: z.enum(['ed25519']).default('ed25519'),
  label: z.string().min(1).default('sig1').describe('The signature label in Signature-Input and Signature.'),
  components: z.array(z.string().min(1)).min(1).describe('The covered components, in order (RFC 9421 identifiers).'),
  'content-digest': z.enum(['sha-256', 'sha-512']).optional().describe('The digest the sender puts in Content-Digest.'),
  'expires-after': z.number().int().positive().optional().describe('Seconds from `created` to `expires`.'),
  'key-url': z.string().min(1).optional().describe('Where the integrator gets the public key (a path of the API).'),
  'test-key': z
    .strictObject({
      'key-id': z.string().min(1).describe('The keyid its signatures name; the default `--key-id`.'),
      'private-key': z
        .string()
        .regex(/^[A-Za-z0-9_-]{43}$/, 'a base64url Ed25519 private seed (43 characters)')
        .describe('The base64url 32-byte Ed25519 private seed.'),
    })
    .optional()
    .describe("The mock's own delivery key pair (TEST ONLY, public knowledge): `--key mock` signs and verifies with it."),
});

/** A shared key sent as is in a header (nothing is signed). */
export const apiKeyDescription = z.strictObject({
  header: z.string().min(1).describe('The header that carries the key.'),
});

/** The checks a provider's document may ask of a receiver. */
export const receiverChecks = ['signature', 'timestamp', 'message-id', 'api-key', 'payload'] as const;
export type ReceiverCheck = (typeof receiverChecks)[number];

/** Where the event type, the data, the delivery id and the timestamp sit in a JSON body (field names). */
export const envelopeDescription = z.strictObject({
  event: z.string().min(1).optional(),
  data: z.string().min(1).optional(),
  id: z.string().min(1).optional(),
  timestamp: z.string().min(1).optional(),
});

const common = {
  provider: z.string().min(1).optional().describe("The provider's name, for people (default: the API's name)."),
  envelope: envelopeDescription.default({}),
  headers: z
    .record(z.string().min(1), z.string())
    .default({})
    .describe("Headers the provider sends with every delivery besides the scheme's (Content-Type is always application/json)."),
  'timeout-ms': z
    .number()
    .int()
    .positive()
    .default(10_000)
    .describe("How long the provider waits for a receiver's answer (ms); 10 s, the delivery engine's default, when the provider states none."),
  credential: z
    .strictObject({
      description: z.string().min(1).describe('What the credential is and where the integrator gets it.'),
      required: z.boolean().default(true).describe('False when deliveries may carry none.'),
      where: z.string().min(1).optional().describe('Where the integrator configures it, for advice ("on the agent").'),
    })
    .default({ description: 'the webhook signing secret', required: true })
    .describe('What the receiver verifies with.'),
  'refusal-status': z
    .number()
    .int()
    .min(400)
    .max(599)
    .optional()
    .describe('The status a receiver must answer a refused delivery with, where the provider documents one.'),
  'receiver-checks': z
    .array(z.enum(receiverChecks))
    .optional()
    .describe(
      "What the provider's document asks a receiver to check, where it says: `check` grades every safe check, and says when its advice goes beyond these.",
    ),
};

export const deliveryExtension = z.discriminatedUnion('scheme', [
  z.strictObject({ scheme: z.literal('hmac'), hmac: hmacDescription, ...common }),
  z.strictObject({ scheme: z.literal('rfc9421'), rfc9421: rfc9421Description, ...common }),
  z.strictObject({ scheme: z.literal('api-key'), 'api-key': apiKeyDescription, ...common }),
  z.strictObject({ scheme: z.enum(hmacPresetNames), ...common }),
]);

/** The extension as a spec writes it. */
export type DeliveryExtensionInput = z.input<typeof deliveryExtension>;
/** The extension with defaults filled in: what generation writes and the registry reads. */
export type DeliveryDescription = z.output<typeof deliveryExtension>;

/** A description of each scheme. */
export type HmacDelivery = Extract<DeliveryDescription, { scheme: 'hmac' }>;
export type Rfc9421Delivery = Extract<DeliveryDescription, { scheme: 'rfc9421' }>;
export type ApiKeyDelivery = Extract<DeliveryDescription, { scheme: 'api-key' }>;

type DeepReadonly<T> = T extends readonly (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/**
 * A generated description (`generated/<api>/delivery.gen.ts`, emitted `as const`, so deeply
 * readonly) as the type the schemes read; the compiler checks it against the schema's output.
 * Nothing mutates a description.
 */
export function described(value: DeepReadonly<HmacDelivery>): HmacDelivery;
export function described(value: DeepReadonly<Rfc9421Delivery>): Rfc9421Delivery;
export function described(value: DeepReadonly<ApiKeyDelivery>): ApiKeyDelivery;
export function described(value: DeepReadonly<DeliveryDescription>): DeliveryDescription;
export function described(value: DeepReadonly<DeliveryDescription>): DeliveryDescription {
  return value as DeliveryDescription;
}
