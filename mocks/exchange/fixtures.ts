import { FIXTURE_TIME, stableHex } from '../shared/fingerprint.ts';
import { exchangeMockCredentials } from './credentials.ts';
import type { ExchangeMockSnapshot } from './snapshot.ts';

type ExchangeWebhookEntry = ExchangeMockSnapshot['webhooks'][number];

/**
 * One registration of an Exchange mock seed from its `url` and `events`; the rest is filled: a
 * UUID and a secret derived from them (stable across loads), active, no failures, a fixed time,
 * registered with the mock's branch key.
 *
 * @example
 * createExchangeMock({ state: { seed: { webhooks: [exchangeWebhookFixture({ url: 'https://example.com/hooks', events: ['order.created'] })] } } });
 */
export function exchangeWebhookFixture(fields: Pick<ExchangeWebhookEntry, 'url' | 'events'> & Partial<ExchangeWebhookEntry>): ExchangeWebhookEntry {
  const basis = `${fields.url} ${fields.events.join(',')}`;
  const hex = stableHex(basis, 32);
  return {
    id: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`,
    isActive: true,
    failCount: 0,
    createdAt: FIXTURE_TIME,
    updatedAt: FIXTURE_TIME,
    secretKey: stableHex(`secret ${basis}`, 64),
    apiKey: exchangeMockCredentials.branchKey,
    ...fields,
  };
}
