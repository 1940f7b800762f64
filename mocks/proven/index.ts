/**
 * `hookspec/mocks/proven`: a Proven sender. Proven has no management API (the spec's `paths`
 * is empty), so the mock has no handlers; it delivers events to the endpoints in its state.
 * @module
 */
import type { ProvenWebhookEventType } from '../../src/proven/events.ts';
import * as validators from '../../generated/proven/zod.gen.ts';
import { eventRegistryFrom } from '../../src/webhooks/event-registry.ts';
import type { ApiMock, ApiMockOptions } from '../shared/api-mock.ts';
import { bindMockState } from '../shared/mock-state.ts';
import { provenStateCodec, type ProvenMockSnapshot } from './snapshot.ts';
import { closeMockEngine, createMockEngine } from '../shared/mock-engine.ts';
import { lazyFakePayloads } from '../../src/webhooks/fake-payloads.ts';
import { registrationLimitProblem, resolveMockLimits } from '../shared/mock-limits.ts';
import { createScenario } from '../shared/scenario.ts';
import { selfDeliveryProblem } from '../shared/self-delivery-guard.ts';
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

const registry = eventRegistryFrom(validators);
// faker is large: it is loaded on the first trigger without data, not at start-up.
const fakePayload = lazyFakePayloads(() => import('../../generated/proven/@faker-js/faker.gen.ts'), registry);
const DELIVERY_TIMEOUT_MS = PROVEN_DELIVERY_TIMEOUT_MS;

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
  const stored = bindMockState('proven', provenStateCodec, state, options.state);
  const scenario = createScenario();
  const limits = resolveMockLimits(options.limits);
  const engine = createMockEngine(options.delivery, DELIVERY_TIMEOUT_MS, {}, limits);

  return {
    api: 'proven',
    handlers: [],
    snapshot: stored.snapshot,
    state,
    engine,
    scenario,
    credentials: provenMockCredentials,
    async trigger(event, data) {
      if (!registry.has(event)) throw new Error(`Unknown Proven event "${event}"; known: ${[...registry.keys()].join(', ')}.`);
      const fake = (data === undefined ? await fakePayload(event) : {}) as { webhook?: unknown };
      const handles = state.endpoints.map((endpoint) => {
        const id = crypto.randomUUID();
        const body = JSON.stringify(provenEnvelope(event, fake, data));
        const meta: ProvenDeliveryMeta = { endpointUrl: endpoint.url };
        return engine.enqueue({ id, url: endpoint.url, eventType: event, body, headers: provenHeaders(endpoint), meta });
      });
      return handles.map((handle) => handle.snapshot()!).filter(Boolean);
    },
    addEndpoint(endpoint) {
      const problem =
        registrationLimitProblem(limits, { endpointCount: state.endpoints.length, url: endpoint.url, fields: { apiKey: endpoint.apiKey } }) ??
        selfDeliveryProblem(endpoint.url);
      if (problem) throw new RangeError(problem);
      state.endpoints.push({ ...endpoint });
      stored.save();
    },
    reset() {
      state.endpoints.splice(0, state.endpoints.length, ...createProvenState(options.endpoints).endpoints);
      engine.remove(() => true);
      scenario.clear();
      stored.reset();
    },
    close({ timeoutMs } = {}) {
      return closeMockEngine(engine, timeoutMs);
    },
  };
}
