import { ClientConfigError } from './client-error.ts';
import type { KeyFormat } from './check-api-key.ts';
import { inBrowserPage } from '../net/in-browser-page.ts';

/**
 * Refuses a secret key in a browser page, where anyone using the page can read it (it ships in
 * the bundle or the page's memory). `secret` is the spec's format of the secret keys (for
 * Exchange, `SecretApiKey`: its `pk_` keys are public and pass); `'always'` when every key of
 * the API is secret. `dangerouslyAllowBrowser: true` lets a fake key through (mocks, tests).
 */
export function refuseSecretKeyInBrowser(
  apiName: string,
  apiKey: string,
  secret: KeyFormat | 'always',
  options: { dangerouslyAllowBrowser?: boolean; proxyClient?: string },
): void {
  const { dangerouslyAllowBrowser, proxyClient } = options;
  if (dangerouslyAllowBrowser === true || !inBrowserPage()) return;
  if (secret !== 'always' && !new RegExp(secret.pattern).test(apiKey)) return;
  throw new ClientConfigError(
    'secret_key_in_browser',
    `${apiName}: this is a secret key, and in a browser page anyone using the page can read it. ` +
      `Call your own backend instead: a route of your server adds the key${proxyClient ? ` (in the page, ${proxyClient}({ baseUrl: '/api/…' }))` : ''}; see hookspec's docs/frontend.md. ` +
      'Or pass dangerouslyAllowBrowser: true if the key is fake (a mock, a test).',
  );
}
