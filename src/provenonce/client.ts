import { client as specClient } from '../../generated/provenonce/client.gen.ts';
import { createClient, createConfig } from '../../generated/provenonce/client/index.ts';
import * as sdk from '../../generated/provenonce/sdk.gen.ts';
import { ApiKeySchema } from '../../generated/provenonce/schemas.gen.ts';
import { bindSdk, type BoundSdk } from '../client/bind-sdk.ts';
import { checkApiKey } from '../client/check-api-key.ts';
import { clientConfig } from '../client/client-config.ts';
import type { ApiClientOptions } from '../client/client-options.ts';
import { proxyBaseUrl, type ProxyClientOptions } from '../client/proxy-client.ts';
import { refuseSecretKeyInBrowser } from '../client/refuse-secret-key.ts';

/** A Provenonce partner-webhook client: every operation of the spec, bound to one configured client. */
export type ProvenonceClient = BoundSdk<typeof sdk>;

/**
 * Creates a typed Provenonce client. The key must be a partner key (`pvp_…` or `pvt_…`),
 * checked before any request. 429 (`RATE_LIMITED`) and 5xx on GET/PUT/DELETE are retried
 * honouring `Retry-After`. Errors come back typed as `{ error, code }`.
 *
 * @example
 * const provenonce = createProvenonceClient({ apiKey: 'pvp_test_key', baseUrl: 'http://127.0.0.1:4010/provenonce' });
 * const { data } = await provenonce.putPartnerWebhook({ body: { url: 'https://example.com/webhook', events: ['agent.frozen'] } });
 * console.log(data?.webhook_secret); // shown once
 */
export function createProvenonceClient(options: ApiClientOptions): ProvenonceClient {
  const apiKey = checkApiKey('Provenonce', options.apiKey, ApiKeySchema, 'a partner key starting with "pvp_" or "pvt_"');
  refuseSecretKeyInBrowser('Provenonce', apiKey, ApiKeySchema, { ...options, proxyClient: 'createProvenonceProxyClient' });
  return bindSdk(sdk, createClient(createConfig(clientConfig('Provenonce', options, apiKey, String(specClient.getConfig().baseUrl)))));
}

/**
 * Creates a Provenonce client for a browser page that calls your own backend, which forwards to
 * Provenonce and adds the key on the server: no key is sent or held here. `baseUrl` is the backend's
 * route, a path on the page's origin or a full URL.
 *
 * @example
 * const provenonce = createProvenonceProxyClient({ baseUrl: '/api/provenonce' });
 * const { data, error } = await provenonce.getPartnerWebhook();
 */
export function createProvenonceProxyClient(options: ProxyClientOptions): ProvenonceClient {
  return bindSdk(
    sdk,
    createClient(createConfig(clientConfig('Provenonce', { ...options, baseUrl: proxyBaseUrl('Provenonce', options.baseUrl) }, undefined, ''))),
  );
}
