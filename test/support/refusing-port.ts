/**
 * A loopback port where nothing listens and nothing can start listening while a test uses it:
 * connections to it are refused (ECONNREFUSED) every time.
 *
 * A port that was free a moment ago (listen on 0, close, hand out the number) can be taken by
 * another process before the test connects. Instead, the port is the local end of a connection
 * this process keeps open: it is bound, so no other socket can bind it, and it is not listening,
 * so the kernel refuses every connection to it.
 */
import { connect, createServer, type Socket } from 'node:net';

export interface RefusingPort {
  readonly port: number;
  /** Releases the port; call it in `afterAll`. */
  close(): Promise<void>;
}

export async function refusingPort(): Promise<RefusingPort> {
  let accept: (socket: Socket) => void = () => {};
  const accepted = new Promise<Socket>((resolve) => (accept = resolve));
  const server = createServer((socket) => {
    socket.on('error', () => {});
    accept(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('The holding server has no port.');
  const client = connect(address.port, '127.0.0.1');
  client.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  const serverEnd = await accepted;
  const port = client.localPort;
  if (port === undefined) throw new Error('The holding connection has no local port.');
  return {
    port,
    close: async () => {
      // The server's end closes first, so the TIME_WAIT it leaves is on the server's port, not this one.
      const closed = new Promise((resolve) => client.once('close', resolve));
      serverEnd.destroy();
      await closed;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
