// The floor for any server that answers through msw's getResponse: the mock server's own
// node:http ↔ Fetch bridge and one MSW handler returning a fixed JSON body (no routing, no
// validation, no state). What this row costs, every hookspec mock request costs too.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse, http, HttpResponse } from 'msw';
import { readRequestBody, requestUrlText, sendFetchResponse, toFetchRequest } from '../../mocks/node-fetch-bridge.ts';
import { fixedListBody } from './fixed-list-body.ts';

const handler = http.all('*', () => new HttpResponse(fixedListBody, { headers: { 'content-type': 'application/json' } }));
const port = Number(process.env.PORT ?? 0);
const server = createServer(async (req, res) => {
  const request = toFetchRequest(req, (await readRequestBody(req, 1 << 20)) ?? Buffer.alloc(0), requestUrlText(req, '127.0.0.1'));
  await sendFetchResponse(res, (await getResponse([handler], request))!);
});
server.listen(port, '127.0.0.1', () => console.log(`msw floor server listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`));
