// Manage SidClaw webhook endpoints with the typed client (here against the mock server).
import { createSidclawClient } from 'hookspec/sidclaw';

export async function registerEndpoint(baseUrl = 'http://127.0.0.1:4010/sidclaw', url = 'http://localhost:3000/hooks') {
  const sidclaw = createSidclawClient({ apiKey: 'sk_live_abc123', baseUrl });
  const { data, error } = await sidclaw.createWebhook({ body: { url, events: ['approval.requested', 'agent.revoked'] } });
  if (error) throw new Error(`SidClaw said ${error.error}: ${error.message}`);
  return data.data; // { id, url, events, secret, … }: the secret is shown only here
}
