import type { HttpHandler } from 'msw';
import { HttpResponse } from '../shared/http-response.ts';
import { createMswHandlers } from '../../generated/exchange/msw.gen.ts';
import type { WebhookRegistration } from '../../generated/exchange/types.gen.ts';
import { zApiKey, zRegisterWebhookBody } from '../../generated/exchange/zod.gen.ts';
import { bearerToken } from '../shared/bearer-token.ts';
import { registrationLimitProblem, type ResolvedMockLimits } from '../shared/mock-limits.ts';
import { selfDeliveryProblem } from '../shared/self-delivery-guard.ts';
import { randomHexSecret } from '../shared/random-secret.ts';
import { readJsonBody } from '../shared/read-json-body.ts';
import type { ScenarioControl } from '../shared/scenario.ts';
import { withScenario } from '../shared/with-scenario.ts';
import * as schemas from '../../generated/exchange/schemas.gen.ts';
import { describeIssues, issuesHeader } from '../shared/zod-issues.ts';
import { exchangeError, exchangeForcedError } from './errors.ts';
import type { ExchangeMockState, StoredExchangeWebhook } from './state.ts';

interface Context {
  state: ExchangeMockState;
  scenario: ScenarioControl;
  limits: ResolvedMockLimits;
}

/** The reminder the document's example response carries next to `secretKey`. */
const SECRET_NOTE = 'Store this secret key securely — it will not be shown again. Use it to verify HMAC-SHA256 signatures.';

/** Public keys are read-only (the document: a `pk_` key may not register a webhook). */
const isPublicKey = (key: string) => key.startsWith('pk_');

/** No key, or a key of a format the spec does not list, is 401; a `pk_` key is 403. */
function authorize(request: Request): { apiKey: string; response?: undefined } | { response: Response } {
  const header = request.headers.get('authorization');
  if (header === null || header.trim() === '') {
    return { response: exchangeError(401, 'unauthorized', 'missing_api_key', 'Authorization: Bearer <key> is required.') };
  }
  const token = bearerToken(request);
  if (token === undefined || !zApiKey.safeParse(token).success) {
    return {
      response: exchangeError(
        401,
        'unauthorized',
        'invalid_api_key',
        'The API key is invalid; expected sk_branch_, sk_personal_ or pk_ followed by 32 letters or digits.',
      ),
    };
  }
  if (isPublicKey(token)) {
    return { response: exchangeError(403, 'forbidden', 'read_only_key', 'A public pk_ key is read-only and cannot register webhooks; use a secret sk_ key.') };
  }
  return { apiKey: token };
}

/** `POST /partner/webhooks`, the only operation the spec has, on the generated MSW handler factory. */
export function exchangeHandlers(ctx: Context, baseUrl: string | undefined): HttpHandler[] {
  const { state, scenario } = ctx;
  const { pick } = createMswHandlers(baseUrl ? { baseUrl } : {});
  return [
    pick.registerWebhook(
      withScenario(scenario, exchangeForcedError, async ({ request }) => {
        const auth = authorize(request);
        if (auth.response) return auth.response;
        const body = await readJsonBody(request);
        if (!body.ok) {
          return body.reason === 'too_large'
            ? exchangeError(413, 'payload_too_large', 'payload_too_large', body.message)
            : exchangeError(400, 'bad_request', 'invalid_json', body.message);
        }
        const parsed = zRegisterWebhookBody.safeParse(body.value);
        if (!parsed.success) {
          const message = describeIssues(parsed.error, { input: body.value, spec: { root: schemas.WebhookRegistrationRequestSchema, schemas } });
          return exchangeError(400, 'bad_request', 'validation_error', message, issuesHeader(parsed.error));
        }
        const { url, events } = parsed.data;
        // The spec asks only for a URI; deliveries are HTTP POSTs, so other schemes cannot receive them.
        const protocol = new URL(url).protocol;
        if (protocol !== 'https:' && protocol !== 'http:') {
          return exchangeError(400, 'bad_request', 'validation_error', `url: deliveries are HTTP POST requests, so the URL must be http(s), not ${protocol}`);
        }
        // The mock's own rules: its limits, and no delivery to a mock control route.
        const refused = registrationLimitProblem(ctx.limits, { endpointCount: state.webhooks.size, url }) ?? selfDeliveryProblem(url);
        if (refused) return exchangeError(400, 'bad_request', 'validation_error', refused);
        const now = new Date().toISOString();
        const stored: StoredExchangeWebhook = {
          webhook: { id: crypto.randomUUID(), url, events, isActive: true, failCount: 0, createdAt: now, updatedAt: now },
          secretKey: randomHexSecret(),
          apiKey: auth.apiKey,
        };
        state.webhooks.set(stored.webhook.id, stored);
        // The only response that shows secretKey.
        return HttpResponse.json<WebhookRegistration>(
          { ...stored.webhook, events: [...events], secretKey: stored.secretKey, note: SECRET_NOTE },
          { status: 201 },
        );
      }),
    ),
  ];
}
