/**
 * `hookspec/mocks/provenonce`: stateful MSW handlers for the Provenonce partner-webhook API
 * (PUT/GET/DELETE `/api/v1/partner/webhook`), with real signed deliveries.
 * @module
 */
import type { ProvenonceWebhookEventType } from '../../src/provenonce/events.ts';
import * as validators from '../../generated/provenonce/zod.gen.ts';
import { eventRegistryFrom } from '../../src/webhooks/event-registry.ts';
import type { ApiMock, ApiMockOptions } from '../shared/api-mock.ts';
import { bindMockState } from '../shared/mock-state.ts';
import { provenonceStateCodec, type ProvenonceMockSnapshot } from './snapshot.ts';
import { closeMockEngine, createMockEngine } from '../shared/mock-engine.ts';
import { resolveMockLimits } from '../shared/mock-limits.ts';
import { lazyFakePayloads } from '../../src/webhooks/fake-payloads.ts';
import { createScenario } from '../shared/scenario.ts';
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

const registry = eventRegistryFrom(validators);
// faker is large: it is loaded on the first trigger without data, not at start-up.
const fakePayload = lazyFakePayloads(() => import('../../generated/provenonce/@faker-js/faker.gen.ts'), registry);
const DELIVERY_TIMEOUT_MS = PROVENONCE_DELIVERY_TIMEOUT_MS;

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
  const stored = bindMockState('provenonce', provenonceStateCodec, state, options.state);
  const scenario = createScenario();
  const limits = resolveMockLimits(options.limits);
  const engine = createMockEngine(options.delivery, DELIVERY_TIMEOUT_MS, {}, limits);
  const handlers = provenonceHandlers({ state, engine, scenario, limits }, options.baseUrl);

  return {
    api: 'provenonce',
    handlers: stored.persisting(handlers),
    snapshot: stored.snapshot,
    state,
    engine,
    scenario,
    credentials: provenonceMockCredentials,
    async trigger(event, data) {
      if (!registry.has(event)) throw new Error(`Unknown Provenonce event "${event}"; known: ${[...registry.keys()].join(', ')}.`);
      const targets = [...state.partners].filter(([, registration]) => (registration.events as string[]).includes(event));
      const fake = (data === undefined ? await fakePayload(event) : {}) as Record<string, unknown>;
      const handles = targets.map(([partnerKey, registration]) => {
        const id = crypto.randomUUID();
        const body = JSON.stringify(provenonceEnvelope(event, fake, data));
        const meta: ProvenonceDeliveryMeta = { partnerKey };
        return engine.enqueue({ id, url: registration.webhook_url, eventType: event, body, sign: provenonceSigner(registration.webhook_secret), meta });
      });
      return handles.map((handle) => handle.snapshot()!).filter(Boolean);
    },
    reset() {
      state.partners.clear();
      engine.remove(() => true);
      scenario.clear();
      stored.reset();
    },
    close({ timeoutMs } = {}) {
      return closeMockEngine(engine, timeoutMs);
    },
  };
}
