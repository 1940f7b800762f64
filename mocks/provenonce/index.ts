/**
 * `hookspec/mocks/provenonce`: stateful MSW handlers for the Provenonce partner-webhook API
 * (PUT/GET/DELETE `/api/v1/partner/webhook`), with real signed deliveries.
 * @module
 */
import type { ProvenonceWebhookEventType } from '../../src/provenonce/events.ts';
import * as validators from '../../generated/provenonce/zod.gen.ts';
import type { ApiMock, ApiMockOptions } from '../shared/api-mock.ts';
import { defineApiMock } from '../shared/define-api-mock.ts';
import { generatedEvents } from '../shared/generated-events.ts';
import { inspectorFacet } from '../shared/inspector-facet.ts';
import { provenonceStateCodec, type ProvenonceMockSnapshot } from './snapshot.ts';
import { provenonceMockCredentials } from './credentials.ts';
import { provenonceEnvelope, provenonceSigner, PROVENONCE_DELIVERY_TIMEOUT_MS } from '../../src/provenonce/sign-delivery.ts';
import type { ProvenonceDeliveryMeta } from './deliveries.ts';
import { provenonceHandlers } from './handlers.ts';
import { createProvenonceState, type ProvenonceMockState } from './state.ts';

export { provenonceMockCredentials } from './credentials.ts';
export type { ProvenonceMockSnapshot } from './snapshot.ts';
export { provenonceRegistrationFixture } from './fixtures.ts';
export { MockStateError, type MockStateOptions, type StateStorage } from '../shared/mock-state.ts';
export type { ProvenonceMockState } from './state.ts';
export type { ProvenonceDeliveryMeta } from './deliveries.ts';

/** Event types a Provenonce mock can trigger (from the generated webhook types). */
export type ProvenonceMockEvent = ProvenonceWebhookEventType;

const events = generatedEvents(validators, () => import('../../generated/provenonce/@faker-js/faker.gen.ts'));

/**
 * Creates a stateful Provenonce mock: the partner-webhook operations over state you own, and
 * `trigger()` to deliver signed events to every partner subscribed to them. The body is the
 * envelope the spec records, `{ "event": "<type>", "data": {…} }`; failed deliveries are
 * retried with backoff and end in the engine's dead-letter queue.
 *
 * @example
 * const mock = createProvenonceMock();
 * setupServer(...mock.handlers).listen();
 * await mock.trigger('agent.frozen', { agent_id: 'ag_1' });
 */
export function createProvenonceMock(
  options: ApiMockOptions<ProvenonceMockSnapshot> = {},
): ApiMock<ProvenonceMockState, ProvenonceMockEvent, ProvenonceMockSnapshot> {
  const state = createProvenonceState();
  return defineApiMock(
    {
      api: 'provenonce',
      title: 'Provenonce',
      state,
      codec: provenonceStateCodec,
      events: events.events,
      fakePayload: events.fakePayload,
      documentedTimeoutMs: PROVENONCE_DELIVERY_TIMEOUT_MS,
      credentials: provenonceMockCredentials,
      targets: (event) => [...state.partners].filter(([, registration]) => (registration.events as string[]).includes(event)),
      plan([partnerKey, registration], { event, fake, data }) {
        const meta: ProvenonceDeliveryMeta = { partnerKey };
        const body = JSON.stringify(provenonceEnvelope(event, fake, data));
        return { id: crypto.randomUUID(), url: registration.webhook_url, body, sign: provenonceSigner(registration.webhook_secret), meta };
      },
      clear: () => state.partners.clear(),
      handlers: (kit) => provenonceHandlers(kit, options.baseUrl),
      inspector: () =>
        inspectorFacet({
          dataKey: 'data',
          events: events.events,
          schema: events.schema,
          payload: events.fakePayload,
          envelope: (event, data) => provenonceEnvelope(event, {}, data),
          endpoints: () =>
            [...state.partners.entries()].map(([partner, registration]) => ({
              id: partner,
              url: registration.webhook_url,
              events: [...registration.events],
              active: true,
              secret: registration.webhook_secret,
            })),
        }),
    },
    options,
  );
}
