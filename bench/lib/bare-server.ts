// The floor of the mock benchmark: a bare node:http server answering every request with one
// fixed JSON body (the SidClaw list example), no routing, no validation, no state.
import { createServer } from 'node:http';

const body = JSON.stringify({
  data: [
    { id: 'wh-001', url: 'https://example.com/webhooks/sidclaw', events: ['approval.requested'], is_active: true, description: 'x', created_at: '2026-03-21T10:00:00.000Z' },
  ],
});
const port = Number(process.env.PORT ?? 0);
createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body));
}).listen(port, '127.0.0.1', () => console.log(`bare server listening on ${port}`));
