import type { HttpHandler } from 'msw';
import { HttpResponse } from '../shared/http-response.ts';
import { createMswHandlers } from '../../generated/pipevest/msw.gen.ts';
import type { AuthResult, Webhook, WebhookPublicKey, WebhookSubscriptionRequest } from '../../generated/pipevest/types.gen.ts';
import { zWebhookSubscriptionRequest } from '../../generated/pipevest/zod.gen.ts';
import type { PipevestRequestKind } from '../../src/pipevest/components.ts';
import { registrationLimitProblem, type ResolvedMockLimits } from '../shared/mock-limits.ts';
import { MAX_MOCK_BODY_BYTES } from '../shared/read-json-body.ts';
import { jsonDepthProblem } from '../../src/net/json-depth.ts';
import { selfDeliveryProblem } from '../shared/self-delivery-guard.ts';
import { randomHexSecret } from '../shared/random-secret.ts';
import { withMockReceiverUrl } from '../shared/receiver-url.ts';
import type { ScenarioControl } from '../shared/scenario.ts';
import { withScenario } from '../shared/with-scenario.ts';
import * as schemas from '../../generated/pipevest/schemas.gen.ts';
import { describeIssues, issuesHeader } from '../shared/zod-issues.ts';
import { authenticate, type RequestPolicy } from './authenticate.ts';
import { pipevestError, pipevestForcedError } from './errors.ts';
import type { PipevestMockState, StoredResponse } from './state.ts';

interface Context {
  state: PipevestMockState;
  scenario: ScenarioControl;
  policy: RequestPolicy;
  /** The mock's webhook public key, as `GET /webhooks/key` returns it. */
  webhookKey: Required<Pick<WebhookPublicKey, 'keyId' | 'algorithm' | 'publicKey'>>;
  /** Queues a webhook message for an event to the registered webhook, when its subscriptions cover it. */
  notify(event: 'WEBHOOK.CREATED' | 'WEBHOOK.UPDATED', webhook: Webhook): void;
  /** Sends the one-attempt test message and reports the outcome. */
  sendTest(webhook: Webhook): Promise<Response>;
  limits: ResolvedMockLimits;
}

/** The document says the access token lives 60 minutes. */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;
/** How long a response is kept for its `X-Idempotency-Key`. */
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const IDEMPOTENCY_MAX_ENTRIES = 10_000;
const ACCESS_TOKENS_MAX_ENTRIES = 10_000;

/**
 * The spec's request schema has `additionalProperties: false`; the generated validator strips
 * unknown keys instead, so the mock makes it strict to refuse them as the spec does. `url`
 * also takes a loopback http:// receiver (the mock's local-development rule).
 */
const subscriptionRequest = withMockReceiverUrl(zWebhookSubscriptionRequest, 'url').strict();
const unixSeconds = () => Math.floor(Date.now() / 1000);
const decoder = new TextDecoder();

/** Reads the body bytes with the mock's size limit; undefined when over it. */
async function readBytes(request: Request): Promise<Uint8Array | undefined> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_MOCK_BODY_BYTES) return undefined;
  const bytes = new Uint8Array(await request.arrayBuffer());
  return bytes.byteLength > MAX_MOCK_BODY_BYTES ? undefined : bytes;
}

/** Parses and validates a `{ url, subscriptions }` body (`url` must be https, or loopback http). */
function parseSubscriptionRequest(bytes: Uint8Array, limits: ResolvedMockLimits): { value: WebhookSubscriptionRequest } | { response: Response } {
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(bytes));
  } catch (error) {
    return { response: pipevestError(400, 'invalid_request', `The body is not valid JSON: ${(error as Error).message}`) };
  }
  const tooDeep = jsonDepthProblem(json);
  if (tooDeep) return { response: pipevestError(400, 'invalid_request', `The body is refused: ${tooDeep}`) };
  const parsed = subscriptionRequest.safeParse(json);
  if (!parsed.success) {
    const message = describeIssues(parsed.error, { input: json, spec: { root: schemas.WebhookSubscriptionRequestSchema, schemas } });
    return { response: pipevestError(400, 'invalid_request', message, issuesHeader(parsed.error)) };
  }
  // The mock's own rules: its limits, and no delivery to a mock control route.
  const refused = registrationLimitProblem(limits, { url: parsed.data.url }) ?? selfDeliveryProblem(parsed.data.url);
  if (refused) return { response: pipevestError(400, 'invalid_request', refused) };
  return { value: parsed.data };
}

const notRegistered = () => pipevestError(404, 'not_found', 'No webhook is registered: POST /auth registers one.');

function replay(stored: StoredResponse, replayed: boolean): Response {
  const headers: Record<string, string> = { 'content-type': stored.contentType };
  if (replayed) headers['idempotent-replayed'] = 'true';
  return new Response(stored.body, { status: stored.status, headers });
}

/** Every Pipevest operation, stateful, on the generated MSW handler factories. */
export function pipevestHandlers(ctx: Context, baseUrl: string | undefined): HttpHandler[] {
  const { state, scenario, policy } = ctx;
  const { pick } = createMswHandlers(baseUrl ? { baseUrl } : {});

  /** Keeps the first response of a write per `X-Idempotency-Key`; a repeated key gets it back without the work being done again. */
  async function idempotent(request: Request, operationPath: string, work: () => Promise<Response> | Response): Promise<Response> {
    // The signature covers x-idempotency-key on every write, so it is present here.
    const key = request.headers.get('x-idempotency-key') ?? '';
    const slot = `${policy.clientId} ${request.method} ${operationPath} ${key}`;
    const now = Date.now();
    const earlier = state.idempotency.get(slot);
    if (earlier && now - earlier.at < IDEMPOTENCY_TTL_MS) return replay(await earlier.response, true);
    const response = (async (): Promise<StoredResponse> => {
      const answer = await work();
      return { status: answer.status, body: await answer.text(), contentType: answer.headers.get('content-type') ?? 'application/json' };
    })();
    state.idempotency.delete(slot);
    state.idempotency.set(slot, { at: now, response });
    if (state.idempotency.size > IDEMPOTENCY_MAX_ENTRIES) state.idempotency.delete(state.idempotency.keys().next().value!);
    try {
      return replay(await response, false);
    } catch (error) {
      state.idempotency.delete(slot); // the work failed without an answer: a retry may do it
      throw error;
    }
  }

  /** Authenticates, then (on writes) applies idempotency, then runs the operation. */
  const operation = <B extends object | never = never>(
    kind: PipevestRequestKind,
    operationPath: string,
    work: (body: Uint8Array) => Promise<Response> | Response,
  ) =>
    withScenario<never, B>(scenario, pipevestForcedError, async ({ request }) => {
      const body = kind === 'read' ? new Uint8Array() : await readBytes(request);
      if (body === undefined) return pipevestError(400, 'invalid_request', `The body is over ${MAX_MOCK_BODY_BYTES} bytes.`);
      const denied = await authenticate(request, body, kind, operationPath, policy);
      if (denied) return denied;
      return kind === 'read' ? work(body) : idempotent(request, operationPath, () => work(body));
    });

  return [
    pick.createAuth(
      operation<WebhookSubscriptionRequest>('write', '/auth', (body) => {
        const parsed = parseSubscriptionRequest(body, ctx.limits);
        if ('response' in parsed) return parsed.response;
        const now = unixSeconds();
        // One webhook per client: registering again replaces it.
        const webhook: Webhook = {
          webhookId: `wh_${randomHexSecret(8)}`,
          status: 'ACTIVE',
          url: parsed.value.url,
          subscriptions: [...parsed.value.subscriptions],
          createdAt: now,
          updatedAt: now,
        };
        state.webhook = webhook;
        const accessToken = `pv_at_${randomHexSecret(16)}`;
        state.accessTokens.set(accessToken, Date.now() + ACCESS_TOKEN_TTL_SECONDS * 1000);
        // Bounded like the idempotency slots: the oldest token is forgotten first.
        if (state.accessTokens.size > ACCESS_TOKENS_MAX_ENTRIES) state.accessTokens.delete(state.accessTokens.keys().next().value!);
        ctx.notify('WEBHOOK.CREATED', webhook);
        return HttpResponse.json<AuthResult>({ accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, webhook: { ...webhook } });
      }),
    ),
    pick.testWebhook(operation('bodyless-write', '/auth/test', () => (state.webhook ? ctx.sendTest(state.webhook) : notRegistered()))),
    pick.updateWebhook(
      operation<WebhookSubscriptionRequest>('write', '/webhooks', (body) => {
        const webhook = state.webhook;
        if (!webhook) return notRegistered();
        const parsed = parseSubscriptionRequest(body, ctx.limits);
        if ('response' in parsed) return parsed.response;
        // The list of subscriptions replaces the previous one.
        webhook.url = parsed.value.url;
        webhook.subscriptions = [...parsed.value.subscriptions];
        webhook.updatedAt = Math.max(unixSeconds(), webhook.createdAt);
        ctx.notify('WEBHOOK.UPDATED', webhook);
        return HttpResponse.json<Webhook>({ ...webhook });
      }),
    ),
    pick.getWebhook(operation('read', '/webhooks', () => (state.webhook ? HttpResponse.json<Webhook>({ ...state.webhook }) : notRegistered()))),
    pick.getWebhookPublicKey(operation('read', '/webhooks/key', () => HttpResponse.json<WebhookPublicKey>({ ...ctx.webhookKey }))),
  ];
}
