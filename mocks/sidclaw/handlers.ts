import type { HttpHandler } from 'msw';
import { HttpResponse } from '../shared/http-response.ts';
import { createMswHandlers } from '../../generated/sidclaw/msw.gen.ts';
import type { WebhookEndpoint, WebhookEndpointWithSecret, WebhookTestResult } from '../../generated/sidclaw/types.gen.ts';
import { zCreateWebhookBody, zListWebhookDeliveriesQuery, zUpdateWebhookBody } from '../../generated/sidclaw/zod.gen.ts';
import { isDeliveryError, type DeliveryEngine, type DeliveryHandle } from '../../src/delivery/index.ts';
import { bearerToken } from '../shared/bearer-token.ts';
import { registrationLimitProblem, type ResolvedMockLimits } from '../shared/mock-limits.ts';
import { selfDeliveryProblem } from '../shared/self-delivery-guard.ts';
import { randomHexSecret } from '../shared/random-secret.ts';
import { readJsonBody } from '../shared/read-json-body.ts';
import { withMockReceiverUrl } from '../shared/receiver-url.ts';
import type { ScenarioControl } from '../shared/scenario.ts';
import { withScenario } from '../shared/with-scenario.ts';
import * as schemas from '../../generated/sidclaw/schemas.gen.ts';
import type { JsonSchemaNode } from '../shared/spec-schema-at.ts';
import { describeIssues, issuesHeader } from '../shared/zod-issues.ts';
import { sidclawMockCredentials } from './credentials.ts';
import { sidclawSigner } from '../../src/sidclaw/sign-delivery.ts';
import { toTestResult, toWebhookDelivery, type SidclawDeliveryMeta } from './deliveries.ts';
import { sidclawError, sidclawForcedError } from './errors.ts';
import type { SidclawMockState } from './state.ts';

interface Context {
  state: SidclawMockState;
  engine: DeliveryEngine;
  scenario: ScenarioControl;
  testTimeoutMs: number;
  limits: ResolvedMockLimits;
}

/** The spec's `maximum` of `limit` (100), read from the generated query schema. */
const MAX_LIMIT = (zListWebhookDeliveriesQuery.shape.limit.unwrap().unwrap() as unknown as { maxValue: number }).maxValue;

/** Admin check: the document answers 403 `forbidden` to anything but an admin key or session. */
function forbidden(request: Request) {
  const token = bearerToken(request);
  if (token === sidclawMockCredentials.adminKey) return undefined;
  const why =
    token === undefined ? 'No API key was given' : token === sidclawMockCredentials.readOnlyKey ? 'This API key has no admin scope' : 'Unknown API key';
  return sidclawError(403, 'forbidden', `${why}; admin role or scope required.`);
}

async function parseBody<T>(
  request: Request,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError } },
  specSchema: JsonSchemaNode,
) {
  const body = await readJsonBody(request);
  if (!body.ok) {
    return {
      response: body.reason === 'too_large' ? sidclawError(413, 'validation_error', body.message) : sidclawError(400, 'validation_error', body.message),
    };
  }
  const parsed = schema.safeParse(body.value);
  if (!parsed.success) {
    const message = describeIssues(parsed.error, { input: body.value, spec: { root: specSchema, schemas } });
    return { response: sidclawError(400, 'validation_error', message, issuesHeader(parsed.error)) };
  }
  return { value: parsed.data };
}

/** The mock's own rules on a new or changed endpoint: its limits, and no self-delivery. */
function endpointProblem(ctx: Context, fields: { url?: string; description?: string | null }, isNew: boolean) {
  const problem =
    registrationLimitProblem(ctx.limits, {
      endpointCount: isNew ? ctx.state.endpoints.size : undefined,
      url: fields.url,
      fields: { description: fields.description },
    }) ?? (fields.url === undefined ? undefined : selfDeliveryProblem(fields.url));
  return problem === undefined ? undefined : sidclawError(400, 'validation_error', problem);
}

/** The spec's bodies, with `url` also taking any loopback http:// receiver (the mock's local-development rule). */
const createBody = withMockReceiverUrl(zCreateWebhookBody, 'url');
const updateBody = withMockReceiverUrl(zUpdateWebhookBody, 'url');

const notFound = (id: string) => sidclawError(404, 'not_found', `Webhook endpoint ${id} does not exist.`);

/** Every SidClaw operation, stateful, on the generated MSW handler factories. */
export function sidclawHandlers(ctx: Context, baseUrl: string | undefined): HttpHandler[] {
  const { state, engine, scenario } = ctx;
  const { pick } = createMswHandlers(baseUrl ? { baseUrl } : {});
  return [
    pick.createWebhook(
      withScenario(scenario, sidclawForcedError, async ({ request }) => {
        const denied = forbidden(request);
        if (denied) return denied;
        const parsed = await parseBody(request, createBody, schemas.CreateWebhookRequestSchema);
        if (parsed.response) return parsed.response;
        const { url, events, description } = parsed.value;
        const refused = endpointProblem(ctx, { url, description }, true);
        if (refused) return refused;
        const endpoint: WebhookEndpoint = {
          id: crypto.randomUUID(),
          url,
          events,
          is_active: true,
          description: description ?? null,
          created_at: new Date().toISOString(),
        };
        const secret = randomHexSecret();
        state.endpoints.set(endpoint.id, { endpoint, secret });
        return HttpResponse.json<{ data: WebhookEndpointWithSecret }>({ data: { ...endpoint, secret } }, { status: 201 });
      }),
    ),
    pick.listWebhooks(
      withScenario(scenario, sidclawForcedError, ({ request }) => {
        const denied = forbidden(request);
        if (denied) return denied;
        return HttpResponse.json({ data: [...state.endpoints.values()].map((stored) => stored.endpoint) });
      }),
    ),
    pick.getWebhook(
      withScenario(scenario, sidclawForcedError, ({ request, params }) => {
        const denied = forbidden(request);
        if (denied) return denied;
        const stored = state.endpoints.get(params.id);
        return stored ? HttpResponse.json({ data: stored.endpoint }) : notFound(params.id);
      }),
    ),
    pick.updateWebhook(
      withScenario(scenario, sidclawForcedError, async ({ request, params }) => {
        const denied = forbidden(request);
        if (denied) return denied;
        const stored = state.endpoints.get(params.id);
        if (!stored) return notFound(params.id);
        const parsed = await parseBody(request, updateBody, schemas.UpdateWebhookRequestSchema);
        if (parsed.response) return parsed.response;
        const refused = endpointProblem(ctx, parsed.value, false);
        if (refused) return refused;
        // Only the given fields change.
        for (const [key, value] of Object.entries(parsed.value)) {
          if (value !== undefined) (stored.endpoint as Record<string, unknown>)[key] = value;
        }
        return HttpResponse.json({ data: stored.endpoint });
      }),
    ),
    pick.deleteWebhook(
      withScenario(scenario, sidclawForcedError, ({ request, params }) => {
        const denied = forbidden(request);
        if (denied) return denied;
        if (!state.endpoints.delete(params.id)) return notFound(params.id);
        engine.remove((record) => (record.meta as SidclawDeliveryMeta).endpointId === params.id);
        return new HttpResponse(null, { status: 204 });
      }),
    ),
    pick.listWebhookDeliveries(
      withScenario(scenario, sidclawForcedError, ({ request, params }) => {
        const denied = forbidden(request);
        if (denied) return denied;
        if (!state.endpoints.has(params.id)) return notFound(params.id);
        const query = new URL(request.url).searchParams;
        // The spec's own query schema: `status` enum, `limit` default 20; above the maximum the
        // mock caps (the document: "max 100") instead of refusing.
        const rawLimit = query.get('limit');
        const parsed = zListWebhookDeliveriesQuery.safeParse({
          ...(query.has('status') ? { status: query.get('status') } : {}),
          ...(rawLimit === null ? {} : { limit: Math.min(Number(rawLimit), MAX_LIMIT) }),
        });
        if (!parsed.success) return sidclawError(400, 'validation_error', describeIssues(parsed.error), issuesHeader(parsed.error));
        const { status, limit } = parsed.data;
        const records = engine
          .list((record) => (record.meta as SidclawDeliveryMeta).endpointId === params.id && (status === undefined || record.state === status))
          .reverse() // newest first
          .slice(0, limit);
        return HttpResponse.json({ data: records.map(toWebhookDelivery) });
      }),
    ),
    pick.testWebhook(
      withScenario(scenario, sidclawForcedError, async ({ request, params }) => {
        const denied = forbidden(request);
        if (denied) return denied;
        const stored = state.endpoints.get(params.id);
        if (!stored) return notFound(params.id);
        const id = crypto.randomUUID();
        const body = JSON.stringify({
          id,
          event: 'test',
          timestamp: new Date().toISOString(),
          tenant_id: sidclawMockCredentials.tenantId,
          data: { message: 'Test webhook from Agent Identity' },
        });
        // One attempt, recorded in the endpoint's history like any delivery.
        let handle: DeliveryHandle;
        try {
          handle = engine.enqueue({
            id,
            url: stored.endpoint.url,
            eventType: 'test',
            body,
            sign: sidclawSigner(stored.secret, id),
            maxAttempts: 1,
            timeoutMs: ctx.testTimeoutMs,
            meta: { endpointId: params.id },
          });
        } catch (error) {
          // The mock's pending-delivery cap: reported as a test that was not delivered.
          if (!isDeliveryError(error, 'queue_full')) throw error;
          return HttpResponse.json<WebhookTestResult>({ delivered: false, http_status: null, response_time_ms: 0, error: error.message });
        }
        return HttpResponse.json(toTestResult(await handle.settled()));
      }),
    ),
  ];
}
