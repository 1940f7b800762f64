import { ClientConfigError } from './client-error.ts';

/** The part of a generated JSON Schema (`schemas.gen.ts`) the key check reads. */
export interface KeyFormat {
  readonly pattern: string;
}

/**
 * Checks an API key against the format the spec documents (the `pattern` of its generated
 * `ApiKeySchema`), so a wrong key fails at construction with a clear message instead of as a
 * 401/403 later. A plain RegExp: a browser client need not ship a schema library for one check.
 */
export function checkApiKey(apiName: string, apiKey: unknown, format: KeyFormat, expected: string): string {
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new ClientConfigError('invalid_api_key', `${apiName}: apiKey is required (${expected}).`);
  }
  if (!new RegExp(format.pattern).test(apiKey)) {
    const shown = apiKey.length > 8 ? `${apiKey.slice(0, 8)}…` : apiKey;
    throw new ClientConfigError('invalid_api_key', `${apiName}: the API key "${shown}" has the wrong format; expected ${expected}.`);
  }
  return apiKey;
}
