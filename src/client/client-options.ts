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
  /**
   * Lets a secret key be used in a browser page, where anyone using the page can read it. Only
   * for fake keys (a mock in a service worker, tests); a real app calls its own backend instead.
   */
  dangerouslyAllowBrowser?: boolean;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
