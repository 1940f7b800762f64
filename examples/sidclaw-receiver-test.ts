// Test the receiver above with deliveries signed exactly as SidClaw signs them.
import type { AddressInfo } from 'node:net';
import { createSidclawTestDelivery } from 'hookspec/sidclaw';
import { startReceiver } from './sidclaw-receiver.ts';

export async function testReceiver() {
  const secret = 'whsec_test';
  const server = startReceiver(secret, 0);
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
  try {
    const delivery = await createSidclawTestDelivery({ event: 'approval.requested', data: { approval_id: 'ap_1' }, secret, url });
    const genuine = await fetch(delivery.request);
    const replayed = await fetch(delivery.request); // same X-Webhook-ID: acknowledged, not processed again
    const forged = await fetch(url, { method: 'POST', headers: delivery.headers, body: delivery.body.replace('ap_1', 'ap_2') });
    return { genuine: genuine.status, replayed: await replayed.json(), forged: forged.status };
  } finally {
    server.close();
  }
}
