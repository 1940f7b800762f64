import type { Webhook } from '../../generated/pipevest/types.gen.ts';

/** A response kept for an `X-Idempotency-Key`, replayed as is for a repeated key. */
export interface StoredResponse {
  readonly status: number;
  readonly body: string;
  readonly contentType: string;
}

/** One idempotency slot: when it was taken, and the (possibly still pending) first response. */
export interface IdempotencyEntry {
  readonly at: number;
  readonly response: Promise<StoredResponse>;
}

/** The Pipevest mock's state: one webhook per client, issued access tokens, idempotency slots. */
export interface PipevestMockState {
  /** The registered webhook (POST /auth), or undefined before the first registration. */
  webhook: Webhook | undefined;
  /** Access tokens issued by POST /auth → expiry in epoch milliseconds. */
  accessTokens: Map<string, number>;
  /** `<client id> <METHOD> <operation path> <key>` → the first response. */
  idempotency: Map<string, IdempotencyEntry>;
}

export function createPipevestState(): PipevestMockState {
  return { webhook: undefined, accessTokens: new Map(), idempotency: new Map() };
}
