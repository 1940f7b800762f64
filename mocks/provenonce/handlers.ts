import type { HttpHandler } from 'msw';
import { HttpResponse } from '../shared/http-response.ts';
import { createMswHandlers } from '../../generated/provenonce/msw.gen.ts';
import type { DeletePartnerWebhookResponse, PartnerWebhookConfig, PartnerWebhookRegistration } from '../../generated/provenonce/types.gen.ts';
import { zApiKey, zPutPartnerWebhookBody } from '../../generated/provenonce/zod.gen.ts';
import type { DeliveryEngine } from '../../src/delivery/index.ts';
import { bearerToken } from '../shared/bearer-token.ts';
import { registrationLimitProblem, type ResolvedMockLimits } from '../shared/mock-limits.ts';
import { selfDeliveryProblem } from '../shared/self-delivery-guard.ts';
import { randomHexSecret } from '../shared/random-secret.ts';
import { readJsonBody } from '../shared/read-json-body.ts';
import { withMockReceiverUrl } from '../shared/receiver-url.ts';
import type { ScenarioControl } from '../shared/scenario.ts';
import { withScenario } from '../shared/with-scenario.ts';
import * as schemas from '../../generated/provenonce/schemas.gen.ts';
import { describeIssues, issuesHeader } from '../shared/zod-issues.ts';
import { provenonceMockCredentials } from './credentials.ts';
import type { ProvenonceDeliveryMeta } from './deliveries.ts';
import { provenonceError, provenonceForcedError } from './errors.ts';
import type { ProvenonceMockState } from './state.ts';

interface Context {
  state: ProvenonceMockState;
  engine: DeliveryEngine;
  scenario: ScenarioControl;
  limits: ResolvedMockLimits;
}

/**
 * The spec's request schema has `additionalProperties: false`; the generated validator strips
 * unknown keys instead, so the mock makes it strict to refuse them as the spec does. `url`
 * also takes a loopback http:// receiver (the mock's local-development rule).
 */
const putBody = withMockReceiverUrl(zPutPartnerWebhookBody, 'url').strict();

/** The document's placeholder keys, accepted so its curl examples run (see the credentials). */
const documentKeys: ReadonlySet<string> = new Set([provenonceMockCredentials.documentKey, provenonceMockCredentials.documentTestKey]);
const isPartnerKey = (token: string) => documentKeys.has(token) || zApiKey.safeParse(token).success;

/**
 * Resolves the partner of a request: no header is 401 `AUTH_MISSING`; a key that is not a
 * partner key, or the suspended one, is 403 `AUTH_FORBIDDEN` (see the credentials).
 */
function authenticate(request: Request): { partnerKey: string; response?: undefined } | { response: Response } {
  const header = request.headers.get('authorization');
  if (header === null || header.trim() === '') {
    return { response: provenonceError(401, 'AUTH_MISSING', 'Authorization header is required') };
  }
  const token = bearerToken(request);
  if (token === undefined || !isPartnerKey(token)) {
    return { response: provenonceError(403, 'AUTH_FORBIDDEN', 'Partner not found') };
  }
  if (token === provenonceMockCredentials.suspendedKey) {
    return { response: provenonceError(403, 'AUTH_FORBIDDEN', 'Partner suspended') };
  }
  return { partnerKey: token };
}

/** The three partner-webhook operations, stateful, on the generated MSW handler factories. */
export function provenonceHandlers(ctx: Context, baseUrl: string | undefined): HttpHandler[] {
  const { state, engine, scenario } = ctx;
  const { pick } = createMswHandlers(baseUrl ? { baseUrl } : {});
  return [
    pick.putPartnerWebhook(
      withScenario(scenario, provenonceForcedError, async ({ request }) => {
        const auth = authenticate(request);
        if (auth.response) return auth.response;
        const body = await readJsonBody(request);
        if (!body.ok) return provenonceError(body.reason === 'too_large' ? 413 : 400, 'WEBHOOK_INVALID', body.message);
        const parsed = putBody.safeParse(body.value);
        if (!parsed.success) {
          const message = describeIssues(parsed.error, { input: body.value, spec: { root: schemas.PutPartnerWebhookRequestSchema, schemas } });
          return provenonceError(400, 'WEBHOOK_INVALID', `Invalid webhook configuration: ${message}`, issuesHeader(parsed.error));
        }
        // The mock's own rules: its limits (a new partner counts as an endpoint), no self-delivery.
        const endpointCount = state.partners.has(auth.partnerKey) ? undefined : state.partners.size;
        const refused = registrationLimitProblem(ctx.limits, { endpointCount, url: parsed.data.url }) ?? selfDeliveryProblem(parsed.data.url);
        if (refused) return provenonceError(400, 'WEBHOOK_INVALID', `Invalid webhook configuration: ${refused}`);
        // Registers or replaces; every PUT issues a new secret. The delivery history stays.
        const registration: PartnerWebhookRegistration = {
          webhook_url: parsed.data.url,
          webhook_secret: randomHexSecret(),
          events: parsed.data.events,
        };
        state.partners.set(auth.partnerKey, registration);
        return HttpResponse.json<PartnerWebhookRegistration>({ ...registration, events: [...registration.events] });
      }),
    ),
    pick.getPartnerWebhook(
      withScenario(scenario, provenonceForcedError, ({ request }) => {
        const auth = authenticate(request);
        if (auth.response) return auth.response;
        const stored = state.partners.get(auth.partnerKey);
        // The spec's decision for "nothing configured": 200 with configured false.
        const config: PartnerWebhookConfig = stored
          ? { webhook_url: stored.webhook_url, events: [...stored.events], configured: true }
          : { webhook_url: null, events: [], configured: false };
        return HttpResponse.json<PartnerWebhookConfig>(config);
      }),
    ),
    pick.deletePartnerWebhook(
      withScenario(scenario, provenonceForcedError, ({ request }) => {
        const auth = authenticate(request);
        if (auth.response) return auth.response;
        // Idempotent: removing a configuration that does not exist is also `{ ok: true }`.
        state.partners.delete(auth.partnerKey);
        engine.remove((record) => (record.meta as ProvenonceDeliveryMeta).partnerKey === auth.partnerKey);
        return HttpResponse.json<DeletePartnerWebhookResponse>({ ok: true });
      }),
    ),
  ];
}
