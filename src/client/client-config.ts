import { checkBaseUrl } from './base-url.ts';
import { DEFAULT_TIMEOUT_MS, type ApiClientOptions } from './client-options.ts';
import { createRetryingFetch } from './retrying-fetch.ts';

/**
 * The generated client's config for one API: base URL checked once (the spec's server URL,
 * `defaultBaseUrl`, when none is given), bearer auth, timeout, and retries in the fetch layer
 * (ky's own retries need thrown HTTP errors, which consume the error body the generated client
 * returns as `{ error }`).
 */
export function clientConfig(
  apiName: string,
  options: ApiClientOptions,
  token: string,
  defaultBaseUrl: string,
  wrapFetch?: (f: typeof fetch) => typeof fetch,
) {
  // Look the global fetch up per call, so fetch interceptors installed later (MSW's setupServer) still apply.
  const lateFetch: typeof fetch = (input, init) => globalThis.fetch(input, init);
  const baseFetch = createRetryingFetch(options.fetch ?? lateFetch, { retries: options.retries });
  return {
    baseUrl: checkBaseUrl(apiName, options.baseUrl ?? defaultBaseUrl),
    // Only the bearer scheme is answered; other schemes a spec allows (a session cookie) stay unset.
    auth: (auth: { scheme?: string }) => (auth.scheme === 'bearer' ? token : undefined),
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry: 0,
    kyOptions: { fetch: wrapFetch ? wrapFetch(baseFetch) : baseFetch },
  };
}
