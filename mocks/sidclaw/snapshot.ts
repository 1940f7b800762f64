import * as z from 'zod';
import { zWebhookEndpointWithSecret } from '../../generated/sidclaw/zod.gen.ts';
import type { StateCodec } from '../shared/mock-state.ts';
import type { SidclawMockState } from './state.ts';

/** The SidClaw mock's state as JSON: each endpoint as its creation answered it, secret included. */
export const sidclawSnapshotSchema = z.object({ endpoints: z.array(zWebhookEndpointWithSecret) }).strict();
export type SidclawMockSnapshot = z.infer<typeof sidclawSnapshotSchema>;

export const sidclawStateCodec: StateCodec<SidclawMockState, SidclawMockSnapshot> = {
  schema: sidclawSnapshotSchema,
  read: (state) => ({ endpoints: [...state.endpoints.values()].map(({ endpoint, secret }) => ({ ...endpoint, secret })) }),
  write(state, snapshot) {
    state.endpoints.clear();
    for (const { secret, ...endpoint } of snapshot.endpoints) state.endpoints.set(endpoint.id, { endpoint, secret });
  },
};
