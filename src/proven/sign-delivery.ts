/**
 * How Proven shapes a delivery (the sender side, as the document describes it; Proven signs
 * nothing). The mock, the CLI and `check` all build Proven deliveries with these.
 * @module
 */
import { delivery } from '../../generated/proven/delivery.gen.ts';
import { described } from '../apis/delivery-description.ts';
import { apiKeyHeaders } from '../apis/senders.ts';

/** Proven's delivery description, from its spec's x-hookspec-delivery. */
export const description = described(delivery);

/**
 * The headers of a Proven delivery as the document lists them: JSON, `X-API-Key` when the
 * endpoint has a key, `User-Agent: node-fetch/1.0` and `Accept-Encoding: gzip,deflate`
 * (`Content-Length` is set by fetch).
 */
export function provenHeaders(endpoint: { apiKey?: string }): Record<string, string> {
  return apiKeyHeaders(description, endpoint.apiKey);
}

/** The body of a Proven delivery, as the document shows it: `{ event, webhook }`; `data` replaces the fake `webhook`. */
export function provenEnvelope(event: string, fake: Record<string, unknown>, data?: unknown): Record<string, unknown> {
  return { event, webhook: data === undefined ? (fake.webhook ?? {}) : data };
}

/** The document states no delivery timeout; 10 s, SidClaw's documented value and the delivery engine's default. */
export const PROVEN_DELIVERY_TIMEOUT_MS = description['timeout-ms'];
