import { createServer } from 'node:http';
import { toNodeListener } from '../../src/node/index.ts';

/** A receiver under test: a Fetch handler served on 127.0.0.1 at a free port. */
export interface ServedReceiver {
  readonly url: string;
  close(): Promise<void>;
}

export async function serveFetch(handler: (request: Request) => Promise<Response>, path = '/webhooks'): Promise<ServedReceiver> {
  const server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
