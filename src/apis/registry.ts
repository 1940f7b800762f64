/**
 * The registry of APIs, built from what generation writes out of each spec
 * (`generated/apis.gen.ts`: the delivery description of `x-hookspec-delivery`, the validators and
 * the fake-data factories): for each API its events, credential, sender, verifier, timeout and
 * the payload of an event, by scheme. The CLI, `check`, the mocks and the inspector read it; a
 * new spec in `openapi/` is a new entry with nothing to edit here.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { generatedApis } from '../../generated/apis.gen.ts';
import { toTestDelivery } from '../delivery/test-delivery.ts';
import { createRfc9421Scheme } from '../schemes/rfc9421.ts';
import { eventRegistryFrom } from '../webhooks/event-registry.ts';
import { lazyFakePayloads, MissingFakerError } from '../webhooks/fake-payloads.ts';
import { createApiKeyReceiver } from './api-key-receiver.ts';
import { type DeliveryDescription, described } from './delivery-description.ts';
import { bodyField, buildEnvelope } from './envelope.ts';
import { ApiInputError, MissingDependencyError } from './errors.ts';
import { createHmacReceiver } from './hmac-receiver.ts';
import { keyIdOf, keyPairOf } from './rfc9421-credentials.ts';
import { createRfc9421Receiver } from './rfc9421-receiver.ts';
import { apiKeyHeaders, fixedHeaders, hmacTestDelivery } from './senders.ts';
import type { ApiAdapter, CapturedRequest, Credentials } from './types.ts';

/** What generation writes for one API (an entry of `generated/apis.gen.ts`). */
export interface GeneratedApi {
  /** `generated/<api>/delivery.gen.ts`: the spec's delivery description. */
  readonly delivery: Parameters<typeof described>[0];
  /** `generated/<api>/zod.gen.ts`: the event list and payload validators come from it. */
  readonly validators: Record<string, unknown>;
  /** Loads `generated/<api>/@faker-js/faker.gen.ts` (faker is large: only when a fake payload is needed). */
  readonly faker: () => Promise<Record<string, unknown>>;
}

const FAKER = '@faker-js/faker';

const inputOf = (request: CapturedRequest) => ({ body: request.body, headers: request.headers, method: request.method, url: request.url });

/** The `event` of a JSON body, or `''`. */
const eventOf = (body: string, description: DeliveryDescription) => bodyField(body, description.envelope.event) ?? '';

type SchemeParts = Pick<ApiAdapter, 'credential' | 'send' | 'verify' | 'deliveryIdHeader' | 'checkCredentials'>;

/** Sender, verifier and credential of an API, from its description's scheme. */
function schemeParts(name: string, description: DeliveryDescription, validators: Record<string, unknown>): SchemeParts {
  const credential = { description: description.credential.description, required: description.credential.required };
  const events = eventRegistryFrom(validators, description.envelope.event);
  if (description.scheme === 'hmac') {
    const receiver = createHmacReceiver(description, events);
    const idHeader = description.hmac['message-id']?.header.toLowerCase();
    return {
      credential: { option: 'secret', ...credential },
      ...(idHeader === undefined ? {} : { deliveryIdHeader: idHeader }),
      // The body's id (where the envelope has one) is the delivery id, as the mock sends it.
      send: ({ body, credentials, url }) => {
        const id = bodyField(body, description.envelope.id);
        return hmacTestDelivery(description, { body, secret: credentials.secret!, url, ...(id === undefined ? {} : { id }) });
      },
      verify: (request, { secret, secrets }, context) =>
        receiver.verify(inputOf(request), {
          // Two --secret (rotation): the current, then the previous; either verifies.
          secret: secrets ?? secret!,
          replayStore: context.replayStore,
          ...(context.toleranceSeconds === undefined ? {} : { toleranceSeconds: context.toleranceSeconds }),
          ...(context.signatureHeader === undefined ? {} : { signatureHeader: context.signatureHeader }),
        }),
    };
  }
  if (description.scheme === 'api-key') {
    const receiver = createApiKeyReceiver(description, events);
    return {
      credential: { option: 'secret', ...credential },
      send: async ({ body, credentials, url }) => toTestDelivery(url, body, apiKeyHeaders(description, credentials.secret)),
      verify: (request, { secret }) => receiver.verify(inputOf(request), secret === undefined ? {} : { apiKey: secret }),
    };
  }
  if (description.scheme === 'rfc9421') {
    // An asymmetric key over the description's components; `--key mock` is the description's test key.
    const receiver = createRfc9421Receiver(description, events);
    const scheme = createRfc9421Scheme(description.rfc9421);
    return {
      credential: { option: 'key', ...credential },
      // A bad key, or no keyid to name it by, is a usage error before anything is sent.
      checkCredentials: ({ key, keyId }) => {
        keyPairOf(description, key!);
        keyIdOf(description, keyId);
      },
      send: async ({ body, credentials, url }) => {
        const { privateKey } = keyPairOf(description, credentials.key!);
        if (privateKey === undefined) {
          throw new ApiInputError('invalid_credentials', `Signing ${description.provider ?? name} messages needs the private key; --key is a public key.`);
        }
        const created = Math.floor(Date.now() / 1000);
        const signed = await scheme.sign({ body, url, key: privateKey, keyId: keyIdOf(description, credentials.keyId), created });
        return toTestDelivery(url, body, { ...fixedHeaders(description), ...signed }, { timestamp: new Date(created * 1000) });
      },
      verify: (request, { key }, context) =>
        receiver.verify(inputOf(request), {
          publicKey: keyPairOf(description, key!).publicKey,
          ...(context.publicUrl === undefined ? {} : { publicUrl: context.publicUrl }),
          ...(context.toleranceSeconds === undefined ? {} : { maxAgeSeconds: context.toleranceSeconds }),
        }),
    };
  }
  throw new TypeError(`${name}: the ${description.scheme} scheme has no sender and verifier yet.`);
}

/** The adapter of one API from what generation wrote for it: the one path every API, built-in or registered, takes. */
export function defineApi(name: string, generated: GeneratedApi): ApiAdapter {
  const description = described(generated.delivery);
  const registry = eventRegistryFrom(generated.validators, description.envelope.event);
  const fakePayload = lazyFakePayloads(generated.faker, registry, description.envelope.event);
  const parts = schemeParts(name, description, generated.validators);
  return {
    name,
    title: description.provider ?? name,
    description,
    deliveryTimeoutMs: description['timeout-ms'],
    events: [...registry.keys()].sort(),
    ...parts,
    sign: async (body, credentials, target) => (await parts.send({ event: eventOf(body, description), body, credentials, url: target.url })).headers,
    async payload(event, data) {
      let fake: Record<string, unknown> = {};
      if (data === undefined) {
        try {
          fake = (await fakePayload(event)) as Record<string, unknown>;
        } catch (error) {
          if (!(error instanceof MissingFakerError)) throw error;
          throw new MissingDependencyError(`Fake payloads need ${FAKER}: install it (npm i -D ${FAKER}) or pass the event data with --data.`);
        }
      }
      return buildEnvelope(description, { event, fake, data, id: randomUUID() });
    },
  };
}

export type ApiName = keyof typeof generatedApis;

/** The adapters, by command-line name, in the generated index's order (alphabetical). */
export const apis: Record<string, ApiAdapter> = Object.fromEntries(
  (Object.keys(generatedApis) as ApiName[]).map((name) => [name, defineApi(name, generatedApis[name])]),
);

/** Every API's name, in listing order (registered APIs last). */
export const apiNames: string[] = Object.keys(apis);

/** What generation wrote for each API, registered ones included. */
const generatedByName = new Map<string, GeneratedApi>(Object.entries(generatedApis));

/** The generated modules of an API (its validators and fake-data loader), for the mocks and the inspector. */
export function generatedOf(name: string): GeneratedApi | undefined {
  return generatedByName.get(name);
}

/**
 * Adds an API generated from a spec outside `openapi/` (a test's fixture, another provider's
 * spec) through the same path as the built-in ones. Commands built afterwards list it.
 */
export function registerApi(name: string, generated: GeneratedApi): ApiAdapter {
  if (Object.hasOwn(apis, name)) throw new ApiInputError('duplicate_api', `An API named "${name}" is registered already.`);
  const adapter = defineApi(name, generated);
  apis[name] = adapter;
  generatedByName.set(name, generated);
  apiNames.push(name);
  return adapter;
}

/** The adapter of `name`, or a usage error listing the valid names. */
export function apiAdapter(name: string): ApiAdapter {
  if (Object.hasOwn(apis, name)) return apis[name]!;
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
      `${adapter.title} signs with a shared secret, which names no key: --key-id is for APIs that sign with a key (${apiNames.filter((name) => apis[name]!.credential.option === 'key').join(', ')}).`,
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
