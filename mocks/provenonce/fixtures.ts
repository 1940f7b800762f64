import { stableHex } from '../shared/fingerprint.ts';
import type { ProvenonceMockSnapshot } from './snapshot.ts';

type ProvenonceRegistrationEntry = ProvenonceMockSnapshot['partners'][string];

/**
 * One partner's webhook configuration for a Provenonce mock seed from its `webhook_url` and
 * `events`; the secret is filled, derived from them (stable across loads).
 *
 * @example
 * createProvenonceMock({ state: { seed: { partners: { [provenonceMockCredentials.partnerKey]: provenonceRegistrationFixture({ webhook_url: 'https://example.com/hooks', events: ['agent.frozen'] }) } } } });
 */
export function provenonceRegistrationFixture(
  fields: Pick<ProvenonceRegistrationEntry, 'webhook_url' | 'events'> & Partial<ProvenonceRegistrationEntry>,
): ProvenonceRegistrationEntry {
  return { webhook_secret: stableHex(`secret ${fields.webhook_url} ${fields.events.join(',')}`, 64), ...fields };
}
