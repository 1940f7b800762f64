/**
 * The one per-API descriptor: for each API, its events (from the generated validators, never by
 * hand), its credential, its sender (`send`: the API's `create<Api>TestDelivery`, which `sign`
 * derives from), its verifier, its delivery timeout and the payload of an event (the generated
 * faker factory, or `--data`, in the envelope the API's mock sends). The CLI commands,
 * `hookspec check` and the mock server's registry (typed by {@link ApiName}) all read it, so
 * adding an API is one entry in {@link apis}.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import * as exchangeValidators from '../../generated/exchange/zod.gen.ts';
import * as pipevestValidators from '../../generated/pipevest/zod.gen.ts';
import * as provenValidators from '../../generated/proven/zod.gen.ts';
import * as provenonceValidators from '../../generated/provenonce/zod.gen.ts';
import * as sidclawValidators from '../../generated/sidclaw/zod.gen.ts';
import { lazyFakePayloads } from '../webhooks/fake-payloads.ts';
import { exchangeEnvelope, EXCHANGE_DELIVERY_TIMEOUT_MS } from '../exchange/sign-delivery.ts';
import { createExchangeTestDelivery } from '../exchange/test-delivery.ts';
import { pipevestEnvelope, PIPEVEST_DELIVERY_TIMEOUT_MS } from '../pipevest/sign-delivery.ts';
import { createPipevestTestDelivery } from '../pipevest/test-delivery.ts';
import { provenEnvelope, PROVEN_DELIVERY_TIMEOUT_MS } from '../proven/sign-delivery.ts';
import { createProvenTestDelivery } from '../proven/test-delivery.ts';
import { provenonceEnvelope, PROVENONCE_DELIVERY_TIMEOUT_MS } from '../provenonce/sign-delivery.ts';
import { createProvenonceTestDelivery } from '../provenonce/test-delivery.ts';
import { sidclawEnvelope, SIDCLAW_DELIVERY_TIMEOUT_MS } from '../sidclaw/sign-delivery.ts';
import { createSidclawTestDelivery } from '../sidclaw/test-delivery.ts';
import { verifyExchangeWebhook } from '../exchange/verify-webhook.ts';
import { verifyPipevestWebhook } from '../pipevest/verify-webhook.ts';
import { verifyProvenWebhook } from '../proven/verify-webhook.ts';
import { verifyProvenonceWebhook } from '../provenonce/verify-webhook.ts';
import { verifySidclawWebhook } from '../sidclaw/verify-webhook.ts';
import { eventRegistryFrom } from '../webhooks/event-registry.ts';
import { pipevestMockKeys } from '../pipevest/mock-keys.ts';
import { readKeyPair } from '../pipevest/key-pair.ts';
import { ApiInputError, MissingDependencyError } from './errors.ts';
import type { ApiAdapter, CapturedRequest, Credentials, CredentialSpec } from './types.ts';

interface ApiDefinition extends Omit<ApiAdapter, 'events' | 'payload' | 'sign'> {
  /** The generated `zod.gen.ts` module: the event list comes from it. */
  readonly validators: Record<string, unknown>;
  /** Loads the generated faker module (faker is large: only when a fake payload is needed). */
  readonly faker: () => Promise<Record<string, unknown>>;
  /** The body the API's mock sends: `fake` is `{}` when `data` is given. */
  envelope(event: string, fake: Record<string, unknown>, data: unknown): Record<string, unknown>;
}

const FAKER = '@faker-js/faker';

function defineApi(definition: ApiDefinition): ApiAdapter {
  const { validators, faker, envelope, ...adapter } = definition;
  const registry = eventRegistryFrom(validators);
  const fakePayload = lazyFakePayloads(faker, registry);
  return {
    ...adapter,
    events: [...registry.keys()].sort(),
    sign: async (body, credentials, target) => (await adapter.send({ event: eventOf(body), body, credentials, url: target.url })).headers,
    async payload(event, data) {
      let fake: Record<string, unknown> = {};
      if (data === undefined) {
        try {
          fake = (await fakePayload(event)) as Record<string, unknown>;
        } catch (error) {
          const missing = (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String(error).includes(FAKER);
          if (!missing) throw error;
          throw new MissingDependencyError(`Fake payloads need ${FAKER}: install it (npm i -D ${FAKER}) or pass the event data with --data.`);
        }
      }
      return envelope(event, fake, data);
    },
  };
}

/** The shared HMAC secret an API signs deliveries with. */
const hmacSecret = (description: string): CredentialSpec => ({ option: 'secret', required: true, description });

/** The `event` of a JSON body, or `''` (senders given a body only name it in their options). */
function eventOf(body: string): string {
  try {
    const event = (JSON.parse(body) as { event?: unknown }).event;
    return typeof event === 'string' ? event : '';
  } catch {
    return '';
  }
}

/** The string `id` of a JSON body, if it has one (SidClaw sends it again as `X-Webhook-ID`). */
function bodyId(body: string): string | undefined {
  try {
    const id = (JSON.parse(body) as { id?: unknown }).id;
    return typeof id === 'string' && id !== '' ? id : undefined;
  } catch {
    return undefined;
  }
}

const inputOf = (request: CapturedRequest) => ({
  body: request.body,
  headers: request.headers,
  method: request.method,
  url: request.url,
});

/** The adapters, by command-line name. */
export const apis = {
  sidclaw: defineApi({
    name: 'sidclaw',
    deliveryTimeoutMs: SIDCLAW_DELIVERY_TIMEOUT_MS,
    title: 'SidClaw',
    validators: sidclawValidators,
    faker: () => import('../../generated/sidclaw/@faker-js/faker.gen.ts'),
    credential: hmacSecret('the endpoint secret (`secret` in the POST /api/v1/webhooks response)'),
    deliveryIdHeader: 'x-webhook-id',
    envelope: (event, fake, data) => sidclawEnvelope(randomUUID(), event, fake, data),
    // The body's `id` is the delivery id, as the mock sends it; a body without one gets a fresh id.
    send: ({ event, body, credentials, url }) =>
      createSidclawTestDelivery({ event: event as never, body, secret: credentials.secret!, url, id: bodyId(body) ?? randomUUID() }),
    verify: (request, { secret }, context) =>
      verifySidclawWebhook(inputOf(request), {
        secret: secret!,
        replayStore: context.replayStore,
        ...(context.toleranceSeconds === undefined ? {} : { toleranceSeconds: context.toleranceSeconds }),
      }),
  }),
  provenonce: defineApi({
    name: 'provenonce',
    deliveryTimeoutMs: PROVENONCE_DELIVERY_TIMEOUT_MS,
    title: 'Provenonce',
    validators: provenonceValidators,
    faker: () => import('../../generated/provenonce/@faker-js/faker.gen.ts'),
    credential: hmacSecret('the partner webhook secret (`webhook_secret` in the PUT /api/v1/partner/webhook response)'),
    envelope: provenonceEnvelope,
    send: ({ event, body, credentials, url }) => createProvenonceTestDelivery({ event: event as never, body, secret: credentials.secret!, url }),
    verify: (request, { secret }) => verifyProvenonceWebhook(inputOf(request), { secret: secret! }),
  }),
  exchange: defineApi({
    name: 'exchange',
    deliveryTimeoutMs: EXCHANGE_DELIVERY_TIMEOUT_MS,
    title: 'Exchange',
    validators: exchangeValidators,
    faker: () => import('../../generated/exchange/@faker-js/faker.gen.ts'),
    credential: hmacSecret('the registration `secretKey` (POST /partner/webhooks response)'),
    envelope: exchangeEnvelope,
    send: ({ event, body, credentials, url }) => createExchangeTestDelivery({ event: event as never, body, secret: credentials.secret!, url }),
    verify: (request, { secret }, context) =>
      verifyExchangeWebhook(inputOf(request), {
        secret: secret!,
        ...(context.signatureHeader === undefined ? {} : { signatureHeader: context.signatureHeader }),
      }),
  }),
  proven: defineApi({
    name: 'proven',
    deliveryTimeoutMs: PROVEN_DELIVERY_TIMEOUT_MS,
    title: 'Proven',
    validators: provenValidators,
    faker: () => import('../../generated/proven/@faker-js/faker.gen.ts'),
    credential: {
      option: 'secret',
      required: false,
      description: 'the shared X-API-Key (optional: without it deliveries carry no key and only the payload is checked)',
    },
    envelope: provenEnvelope,
    send: ({ event, body, credentials, url }) =>
      createProvenTestDelivery({ event: event as never, body, url, ...(credentials.secret === undefined ? {} : { apiKey: credentials.secret }) }),
    verify: (request, { secret }) => verifyProvenWebhook(inputOf(request), secret === undefined ? {} : { apiKey: secret }),
  }),
  pipevest: defineApi({
    name: 'pipevest',
    deliveryTimeoutMs: PIPEVEST_DELIVERY_TIMEOUT_MS,
    title: 'Pipevest',
    validators: pipevestValidators,
    faker: () => import('../../generated/pipevest/@faker-js/faker.gen.ts'),
    credential: {
      option: 'key',
      required: true,
      description:
        'an Ed25519 key, PEM or JWK (@file to read one): the private key signs, the public key from GET /webhooks/key (or the private one) verifies; "mock" is the mock server\'s test key pair',
    },
    envelope: pipevestEnvelope,
    checkCredentials: ({ key }) => void readKeyPair(key!),
    // RFC 9421 Ed25519 over content-digest, content-type, @method and @target-uri, as the mock signs.
    send: ({ event, body, credentials, url }) => {
      const { privateKey } = readKeyPair(credentials.key!);
      if (privateKey === undefined) throw new ApiInputError('invalid_credentials', 'Signing Pipevest messages needs the private key; --key is a public key.');
      return createPipevestTestDelivery({ event: event as never, body, key: privateKey, keyId: credentials.keyId ?? pipevestMockKeys.delivery.keyId, url });
    },
    verify: (request, { key }, context) =>
      verifyPipevestWebhook(inputOf(request), {
        publicKey: readKeyPair(key!).publicKey,
        ...(context.publicUrl === undefined ? {} : { publicUrl: context.publicUrl }),
        ...(context.toleranceSeconds === undefined ? {} : { maxAgeSeconds: context.toleranceSeconds }),
      }),
  }),
} satisfies Record<string, ApiAdapter>;

export type ApiName = keyof typeof apis;
export const apiNames = Object.keys(apis) as ApiName[];

/** The adapter of `name`, or a usage error listing the valid names. */
export function apiAdapter(name: string): ApiAdapter {
  if (Object.hasOwn(apis, name)) return apis[name as ApiName];
  throw new ApiInputError('unknown_api', `Unknown API "${name}". Valid APIs: ${apiNames.join(', ')}.`);
}

/** Checks that `event` is one the API documents, or a usage error listing them. */
export function checkEvent(adapter: ApiAdapter, event: string): string {
  if (adapter.events.includes(event)) return event;
  throw new ApiInputError('unknown_event', `Unknown ${adapter.title} event "${event}". Valid events: ${adapter.events.join(', ')}.`);
}

/**
 * The credentials a command needs for `adapter`, from `--secret` / `--key`; a usage error when
 * a required one is missing or the wrong one was given.
 */
export function credentialsFor(adapter: ApiAdapter, options: { secret?: string; key?: string; keyId?: string }): Credentials {
  const { option, required, description } = adapter.credential;
  const other = option === 'secret' ? 'key' : 'secret';
  if (options[other] !== undefined) {
    throw new ApiInputError('invalid_credentials', `${adapter.title} does not use --${other}; pass --${option} <${option}>: ${description}.`);
  }
  if (options.keyId !== undefined && option !== 'key') {
    throw new ApiInputError(
      'invalid_credentials',
      `${adapter.title} signs with a shared secret, which names no key: --key-id is for APIs that sign with a key (pipevest).`,
    );
  }
  if (options.keyId === '') throw new ApiInputError('invalid_credentials', '--key-id must not be empty.');
  const value = options[option];
  if (value === undefined || value === '') {
    if (required)
      throw new ApiInputError('invalid_credentials', `${adapter.title} needs --${option} <${option}> (or HOOKSPEC_${option.toUpperCase()}): ${description}.`);
    return {};
  }
  return { [option]: value, ...(options.keyId === undefined ? {} : { keyId: options.keyId }) };
}

/** Resolves `--key @file` to the key text (PEM and JWK files are the usual form). */
export async function resolveCredentials(adapter: ApiAdapter, options: { secret?: string; key?: string; keyId?: string }): Promise<Credentials> {
  const credentials = credentialsFor(adapter, options);
  if (credentials.key?.startsWith('@')) credentials.key = await readKeyFile(credentials.key.slice(1));
  adapter.checkCredentials?.(credentials);
  return credentials;
}

/** `--key @path`: the key file's text (`@-`: standard input). */
async function readKeyFile(path: string): Promise<string> {
  try {
    if (path === '-') return await text(process.stdin);
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new ApiInputError('unreadable_file', `--key @${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
}
