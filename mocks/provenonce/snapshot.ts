import * as z from 'zod';
import { zPartnerWebhookRegistration } from '../../generated/provenonce/zod.gen.ts';
import type { StateCodec } from '../shared/mock-state.ts';
import type { ProvenonceMockState } from './state.ts';

/** The Provenonce mock's state as JSON: each partner key's webhook configuration, as PUT answered it. */
export const provenonceSnapshotSchema = z.object({ partners: z.record(z.string().min(1), zPartnerWebhookRegistration) }).strict();
export type ProvenonceMockSnapshot = z.infer<typeof provenonceSnapshotSchema>;

export const provenonceStateCodec: StateCodec<ProvenonceMockState, ProvenonceMockSnapshot> = {
  schema: provenonceSnapshotSchema,
  read: (state) => ({ partners: Object.fromEntries(state.partners) }),
  write(state, snapshot) {
    state.partners.clear();
    for (const [key, registration] of Object.entries(snapshot.partners)) state.partners.set(key, registration);
  },
};
