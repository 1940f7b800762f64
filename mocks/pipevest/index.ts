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
import { isDeliveryError, type DeliveryHandle, type DeliveryEngine } from '../../src/delivery/index.ts';
import type { KeyInput } from '../../src/signatures/index.ts';
import type { ApiMock, ApiMockOptions } from '../shared/api-mock.ts';
import { defineApiMock } from '../shared/define-api-mock.ts';
import { generatedEvents } from '../shared/generated-events.ts';
import { inspectorFacet } from '../shared/inspector-facet.ts';
import { pipevestStateCodec, type PipevestMockSnapshot } from './snapshot.ts';
import { pipevestMockCredentials, pipevestMockKeys } from './credentials.ts';
import { pipevestEnvelope, pipevestSigner, type DeliverySigningKey, PIPEVEST_DELIVERY_TIMEOUT_MS } from '../../src/pipevest/sign-delivery.ts';
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

// Deliveries carry the registration itself when no data is given; the fake payloads serve the inspector's send form.
const events = generatedEvents(validators, () => import('../../generated/pipevest/@faker-js/faker.gen.ts'));

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
  const delivery = options.deliveryKey ?? {
    keyId: pipevestMockKeys.delivery.keyId,
    privateKey: pipevestMockKeys.delivery.privateJwk,
    publicKeyPem: pipevestMockKeys.delivery.publicKeyPem,
  };
  const signingKey: DeliverySigningKey = { keyId: delivery.keyId, privateKey: delivery.privateKey };
  const webhookPublicKey = { keyId: delivery.keyId, algorithm: 'ed25519' as const, publicKey: delivery.publicKeyPem };
  const publicBaseUrls = new Set(options.publicBaseUrls ?? []);
  const clientKeyId = options.clientKeyId ?? pipevestMockKeys.client.keyId;
  const clientPublicKey = options.clientPublicKey ?? pipevestMockKeys.client.publicJwk;

  /** A message `{ event, test?, data }` to the webhook URL, signed with the delivery key. */
  const message = (webhook: Webhook, event: string, data: unknown, test = false) => ({
    url: webhook.url,
    body: JSON.stringify({ event, ...(test ? { test: true } : {}), data }),
    sign: pipevestSigner(signingKey, webhook.url),
    meta: { webhookId: webhook.webhookId },
  });
  /** The one-attempt test message of POST /auth/test: `WEBHOOK.UPDATED` whatever the subscriptions. */
  const sendTest = (engine: DeliveryEngine, timeoutMs: number) => async (webhook: Webhook) => {
    let handle: DeliveryHandle;
    try {
      handle = engine.enqueue({ ...message(webhook, 'WEBHOOK.UPDATED', { ...webhook }, true), eventType: 'test', maxAttempts: 1, timeoutMs });
    } catch (error) {
      // The mock's pending-delivery cap: reported as a test that was not delivered.
      if (!isDeliveryError(error, 'queue_full')) throw error;
      return HttpResponse.json<WebhookTestResult>({ delivered: false, httpStatus: null, error: error.message });
    }
    return HttpResponse.json(toTestResult(await handle.settled()));
  };

  return defineApiMock(
    {
      api: 'pipevest',
      title: 'Pipevest',
      state,
      codec: pipevestStateCodec,
      events: events.events,
      documentedTimeoutMs: PIPEVEST_DELIVERY_TIMEOUT_MS,
      credentials: pipevestMockCredentials,
      targets(event) {
        const webhook = state.webhook;
        return webhook?.status === 'ACTIVE' && subscriptionsCover(webhook.subscriptions, event) ? [webhook] : [];
      },
      plan: (webhook, { event, data }) => message(webhook, event, data === undefined ? { ...webhook } : data),
      clear() {
        state.webhook = undefined;
        state.accessTokens.clear();
        state.idempotency.clear();
      },
      handlers: ({ engine, scenario, limits, timeoutMs, send }) =>
        pipevestHandlers(
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
            webhookKey: webhookPublicKey,
            notify(event, webhook) {
              try {
                send(event, {}, { ...webhook });
              } catch (error) {
                // Over the mock's pending-delivery cap the notification is dropped; the change itself stands.
                if (!isDeliveryError(error, 'queue_full')) throw error;
              }
            },
            limits,
            sendTest: sendTest(engine, timeoutMs),
          },
          options.baseUrl,
        ),
      inspector: () =>
        inspectorFacet({
          dataKey: 'data',
          events: events.events,
          schema: events.schema,
          payload: events.fakePayload,
          envelope: (event, data) => pipevestEnvelope(event, {}, data),
          endpoints() {
            const webhook = state.webhook;
            return webhook
              ? [{ id: webhook.webhookId, url: webhook.url, events: [...webhook.subscriptions], active: webhook.status === 'ACTIVE', secret: null }]
              : [];
          },
        }),
      extras: () => ({
        webhookPublicKey,
        addPublicBaseUrl(baseUrl: string) {
          publicBaseUrls.add(new URL(baseUrl).href.replace(/\/+$/, ''));
        },
      }),
    },
    options,
  );
}
