import { sidclawMockCredentials } from './credentials.ts';

/**
 * The mock server's start-up example for SidClaw: register an endpoint with the document's own
 * request, then trigger a signed delivery to it.
 */
export function sidclawTryIt({ serverUrl, baseUrl }: { serverUrl: string; baseUrl: string }): string {
  return `Try:
  curl -X POST ${baseUrl}/api/v1/webhooks -H "Authorization: Bearer ${sidclawMockCredentials.adminKey}" \\
    -H "Content-Type: application/json" -d '{"url":"http://localhost:4000/hooks","events":["approval.requested"]}'
Trigger a signed delivery to every subscribed endpoint:
  curl -X POST ${serverUrl}/_mock/sidclaw/events -H "Content-Type: application/json" -d '{"event":"approval.requested"}'`;
}
