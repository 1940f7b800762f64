import { ClientConfigError } from './client-error.ts';

/** Validates a base URL option once, at construction; strips a trailing slash. */
export function checkBaseUrl(apiName: string, baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
  } catch (cause) {
    throw new ClientConfigError('invalid_base_url', `${apiName}: baseUrl "${baseUrl}" is not an http(s) URL.`, { cause });
  }
  return baseUrl.replace(/\/+$/, '');
}
