// What the Fetch objects alone cost, without msw: the mock server's node:http ↔ Fetch bridge and
// a resolver called directly (a Request in, an HttpResponse with a fixed JSON body out). Beside
// the msw floor, it shows how much of a request msw's getResponse machinery takes. With
// FLOOR_READS_BODY=1 the resolver also reads the request body as every create handler must
// (`request.text()` and `JSON.parse`): the floor of a request whose body is used.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpResponse } from 'msw';
import { readRequestBody, requestUrlText, sendFetchResponse, toFetchRequest } from '../../mocks/node-fetch-bridge.ts';
import { fixedListBody } from './fixed-list-body.ts';

const readsBody = process.env.FLOOR_READS_BODY === '1';
const resolver = async (request: Request) => {
  if (readsBody && request.method === 'POST') JSON.parse(await request.text());
  return new HttpResponse(fixedListBody, { headers: { 'content-type': 'application/json' } });
};
const port = Number(process.env.PORT ?? 0);
const server = createServer(async (req, res) => {
  const request = toFetchRequest(req, (await readRequestBody(req, 1 << 20)) ?? Buffer.alloc(0), requestUrlText(req, '127.0.0.1'));
  await sendFetchResponse(res, await resolver(request));
});
server.listen(port, '127.0.0.1', () => console.log(`fetch floor server listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`));
