import * as z from 'zod';
import type { StateCodec } from '../shared/mock-state.ts';
import type { ProvenMockState } from './state.ts';

/**
 * The Proven mock's state as JSON: the receivers it delivers to. Proven's document has no API
 * for them, so there is no spec schema to reuse: an http(s) URL (deliveries are POSTs) and the optional
 * `X-API-Key` value.
 */
export const provenSnapshotSchema = z
  .object({ endpoints: z.array(z.object({ url: z.url({ protocol: /^https?$/ }), apiKey: z.string().min(1).optional() }).strict()) })
  .strict();
export type ProvenMockSnapshot = z.infer<typeof provenSnapshotSchema>;

export const provenStateCodec: StateCodec<ProvenMockState, ProvenMockSnapshot> = {
  schema: provenSnapshotSchema,
  read: (state) => ({ endpoints: state.endpoints.map((endpoint) => ({ ...endpoint })) }),
  write(state, snapshot) {
    state.endpoints.splice(0, state.endpoints.length, ...snapshot.endpoints.map((endpoint) => ({ ...endpoint })));
  },
};
