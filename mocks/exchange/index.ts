/**
 * `hookspec/mocks/exchange`: a stateful MSW handler for the Exchange Partner API's
 * `POST /partner/webhooks`, with real signed deliveries.
 * @module
 */
import type { ExchangeWebhookEventType } from '../../src/exchange/events.ts';
import * as validators from '../../generated/exchange/zod.gen.ts';
import type { DeliveryRecord } from '../../src/delivery/index.ts';
import { eventRegistryFrom } from '../../src/webhooks/event-registry.ts';
import type { ApiMock, ApiMockOptions } from '../shared/api-mock.ts';
import { bindMockState } from '../shared/mock-state.ts';
import { exchangeStateCodec, type ExchangeMockSnapshot } from './snapshot.ts';
import { closeMockEngine, createMockEngine } from '../shared/mock-engine.ts';
import { resolveMockLimits } from '../shared/mock-limits.ts';
import { lazyFakePayloads } from '../../src/webhooks/fake-payloads.ts';
import { createScenario } from '../shared/scenario.ts';
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

const registry = eventRegistryFrom(validators);
// faker is large: it is loaded on the first trigger without data, not at start-up.
const fakePayload = lazyFakePayloads(() => import('../../generated/exchange/@faker-js/faker.gen.ts'), registry);
const DELIVERY_TIMEOUT_MS = EXCHANGE_DELIVERY_TIMEOUT_MS;

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
  const stored = bindMockState('exchange', exchangeStateCodec, state, options.state);
  const scenario = createScenario();
  const countFailure = (record: DeliveryRecord) => {
    if (record.state !== 'failed') return;
    const stored = state.webhooks.get((record.meta as ExchangeDeliveryMeta).webhookId);
    if (!stored) return;
    stored.webhook.failCount += 1;
    stored.webhook.updatedAt = new Date().toISOString();
  };
  const limits = resolveMockLimits(options.limits);
  const engine = createMockEngine(options.delivery, DELIVERY_TIMEOUT_MS, { onSettled: countFailure }, limits);
  const handlers = exchangeHandlers({ state, scenario, limits }, options.baseUrl);

  return {
    api: 'exchange',
    handlers: stored.persisting(handlers),
    snapshot: stored.snapshot,
    state,
    engine,
    scenario,
    credentials: exchangeMockCredentials,
    async trigger(event, data) {
      if (!registry.has(event)) throw new Error(`Unknown Exchange event "${event}"; known: ${[...registry.keys()].join(', ')}.`);
      const targets = [...state.webhooks.values()].filter(({ webhook }) => webhook.isActive && (webhook.events as string[]).includes(event));
      const fake = (data === undefined ? await fakePayload(event) : {}) as Record<string, unknown>;
      const handles = targets.map(({ webhook, secretKey }) => {
        const id = crypto.randomUUID();
        // The generated event schemas fix only `event`; `data` is the mock's envelope (see the spec).
        const body = JSON.stringify(exchangeEnvelope(event, fake, data));
        const meta: ExchangeDeliveryMeta = { webhookId: webhook.id };
        return engine.enqueue({ id, url: webhook.url, eventType: event, body, sign: exchangeSigner(secretKey), meta });
      });
      return handles.map((handle) => handle.snapshot()!).filter(Boolean);
    },
    reset() {
      state.webhooks.clear();
      engine.remove(() => true);
      scenario.clear();
      stored.reset();
    },
    close({ timeoutMs } = {}) {
      return closeMockEngine(engine, timeoutMs);
    },
  };
}
