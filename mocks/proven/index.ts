/**
 * `hookspec/mocks/proven`: a Proven sender. Proven has no management API (the spec's `paths`
 * is empty), so the mock has no handlers; it delivers events to the endpoints in its state.
 * @module
 */
import type { ProvenWebhookEventType } from '../../src/proven/events.ts';
import * as validators from '../../generated/proven/zod.gen.ts';
import type { ApiMock, ApiMockOptions } from '../shared/api-mock.ts';
import { defineApiMock } from '../shared/define-api-mock.ts';
import { generatedEvents } from '../shared/generated-events.ts';
import { inspectorFacet } from '../shared/inspector-facet.ts';
import { registrationLimitProblem } from '../shared/mock-limits.ts';
import { selfDeliveryProblem } from '../shared/self-delivery-guard.ts';
import { provenStateCodec, type ProvenMockSnapshot } from './snapshot.ts';
import { provenMockCredentials } from './credentials.ts';
import { provenEnvelope, provenHeaders, PROVEN_DELIVERY_TIMEOUT_MS } from '../../src/proven/sign-delivery.ts';
import type { ProvenDeliveryMeta } from './deliveries.ts';
import { createProvenState, type ProvenEndpoint, type ProvenMockState } from './state.ts';

export { provenMockCredentials } from './credentials.ts';
export type { ProvenEndpoint, ProvenMockState } from './state.ts';
export type { ProvenMockSnapshot } from './snapshot.ts';
export { MockStateError, type MockStateOptions, type StateStorage } from '../shared/mock-state.ts';
export type { ProvenDeliveryMeta } from './deliveries.ts';

/** Event types a Proven mock can trigger: the wire types, from the generated webhook types. */
export type ProvenMockEvent = ProvenWebhookEventType;

export interface ProvenMockOptions extends ApiMockOptions<ProvenMockSnapshot> {
  /** Where events go (more can be pushed to `state.endpoints` later). */
  endpoints?: readonly ProvenEndpoint[];
}

const events = generatedEvents(validators, () => import('../../generated/proven/@faker-js/faker.gen.ts'));

/**
 * Creates a Proven sender: `trigger()` POSTs `{ "event": "<type>", "webhook": {…} }` to every
 * endpoint in `state.endpoints`, with `X-API-Key` when the endpoint has one. `webhook` is the
 * caller's `data`, else a payload from the generated faker factory of that event. A receiver
 * that rejects a delivery (non-2xx, e.g. 401 for a wrong key) gets retries, then the delivery
 * is dead-lettered. `handlers` is empty: there is no API to mock. `reset()` goes back to the
 * endpoints given at creation.
 *
 * @example
 * const mock = createProvenMock({ endpoints: [{ url: 'https://example.com/webhooks/proven', apiKey: '24680AEIOUY' }] });
 * const [delivery] = await mock.trigger('credentials:done');
 * await mock.engine.settled(delivery!.id);
 */
export function createProvenMock(options: ProvenMockOptions = {}): ApiMock<ProvenMockState, ProvenMockEvent, ProvenMockSnapshot> {
  const state = createProvenState(options.endpoints);
  return defineApiMock(
    {
      api: 'proven',
      title: 'Proven',
      state,
      codec: provenStateCodec,
      events: events.events,
      fakePayload: events.fakePayload,
      documentedTimeoutMs: PROVEN_DELIVERY_TIMEOUT_MS,
      credentials: provenMockCredentials,
      targets: () => state.endpoints,
      plan(endpoint, { event, fake, data }) {
        const meta: ProvenDeliveryMeta = { endpointUrl: endpoint.url };
        const body = JSON.stringify(provenEnvelope(event, fake as { webhook?: unknown }, data));
        return { id: crypto.randomUUID(), url: endpoint.url, body, headers: provenHeaders(endpoint), meta };
      },
      // Back to the endpoints given at creation.
      clear: () => void state.endpoints.splice(0, state.endpoints.length, ...createProvenState(options.endpoints).endpoints),
      inspector: () =>
        inspectorFacet({
          dataKey: 'webhook',
          events: events.events,
          schema: events.schema,
          payload: events.fakePayload,
          envelope: (event, data) => provenEnvelope(event, {}, data),
          endpoints: () => state.endpoints.map(({ url, apiKey }) => ({ id: null, url, events: ['*'], active: true, secret: apiKey ?? null })),
        }),
      extras: ({ limits, stored }) => ({
        addEndpoint(endpoint: ProvenEndpoint) {
          const problem =
            registrationLimitProblem(limits, { endpointCount: state.endpoints.length, url: endpoint.url, fields: { apiKey: endpoint.apiKey } }) ??
            selfDeliveryProblem(endpoint.url);
          if (problem) throw new RangeError(problem);
          state.endpoints.push({ ...endpoint });
          stored.save();
          return undefined;
        },
      }),
    },
    options,
  );
}
