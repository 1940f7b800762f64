import type { ReplayStore } from '../webhooks/replay-store.ts';

/** The one method used of a `redis` (node-redis 5 or 6) client: `createClient()` from `redis`. */
export interface NodeRedisClientLike {
  sendCommand(args: string[]): Promise<unknown>;
}

/** The one method used of an `ioredis` client: `new Redis()` from `ioredis`. */
export interface IoRedisClientLike {
  call(command: string, ...args: string[]): Promise<unknown>;
}

export interface RedisReplayStoreOptions {
  /** A connected client of `redis` (recommended) or `ioredis`, shared by every receiver instance. */
  client: NodeRedisClientLike | IoRedisClientLike;
  /** Prepended to every delivery id (default `hookspec:replay:`), so the ids share a Redis with other data safely. */
  keyPrefix?: string;
  /**
   * How long to wait for Redis before the delivery is refused (default 2000 ms). A client that
   * queues commands while disconnected would otherwise hold the delivery until the sender times out.
   */
  timeoutMs?: number;
}

/** Why Redis could not answer: thrown by `remember`, turned into `replay_store_unavailable` by the verifiers. */
export class RedisReplayStoreError extends Error {
  override readonly name = 'RedisReplayStoreError';
}

function commandOf(client: NodeRedisClientLike | IoRedisClientLike): (args: string[]) => Promise<unknown> {
  if ('sendCommand' in client && typeof client.sendCommand === 'function') return (args) => client.sendCommand(args);
  if ('call' in client && typeof client.call === 'function') return ([command, ...args]) => client.call(command!, ...args);
  throw new TypeError('createRedisReplayStore needs a client of `redis` (with sendCommand) or `ioredis` (with call).');
}

/**
 * A replay store in Redis, for receivers on several instances: each delivery id is recorded
 * with `SET <prefix><id> 1 NX PX <ttl>`, one atomic set-if-absent with expiry, so of two
 * instances given the same delivery exactly one sees it as new. When Redis does not answer
 * (down, or slower than `timeoutMs`) `remember` throws and the delivery is refused, never
 * accepted without replay protection.
 *
 * @example
 * import { createClient } from 'redis';
 * import { createRedisReplayStore } from 'hookspec/redis';
 * const redis = await createClient({ url: process.env.REDIS_URL, disableOfflineQueue: true }).on('error', console.error).connect();
 * const replayStore = createRedisReplayStore({ client: redis });
 * const event = await verifySidclawWebhook(request, { secret, replayStore });
 */
export function createRedisReplayStore(options: RedisReplayStoreOptions): ReplayStore {
  const send = commandOf(options.client);
  const prefix = options.keyPrefix ?? 'hookspec:replay:';
  const timeoutMs = options.timeoutMs ?? 2000;
  return {
    async remember(id, ttlMs) {
      // PX takes a positive integer; a window under 1 ms still records the id for 1 ms.
      const px = String(Math.max(1, Math.ceil(ttlMs)));
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new RedisReplayStoreError(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        const answer = await Promise.race([send(['SET', prefix + id, '1', 'NX', 'PX', px]), timeout]);
        // 'OK' when set; null when the id was already there.
        return answer === 'OK';
      } catch (error) {
        if (error instanceof RedisReplayStoreError) throw error;
        throw new RedisReplayStoreError(`Redis refused SET NX PX: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
