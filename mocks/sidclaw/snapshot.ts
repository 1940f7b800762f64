import * as z from 'zod';
import { zCreateWebhookBody, zWebhookEndpointWithSecret } from '../../generated/sidclaw/zod.gen.ts';
import { entriesAsCreated, type StateCodec } from '../shared/mock-state.ts';
import { withMockReceiverUrl } from '../shared/receiver-url.ts';
import type { SidclawMockState } from './state.ts';

/**
 * The SidClaw mock's state as JSON: each endpoint as its creation answered it, secret included,
 * its URL, events and description as creating it would accept them, no id twice.
 */
export const sidclawSnapshotSchema = z
  .object({
    endpoints: entriesAsCreated(zWebhookEndpointWithSecret, {
      request: withMockReceiverUrl(zCreateWebhookBody, 'url'),
      fields: ({ url, events, description }) => ({ url, events, description: description ?? undefined }),
      id: (endpoint) => endpoint.id,
    }),
  })
  .strict();
export type SidclawMockSnapshot = z.infer<typeof sidclawSnapshotSchema>;

export const sidclawStateCodec: StateCodec<SidclawMockState, SidclawMockSnapshot> = {
  schema: sidclawSnapshotSchema,
  read: (state) => ({ endpoints: [...state.endpoints.values()].map(({ endpoint, secret }) => ({ ...endpoint, secret })) }),
  write(state, snapshot) {
    state.endpoints.clear();
    for (const { secret, ...endpoint } of snapshot.endpoints) state.endpoints.set(endpoint.id, { endpoint, secret });
  },
};
