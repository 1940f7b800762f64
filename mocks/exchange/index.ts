/**
 * `hookspec/mocks/exchange`: a stateful MSW handler for the Exchange Partner API's
 * `POST /partner/webhooks`, with real signed deliveries.
 * @module
 */
import type { ExchangeWebhookEventType } from '../../src/exchange/events.ts';
import * as validators from '../../generated/exchange/zod.gen.ts';
import type { DeliveryRecord } from '../../src/delivery/index.ts';
import type { ApiMock, ApiMockOptions } from '../shared/api-mock.ts';
import { defineApiMock } from '../shared/define-api-mock.ts';
import { generatedEvents } from '../shared/generated-events.ts';
import { inspectorFacet } from '../shared/inspector-facet.ts';
import { exchangeStateCodec, type ExchangeMockSnapshot } from './snapshot.ts';
import { exchangeMockCredentials } from './credentials.ts';
import { exchangeEnvelope, exchangeSigner, EXCHANGE_DELIVERY_TIMEOUT_MS } from '../../src/exchange/sign-delivery.ts';
import type { ExchangeDeliveryMeta } from './deliveries.ts';
import { exchangeHandlers } from './handlers.ts';
import { createExchangeState, type ExchangeMockState } from './state.ts';

export { exchangeMockCredentials } from './credentials.ts';
export type { ExchangeMockSnapshot } from './snapshot.ts';
export { exchangeWebhookFixture } from './fixtures.ts';
export { MockStateError, type MockStateOptions, type StateStorage } from '../shared/mock-state.ts';
export type { ExchangeMockState, StoredExchangeWebhook } from './state.ts';
export type { ExchangeDeliveryMeta } from './deliveries.ts';

/** Event types an Exchange mock can trigger (from the generated webhook types). */
export type ExchangeMockEvent = ExchangeWebhookEventType;

const events = generatedEvents(validators, () => import('../../generated/exchange/@faker-js/faker.gen.ts'));

/**
 * Creates a stateful Exchange mock: `POST /partner/webhooks` over state you own (the API has
 * no read operation: inspect `mock.state.webhooks`), and `trigger()` to deliver signed events
 * `{ "event": "<type>", "data": {…} }` to every active registration subscribed to them.
 *
 * `failCount` counts failed deliveries: it grows by one when a delivery is dead-lettered after
 * its last attempt, not on each failed attempt (a delivery that succeeds on a retry did not
 * fail). `updatedAt` moves with it, as the stored record changed. Registrations stay active.
 *
 * @example
 * const mock = createExchangeMock();
 * setupServer(...mock.handlers).listen();
 * await mock.trigger('order.created', { orderId: 'ord_1' });
 */
export function createExchangeMock(options: ApiMockOptions<ExchangeMockSnapshot> = {}): ApiMock<ExchangeMockState, ExchangeMockEvent, ExchangeMockSnapshot> {
  const state = createExchangeState();
  const countFailure = (record: DeliveryRecord) => {
    if (record.state !== 'failed') return;
    const stored = state.webhooks.get((record.meta as ExchangeDeliveryMeta).webhookId);
    if (!stored) return;
    stored.webhook.failCount += 1;
    stored.webhook.updatedAt = new Date().toISOString();
  };
  const registrations = () => [...state.webhooks.values()];
  return defineApiMock(
    {
      api: 'exchange',
      title: 'Exchange',
      state,
      codec: exchangeStateCodec,
      events: events.events,
      fakePayload: events.fakePayload,
      documentedTimeoutMs: EXCHANGE_DELIVERY_TIMEOUT_MS,
      credentials: exchangeMockCredentials,
      engineHooks: { onSettled: countFailure },
      targets: (event) => registrations().filter(({ webhook }) => webhook.isActive && (webhook.events as string[]).includes(event)),
      plan({ webhook, secretKey }, { event, fake, data }) {
        const meta: ExchangeDeliveryMeta = { webhookId: webhook.id };
        // The generated event schemas fix only `event`; `data` is the mock's envelope (see the spec).
        const body = JSON.stringify(exchangeEnvelope(event, fake, data));
        return { id: crypto.randomUUID(), url: webhook.url, body, sign: exchangeSigner(secretKey), meta };
      },
      clear: () => state.webhooks.clear(),
      handlers: (kit) => exchangeHandlers(kit, options.baseUrl),
      inspector: () =>
        inspectorFacet({
          dataKey: 'data',
          events: events.events,
          schema: events.schema,
          payload: events.fakePayload,
          envelope: (event, data) => exchangeEnvelope(event, {}, data),
          endpoints: () =>
            registrations().map(({ webhook, secretKey }) => ({
              id: webhook.id,
              url: webhook.url,
              events: [...webhook.events],
              active: webhook.isActive,
              secret: secretKey,
            })),
        }),
    },
    options,
  );
}
