/**
 * A mock for an API known only from its spec (`hookspec mock --spec acme.yaml`): no hand-written
 * handlers or state. Each operation answers its first documented 2xx response with the spec's
 * example, or fake data from the response schema; a request body that does not match the spec
 * gets the operation's documented 400 (or 422) answer. The mock keeps one thing the spec does not
 * describe: the receivers registered through `POST /_mock/<name>/endpoints`, which every
 * triggered event is delivered to, signed by the spec's declared scheme.
 * @module
 */
import type { Faker } from '@faker-js/faker';
import { http, type HttpHandler } from 'msw';
import * as z from 'zod';
import type { SpecDelivery } from '../../src/apis/from-spec.ts';
import type { DeliveryRecord } from '../../src/delivery/index.ts';
import { fakeValue, mediaExampleOf } from '../../src/spec/fake-value.ts';
import type { Json, SpecDocument } from '../../src/spec/read-spec.ts';
import { resolveRef } from '../../src/spec/resolve-ref.ts';
import { schemaValidators } from '../../src/spec/schema-validator.ts';
import type { ApiMock, ApiMockOptions } from '../shared/api-mock.ts';
import { HttpResponse } from '../shared/http-response.ts';
import { closeMockEngine, createMockEngine } from '../shared/mock-engine.ts';
import { registrationLimitProblem, resolveMockLimits } from '../shared/mock-limits.ts';
import { bindMockState, type StateCodec } from '../shared/mock-state.ts';
import { isLoopbackHttpUrl } from '../shared/receiver-url.ts';
import { createScenario } from '../shared/scenario.ts';
import { selfDeliveryProblem } from '../shared/self-delivery-guard.ts';
import { withScenario } from '../shared/with-scenario.ts';
import type { OperationSpec } from '../violations/operation-table.ts';
import { specOperations } from './spec-operations.ts';

/** A receiver of a spec-only mock. */
export type SpecEndpoint = {
  url: string;
  secret: string;
};

export interface SpecMockState {
  endpoints: SpecEndpoint[];
}

const snapshotSchema = z.strictObject({ endpoints: z.array(z.strictObject({ url: z.url(), secret: z.string().min(1) })) });
export type SpecMockSnapshot = z.infer<typeof snapshotSchema>;

const codec: StateCodec<SpecMockState, SpecMockSnapshot> = {
  schema: snapshotSchema,
  read: (state) => ({ endpoints: state.endpoints.map((endpoint) => ({ ...endpoint })) }),
  write(state, snapshot) {
    state.endpoints.splice(0, state.endpoints.length, ...snapshot.endpoints.map((endpoint) => ({ ...endpoint })));
  },
};

/** An ApiMock whose endpoints take a secret (or get one) and report it back. */
export interface SpecMock extends ApiMock<SpecMockState, string, SpecMockSnapshot> {
  addEndpoint(endpoint: { url: string; secret?: string }): SpecEndpoint;
  readonly endpointCredential: 'secret';
  /** The spec's operations, for the mock server's spec checker. */
  readonly operations: readonly OperationSpec[];
  /** The path of the spec's first server URL (`/v1`), or empty: the mock serves the API under `/<name>` plus it. */
  readonly basePath: string;
  /** The spec's webhook event names (the keys under `webhooks:`). */
  readonly events: readonly string[];
}

/** faker, loaded on first use (a peer dependency, needed only where the spec gives no example). */
let fakerModule: Promise<Faker> | undefined;
const loadFaker = () => {
  fakerModule ??= import('@faker-js/faker').then((module) => module.faker);
  return fakerModule;
};

/** The path of the spec's first server URL (`https://api.acme.test/v1` → `/v1`), or empty. */
export function basePathOf(document: Json): string {
  const first = ((document.servers ?? []) as Array<{ url?: unknown }>)[0]?.url;
  if (typeof first !== 'string' || !URL.canParse(first, 'http://localhost')) return '';
  return new URL(first, 'http://localhost').pathname.replace(/\/+$/, '');
}

/** `{id}` in an OpenAPI path is `:id` for msw. */
const mswPath = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');

/**
 * Creates the mock of `spec` (read with `readSpec`). `delivery` signs and shapes its deliveries;
 * `options.baseUrl` is where the handlers answer (the mock server gives `*\/<name><server path>`).
 *
 * @example
 * const mock = createSpecMock(await readSpec('acme.yaml'), binding, { baseUrl: 'https://acme.test' });
 * const { secret } = mock.addEndpoint({ url: 'http://127.0.0.1:3000/hooks' });
 * await mock.trigger('invoice.paid');
 */
export function createSpecMock(spec: SpecDocument, delivery: SpecDelivery, options: ApiMockOptions<SpecMockSnapshot> = {}): SpecMock {
  const { file, document, name } = spec;
  const state: SpecMockState = { endpoints: [] };
  const stored = bindMockState(name, codec, state, options.state);
  const scenario = createScenario();
  const limits = resolveMockLimits(options.limits);
  const engine = createMockEngine(options.delivery, delivery.timeoutMs, {}, limits);
  const validatorOf = schemaValidators(document);
  const webhooks = (document.webhooks ?? {}) as Json;
  const events = Object.keys(webhooks);
  const baseUrl = options.baseUrl ?? '';

  const forcedError = ({ status, retryAfterSeconds }: { status: number; retryAfterSeconds?: number }) =>
    HttpResponse.json(
      { error: status === 429 ? 'rate_limited' : 'server_error', message: `Forced by the mock's scenario (${status}).` },
      { status, ...(retryAfterSeconds === undefined ? {} : { headers: { 'retry-after': String(retryAfterSeconds) } }) },
    );

  /**
   * The body of a documented response: its example; else `fallback` (the mock's own error body)
   * when the response schema accepts it; else fake data from the schema.
   */
  const answer = async (status: string, response: Json, fallback?: unknown) => {
    const code = Number(status) || 200;
    const [mediaType, media] = Object.entries((response.content ?? {}) as Record<string, Json>)[0] ?? [];
    if (!mediaType || !media || code === 204) return new HttpResponse(null, { status: code });
    const example = mediaExampleOf(file, document, media);
    if (example) return HttpResponse.json(example.value as never, { status: code });
    const schema = media.schema as Json | undefined;
    if (fallback !== undefined && (schema === undefined || validatorOf(schema).safeParse(fallback).success)) {
      return HttpResponse.json(fallback as never, { status: code });
    }
    return HttpResponse.json((schema === undefined ? {} : fakeValue(file, document, schema, await loadFaker())) as never, { status: code });
  };

  const operations = specOperations(file, document);
  const handlers: HttpHandler[] = operations.map(({ spec: operation, operation: raw }) => {
    const responses = Object.entries((raw.responses ?? {}) as Json).map(([status, value]) => [status, resolveRef<Json>(file, document, value)] as const);
    const success = responses.find(([status]) => /^2/.test(status)) ?? ['200', {} as Json];
    const refusal = responses.find(([status]) => status === '400' || status === '422');
    const method = operation.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';
    return http[method](
      `${baseUrl}${mswPath(operation.path)}`,
      withScenario(scenario, forcedError, async ({ request }) => {
        const schema = operation.requestBody?.schema;
        if (schema && request.body !== null) {
          let parsed: unknown;
          try {
            parsed = JSON.parse(await request.text());
          } catch {
            parsed = undefined;
          }
          const result = parsed === undefined ? undefined : schema.safeParse(parsed);
          if (!result?.success) {
            const issues = result?.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) ?? [];
            const message =
              parsed === undefined
                ? 'The body is not JSON.'
                : `The body does not match the spec: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}.`;
            if (refusal) return answer(refusal[0], refusal[1], { error: 'validation_error', message, issues });
            return HttpResponse.json({ error: 'validation_error', message, issues }, { status: 400 });
          }
        }
        return answer(success[0], success[1]);
      }),
    );
  });

  /** The media type object of an event's body (its schema and examples). */
  const eventMedia = (event: string): Json | undefined => {
    const post = resolveRef<Json>(file, document, (webhooks[event] as Json).post ?? {});
    const body = post.requestBody === undefined ? undefined : resolveRef<Json>(file, document, post.requestBody);
    return Object.values((body?.content ?? {}) as Record<string, Json>)[0];
  };

  /** The spec's example of an event's body, else fake data from its schema. */
  const eventPayload = async (event: string): Promise<unknown> => {
    const media = eventMedia(event);
    const example = mediaExampleOf(file, document, media);
    if (example) return example.value;
    return media?.schema === undefined ? {} : fakeValue(file, document, media.schema, await loadFaker());
  };

  return {
    api: name,
    events,
    endpointCredential: 'secret',
    operations: operations.map(({ spec: operation }) => operation),
    basePath: basePathOf(document),
    handlers: stored.persisting(handlers),
    snapshot: stored.snapshot,
    state,
    engine,
    scenario,
    credentials: {},
    async trigger(event, data): Promise<DeliveryRecord[]> {
      if (!Object.hasOwn(webhooks, event)) throw new Error(`Unknown ${name} event "${event}"; known: ${events.join(', ')}.`);
      const payload = data === undefined ? await eventPayload(event) : undefined;
      const handles = state.endpoints.map((endpoint) => {
        const messageId = `msg_${crypto.randomUUID().replaceAll('-', '')}`;
        const timestamp = new Date();
        const body = JSON.stringify(delivery.envelope(event, payload, data, { messageId, timestamp }));
        return engine.enqueue({
          id: messageId,
          url: endpoint.url,
          eventType: event,
          body,
          // Each attempt is signed anew with a fresh timestamp (a retry after minutes must not be refused as stale).
          sign: () => delivery.sign({ body, secret: endpoint.secret, messageId, timestamp: new Date(), url: endpoint.url }),
          meta: { endpointUrl: endpoint.url },
        });
      });
      return handles.map((handle) => handle.snapshot()!).filter(Boolean);
    },
    addEndpoint({ url, secret }) {
      const problem =
        (isReceiverUrl(url) ? undefined : `url: an https:// URL, or a loopback http:// URL (localhost, 127.0.0.1, [::1]), got ${JSON.stringify(url)}.`) ??
        registrationLimitProblem(limits, { endpointCount: state.endpoints.length, url, fields: { secret } }) ??
        selfDeliveryProblem(url);
      if (problem) throw new RangeError(problem);
      const endpoint = { url, secret: secret === undefined || secret === '' ? delivery.newSecret() : secret };
      state.endpoints.push(endpoint);
      stored.save();
      return { ...endpoint };
    },
    reset() {
      state.endpoints.splice(0, state.endpoints.length);
      stored.reset();
      engine.remove(() => true);
      scenario.clear();
    },
    close({ timeoutMs } = {}) {
      return closeMockEngine(engine, timeoutMs);
    },
    inspector: {
      dataKey: delivery.dataKey ?? 'body',
      events,
      endpoints: () => state.endpoints.map(({ url, secret }) => ({ id: null, url, events: ['*'], active: true, secret })),
      async sample(event) {
        const payload = (await eventPayload(event)) as Json;
        return delivery.dataKey === undefined ? payload : (payload?.[delivery.dataKey] ?? {});
      },
      validate(event, data) {
        if (!Object.hasOwn(webhooks, event)) return 'unknown_event';
        const body = delivery.envelope(event, undefined, data, { messageId: 'msg_preview', timestamp: new Date() });
        const result = validatorOf((eventMedia(event)?.schema ?? {}) as Json).safeParse(body);
        if (result.success) return [];
        return result.error.issues.map((issue) => {
          const path = issue.path.map(String);
          const inData = delivery.dataKey !== undefined && path[0] === delivery.dataKey;
          return {
            path: inData ? path.slice(1).join('.') : delivery.dataKey === undefined ? path.join('.') : `(${path.join('.') || 'body'})`,
            message: issue.message,
          };
        });
      },
      operations: () =>
        operations.map(({ spec: operation, operation: raw }) => ({
          method: operation.method,
          path: operation.path,
          summary: typeof raw.summary === 'string' ? raw.summary : operation.operationId,
          anchor: '',
        })),
    },
  };

  function isReceiverUrl(url: string): boolean {
    if (isLoopbackHttpUrl(url)) return true;
    return URL.canParse(url) && new URL(url).protocol === 'https:';
  }
}
