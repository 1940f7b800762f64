import { client as specClient } from '../../generated/sidclaw/client.gen.ts';
import { createClient, createConfig } from '../../generated/sidclaw/client/index.ts';
import * as sdk from '../../generated/sidclaw/sdk.gen.ts';
import { ApiKeySchema } from '../../generated/sidclaw/schemas.gen.ts';
import { bindSdk, type BoundSdk } from '../client/bind-sdk.ts';
import { checkApiKey } from '../client/check-api-key.ts';
import { clientConfig } from '../client/client-config.ts';
import type { ApiClientOptions } from '../client/client-options.ts';
import { proxyBaseUrl, type ProxyClientOptions } from '../client/proxy-client.ts';
import { refuseSecretKeyInBrowser } from '../client/refuse-secret-key.ts';

/** A SidClaw management client: every operation of the spec, bound to one configured client. */
export type SidclawClient = BoundSdk<typeof sdk>;

/**
 * Creates a typed SidClaw client. The key must be an admin key (`sk_live_…`); it is checked
 * before any request. 429 and 5xx on idempotent calls are retried honouring `Retry-After`.
 * Each call returns `{ data, error, response }`, with `error` typed as the documented
 * `{ error: 'validation_error' | 'forbidden' | 'not_found', message? }`.
 *
 * @example
 * const sidclaw = createSidclawClient({ apiKey: 'sk_live_abc123', baseUrl: 'http://127.0.0.1:4010/sidclaw' });
 * const { data, error } = await sidclaw.createWebhook({ body: { url: 'https://example.com/hook', events: ['approval.requested'] } });
 */
export function createSidclawClient(options: ApiClientOptions): SidclawClient {
  const apiKey = checkApiKey('SidClaw', options.apiKey, ApiKeySchema, 'an admin key starting with "sk_live_"');
  refuseSecretKeyInBrowser('SidClaw', apiKey, ApiKeySchema, { ...options, proxyClient: 'createSidclawProxyClient' });
  return bindSdk(sdk, createClient(createConfig(clientConfig('SidClaw', options, apiKey, String(specClient.getConfig().baseUrl)))));
}

/**
 * Creates a SidClaw client for a browser page that calls your own backend, which forwards to
 * SidClaw and adds the key on the server: no key is sent or held here. `baseUrl` is the backend's
 * route, a path on the page's origin or a full URL.
 *
 * @example
 * const sidclaw = createSidclawProxyClient({ baseUrl: '/api/sidclaw' });
 * const { data, error } = await sidclaw.listWebhooks();
 */
export function createSidclawProxyClient(options: ProxyClientOptions): SidclawClient {
  return bindSdk(sdk, createClient(createConfig(clientConfig('SidClaw', { ...options, baseUrl: proxyBaseUrl('SidClaw', options.baseUrl) }, undefined, ''))));
}
