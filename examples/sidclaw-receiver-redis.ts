// Receive SidClaw webhooks on several instances: one Redis remembers the delivery ids for all of them.
import { createServer } from 'node:http';
import { createClient } from 'redis';
import { toNodeListener } from 'hookspec/node';
import { createRedisReplayStore } from 'hookspec/redis';
import { createSidclawWebhookHandler } from 'hookspec/sidclaw';

export async function startSharedReceiver(secret: string, redisUrl: string, port = 3000) {
  // disableOfflineQueue: while Redis is down a delivery is refused at once (503), not held.
  const redis = createClient({ url: redisUrl, disableOfflineQueue: true });
  redis.on('error', (error: Error) => console.error('redis:', error.message));
  await redis.connect();
  const handler = createSidclawWebhookHandler({
    secret,
    replayStore: createRedisReplayStore({ client: redis }),
    on: {
      'approval.requested': (event) => console.log('approval requested', event.deliveryId),
    },
  });
  return createServer(toNodeListener(handler)).listen(port, '127.0.0.1');
}
