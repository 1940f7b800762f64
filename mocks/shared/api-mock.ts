import type { HttpHandler } from 'msw';
import type { DeliveryEngine, DeliveryRecord } from '../../src/delivery/index.ts';
import type { MockStateOptions } from './mock-state.ts';
import type { MockLimits } from './mock-limits.ts';
import type { ScenarioControl } from './scenario.ts';

/** What every `create<Api>Mock()` returns: handlers over a state the caller owns. */
export interface ApiMock<State, Event extends string = string, Snapshot = unknown> {
  /** Short name, also the mock server's path prefix (`/sidclaw`). */
  readonly api: string;
  /** MSW handlers for every operation: give them to `setupServer`, `setupWorker` or the mock server. */
  readonly handlers: HttpHandler[];
  /** The in-memory state the handlers read and write. */
  readonly state: State;
  /** Sends, retries and records the webhook deliveries. */
  readonly engine: DeliveryEngine;
  /** Switches that force 429, 5xx or latency. */
  readonly scenario: ScenarioControl;
  /** The test credentials this mock accepts, by role. */
  readonly credentials: Readonly<Record<string, string>>;
  /**
   * Delivers an event to every registered, active, subscribed URL, signed as the API signs it.
   * `data` overrides the generated fake payload. Resolves with the queued deliveries.
   */
  trigger(event: Event, data?: unknown): Promise<DeliveryRecord[]>;
  /**
   * Adds a receiving endpoint directly, for an API whose document shows no management API
   * (Proven); the mock server exposes it as `POST /_mock/<api>/endpoints`. Throws a
   * `RangeError` over the mock's limits or for a mock control route (see `limits`).
   */
  addEndpoint?(endpoint: { url: string; apiKey?: string; secret?: string }): Record<string, unknown> | undefined;
  /** What `POST /_mock/<api>/endpoints` takes besides the URL: Proven's `apiKey` (default), or a spec mock's signing `secret`. */
  readonly endpointCredential?: 'apiKey' | 'secret';
  /**
   * The public key the mock signs its deliveries with, for an API that signs with a key pair
   * (Pipevest); the mock server answers it at `GET /_mock/<api>/webhook-key` without credentials.
   */
  readonly webhookPublicKey?: Readonly<{ keyId: string; algorithm: string; publicKey: string }>;
  /**
   * The state as JSON, in the format a `state.seed` option, a `hookspec mock --state` file entry
   * and `GET /_mock/state` use.
   */
  snapshot(): Snapshot;
  /** Goes back to the seed (or empty): forgets the stored copy, deliveries and scenario switches. */
  reset(): void;
  /** Lets in-flight deliveries finish (up to `timeoutMs`), then stops the engine. */
  close(options?: { timeoutMs?: number }): Promise<void>;
  /** What the inspector page shows and sends for this mock: its events, endpoints and send-form helpers. */
  readonly inspector?: MockInspectorFacet;
}

/** The inspector's view of a mock: its events, endpoints and send-form helpers. */
export interface MockInspectorFacet {
  /** The field of the delivery body that `trigger(event, data)` sets. */
  readonly dataKey: string;
  readonly events: readonly string[];
  endpoints(): Array<{ id: string | null; url: string; events: string[]; active: boolean; secret: string | null }>;
  /** The data part of a sample delivery of `event`, for the send form. */
  sample(event: string): Promise<unknown>;
  /** Issues of the body `trigger(event, data)` would send (empty when valid). */
  validate(event: string, data: unknown): Array<{ path: string; message: string }> | 'unknown_event';
  /**
   * The spec's operations, as the overview lists them, for a mock of an API given at run time;
   * without it the inspector lists them from the API's built reference page, and links to it.
   */
  operations?(): Array<{ method: string; path: string; summary: string; anchor: string }>;
}

/** Options shared by every mock factory; `Snapshot` types the `state.seed`. */
export interface ApiMockOptions<Snapshot = unknown> {
  /** Where the handlers answer: the client's base URL (default: the spec's server URL). */
  baseUrl?: string;
  /** Delivery engine tuning (attempts, backoff); timeouts default to what each document says. */
  delivery?: { maxAttempts?: number; backoff?: { baseMs?: number; maxMs?: number }; timeoutMs?: number };
  /**
   * Start from known state (`seed`, validated against the spec's schemas) and keep it across
   * reloads (`storage`, e.g. `sessionStorage`).
   */
  state?: MockStateOptions<Snapshot>;
  /** Caps on the state the mock keeps (endpoints, field lengths, delivery records); see {@link MockLimits}. */
  limits?: MockLimits;
}
