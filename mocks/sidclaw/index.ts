/**
 * `hookspec/mocks/sidclaw`: stateful MSW handlers for the SidClaw webhook endpoints API, with
 * real signed deliveries.
 * @module
 */
import type { SidclawWebhookEventType } from '../../src/sidclaw/events.ts';
import * as validators from '../../generated/sidclaw/zod.gen.ts';
import { eventRegistryFrom } from '../../src/webhooks/event-registry.ts';
import type { ApiMock, ApiMockOptions } from '../shared/api-mock.ts';
import { bindMockState } from '../shared/mock-state.ts';
import { sidclawStateCodec, type SidclawMockSnapshot } from './snapshot.ts';
import { closeMockEngine, createMockEngine } from '../shared/mock-engine.ts';
import { lazyFakePayloads } from '../../src/webhooks/fake-payloads.ts';
import { resolveMockLimits } from '../shared/mock-limits.ts';
import { createScenario } from '../shared/scenario.ts';
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

const registry = eventRegistryFrom(validators);
// faker is large: it is loaded on the first trigger without data, not at start-up.
const fakePayload = lazyFakePayloads(() => import('../../generated/sidclaw/@faker-js/faker.gen.ts'), registry);
const DELIVERY_TIMEOUT_MS = SIDCLAW_DELIVERY_TIMEOUT_MS;

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
  const stored = bindMockState('sidclaw', sidclawStateCodec, state, options.state);
  const scenario = createScenario();
  const limits = resolveMockLimits(options.limits);
  const engine = createMockEngine(options.delivery, DELIVERY_TIMEOUT_MS, {}, limits);
  const handlers = sidclawHandlers({ state, engine, scenario, testTimeoutMs: options.delivery?.timeoutMs ?? DELIVERY_TIMEOUT_MS, limits }, options.baseUrl);

  return {
    api: 'sidclaw',
    handlers: stored.persisting(handlers),
    snapshot: stored.snapshot,
    state,
    engine,
    scenario,
    credentials: sidclawMockCredentials,
    async trigger(event, data) {
      if (!registry.has(event)) throw new Error(`Unknown SidClaw event "${event}"; known: ${[...registry.keys()].join(', ')}.`);
      const targets = [...state.endpoints.values()].filter(
        ({ endpoint }) => endpoint.is_active && (event === 'test' || (endpoint.events as string[]).includes(event)),
      );
      const fake = data === undefined ? ((await fakePayload(event)) as Record<string, unknown>) : {};
      const handles = targets.map(({ endpoint, secret }) => {
        const id = crypto.randomUUID();
        const body = JSON.stringify(sidclawEnvelope(id, event, fake, data, sidclawMockCredentials.tenantId));
        const meta: SidclawDeliveryMeta = { endpointId: endpoint.id };
        return engine.enqueue({ id, url: endpoint.url, eventType: event, body, sign: sidclawSigner(secret, id), meta });
      });
      return handles.map((handle) => handle.snapshot()!).filter(Boolean);
    },
    reset() {
      state.endpoints.clear();
      engine.remove(() => true);
      scenario.clear();
      stored.reset();
    },
    close({ timeoutMs } = {}) {
      return closeMockEngine(engine, timeoutMs);
    },
  };
}
