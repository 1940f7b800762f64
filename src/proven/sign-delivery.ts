/**
 * How Proven shapes a delivery (the sender side, as the document describes it; Proven signs
 * nothing). The mock, the CLI and `check` all build Proven deliveries with these.
 * @module
 */

/**
 * The headers of a Proven delivery as the document lists them: JSON, `X-API-Key` when the
 * endpoint has a key, `User-Agent: node-fetch/1.0` and `Accept-Encoding: gzip,deflate`
 * (`Content-Length` is set by fetch).
 */
export function provenHeaders(endpoint: { apiKey?: string }): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'node-fetch/1.0',
    'accept-encoding': 'gzip,deflate',
    ...(endpoint.apiKey === undefined || endpoint.apiKey === '' ? {} : { 'x-api-key': endpoint.apiKey }),
  };
}

/** The body of a Proven delivery, as the document shows it: `{ event, webhook }`; `data` replaces the fake `webhook`. */
export function provenEnvelope(event: string, fake: Record<string, unknown>, data?: unknown): Record<string, unknown> {
  return { event, webhook: data === undefined ? (fake.webhook ?? {}) : data };
}

/** The document states no delivery timeout; 10 s, SidClaw's documented value and the delivery engine's default. */
export const PROVEN_DELIVERY_TIMEOUT_MS = 10_000;
