// Fastify 5: a plugin scope whose JSON parser keeps the raw bytes (parseAs: 'buffer') for the
// webhook routes; the Fetch handler verifies them.
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { createPipevestWebhookHandler } from 'hookspec/pipevest';
import { createSidclawWebhookHandler } from 'hookspec/sidclaw';

const sidclaw = createSidclawWebhookHandler({
  secret: process.env.SIDCLAW_WEBHOOK_SECRET!,
  on: { 'approval.requested': (event) => console.log(JSON.stringify({ handled: event.type, id: event.deliveryId, tenant: event.payload.tenant_id })) },
});
const pipevest = createPipevestWebhookHandler({
  publicKey: process.env.PIPEVEST_WEBHOOK_PUBLIC_KEY!, // the PEM from GET /webhooks/key
  on: { 'WEBHOOK.CREATED': (event) => console.log(JSON.stringify({ handled: event.type, id: event.payload.data?.webhookId })) },
});

/** Hands the raw request to a Fetch webhook handler and sends its answer. */
function fetchRoute(handler: (request: Request) => Promise<Response>) {
  return async (request: FastifyRequest<{ Body: Buffer }>, reply: FastifyReply) => {
    const response = await handler(
      new Request(`${request.protocol}://${request.host}${request.url}`, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        body: new Uint8Array(request.body), // the raw bytes, as a BodyInit
      }),
    );
    return reply
      .code(response.status)
      .type(response.headers.get('content-type') ?? 'application/json')
      .send(await response.text());
  };
}

const app = Fastify();
await app.register(async (webhooks) => {
  webhooks.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  webhooks.post('/webhooks/sidclaw', fetchRoute(sidclaw));
  webhooks.post('/webhooks/pipevest', fetchRoute(pipevest));
});
await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });
