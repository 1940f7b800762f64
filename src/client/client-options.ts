/** Options every `create<Api>Client` accepts. */
export interface ApiClientOptions {
  /** The API key or token, sent as `Authorization: Bearer …`. */
  apiKey: string;
  /** Defaults to the base URL of the API's spec; point it at the mock server in development. */
  baseUrl?: string;
  /** Per-request timeout in milliseconds (default 10 000). */
  timeoutMs?: number;
  /** Retries of 429/5xx on idempotent calls (default 2; 0 turns retries off). */
  retries?: number;
  /** A custom fetch (tests, proxies). */
  fetch?: typeof fetch;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
