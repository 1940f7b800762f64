/**
 * The mock of an API that has only its spec, whichever way the spec arrived: read at run time
 * (`hookspec mock --spec acme.yaml`, see create-spec-mock.ts) or generated and registered with the
 * registry without a `mocks/<api>/` (see registered-api-mock.ts). It keeps one thing the spec does
 * not describe: the receivers registered through `POST /_mock/<name>/endpoints`, each with the
 * credential it verifies with (given, or made in the scheme's format), and `trigger()` delivers
 * every event to each of them, in the API's envelope, signed anew on every attempt.
 * @module
 */
import type { HttpHandler } from 'msw';
import * as z from 'zod';
import type { ZodType } from 'zod';
import type { ApiMock, ApiMockOptions, MockInspectorFacet } from '../shared/api-mock.ts';
import { defineApiMock, type MockKit } from '../shared/define-api-mock.ts';
import { inspectorFacet } from '../shared/inspector-facet.ts';
import { registrationLimitProblem } from '../shared/mock-limits.ts';
import type { StateCodec } from '../shared/mock-state.ts';
import { isLoopbackHttpUrl } from '../shared/receiver-url.ts';
import { selfDeliveryProblem } from '../shared/self-delivery-guard.ts';

/** What a spec-only mock needs to know about its API, from the spec or from its generated description. */
export interface SpecMockSource {
  readonly name: string;
  /** The provider's name, for error messages. */
  readonly title: string;
  /** The event names (the keys under the spec's `webhooks:`). */
  readonly events: readonly string[];
  /** How long the provider waits for a receiver. */
  readonly timeoutMs: number;
  /** The body field `trigger(event, data)` fills, or undefined when `data` is the whole body. */
  readonly dataKey: string | undefined;
  /** The field of `POST /_mock/<name>/endpoints` that carries a receiver's credential. */
  readonly endpointCredential: 'secret' | 'apiKey';
  /** A new receiver credential in the scheme's format, for an API that needs one (omitted: none is made). */
  newSecret?(): string;
  /** The spec's example body of an event, else fake data from its schema. */
  payload(event: string): Promise<unknown>;
  /** The schema an event's body must match, or undefined for an unknown event. */
  schema(event: string): ZodType | undefined;
  /** The body of a delivery: `payload` (example or fake) when `data` is undefined, else `data`, in the API's envelope. */
  envelope(event: string, payload: unknown, data: unknown, meta: { messageId: string; timestamp: Date }): unknown;
  /** The headers of one attempt (signature, timestamp, id) for a receiver holding `secret`. */
  sign(input: { event: string; body: string; secret: string | undefined; messageId: string; timestamp: Date; url: string }): Promise<Record<string, string>>;
}

/** A receiver of a spec-only mock and the credential it verifies with (a type, so it is a `Record` too). */
export type SpecOnlyEndpoint = {
  url: string;
  secret?: string;
};

export interface SpecOnlyMockState {
  endpoints: SpecOnlyEndpoint[];
}

/** The state as JSON: the receivers. */
export interface SpecOnlyMockSnapshot {
  endpoints: SpecOnlyEndpoint[];
}

/** `secret` is required where the API needs one (and the mock makes it when none is given). */
function snapshotSchema(secretRequired: boolean): ZodType<SpecOnlyMockSnapshot> {
  const secret = z.string().min(1);
  return z.strictObject({
    endpoints: z.array(z.strictObject({ url: z.url(), secret: secretRequired ? secret : secret.optional() })),
  }) as ZodType<SpecOnlyMockSnapshot>;
}

/** An ApiMock whose endpoints take a credential (or get one) and report it back, under the field it was given in. */
export interface SpecOnlyMock extends ApiMock<SpecOnlyMockState, string, SpecOnlyMockSnapshot> {
  addEndpoint(endpoint: { url: string; apiKey?: string; secret?: string }): { url: string; apiKey?: string; secret?: string };
  readonly endpointCredential: 'secret' | 'apiKey';
  /** The spec's webhook event names. */
  readonly events: readonly string[];
}

/** An https:// URL, or a loopback http:// one: where a spec-only mock delivers. */
function isReceiverUrl(url: string): boolean {
  if (isLoopbackHttpUrl(url)) return true;
  return URL.canParse(url) && new URL(url).protocol === 'https:';
}

/**
 * Builds the mock of `source`. `handlers` answers the spec's operations where it has them;
 * `operations` lists them on the inspector page.
 */
export function specOnlyMock(
  source: SpecMockSource,
  options: ApiMockOptions<SpecOnlyMockSnapshot> = {},
  operations: { handlers?(kit: MockKit<SpecOnlyMockState>): HttpHandler[]; list?: MockInspectorFacet['operations'] } = {},
): SpecOnlyMock {
  const state: SpecOnlyMockState = { endpoints: [] };
  const codec: StateCodec<SpecOnlyMockState, SpecOnlyMockSnapshot> = {
    schema: snapshotSchema(source.newSecret !== undefined),
    read: (current) => ({ endpoints: current.endpoints.map((endpoint) => ({ ...endpoint })) }),
    write(current, snapshot) {
      current.endpoints.splice(0, current.endpoints.length, ...snapshot.endpoints.map((endpoint) => ({ ...endpoint })));
    },
  };
  return defineApiMock(
    {
      api: source.name,
      title: source.title,
      state,
      codec,
      events: source.events,
      fakePayload: source.payload,
      documentedTimeoutMs: source.timeoutMs,
      credentials: {},
      targets: () => state.endpoints,
      plan(endpoint, { event, fake, data }) {
        const messageId = `msg_${crypto.randomUUID().replaceAll('-', '')}`;
        const body = JSON.stringify(source.envelope(event, data === undefined ? fake : undefined, data, { messageId, timestamp: new Date() }));
        // Each attempt is signed anew with a fresh timestamp (a retry after minutes must not be refused as stale).
        const sign = () => source.sign({ event, body, secret: endpoint.secret, messageId, timestamp: new Date(), url: endpoint.url });
        return { id: messageId, url: endpoint.url, body, sign, meta: { endpointUrl: endpoint.url } };
      },
      clear: () => void state.endpoints.splice(0, state.endpoints.length),
      ...(operations.handlers ? { handlers: operations.handlers } : {}),
      inspector: () =>
        inspectorFacet({
          dataKey: source.dataKey,
          events: source.events,
          schema: source.schema,
          payload: source.payload,
          envelope: (event, data) => source.envelope(event, undefined, data, { messageId: 'msg_preview', timestamp: new Date() }),
          endpoints: () => state.endpoints.map(({ url, secret }) => ({ id: null, url, events: ['*'], active: true, secret: secret ?? null })),
          operations: operations.list ?? (() => []),
        }),
      extras: ({ limits, stored }) => ({
        events: source.events,
        endpointCredential: source.endpointCredential,
        addEndpoint(endpoint: { url: string; apiKey?: string; secret?: string }) {
          const { url } = endpoint;
          const given = endpoint[source.endpointCredential];
          const problem =
            (isReceiverUrl(url) ? undefined : `url: an https:// URL, or a loopback http:// URL (localhost, 127.0.0.1, [::1]), got ${JSON.stringify(url)}.`) ??
            registrationLimitProblem(limits, { endpointCount: state.endpoints.length, url, fields: { [source.endpointCredential]: given } }) ??
            selfDeliveryProblem(url);
          if (problem) throw new RangeError(problem);
          const secret = given === undefined || given === '' ? source.newSecret?.() : given;
          const added: SpecOnlyEndpoint = secret === undefined ? { url } : { url, secret };
          state.endpoints.push(added);
          stored.save();
          return secret === undefined ? { url } : { url, [source.endpointCredential]: secret };
        },
      }),
    },
    options,
  );
}
