import { checkBaseUrl } from './base-url.ts';
import type { ApiClientOptions } from './client-options.ts';

/** Options of every `create<Api>ProxyClient`: no key, since your backend adds it. */
export interface ProxyClientOptions extends Omit<ApiClientOptions, 'apiKey' | 'baseUrl' | 'dangerouslyAllowBrowser'> {
  /**
   * Your backend's route that forwards to the API and adds the key there: a path on the page's
   * own origin (`/api/sidclaw`) or a full URL.
   */
  baseUrl: string;
}

/** The proxy's base URL as an absolute URL: a path is resolved against the page's origin. */
export function proxyBaseUrl(apiName: string, baseUrl: string): string {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin;
  const absolute = baseUrl.startsWith('/') && origin ? `${origin}${baseUrl}` : baseUrl;
  return checkBaseUrl(apiName, absolute);
}
