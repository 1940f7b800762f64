/**
 * `hookspec/redis`: a replay store in Redis for receivers on several instances. Its own entry,
 * so the per-API bundles do not grow; it takes your `redis` (or `ioredis`) client, and imports neither.
 * @module
 */
export {
  createRedisReplayStore,
  RedisReplayStoreError,
  type IoRedisClientLike,
  type NodeRedisClientLike,
  type RedisReplayStoreOptions,
} from './redis-replay-store.ts';
export type { ReplayStore } from '../webhooks/replay-store.ts';
