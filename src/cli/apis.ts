/**
 * The one per-API descriptor: for each API, its events (from the generated validators, never by
 * hand), its credential, its sender (`send`: the API's `create<Api>TestDelivery`, which `sign`
 * derives from), its verifier, its delivery timeout and the payload of an event (the generated
 * faker factory, or `--data`, in the envelope the API's mock sends). The CLI commands,
 * `hookspec check` and the mock server's registry (typed by {@link ApiName}) all read it, so
 * adding an API is one entry in {@link apis}.
 */
import { createPrivateKey, createPublicKey, randomUUID, type JsonWebKeyInput } from 'node:crypto';
import * as exchangeValidators from '../../generated/exchange/zod.gen.ts';
import * as pipevestValidators from '../../generated/pipevest/zod.gen.ts';
import * as provenValidators from '../../generated/proven/zod.gen.ts';
import * as provenonceValidators from '../../generated/provenonce/zod.gen.ts';
import * as sidclawValidators from '../../generated/sidclaw/zod.gen.ts';
import { pipevestMockKeys } from '../pipevest/mock-keys.ts';
import { rawEd25519Der } from '../signatures/rfc9421-key-material.ts';
import { ed25519KeyBytes } from '../signatures/rfc9421-key-string.ts';
import { lazyFakePayloads, MissingFakerError } from '../webhooks/fake-payloads.ts';
import type { TestDelivery } from '../delivery/test-delivery.ts';
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
import type { KeyInput } from '../signatures/rfc9421-keys.ts';
import { eventRegistryFrom } from '../webhooks/event-registry.ts';
import type { ReplayStore } from '../webhooks/replay-store.ts';
import { CheckFailedError, UsageError } from './errors.ts';
import { readValue } from './inputs.ts';
import type { CapturedRequest } from './raw-http.ts';

/** What the command line gave to sign or verify with. */
export interface Credentials {
  /** `--secret`: an HMAC secret, or Proven's shared `X-API-Key`. */
  secret?: string;
  /** `--key`: an asymmetric key (PEM or JWK text, or `mock`), for APIs that sign with one. */
  key?: string;
  /** `--key-id`: the `keyid` signatures name, for APIs that sign with a key (default: the mock server's). */
  keyId?: string;
}

/** What a credential option means for one API. */
export interface CredentialSpec {
  /** Which option carries it. */
  readonly option: 'secret' | 'key';
  /** Signing needs it (false: Proven's `X-API-Key` is optional). */
  readonly required: boolean;
  /** For help texts and errors: what the value is and where it comes from. */
  readonly description: string;
}

/** Receiver settings a command may pass on; an adapter uses those its verifier has. */
export interface VerifyContext {
  toleranceSeconds?: number;
  signatureHeader?: string;
  /** The URL the sender addressed, for signatures over `@target-uri` behind TLS or a proxy. */
  publicUrl?: string;
  /** Where delivery ids are remembered; false turns replay detection off (one-off checks). */
  replayStore: ReplayStore | false;
}

/** A delivery that passed the project's verifier. */
export interface Verification {
  readonly type: string;
  readonly payload: unknown;
  readonly deliveryId?: string;
  readonly timestamp?: Date;
}

/** What a sender needs to build one delivery of an exact body. */
export interface SendInput {
  readonly event: string;
  /** The exact body (never re-serialised). */
  readonly body: string;
  readonly credentials: Credentials;
  readonly url: string;
}

/** Where a delivery goes (signatures over the request target need it). */
export interface DeliveryTarget {
  readonly method: string;
  readonly url: string;
}

export interface ApiAdapter {
  /** The short name used on the command line and in paths. */
  readonly name: string;
  /** The provider's name, for people. */
  readonly title: string;
  readonly credential: CredentialSpec;
  /** Every event type the spec documents (from the generated validators). */
  readonly events: readonly string[];
  /** The header carrying a delivery id, when the API sends one. */
  readonly deliveryIdHeader?: string;
  /** How long the provider waits for a receiver's answer (documented, or the mock's choice where the document is silent). */
  readonly deliveryTimeoutMs: number;
  /** The body of a delivery of `event`: a fake payload, or `data`, in the API's envelope. */
  payload(event: string, data?: unknown): Promise<Record<string, unknown>>;
  /** The delivery the provider would send with `body`: the API's `create<Api>TestDelivery`. */
  send(input: SendInput): Promise<TestDelivery>;
  /** The headers the provider would send with `body`. */
  sign(body: string, credentials: Credentials, target: DeliveryTarget): Promise<Record<string, string>>;
  /** Runs the project's verifier over a captured request; throws a `WebhookVerificationError`. */
  verify(request: CapturedRequest, credentials: Credentials, context: VerifyContext): Promise<Verification>;
  /** Rejects unusable credentials up front (a usage error), before anything is sent or received. */
  checkCredentials?(credentials: Credentials): void;
}

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
          if (!(error instanceof MissingFakerError)) throw error;
          throw new CheckFailedError(`Fake payloads need ${FAKER}: install it (npm i -D ${FAKER}) or pass the event data with --data.`);
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

/** An Ed25519 key pair as `--key` gives it: `mock`, a PEM (private or public), a JWK, or a base64url private seed. */
export interface KeyPair {
  readonly privateKey?: KeyInput;
  readonly publicKey: KeyInput;
}

/**
 * Reads `--key`: `mock` is the mock server's own webhook key pair (TEST ONLY); a private PEM or
 * JWK gives both halves (the public one derived), a public PEM or JWK only verifies.
 */
const keyPairs = new Map<string, KeyPair>();
export function readKeyPair(text: string): KeyPair {
  let pair = keyPairs.get(text);
  if (pair === undefined) keyPairs.set(text, (pair = parseKeyPair(text)));
  return pair;
}

function parseKeyPair(text: string): KeyPair {
  if (text.trim() === 'mock') return { privateKey: pipevestMockKeys.delivery.privateJwk, publicKey: pipevestMockKeys.delivery.publicKeyPem };
  try {
    const trimmed = text.trim();
    // One line of base64url: the 32-byte private seed, as the mock server prints privateKeySeed.
    if (/^[A-Za-z0-9_+/-]{43}=?$/.test(trimmed)) {
      const privateKey = createPrivateKey({ key: Buffer.from(rawEd25519Der(ed25519KeyBytes(trimmed), 'sign')), format: 'der', type: 'pkcs8' });
      return { privateKey: trimmed, publicKey: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() };
    }
    const jwk = trimmed.startsWith('{') ? (JSON.parse(trimmed) as JsonWebKey) : undefined;
    const isPrivate = jwk ? typeof jwk.d === 'string' : /PRIVATE KEY-----/.test(trimmed);
    if (!isPrivate) return { publicKey: jwk ?? createPublicKey(trimmed).export({ type: 'spki', format: 'pem' }).toString() };
    const privateKey = jwk ? createPrivateKey({ key: jwk as JsonWebKeyInput['key'], format: 'jwk' }) : createPrivateKey(trimmed);
    return {
      privateKey: jwk ?? trimmed,
      publicKey: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString(),
    };
  } catch (error) {
    throw new UsageError(`--key is not a readable key (PEM, JWK, a base64url private seed, or "mock"): ${(error as Error).message}.`);
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
      if (privateKey === undefined) throw new UsageError('Signing Pipevest messages needs the private key; --key is a public key.');
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
  throw new UsageError(`Unknown API "${name}". Valid APIs: ${apiNames.join(', ')}.`);
}

/** Checks that `event` is one the API documents, or a usage error listing them. */
export function checkEvent(adapter: ApiAdapter, event: string): string {
  if (adapter.events.includes(event)) return event;
  throw new UsageError(`Unknown ${adapter.title} event "${event}". Valid events: ${adapter.events.join(', ')}.`);
}

/**
 * The credentials a command needs for `adapter`, from `--secret` / `--key`; a usage error when
 * a required one is missing or the wrong one was given.
 */
export function credentialsFor(adapter: ApiAdapter, options: { secret?: string; key?: string; keyId?: string }): Credentials {
  const { option, required, description } = adapter.credential;
  const other = option === 'secret' ? 'key' : 'secret';
  if (options[other] !== undefined) {
    throw new UsageError(`${adapter.title} does not use --${other}; pass --${option} <${option}>: ${description}.`);
  }
  if (options.keyId !== undefined && option !== 'key') {
    throw new UsageError(`${adapter.title} signs with a shared secret, which names no key: --key-id is for APIs that sign with a key (pipevest).`);
  }
  if (options.keyId === '') throw new UsageError('--key-id must not be empty.');
  const value = options[option];
  if (value === undefined || value === '') {
    if (required) throw new UsageError(`${adapter.title} needs --${option} <${option}> (or HOOKSPEC_${option.toUpperCase()}): ${description}.`);
    return {};
  }
  return { [option]: value, ...(options.keyId === undefined ? {} : { keyId: options.keyId }) };
}

/** Resolves `--key @file` to the key text (PEM and JWK files are the usual form). */
export async function resolveCredentials(adapter: ApiAdapter, options: { secret?: string; key?: string; keyId?: string }): Promise<Credentials> {
  const credentials = credentialsFor(adapter, options);
  if (credentials.key?.startsWith('@')) credentials.key = (await readValue(credentials.key, '--key')).toString('utf8');
  adapter.checkCredentials?.(credentials);
  return credentials;
}
