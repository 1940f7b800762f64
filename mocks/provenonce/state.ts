import type { PartnerWebhookRegistration } from '../../generated/provenonce/types.gen.ts';

/**
 * The Provenonce mock's state: one webhook configuration per partner key, as the PUT response
 * showed it (GET shows the same minus `webhook_secret`).
 */
export interface ProvenonceMockState {
  partners: Map<string, PartnerWebhookRegistration>;
}

export function createProvenonceState(): ProvenonceMockState {
  return { partners: new Map() };
}
