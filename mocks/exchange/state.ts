import type { WebhookRegistration } from '../../generated/exchange/types.gen.ts';

/**
 * A registration as the mock stores it: what the API shows of it (everything but the one-time
 * `secretKey` and `note`), the secret the deliveries are signed with, and the key that made it.
 */
export interface StoredExchangeWebhook {
  webhook: Omit<WebhookRegistration, 'secretKey' | 'note'>;
  secretKey: string;
  /** The `sk_…` key that registered it. */
  apiKey: string;
}

/**
 * The Exchange mock's state: registrations by id, in creation order. The API has no read
 * operation, so this is the only place to inspect them (`failCount` included).
 */
export interface ExchangeMockState {
  webhooks: Map<string, StoredExchangeWebhook>;
}

export function createExchangeState(): ExchangeMockState {
  return { webhooks: new Map() };
}
