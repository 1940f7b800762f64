import { FIXTURE_TIME, stableHex } from '../shared/fingerprint.ts';
import type { PipevestMockSnapshot } from './snapshot.ts';

type PipevestWebhookEntry = NonNullable<PipevestMockSnapshot['webhook']>;

/**
 * The registered webhook of a Pipevest mock seed from its `url` and `subscriptions`; the rest is
 * filled: an id derived from them (stable across loads), `ACTIVE`, fixed times.
 *
 * @example
 * createPipevestMock({ state: { seed: { webhook: pipevestWebhookFixture({ url: 'https://example.com/hooks', subscriptions: ['ALL'] }) } } });
 */
export function pipevestWebhookFixture(fields: Pick<PipevestWebhookEntry, 'url' | 'subscriptions'> & Partial<PipevestWebhookEntry>): PipevestWebhookEntry {
  const at = Date.parse(FIXTURE_TIME) / 1000;
  return { webhookId: `wh_${stableHex(`${fields.url} ${fields.subscriptions.join(',')}`, 16)}`, status: 'ACTIVE', createdAt: at, updatedAt: at, ...fields };
}
