// The floor of the mock benchmark: a bare node:http server answering every request with one
// fixed JSON body, no routing, no validation, no state.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixedListBody } from './fixed-list-body.ts';

const port = Number(process.env.PORT ?? 0);
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(fixedListBody) }).end(fixedListBody));
});
server.listen(port, '127.0.0.1', () => console.log(`bare server listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`));
