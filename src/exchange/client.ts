import { client as specClient } from '../../generated/exchange/client.gen.ts';
import { createClient, createConfig } from '../../generated/exchange/client/index.ts';
import * as sdk from '../../generated/exchange/sdk.gen.ts';
import { ApiKeySchema, SecretApiKeySchema } from '../../generated/exchange/schemas.gen.ts';
import { bindSdk, type BoundSdk } from '../client/bind-sdk.ts';
import { checkApiKey } from '../client/check-api-key.ts';
import { clientConfig } from '../client/client-config.ts';
import type { ApiClientOptions } from '../client/client-options.ts';
import { proxyBaseUrl, type ProxyClientOptions } from '../client/proxy-client.ts';
import { refuseSecretKeyInBrowser } from '../client/refuse-secret-key.ts';

/** An Exchange partner client: every operation of the spec, bound to one configured client. */
export type ExchangeClient = BoundSdk<typeof sdk>;

/**
 * Creates a typed Exchange partner client. The key must be `sk_branch_…`, `sk_personal_…` or
 * `pk_…` followed by 32 letters or digits, checked before any request (a `pk_` key is
 * read-only: the API refuses to register a webhook with it).
 *
 * @example
 * const exchange = createExchangeClient({ apiKey: 'sk_branch_0123456789abcdef0123456789abcdef', baseUrl: 'http://127.0.0.1:4010/exchange/api/v1' });
 * const { data } = await exchange.registerWebhook({ body: { url: 'https://example.com/webhooks/exchange', events: ['order.created'] } });
 * console.log(data?.secretKey); // shown once
 */
export function createExchangeClient(options: ApiClientOptions): ExchangeClient {
  const apiKey = checkApiKey('Exchange', options.apiKey, ApiKeySchema, '"sk_branch_", "sk_personal_" or "pk_" followed by 32 letters or digits');
  refuseSecretKeyInBrowser('Exchange', apiKey, SecretApiKeySchema, { ...options, proxyClient: 'createExchangeProxyClient' });
  return bindSdk(sdk, createClient(createConfig(clientConfig('Exchange', options, apiKey, String(specClient.getConfig().baseUrl)))));
}

/**
 * Creates a Exchange client for a browser page that calls your own backend, which forwards to
 * Exchange and adds the key on the server: no key is sent or held here. `baseUrl` is the backend's
 * route, a path on the page's origin or a full URL.
 *
 * @example
 * const exchange = createExchangeProxyClient({ baseUrl: '/api/exchange' });
 * const { data, error } = await exchange.registerWebhook({ body: { url: 'https://example.com/webhooks/exchange', events: ['order.created'] } });
 */
export function createExchangeProxyClient(options: ProxyClientOptions): ExchangeClient {
  return bindSdk(sdk, createClient(createConfig(clientConfig('Exchange', { ...options, baseUrl: proxyBaseUrl('Exchange', options.baseUrl) }, undefined, ''))));
}
