// A receiver for Acme Notify, built on the provider's own library (standardwebhooks), as its
// integrator would write it: the raw body, every secret during a rotation, 204 or 400.
import { createServer, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';

export function startAcmeReceiver(secrets: readonly string[], port = 0): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)]));
      const verified = secrets.some((secret) => {
        try {
          new Webhook(secret).verify(body, headers);
          return true;
        } catch {
          return false;
        }
      });
      res.writeHead(verified ? 204 : 400).end();
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
