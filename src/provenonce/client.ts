import { client as specClient } from '../../generated/provenonce/client.gen.ts';
import { createClient, createConfig } from '../../generated/provenonce/client/index.ts';
import * as sdk from '../../generated/provenonce/sdk.gen.ts';
import { ApiKeySchema } from '../../generated/provenonce/schemas.gen.ts';
import { bindSdk, type BoundSdk } from '../client/bind-sdk.ts';
import { checkApiKey } from '../client/check-api-key.ts';
import { clientConfig } from '../client/client-config.ts';
import type { ApiClientOptions } from '../client/client-options.ts';

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
  return bindSdk(sdk, createClient(createConfig(clientConfig('Provenonce', options, apiKey, String(specClient.getConfig().baseUrl)))));
}
