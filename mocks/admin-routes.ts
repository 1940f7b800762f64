import { isDeliveryError } from '../src/delivery/index.ts';
import { jsonDepthProblem } from '../src/net/json-depth.ts';
import type { ApiMock } from './shared/api-mock.ts';
import { scenarioSchema } from './shared/scenario.ts';
import { describeIssues } from './shared/zod-issues.ts';

const json = (status: number, body: unknown) => Response.json(body, { status });

/**
 * The mock's own control routes, under `/_mock`:
 * - `POST /_mock/<api>/events` `{ "event": "…", "data": {…}? }` triggers a signed delivery;
 * - `GET /_mock/<api>/deliveries` lists every delivery with its attempts;
 * - `GET /_mock/<api>/dead-letters` lists the dead-letter queue;
 * - `POST /_mock/<api>/scenario` `{ "rateLimit": {…}, "serverError": {…}, "latencyMs": n }` sets switches;
 * - `POST /_mock/proven/endpoints` `{ "url": "…", "apiKey"?: "…" }` adds a receiver (Proven has no API for it);
 * - `GET /_mock/pipevest/webhook-key` the public key of the mock's webhook signatures, without credentials;
 * - `POST /_mock/reset` forgets everything: each mock's state, deliveries and switches, and what
 *   `onReset` forgets besides (the server's request journal).
 * Returns undefined for any other path.
 */
export async function handleAdminRoute(
  request: Request,
  pathname: string,
  mocks: Partial<Record<string, ApiMock<unknown>>>,
  onReset?: () => void,
): Promise<Response | undefined> {
  if (!pathname.startsWith('/_mock/')) return undefined;
  const [, , api, action] = pathname.split('/');
  if (api === 'reset' && request.method === 'POST') {
    for (const mock of Object.values(mocks)) mock?.reset();
    onReset?.();
    return json(200, { ok: true });
  }
  // Own keys only: `/_mock/constructor/…` must not find Object.prototype.constructor.
  const mock = api && Object.hasOwn(mocks, api) ? mocks[api] : undefined;
  if (!mock) return json(404, { error: 'not_found', message: `No mocked API "${api}".` });
  const readJson = async () => {
    let value: unknown;
    try {
      value = await request.json();
    } catch {
      return { error: json(400, { error: 'invalid_json', message: 'The body must be a JSON object.' }) };
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { error: json(400, { error: 'invalid_json', message: 'The body must be a JSON object.' }) };
    }
    const tooDeep = jsonDepthProblem(value);
    if (tooDeep) return { error: json(400, { error: 'invalid_json', message: `The body is refused: ${tooDeep}` }) };
    return { value: value as Record<string, unknown> };
  };
  if (action === 'events' && request.method === 'POST') {
    const body = await readJson();
    if (body.error) return body.error;
    const event = body.value.event;
    if (typeof event !== 'string') return json(400, { error: 'invalid_event', message: 'Give { "event": "<type>", "data"?: {…} }.' });
    try {
      const deliveries = await mock.trigger(event, body.value.data);
      return json(202, { event, deliveries: deliveries.map(({ id, url, state }) => ({ id, url, state })) });
    } catch (error) {
      // The mock's pending-delivery cap is not the caller's mistake: try again later.
      if (isDeliveryError(error, 'queue_full')) return json(503, { error: 'queue_full', message: error.message });
      return json(400, { error: 'invalid_event', message: error instanceof Error ? error.message : String(error) });
    }
  }
  if (action === 'webhook-key' && request.method === 'GET' && mock.webhookPublicKey) return json(200, mock.webhookPublicKey);
  if (action === 'deliveries' && request.method === 'GET') return json(200, { data: mock.engine.list() });
  if (action === 'dead-letters' && request.method === 'GET') return json(200, { data: mock.engine.deadLetters() });
  if (action === 'endpoints' && request.method === 'POST' && mock.addEndpoint) {
    const body = await readJson();
    if (body.error) return body.error;
    const { url, apiKey, secret } = body.value;
    const credential = mock.endpointCredential ?? 'apiKey';
    const given = credential === 'secret' ? secret : apiKey;
    if (typeof url !== 'string' || !URL.canParse(url) || (given !== undefined && typeof given !== 'string')) {
      return json(400, {
        error: 'invalid_endpoint',
        message: `Give { "url": "<http(s) URL>", "${credential}"?: "<${credential === 'secret' ? 'secret' : 'key'}>" }.`,
      });
    }
    let added: Record<string, unknown> | undefined;
    try {
      added = mock.addEndpoint(given === undefined ? { url } : { url, [credential]: given }) ?? undefined;
    } catch (error) {
      // Refused by the mock's own rules (its limits, no self-delivery).
      return json(400, { error: 'invalid_endpoint', message: error instanceof Error ? error.message : String(error) });
    }
    // A mock that makes the credential (a spec's mock makes a secret in its scheme's format) answers it, once.
    return json(201, added ?? { url, apiKey: (apiKey as string | undefined) ?? null });
  }
  if (action === 'scenario' && request.method === 'POST') {
    const body = await readJson();
    if (body.error) return body.error;
    const scenario = scenarioSchema.safeParse(body.value);
    if (!scenario.success) {
      return json(400, { error: 'invalid_scenario', message: `Not a scenario: ${describeIssues(scenario.error, { input: body.value })}.` });
    }
    mock.scenario.set(scenario.data);
    return json(200, { scenario: mock.scenario.current });
  }
  return json(404, { error: 'not_found', message: `No mock control route ${request.method} ${pathname}.` });
}
