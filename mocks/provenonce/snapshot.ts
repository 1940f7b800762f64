import * as z from 'zod';
import { zApiKey, zPartnerWebhookRegistration, zPutPartnerWebhookBody } from '../../generated/provenonce/zod.gen.ts';
import type { StateCodec } from '../shared/mock-state.ts';
import { withMockReceiverUrl } from '../shared/receiver-url.ts';
import type { ProvenonceMockState } from './state.ts';

/** What PUT accepts: a registration's URL and events are checked with it. */
const putRequest = withMockReceiverUrl(zPutPartnerWebhookBody, 'url').strict();

/**
 * The Provenonce mock's state as JSON: each partner key's webhook configuration, as PUT answered
 * it, its URL and events as PUT would accept them.
 */
export const provenonceSnapshotSchema = z
  .object({
    partners: z.record(
      zApiKey,
      zPartnerWebhookRegistration.superRefine(({ webhook_url, events }, ctx) => {
        const checked = putRequest.safeParse({ url: webhook_url, events });
        if (!checked.success)
          for (const issue of checked.error.issues)
            ctx.addIssue({ ...issue, path: issue.path[0] === 'url' ? ['webhook_url', ...issue.path.slice(1)] : issue.path } as never);
      }),
    ),
  })
  .strict();
export type ProvenonceMockSnapshot = z.infer<typeof provenonceSnapshotSchema>;

export const provenonceStateCodec: StateCodec<ProvenonceMockState, ProvenonceMockSnapshot> = {
  schema: provenonceSnapshotSchema,
  read: (state) => ({ partners: Object.fromEntries(state.partners) }),
  write(state, snapshot) {
    state.partners.clear();
    for (const [key, registration] of Object.entries(snapshot.partners)) state.partners.set(key, registration);
  },
};
