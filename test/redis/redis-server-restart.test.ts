// The test Redis comes back on its own port after a stop, also when another process held that
// port at the first try (the restart retries on EADDRINUSE instead of moving or failing).
import { createServer, type Server } from 'node:net';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';

let redisServer: RedisServer;
const holders: Server[] = [];

beforeAll(async () => {
  redisServer = await startRedisServer();
});

afterAll(async () => {
  await Promise.all(holders.filter((holder) => holder.listening).map((holder) => new Promise((resolve) => holder.close(resolve))));
  await redisServer?.stop();
});

/** PING through a fresh client at the server's URL. */
async function ping(url: string): Promise<string> {
  const client = createClient({ url, socket: { reconnectStrategy: false } });
  client.on('error', () => {});
  await client.connect();
  try {
    return await client.ping();
  } finally {
    client.destroy();
  }
}

describe('test/support/redis-server.ts', () => {
  it('restarts on the same port while another process held it at the first try', async () => {
    const { port, url } = redisServer;
    expect(await ping(url)).toBe('PONG');
    await redisServer.stop();

    const holder = createServer();
    holders.push(holder);
    await new Promise<void>((resolve, reject) => holder.once('error', reject).listen(port, '127.0.0.1', resolve));
    let triesInUse = 0;
    await redisServer.start({
      onPortInUse: () => {
        triesInUse += 1;
        // Released after the first refused try: the next one gets the port.
        if (holder.listening) holder.close();
      },
    });

    expect(triesInUse).toBeGreaterThanOrEqual(1);
    expect(redisServer.port).toBe(port);
    expect(await ping(url)).toBe('PONG');
  });
});
