/**
 * `hookspec/mocks/sidclaw`: stateful MSW handlers for the SidClaw webhook endpoints API, with
 * real signed deliveries.
 * @module
 */
import type { SidclawWebhookEventType } from '../../src/sidclaw/events.ts';
import * as validators from '../../generated/sidclaw/zod.gen.ts';
import type { ApiMock, ApiMockOptions } from '../shared/api-mock.ts';
import { defineApiMock } from '../shared/define-api-mock.ts';
import { generatedEvents } from '../shared/generated-events.ts';
import { inspectorFacet } from '../shared/inspector-facet.ts';
import { sidclawStateCodec, type SidclawMockSnapshot } from './snapshot.ts';
import { sidclawMockCredentials } from './credentials.ts';
import { sidclawEnvelope, sidclawSigner, SIDCLAW_DELIVERY_TIMEOUT_MS } from '../../src/sidclaw/sign-delivery.ts';
import type { SidclawDeliveryMeta } from './deliveries.ts';
import { sidclawHandlers } from './handlers.ts';
import { createSidclawState, type SidclawMockState } from './state.ts';

export { sidclawMockCredentials } from './credentials.ts';
export type { SidclawMockSnapshot } from './snapshot.ts';
export { sidclawEndpointFixture } from './fixtures.ts';
export { MockStateError, type MockStateOptions, type StateStorage } from '../shared/mock-state.ts';
export type { SidclawMockState } from './state.ts';

/** Event types a SidClaw mock can trigger (from the generated webhook types). */
export type SidclawMockEvent = SidclawWebhookEventType;

const events = generatedEvents(validators, () => import('../../generated/sidclaw/@faker-js/faker.gen.ts'));

/**
 * Creates a stateful SidClaw mock: handlers for every operation over state you own, and
 * `trigger()` to deliver signed events to the registered endpoints.
 *
 * @example
 * const mock = createSidclawMock();
 * setupServer(...mock.handlers).listen();
 * await mock.trigger('approval.requested', { approval_id: 'ap_1' });
 */
export function createSidclawMock(options: ApiMockOptions<SidclawMockSnapshot> = {}): ApiMock<SidclawMockState, SidclawMockEvent, SidclawMockSnapshot> {
  const state = createSidclawState();
  const endpoints = () => [...state.endpoints.values()];
  return defineApiMock(
    {
      api: 'sidclaw',
      title: 'SidClaw',
      state,
      codec: sidclawStateCodec,
      events: events.events,
      fakePayload: events.fakePayload,
      documentedTimeoutMs: SIDCLAW_DELIVERY_TIMEOUT_MS,
      credentials: sidclawMockCredentials,
      targets: (event) => endpoints().filter(({ endpoint }) => endpoint.is_active && (event === 'test' || (endpoint.events as string[]).includes(event))),
      plan({ endpoint, secret }, { event, fake, data }) {
        const id = crypto.randomUUID();
        const meta: SidclawDeliveryMeta = { endpointId: endpoint.id };
        const body = JSON.stringify(sidclawEnvelope(id, event, fake, data, sidclawMockCredentials.tenantId));
        return { id, url: endpoint.url, body, sign: sidclawSigner(secret, id), meta };
      },
      clear: () => state.endpoints.clear(),
      handlers: (kit) => sidclawHandlers({ ...kit, testTimeoutMs: kit.timeoutMs }, options.baseUrl),
      inspector: () =>
        inspectorFacet({
          dataKey: 'data',
          events: events.events,
          schema: events.schema,
          payload: events.fakePayload,
          envelope: (event, data) => sidclawEnvelope(crypto.randomUUID(), event, {}, data, sidclawMockCredentials.tenantId),
          endpoints: () =>
            endpoints().map(({ endpoint, secret }) => ({
              id: endpoint.id,
              url: endpoint.url,
              events: [...endpoint.events],
              active: endpoint.is_active,
              secret,
            })),
        }),
    },
    options,
  );
}
