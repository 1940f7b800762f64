import { FIXTURE_TIME, stableHex } from '../shared/fingerprint.ts';
import type { SidclawMockSnapshot } from './snapshot.ts';

type SidclawEndpointEntry = SidclawMockSnapshot['endpoints'][number];

/**
 * One endpoint of a SidClaw mock seed from what a test or page cares about (`url`, `events`);
 * the rest is filled: an id and a secret derived from them (the same every load, so a stored
 * copy stays valid), `is_active: true`, `description: null`, a fixed `created_at`.
 *
 * @example
 * createSidclawMock({ state: { seed: { endpoints: [sidclawEndpointFixture({ url: 'https://example.com/hooks', events: ['approval.requested'] })] } } });
 */
export function sidclawEndpointFixture(fields: Pick<SidclawEndpointEntry, 'url' | 'events'> & Partial<SidclawEndpointEntry>): SidclawEndpointEntry {
  const basis = `${fields.url} ${fields.events.join(',')}`;
  return {
    id: `wh_${stableHex(basis, 16)}`,
    is_active: true,
    description: null,
    created_at: FIXTURE_TIME,
    secret: stableHex(`secret ${basis}`, 64),
    ...fields,
  };
}
