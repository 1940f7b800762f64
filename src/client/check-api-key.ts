import type { ZodType } from 'zod';
import { ClientConfigError } from './client-error.ts';

/**
 * Checks an API key against the format the spec documents (its generated `zApiKey`), so a
 * wrong key fails at construction with a clear message instead of as a 401/403 later.
 */
export function checkApiKey(apiName: string, apiKey: unknown, format: ZodType<string>, expected: string): string {
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new ClientConfigError('invalid_api_key', `${apiName}: apiKey is required (${expected}).`);
  }
  if (!format.safeParse(apiKey).success) {
    const shown = apiKey.length > 8 ? `${apiKey.slice(0, 8)}…` : apiKey;
    throw new ClientConfigError('invalid_api_key', `${apiName}: the API key "${shown}" has the wrong format; expected ${expected}.`);
  }
  return apiKey;
}
