/**
 * A mock for an API known only from its spec (`hookspec mock --spec acme.yaml`): no hand-written
 * handlers or state. Each operation answers its first documented 2xx response with the spec's
 * example, or fake data from the response schema; a request body that does not match the spec
 * gets the operation's documented 400 (or 422) answer. Deliveries are those of every spec-only
 * mock (spec-only-mock.ts), signed by the spec's declared scheme.
 * @module
 */
import type { Faker } from '@faker-js/faker';
import { http, type HttpHandler } from 'msw';
import type { SpecDelivery } from '../../src/apis/from-spec.ts';
import { fakeValue, mediaExampleOf } from '../../src/spec/fake-value.ts';
import type { Json, SpecDocument } from '../../src/spec/read-spec.ts';
import { resolveRef } from '../../src/spec/resolve-ref.ts';
import { schemaValidators } from '../../src/spec/schema-validator.ts';
import type { ApiMockOptions } from '../shared/api-mock.ts';
import { HttpResponse } from '../shared/http-response.ts';
import type { ScenarioControl } from '../shared/scenario.ts';
import { withScenario } from '../shared/with-scenario.ts';
import type { OperationSpec } from '../violations/operation-table.ts';
import { type SpecOnlyEndpoint, type SpecOnlyMock, type SpecOnlyMockSnapshot, type SpecOnlyMockState, specOnlyMock } from './spec-only-mock.ts';
import { specOperations } from './spec-operations.ts';

/** A receiver of a spec mock: the mock makes a secret when none is given. */
export type SpecEndpoint = Required<SpecOnlyEndpoint>;
export type SpecMockState = SpecOnlyMockState;
export type SpecMockSnapshot = SpecOnlyMockSnapshot;

/** An ApiMock whose endpoints take a secret (or get one) and report it back. */
export interface SpecMock extends SpecOnlyMock {
  addEndpoint(endpoint: { url: string; secret?: string }): SpecEndpoint;
  readonly endpointCredential: 'secret';
  /** The spec's operations, for the mock server's spec checker. */
  readonly operations: readonly OperationSpec[];
  /** The path of the spec's first server URL (`/v1`), or empty: the mock serves the API under `/<name>` plus it. */
  readonly basePath: string;
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
  const validatorOf = schemaValidators(document);
  const webhooks = (document.webhooks ?? {}) as Json;
  const operations = specOperations(file, document);

  /** The media type object of an event's body (its schema and examples). */
  const eventMedia = (event: string): Json | undefined => {
    const post = resolveRef<Json>(file, document, (webhooks[event] as Json).post ?? {});
    const body = post.requestBody === undefined ? undefined : resolveRef<Json>(file, document, post.requestBody);
    return Object.values((body?.content ?? {}) as Record<string, Json>)[0];
  };

  const mock = specOnlyMock(
    {
      name,
      title: name,
      events: Object.keys(webhooks),
      timeoutMs: delivery.timeoutMs,
      dataKey: delivery.dataKey,
      endpointCredential: 'secret',
      newSecret: delivery.newSecret,
      /** The spec's example of an event's body, else fake data from its schema. */
      async payload(event) {
        const media = eventMedia(event);
        const example = mediaExampleOf(file, document, media);
        if (example) return example.value;
        return media?.schema === undefined ? {} : fakeValue(file, document, media.schema, await loadFaker());
      },
      schema: (event) => (Object.hasOwn(webhooks, event) ? validatorOf((eventMedia(event)?.schema ?? {}) as Json) : undefined),
      envelope: delivery.envelope,
      sign: ({ body, secret, messageId, timestamp, url }) => delivery.sign({ body, secret, messageId, timestamp, url }),
    },
    options,
    {
      handlers: ({ scenario }) => operationHandlers(spec, operations, scenario, options.baseUrl ?? ''),
      list: () =>
        operations.map(({ spec: operation, operation: raw }) => ({
          method: operation.method,
          path: operation.path,
          summary: typeof raw.summary === 'string' ? raw.summary : operation.operationId,
          anchor: '',
        })),
    },
  );
  return Object.assign(mock as SpecMock, { operations: operations.map(({ spec: operation }) => operation), basePath: basePathOf(document) });
}

/** Each operation of the spec, answering its documented response (or its documented refusal of a body that breaks the spec). */
function operationHandlers(spec: SpecDocument, operations: ReturnType<typeof specOperations>, scenario: ScenarioControl, baseUrl: string): HttpHandler[] {
  const { file, document } = spec;
  const validatorOf = schemaValidators(document);
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

  return operations.map(({ spec: operation, operation: raw }) => {
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
}
