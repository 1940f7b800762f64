/** Shared inputs for the verification benchmark: one 1 KiB JSON body and the keys. */
import { generateKeyPairSync } from 'node:crypto';

/** A webhook-like JSON body of exactly 1024 bytes (ASCII). */
export function jsonBody1KiB(): string {
  const event = {
    id: 'evt_01J9ZC7Y4Q7K9V0R2M4T8N1B3D',
    // The SidClaw envelope, so the same body also runs through verify + parse + validate.
    event: 'approval.requested',
    timestamp: '2026-03-21T10:00:00.000Z',
    tenant_id: 'tenant_4f9c2a',
    data: { approval_id: 'apr_7d1e', requester: 'agent-42', items: [] as string[], padding: '' },
  };
  while (JSON.stringify(event).length < 900) event.data.items.push(`item-${event.data.items.length.toString().padStart(4, '0')}`);
  event.data.padding = 'x'.repeat(1024 - JSON.stringify(event).length);
  const body = JSON.stringify(event);
  if (body.length !== 1024) throw new Error(`fixture body is ${body.length} bytes, expected 1024`);
  return body;
}

/** HMAC shared secret used by every HMAC row. */
export const HMAC_SECRET = 'whsec_5d5d139563c95b5967b9bd9a8c9b233a';

/** A fresh Ed25519 key pair. */
export const ED25519 = generateKeyPairSync('ed25519');
