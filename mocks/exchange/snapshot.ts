import * as z from 'zod';
import { zApiKey, zRegisterWebhookBody, zWebhookRegistration } from '../../generated/exchange/zod.gen.ts';
import { entriesAsCreated, type StateCodec } from '../shared/mock-state.ts';
import type { ExchangeMockState } from './state.ts';

/** Registering takes an http(s) URL: deliveries are HTTP POSTs (the spec asks only for a URI). */
const registerRequest = zRegisterWebhookBody.refine(({ url }) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol), {
  path: ['url'],
  message: 'must be an http(s) URL: deliveries are HTTP POST requests',
});

/**
 * The Exchange mock's state as JSON: each registration as the registration answered it
 * (`secretKey` included, `note` left out), plus the key that made it; URL and events as
 * registering would accept them, no id twice.
 */
export const exchangeSnapshotSchema = z
  .object({
    webhooks: entriesAsCreated(zWebhookRegistration.omit({ note: true }).extend({ secretKey: z.string().min(1), apiKey: zApiKey }), {
      request: registerRequest,
      fields: ({ url, events }) => ({ url, events }),
      id: (webhook) => webhook.id,
    }),
  })
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
