/**
 * The part every mock shares, written once: the state binding (seed, storage, snapshot), the
 * scenario switches, the limits, the delivery engine, `trigger()` (one signed delivery per
 * matching target), `reset()` and `close()`. A mock gives only what its API does differently:
 * its state and codec, its events, which targets an event goes to and what each one is sent,
 * its handlers, and any extras of its own.
 * @module
 */
import type { HttpHandler } from 'msw';
import type { DeliveryEngine, DeliveryEngineOptions, DeliveryInput, DeliveryRecord } from '../../src/delivery/index.ts';
import type { ApiMock, ApiMockOptions, MockInspectorFacet } from './api-mock.ts';
import { closeMockEngine, createMockEngine } from './mock-engine.ts';
import { type ResolvedMockLimits, resolveMockLimits } from './mock-limits.ts';
import { bindMockState, type MockStateBinding, type StateCodec } from './mock-state.ts';
import { createScenario, type ScenarioControl } from './scenario.ts';

/** What one delivery to one target is: everything `engine.enqueue` takes but the event type. */
export type PlannedDelivery = Omit<DeliveryInput, 'eventType'>;

/** What the skeleton hands to a mock's handlers and extras once it is built. */
export interface MockKit<State> {
  readonly state: State;
  readonly engine: DeliveryEngine;
  readonly scenario: ScenarioControl;
  readonly limits: ResolvedMockLimits;
  /** The delivery timeout in force: the caller's `delivery.timeoutMs`, else the documented one. */
  readonly timeoutMs: number;
  /** The state binding: `save()` after a change made outside the handlers. */
  readonly stored: MockStateBinding<unknown>;
  /**
   * Queues one delivery of `event` to each target it matches, as `trigger()` does once the
   * event is known and its fake payload made (`fake` is `{}` when `data` is given).
   */
  send(event: string, fake: Record<string, unknown>, data: unknown): DeliveryRecord[];
}

/** One API's mock: what differs from every other mock. */
export interface ApiMockDefinition<State, Snapshot, Target, Extras extends object> {
  /** Short name, also the storage key's and the mock server's path part. */
  readonly api: string;
  /** The provider's name, for error messages (`Unknown SidClaw event …`). */
  readonly title: string;
  readonly state: State;
  readonly codec: StateCodec<State, Snapshot>;
  /** Every event `trigger()` accepts, in the order errors list them. */
  readonly events: readonly string[];
  /** A fake payload of an event, for `trigger(event)` without data (omit: `{}`). */
  readonly fakePayload?: (event: string) => Promise<unknown>;
  /** How long the provider waits for a receiver, unless the caller says otherwise. */
  readonly documentedTimeoutMs: number;
  readonly credentials: Readonly<Record<string, string>>;
  /** Engine callbacks (Exchange counts failed deliveries on its registrations). */
  readonly engineHooks?: Pick<DeliveryEngineOptions, 'onAttempt' | 'onSettled'>;
  /** The targets an event goes to (registered, active, subscribed). */
  targets(event: string): Iterable<Target>;
  /** The delivery one target gets: URL, body in the API's envelope, signature, meta. */
  plan(target: Target, delivery: { event: string; fake: Record<string, unknown>; data: unknown }): PlannedDelivery;
  /** Empties the state; `reset()` then writes the seed, if any, back. */
  clear(): void;
  /** The API's operations (none for an API with no management operations). */
  handlers?(kit: MockKit<State>): HttpHandler[];
  /** What the inspector page shows and sends for this mock. */
  inspector?(kit: MockKit<State>): MockInspectorFacet;
  /** Members of this API's mock beyond the common interface (`addEndpoint`, `addPublicBaseUrl`, …). */
  extras?(kit: MockKit<State>): Extras;
}

/**
 * Builds a mock from its definition and the caller's options.
 *
 * @example
 * return defineApiMock({ api: 'acme', title: 'Acme', state, codec, events, documentedTimeoutMs: 10_000, credentials: {},
 *   targets: (event) => state.endpoints.filter((endpoint) => endpoint.events.includes(event)),
 *   plan: (endpoint, { event, data }) => ({ url: endpoint.url, body: JSON.stringify({ event, data }) }),
 *   clear: () => void (state.endpoints.length = 0) }, options);
 */
export function defineApiMock<State, Event extends string, Snapshot, Target, Extras extends object = Record<never, never>>(
  definition: ApiMockDefinition<State, Snapshot, Target, Extras>,
  options: ApiMockOptions<Snapshot> = {},
): ApiMock<State, Event, Snapshot> & Extras {
  const { api, title, state, events, fakePayload } = definition;
  const stored = bindMockState(api, definition.codec, state, options.state);
  const scenario = createScenario();
  const limits = resolveMockLimits(options.limits);
  const timeoutMs = options.delivery?.timeoutMs ?? definition.documentedTimeoutMs;
  const engine = createMockEngine(options.delivery, definition.documentedTimeoutMs, definition.engineHooks, limits);

  const send = (event: string, fake: Record<string, unknown>, data: unknown): DeliveryRecord[] => {
    const handles = [...definition.targets(event)].map((target) => engine.enqueue({ ...definition.plan(target, { event, fake, data }), eventType: event }));
    return handles.map((handle) => handle.snapshot()!).filter(Boolean);
  };
  const kit: MockKit<State> = { state, engine, scenario, limits, timeoutMs, stored, send };
  const handlers = definition.handlers?.(kit) ?? [];
  const inspector = definition.inspector?.(kit);

  const mock: ApiMock<State, Event, Snapshot> = {
    api,
    handlers: stored.persisting(handlers),
    snapshot: stored.snapshot,
    state,
    engine,
    scenario,
    credentials: definition.credentials,
    async trigger(event, data) {
      if (!events.includes(event)) throw new Error(`Unknown ${title} event "${event}"; known: ${events.join(', ')}.`);
      const fake = data === undefined && fakePayload ? ((await fakePayload(event)) as Record<string, unknown>) : {};
      return send(event, fake, data);
    },
    reset() {
      definition.clear();
      engine.remove(() => true);
      scenario.clear();
      stored.reset();
    },
    close({ timeoutMs } = {}) {
      return closeMockEngine(engine, timeoutMs);
    },
    ...(inspector === undefined ? {} : { inspector }),
  };
  return Object.assign(mock, definition.extras?.(kit));
}
