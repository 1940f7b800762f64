// Receive SidClaw webhooks on Node: raw body in, verified and typed event out.
import { createServer } from 'node:http';
import { toNodeListener } from 'hookspec/node';
import { createSidclawWebhookHandler } from 'hookspec/sidclaw';

export function startReceiver(secret: string, port = 3000) {
  const handler = createSidclawWebhookHandler({
    secret, // or [newSecret, oldSecret] while rotating
    on: {
      'approval.requested': (event) => console.log('approval requested', event.deliveryId, event.payload.data),
      'agent.revoked': (event) => console.log('agent revoked at', event.timestamp?.toISOString()),
    },
  });
  return createServer(toNodeListener(handler)).listen(port, '127.0.0.1');
}
