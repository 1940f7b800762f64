import * as z from 'zod';
import { zApiKey, zWebhookRegistration } from '../../generated/exchange/zod.gen.ts';
import type { StateCodec } from '../shared/mock-state.ts';
import type { ExchangeMockState } from './state.ts';

/**
 * The Exchange mock's state as JSON: each registration as the registration answered it
 * (`secretKey` included, `note` left out), plus the key that made it.
 */
export const exchangeSnapshotSchema = z
  .object({ webhooks: z.array(zWebhookRegistration.omit({ note: true }).extend({ secretKey: z.string().min(1), apiKey: zApiKey })) })
  .strict();
export type ExchangeMockSnapshot = z.infer<typeof exchangeSnapshotSchema>;

export const exchangeStateCodec: StateCodec<ExchangeMockState, ExchangeMockSnapshot> = {
  schema: exchangeSnapshotSchema,
  read: (state) => ({ webhooks: [...state.webhooks.values()].map(({ webhook, secretKey, apiKey }) => ({ ...webhook, secretKey, apiKey })) }),
  write(state, snapshot) {
    state.webhooks.clear();
    for (const { secretKey, apiKey, ...webhook } of snapshot.webhooks) state.webhooks.set(webhook.id, { webhook, secretKey, apiKey });
  },
};
