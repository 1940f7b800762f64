/**
 * `hookspec/mocks/pipevest`: stateful MSW handlers for the Pipevest webhooks API that verify
 * every request's HTTP Message Signature (RFC 9421) and Content-Digest (RFC 9530), and send
 * real signed webhook messages.
 * @module
 */
import { HttpResponse } from '../shared/http-response.ts';
import type { Webhook, WebhookTestResult } from '../../generated/pipevest/types.gen.ts';
import type { PipevestWebhookEventType } from '../../src/pipevest/events.ts';
import * as validators from '../../generated/pipevest/zod.gen.ts';
import { isDeliveryError, type DeliveryHandle, type DeliveryRecord } from '../../src/delivery/index.ts';
import type { KeyInput } from '../../src/signatures/index.ts';
import { eventRegistryFrom } from '../../src/webhooks/event-registry.ts';
import type { ApiMock, ApiMockOptions } from '../shared/api-mock.ts';
import { bindMockState } from '../shared/mock-state.ts';
import { pipevestStateCodec, type PipevestMockSnapshot } from './snapshot.ts';
import { closeMockEngine, createMockEngine } from '../shared/mock-engine.ts';
import { resolveMockLimits } from '../shared/mock-limits.ts';
import { createScenario } from '../shared/scenario.ts';
import { pipevestMockCredentials, pipevestMockKeys } from './credentials.ts';
import { pipevestSigner, type DeliverySigningKey, PIPEVEST_DELIVERY_TIMEOUT_MS } from '../../src/pipevest/sign-delivery.ts';
import { subscriptionsCover, toTestResult } from './deliveries.ts';
import { pipevestHandlers } from './handlers.ts';
import { createPipevestState, type PipevestMockState } from './state.ts';

export { pipevestMockCredentials, pipevestMockKeys, type PipevestTestKeyPair } from './credentials.ts';
export { subscriptionsCover } from './deliveries.ts';
export type { PipevestMockSnapshot } from './snapshot.ts';
export { pipevestWebhookFixture } from './fixtures.ts';
export { MockStateError, type MockStateOptions, type StateStorage } from '../shared/mock-state.ts';
export type { PipevestMockState } from './state.ts';

/** Event types a Pipevest mock can trigger (from the generated webhook types). */
export type PipevestMockEvent = PipevestWebhookEventType;

export interface PipevestMockOptions extends ApiMockOptions<PipevestMockSnapshot> {
  /** The client public key requests must be signed with (default: RFC 9421's test-key-ed25519). */
  clientPublicKey?: KeyInput;
  /** The `keyid` that key is announced with (default `staging-pipevest-ed25519`). */
  clientKeyId?: string;
  /** The webhook-signing key pair (default: the mock's own test key pair, see the credentials). */
  deliveryKey?: { keyId: string; privateKey: KeyInput; publicKeyPem: string };
  /** Base URLs clients reach the mock at through a proxy; see {@link PipevestMock.addPublicBaseUrl}. */
  publicBaseUrls?: readonly string[];
}

/** The Pipevest mock: the common mock interface plus proxy configuration. */
export interface PipevestMock extends ApiMock<PipevestMockState, PipevestMockEvent, PipevestMockSnapshot> {
  /**
   * Accepts signatures whose `@target-uri` is this base URL plus the operation path, e.g. the
   * URL of a `prism proxy` in front of the mock: the proxy forwards to the mock's own host and
   * path, while the client signed the proxy's URL. The URL the request arrived at and one
   * described by `X-Forwarded-Proto`/`-Host`/`-Prefix` are always accepted.
   */
  addPublicBaseUrl(baseUrl: string): void;
}

const registry = eventRegistryFrom(validators);
const DELIVERY_TIMEOUT_MS = PIPEVEST_DELIVERY_TIMEOUT_MS;

/**
 * Creates a stateful Pipevest mock. Requests need the bearer token (`123456`, or a token POST
 * /auth issued within its 3600 s), `X-Client-Id: 123456` and a valid signature by the client key
 * covering the components the document lists (401 `invalid_token`, `invalid_client`,
 * `invalid_signature` or `digest_mismatch` otherwise); a repeated `X-Idempotency-Key` on a write
 * returns the first response (with `Idempotent-Replayed: true`) without doing the work again.
 * POST /auth registers the webhook and sends `WEBHOOK.CREATED`, PUT /webhooks sends
 * `WEBHOOK.UPDATED`, each to the webhook URL when its subscriptions cover the event, as
 * `{ event, data: <Webhook> }` signed with the mock's delivery key (GET /webhooks/key).
 * POST /auth/test sends one test message `{ event: 'WEBHOOK.UPDATED', test: true, data }`
 * whatever the subscriptions (the document defines no test event; this one validates against
 * the spec) and reports `{ delivered, httpStatus, error? }`.
 *
 * @example
 * const mock = createPipevestMock({ baseUrl: 'http://pipevest.test' });
 * setupServer(...mock.handlers).listen();
 */
export function createPipevestMock(options: PipevestMockOptions = {}): PipevestMock {
  const state = createPipevestState();
  const stored = bindMockState('pipevest', pipevestStateCodec, state, options.state);
  const scenario = createScenario();
  const timeoutMs = options.delivery?.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const limits = resolveMockLimits(options.limits);
  const engine = createMockEngine(options.delivery, timeoutMs, {}, limits);
  const delivery = options.deliveryKey ?? {
    keyId: pipevestMockKeys.delivery.keyId,
    privateKey: pipevestMockKeys.delivery.privateJwk,
    publicKeyPem: pipevestMockKeys.delivery.publicKeyPem,
  };
  const signingKey: DeliverySigningKey = { keyId: delivery.keyId, privateKey: delivery.privateKey };
  const publicBaseUrls = new Set(options.publicBaseUrls ?? []);
  const clientKeyId = options.clientKeyId ?? pipevestMockKeys.client.keyId;
  const clientPublicKey = options.clientPublicKey ?? pipevestMockKeys.client.publicJwk;

  const enqueue = (event: string, webhook: Webhook, data: unknown, extra: { maxAttempts?: number; test?: boolean } = {}) => {
    const body = JSON.stringify({ event, ...(extra.test ? { test: true } : {}), data });
    return engine.enqueue({
      url: webhook.url,
      eventType: extra.test ? 'test' : event,
      body,
      sign: pipevestSigner(signingKey, webhook.url),
      ...(extra.maxAttempts === undefined ? {} : { maxAttempts: extra.maxAttempts, timeoutMs }),
      meta: { webhookId: webhook.webhookId },
    });
  };
  const deliverTo = (event: string, data?: unknown): DeliveryRecord[] => {
    const webhook = state.webhook;
    if (webhook?.status !== 'ACTIVE' || !subscriptionsCover(webhook.subscriptions, event)) return [];
    const handle = enqueue(event, webhook, data === undefined ? { ...webhook } : data);
    const record = handle.snapshot();
    return record ? [record] : [];
  };

  const handlers = pipevestHandlers(
    {
      state,
      scenario,
      policy: {
        tokenAccepted(token) {
          if (token === pipevestMockCredentials.bearerToken) return true;
          const expiresAt = state.accessTokens.get(token);
          return expiresAt !== undefined && expiresAt > Date.now();
        },
        clientId: pipevestMockCredentials.clientId,
        clientKeyId,
        clientPublicKey,
        publicBaseUrls: () => publicBaseUrls,
      },
      webhookKey: { keyId: delivery.keyId, algorithm: 'ed25519', publicKey: delivery.publicKeyPem },
      notify(event, webhook) {
        try {
          deliverTo(event, { ...webhook });
        } catch (error) {
          // Over the mock's pending-delivery cap the notification is dropped; the change itself stands.
          if (!isDeliveryError(error, 'queue_full')) throw error;
        }
      },
      limits,
      async sendTest(webhook) {
        let handle: DeliveryHandle;
        try {
          handle = enqueue('WEBHOOK.UPDATED', webhook, { ...webhook }, { maxAttempts: 1, test: true });
        } catch (error) {
          // The mock's pending-delivery cap: reported as a test that was not delivered.
          if (!isDeliveryError(error, 'queue_full')) throw error;
          return HttpResponse.json<WebhookTestResult>({ delivered: false, httpStatus: null, error: error.message });
        }
        return HttpResponse.json(toTestResult(await handle.settled()));
      },
    },
    options.baseUrl,
  );

  return {
    api: 'pipevest',
    handlers: stored.persisting(handlers),
    snapshot: stored.snapshot,
    state,
    engine,
    scenario,
    credentials: pipevestMockCredentials,
    webhookPublicKey: { keyId: delivery.keyId, algorithm: 'ed25519', publicKey: delivery.publicKeyPem },
    async trigger(event, data) {
      if (!registry.has(event)) throw new Error(`Unknown Pipevest event "${event}"; known: ${[...registry.keys()].join(', ')}.`);
      return deliverTo(event, data);
    },
    addPublicBaseUrl(baseUrl) {
      publicBaseUrls.add(new URL(baseUrl).href.replace(/\/+$/, ''));
    },
    reset() {
      state.webhook = undefined;
      state.accessTokens.clear();
      state.idempotency.clear();
      engine.remove(() => true);
      scenario.clear();
      stored.reset();
    },
    close({ timeoutMs } = {}) {
      return closeMockEngine(engine, timeoutMs);
    },
  };
}
