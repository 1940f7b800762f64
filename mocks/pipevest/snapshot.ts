import * as z from 'zod';
import { zWebhook, zWebhookSubscriptionRequest } from '../../generated/pipevest/zod.gen.ts';
import type { StateCodec } from '../shared/mock-state.ts';
import { withMockReceiverUrl } from '../shared/receiver-url.ts';
import type { PipevestMockState } from './state.ts';

/** What registering accepts: the stored webhook's URL and subscriptions are checked with it. */
const subscriptionRequest = withMockReceiverUrl(zWebhookSubscriptionRequest, 'url').strict();

/** The Pipevest mock's state as JSON: the registered webhook, or null. Tokens and idempotency slots are not kept. */
export const pipevestSnapshotSchema = z
  .object({
    webhook: zWebhook
      .superRefine(({ url, subscriptions }, ctx) => {
        const checked = subscriptionRequest.safeParse({ url, subscriptions });
        if (!checked.success) for (const issue of checked.error.issues) ctx.addIssue(issue as never);
      })
      .nullable(),
  })
  .strict();
export type PipevestMockSnapshot = z.infer<typeof pipevestSnapshotSchema>;

export const pipevestStateCodec: StateCodec<PipevestMockState, PipevestMockSnapshot> = {
  schema: pipevestSnapshotSchema,
  read: (state) => ({ webhook: state.webhook ?? null }),
  write(state, snapshot) {
    state.webhook = snapshot.webhook ?? undefined;
  },
};
