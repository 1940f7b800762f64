/**
 * An API known only from a spec given at run time (`--spec acme.yaml`): the same adapter the
 * five built-in APIs have, interpreted from the document instead of generated from it. Events
 * are the keys under `webhooks:`, payloads are validated by zod's JSON Schema reader over the
 * document's schemas, fake payloads come from the spec's examples (else faker), and deliveries
 * are signed and verified by the scheme the spec declares (`x-hookspec-delivery`, or Fern's
 * `x-fern-webhook-signature`). Nothing here needs the code generator, so it works from the
 * installed package.
 * @module
 */
import type { Faker } from '@faker-js/faker';
import type { ZodType } from 'zod';
import { toTestDelivery } from '../delivery/test-delivery.ts';
import { WebhookVerificationError } from '../errors/webhook-verification-error.ts';
import { createApiKeyScheme } from '../schemes/api-key.ts';
import { createHmacScheme, type HmacScheme } from '../schemes/hmac.ts';
import { hmacPresetRefusalStatus, hmacPresets, isHmacPresetName } from '../schemes/presets.ts';
import { newHmacSecret } from '../schemes/hmac-new-secret.ts';
import { fakeValue, mediaExampleOf } from '../spec/fake-value.ts';
import type { Json, SpecDocument } from '../spec/read-spec.ts';
import { resolveRef } from '../spec/resolve-ref.ts';
import { schemaValidators } from '../spec/schema-validator.ts';
import { SpecError } from '../spec/spec-error.ts';
import { parseJsonBody } from '../webhooks/parse-json.ts';
import type { DeliveryDescription } from './delivery-description.ts';
import { bodyField, buildEnvelope } from './envelope.ts';
import { MissingDependencyError } from './errors.ts';
import { DeliveryDescriptionError, readDeliveryDescription } from './read-delivery-description.ts';
import type { ApiAdapter, Credentials, Verification } from './types.ts';

/** Path segments the mock server uses for itself: a spec's API may not be named so. */
export const RESERVED_API_NAMES = ['_mock', 'state', 'reset', 'stream', 'overview', 'docs', 'violations', 'requests', 'assets', 'events', 'endpoints'] as const;

/** How a spec's provider builds and signs one delivery (what the mock of a spec sends with). */
export interface SpecDelivery {
  /** The headers of one delivery (signature, timestamp, id) signed with `secret`. */
  sign(input: { body: string; secret: string | undefined; messageId: string; timestamp: Date; url: string }): Promise<Record<string, string>>;
  /** A new receiver secret in the scheme's format (hex text, or `whsec_` and base64). */
  newSecret(): string;
  /** The body of a delivery of `event`: `payload` is the spec's example or fake body, `data` the caller's. */
  envelope(event: string, payload: unknown, data: unknown, meta: { messageId: string; timestamp: Date }): unknown;
  /** How long the provider waits for a receiver. */
  readonly timeoutMs: number;
  /** The body field `data` fills (`data` in `{ type, timestamp, data }`), or undefined when `data` is the whole body. */
  readonly dataKey?: string;
}

/** An API read from a spec: its adapter for the CLI and `check`, its delivery side for the mock. */
export interface SpecApi {
  readonly spec: SpecDocument;
  readonly description: DeliveryDescription;
  readonly adapter: ApiAdapter;
  readonly delivery: SpecDelivery;
  /** The HMAC scheme, for HMAC specs (built-in presets included); undefined for `api-key`. */
  readonly hmac?: HmacScheme;
  /** The status a receiver must refuse with, where the spec (or its preset) declares one. */
  readonly refusalStatus?: number;
}

/** The envelope a preset implies when the spec names none (Standard Webhooks: `{ type, timestamp, data }`). */
const PRESET_ENVELOPES: Partial<Record<string, DeliveryDescription['envelope']>> = {
  'standard-webhooks': { event: 'type', timestamp: 'timestamp', data: 'data' },
};

let fakerModule: Promise<Faker> | undefined;
async function loadFaker(): Promise<Faker> {
  fakerModule ??= import('@faker-js/faker').then(
    (module) => module.faker,
    (error: unknown) => {
      fakerModule = undefined;
      if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') {
        throw new MissingDependencyError('Fake payloads need @faker-js/faker: install it (npm i -D @faker-js/faker) or pass the event data with --data.');
      }
      throw error;
    },
  );
  return fakerModule;
}

/** The adapter and delivery side of an already-read spec. */
export function specApiOf(spec: SpecDocument): SpecApi {
  const { file, document, name } = spec;
  let description: DeliveryDescription;
  try {
    description = readDeliveryDescription(document, file);
  } catch (error) {
    if (!(error instanceof DeliveryDescriptionError)) throw error;
    const missing = /missing: the spec declares neither/.test(error.reason);
    throw new SpecError(
      missing ? 'no_delivery_scheme' : 'extension_invalid',
      file,
      `/${error.path.replaceAll('.', '/')}`,
      missing
        ? 'the spec declares no delivery scheme: add x-hookspec-delivery with scheme: hmac | api-key | standard-webhooks | github | stripe | slack | shopify (or Fern x-fern-webhook-signature).'
        : `${error.reason}.`,
      { cause: error },
    );
  }
  const webhooks = (document.webhooks ?? {}) as Json;
  const events = Object.keys(webhooks);
  if (events.length === 0) throw new SpecError('no_webhooks', file, '/webhooks', 'the spec sends no webhooks: list each event under webhooks:.');

  const validatorOf = schemaValidators(document);
  const eventSchemas = new Map<string, { validator: ZodType; media: Json | undefined }>();
  for (const event of events) {
    const post = resolveRef<Json>(file, document, (webhooks[event] as Json).post ?? {});
    const body = post.requestBody === undefined ? undefined : resolveRef<Json>(file, document, post.requestBody);
    const media = Object.values((body?.content ?? {}) as Record<string, Json>)[0];
    eventSchemas.set(event, { validator: validatorOf((media?.schema ?? {}) as Json), media });
  }

  const scheme = schemeOf(spec, description);
  const envelope = Object.keys(description.envelope).length > 0 ? description.envelope : (PRESET_ENVELOPES[description.scheme] ?? {});
  const refusalStatus = description['refusal-status'] ?? (isHmacPresetName(description.scheme) ? hmacPresetRefusalStatus[description.scheme] : undefined);

  const delivery: SpecDelivery = {
    timeoutMs: description['timeout-ms'],
    ...(envelope.data === undefined ? {} : { dataKey: envelope.data }),
    // An api-key scheme's key is text, as an hmac secret with no encoding is.
    newSecret: () => newHmacSecret(scheme.hmac?.description['secret-encoding'] ?? 'utf8'),
    async sign({ body, secret, messageId, timestamp, url }) {
      return { 'content-type': 'application/json', ...(await scheme.sign({ body, secret, messageId, timestamp, url })) };
    },
    envelope: (event, payload, data, { messageId, timestamp }) =>
      buildEnvelope(
        { ...description, envelope },
        { event, data, fake: data === undefined ? ((payload ?? {}) as Record<string, unknown>) : {}, id: messageId, timestamp },
      ),
  };

  /** The spec's example body of `event`, else fake data from its schema. */
  const examplePayload = async (event: string): Promise<unknown> => {
    const media = eventSchemas.get(event)?.media;
    const example = mediaExampleOf(file, document, media);
    if (example) return example.value;
    return media?.schema === undefined ? {} : fakeValue(file, document, media.schema, await loadFaker());
  };

  /** The event a verified body is: its envelope field, else the one event whose schema it matches. */
  const eventOf = (payload: unknown): string => {
    if (envelope.event) {
      const type = typeof payload === 'object' && payload !== null ? (payload as Json)[envelope.event] : undefined;
      if (typeof type === 'string' && eventSchemas.has(type)) return type;
      throw new WebhookVerificationError(
        'unknown_event',
        `Unknown event type ${JSON.stringify(type ?? null)} in "${envelope.event}". Known: ${events.join(', ')}.`,
      );
    }
    const matching = events.filter((event) => eventSchemas.get(event)!.validator.safeParse(payload).success);
    if (matching.length >= 1) return matching[0]!;
    throw new WebhookVerificationError('invalid_payload', `The payload matches none of the spec's events (${events.join(', ')}).`);
  };

  const adapter: ApiAdapter = {
    name,
    title: String((document.info as Json | undefined)?.title ?? name),
    description,
    credential: {
      option: 'secret',
      required: description.credential.required,
      description: description.credential.description,
    },
    events,
    ...(scheme.idHeader === undefined ? {} : { deliveryIdHeader: scheme.idHeader }),
    deliveryTimeoutMs: description['timeout-ms'],
    async payload(event, data) {
      const messageId = `msg_${crypto.randomUUID().replaceAll('-', '')}`;
      const payload = data === undefined ? await examplePayload(event) : undefined;
      return delivery.envelope(event, payload, data, { messageId, timestamp: new Date() }) as Record<string, unknown>;
    },
    async send({ event: _event, body, credentials, url }) {
      const timestamp = new Date();
      const messageId = bodyField(body, envelope.id) ?? `msg_${crypto.randomUUID().replaceAll('-', '')}`;
      const headers = await delivery.sign({ body, secret: credentials.secret, messageId, timestamp, url });
      return toTestDelivery(url, body, headers, scheme.idHeader === undefined ? {} : { id: messageId, timestamp });
    },
    async sign(body, credentials, target) {
      return (await adapter.send({ event: '', body, credentials, url: target.url })).headers;
    },
    async verify(request, credentials, context): Promise<Verification> {
      const meta = await scheme.verify({
        body: request.body,
        headers: request.headers,
        url: context.publicUrl ?? request.url,
        credentials,
        ...(context.toleranceSeconds === undefined ? {} : { toleranceSeconds: context.toleranceSeconds }),
      });
      const payload = parseJsonBody(new TextDecoder().decode(request.body));
      const type = eventOf(payload);
      const result = eventSchemas.get(type)!.validator.safeParse(payload);
      if (!result.success) {
        const issues = result.error.issues
          .slice(0, 5)
          .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
          .join('; ');
        throw new WebhookVerificationError('invalid_payload', `The "${type}" payload does not match the spec: ${issues}.`, { cause: result.error });
      }
      if (meta.messageId !== undefined && context.replayStore) {
        const ttlMs = 2 * (context.toleranceSeconds ?? scheme.toleranceSeconds) * 1000;
        let fresh: boolean;
        try {
          fresh = await context.replayStore.remember(meta.messageId, ttlMs);
        } catch (cause) {
          throw new WebhookVerificationError(
            'replay_store_unavailable',
            'The replay store did not answer; the delivery is refused, never accepted unprotected.',
            { cause },
          );
        }
        if (!fresh) throw new WebhookVerificationError('replayed', `Delivery ${meta.messageId} was already accepted once.`);
      }
      return {
        type,
        payload,
        ...(meta.messageId === undefined ? {} : { deliveryId: meta.messageId }),
        ...(meta.timestamp ? { timestamp: meta.timestamp } : {}),
      };
    },
  };
  return { spec, description, adapter, delivery, ...(scheme.hmac ? { hmac: scheme.hmac } : {}), ...(refusalStatus === undefined ? {} : { refusalStatus }) };
}

/** What the adapter needs of a scheme: sign, verify, and the headers and tolerance it uses. */
interface RuntimeScheme {
  readonly hmac?: HmacScheme;
  readonly idHeader?: string;
  readonly toleranceSeconds: number;
  sign(input: { body: string; secret: string | undefined; messageId: string; timestamp: Date; url: string }): Promise<Record<string, string>>;
  verify(input: {
    body: Uint8Array;
    headers: Headers;
    url: string;
    credentials: Credentials;
    toleranceSeconds?: number;
  }): Promise<{ messageId?: string; timestamp?: Date }>;
}

function schemeOf({ file }: SpecDocument, description: DeliveryDescription): RuntimeScheme {
  if (description.scheme === 'rfc9421') {
    throw new SpecError(
      'extension_invalid',
      file,
      '/x-hookspec-delivery/scheme',
      'rfc9421 is supported for the built-in APIs only; a spec given with --spec may declare hmac, api-key or a built-in HMAC scheme.',
    );
  }
  if (description.scheme === 'api-key') {
    const apiKey = createApiKeyScheme(description['api-key']);
    return {
      toleranceSeconds: 300,
      sign: async ({ secret }) => apiKey.sign(secret),
      async verify({ headers, credentials }) {
        const keys = credentials.secrets ?? (credentials.secret === undefined || credentials.secret === '' ? undefined : credentials.secret);
        apiKey.verify(headers, keys);
        return {};
      },
    };
  }
  const hmacDescription = description.scheme === 'hmac' ? description.hmac : hmacPresets[description.scheme];
  let hmac: HmacScheme;
  try {
    hmac = createHmacScheme(hmacDescription);
  } catch (error) {
    throw new SpecError('extension_invalid', file, '/x-hookspec-delivery/hmac', (error as Error).message, { cause: error });
  }
  return {
    hmac,
    ...(hmacDescription['message-id'] === undefined ? {} : { idHeader: hmacDescription['message-id'].header.toLowerCase() }),
    toleranceSeconds: hmacDescription.timestamp?.tolerance ?? 300,
    async sign({ body, secret, messageId, timestamp, url }) {
      if (secret === undefined || secret === '') throw new WebhookVerificationError('missing_secret', 'Signing needs the webhook secret (--secret).');
      return hmac.sign({ body, secret, messageId, timestamp, url });
    },
    async verify({ body, headers, url, credentials, toleranceSeconds }) {
      const secrets = credentials.secrets ?? (credentials.secret === undefined ? [] : [credentials.secret]);
      const verified = await hmac.verify({ body, headers, url, secrets, ...(toleranceSeconds === undefined ? {} : { toleranceSeconds }) });
      return {
        ...(verified.messageId === undefined ? {} : { messageId: verified.messageId }),
        ...(verified.timestamp ? { timestamp: verified.timestamp } : {}),
      };
    },
  };
}
