import * as z from 'zod';
import { zWebhook } from '../../generated/pipevest/zod.gen.ts';
import type { StateCodec } from '../shared/mock-state.ts';
import type { PipevestMockState } from './state.ts';

/** The Pipevest mock's state as JSON: the registered webhook, or null. Tokens and idempotency slots are not kept. */
export const pipevestSnapshotSchema = z.object({ webhook: zWebhook.nullable() }).strict();
export type PipevestMockSnapshot = z.infer<typeof pipevestSnapshotSchema>;

export const pipevestStateCodec: StateCodec<PipevestMockState, PipevestMockSnapshot> = {
  schema: pipevestSnapshotSchema,
  read: (state) => ({ webhook: state.webhook ?? null }),
  write(state, snapshot) {
    state.webhook = snapshot.webhook ?? undefined;
  },
};
