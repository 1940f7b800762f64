/**
 * The mock of an API that has only its spec (no `mocks/<api>/`): a sender built from the
 * registry's adapter. It keeps a list of receiving endpoints (added through `addEndpoint`, the
 * mock server's `POST /_mock/<api>/endpoints`), and `trigger()` delivers an event to each, in the
 * API's envelope, signed by its scheme on every attempt. It answers no operation of the API.
 * @module
 */
import { apiAdapter } from '../../src/apis/index.ts';
import type { ApiMock, ApiMockOptions } from './api-mock.ts';
import { closeMockEngine, createMockEngine } from './mock-engine.ts';
import { registrationLimitProblem, resolveMockLimits } from './mock-limits.ts';
import { createScenario } from './scenario.ts';
import { selfDeliveryProblem } from './self-delivery-guard.ts';

/** A receiver of a spec-only API and the credential it verifies with (the secret or key), if any. */
export interface SpecMockEndpoint {
  url: string;
  apiKey?: string;
}

export interface SpecMockState {
  endpoints: SpecMockEndpoint[];
}

export function createSpecMock(name: string, options: ApiMockOptions = {}): ApiMock<SpecMockState> {
  const adapter = apiAdapter(name);
  const state: SpecMockState = { endpoints: [] };
  const scenario = createScenario();
  const limits = resolveMockLimits(options.limits);
  const engine = createMockEngine(options.delivery, adapter.deliveryTimeoutMs, {}, limits);
  return {
    api: name,
    handlers: [],
    state,
    engine,
    scenario,
    credentials: {},
    async trigger(event, data) {
      if (!adapter.events.includes(event)) throw new Error(`Unknown ${adapter.title} event "${event}"; known: ${adapter.events.join(', ')}.`);
      const handles = await Promise.all(
        state.endpoints.map(async (endpoint) => {
          const body = JSON.stringify(await adapter.payload(event, data));
          const credentials = endpoint.apiKey === undefined ? {} : { [adapter.credential.option]: endpoint.apiKey };
          // Signed again on each attempt, so every retry carries a fresh timestamp where the scheme has one.
          const sign = async () => (await adapter.send({ event, body, credentials, url: endpoint.url })).headers;
          return engine.enqueue({ id: crypto.randomUUID(), url: endpoint.url, eventType: event, body, sign, meta: { endpointUrl: endpoint.url } });
        }),
      );
      return handles.map((handle) => handle.snapshot()!).filter(Boolean);
    },
    addEndpoint(endpoint) {
      const problem =
        registrationLimitProblem(limits, { endpointCount: state.endpoints.length, url: endpoint.url, fields: { apiKey: endpoint.apiKey } }) ??
        selfDeliveryProblem(endpoint.url);
      if (problem) throw new RangeError(problem);
      state.endpoints.push({ ...endpoint });
    },
    snapshot: () => ({ endpoints: state.endpoints.map((endpoint) => ({ ...endpoint })) }),
    reset() {
      state.endpoints.length = 0;
      engine.remove(() => true);
      scenario.clear();
    },
    close({ timeoutMs } = {}) {
      return closeMockEngine(engine, timeoutMs);
    },
  };
}
