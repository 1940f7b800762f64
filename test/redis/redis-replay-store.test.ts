// hookspec/redis against a real redis-server (Debian's, started here on a free loopback port):
// the shared replay tests, two receiver processes sharing one Redis, and Redis going away.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisReplayStore } from '../../src/redis/index.ts';
import { ensureBuilt, root } from '../cli/helpers.ts';
import { startRedisServer, type RedisServer } from '../support/redis-server.ts';
import { replayStoreFullTests, replayWindowTests } from '../webhooks/replay-contract.ts';

let redisServer: RedisServer;
let client: ReturnType<typeof createClient>;

beforeAll(async () => {
  redisServer = await startRedisServer();
  client = createClient({ url: redisServer.url, disableOfflineQueue: true, socket: { reconnectStrategy: () => 100 } });
  client.on('error', () => {}); // reported through the commands that fail
  await client.connect();
});

afterAll(async () => {
  client?.destroy();
  await redisServer?.stop();
});

describe('Redis replay store: the SidClaw replay window (2 s tolerance, waited for)', () => {
  replayWindowTests(() => {
    // Redis expires keys on its own clock, so each step is really waited for; the verifier's
    // clock moves by exactly the step, so a busy machine's late timers cannot fail the timestamp check.
    let clock = Date.now();
    return {
      store: createRedisReplayStore({ client }),
      now: () => clock,
      advance: async (ms) => {
        await new Promise((resolve) => setTimeout(resolve, ms));
        clock += ms;
      },
      toleranceSeconds: 2,
    };
  });

  // "Full" for Redis is Redis refusing the write at its memory limit (OOM with noeviction).
  replayStoreFullTests(() => {
    const clock = Date.now();
    return {
      store: createRedisReplayStore({ client }),
      now: () => clock,
      advance: async () => {},
      toleranceSeconds: 2,
      fullCode: 'replay_store_unavailable',
      fill: async () => {
        await client.sendCommand(['CONFIG', 'SET', 'maxmemory-policy', 'noeviction']);
        await client.sendCommand(['CONFIG', 'SET', 'maxmemory', '1']);
      },
      free: async () => void (await client.sendCommand(['CONFIG', 'SET', 'maxmemory', '0'])),
    };
  });

  it('sends one SET NX PX per id, under its key prefix', async () => {
    const store = createRedisReplayStore({ client, keyPrefix: 'test:px:' });
    expect(await store.remember('abc', 5000)).toBe(true);
    const ttl = Number(await client.sendCommand(['PTTL', 'test:px:abc']));
    expect(ttl).toBeGreaterThan(4000);
    expect(ttl).toBeLessThanOrEqual(5000);
  });

  it('takes an ioredis-style client (call) as well', async () => {
    const calls: string[][] = [];
    const ioredisLike = {
      call: async (command: string, ...args: string[]) => {
        calls.push([command, ...args]);
        return calls.length === 1 ? 'OK' : null;
      },
    };
    const store = createRedisReplayStore({ client: ioredisLike });
    expect([await store.remember('x', 1500.2), await store.remember('x', 1500)]).toEqual([true, false]);
    expect(calls[0]).toEqual(['SET', 'hookspec:replay:x', '1', 'NX', 'PX', '1501']);
  });
});

interface Instance {
  child: ChildProcess;
  url: string;
  handled: string[];
}

const secret = 'f00d'.repeat(16);

function startInstance(): Promise<Instance> {
  const child = spawn(process.execPath, [join(root, 'test/redis/receiver-process.ts'), secret, redisServer.url], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const handled: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('a receiver process did not start within 15 s')), 15_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const listening = /^listening (\d+)$/.exec(line);
      if (listening) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${listening[1]}/hooks`, handled });
      }
      const delivery = /^approval requested (.+)$/.exec(line);
      if (delivery) handled.push(delivery[1]!);
    });
    child.once('exit', (code) => reject(new Error(`a receiver process exited with ${code}`)));
  });
}

/** A SidClaw delivery as the provider sends it: HMAC of the raw body, id and timestamp headers. */
function deliver(url: string, id: string) {
  const body = JSON.stringify({ id, event: 'approval.requested', timestamp: new Date().toISOString(), tenant_id: 't1', data: { approval_id: 'ap_1' } });
  return fetch(url, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-webhook-id': id,
      'x-webhook-timestamp': new Date().toISOString(),
      'x-webhook-signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    },
  });
}

describe('two receiver processes sharing one Redis', () => {
  let instances: Instance[] = [];
  beforeAll(async () => {
    await ensureBuilt();
    instances = await Promise.all([startInstance(), startInstance()]);
  }, 180_000);
  afterAll(() => {
    for (const { child } of instances) child.kill('SIGTERM');
  });
  // The handlers' log lines arrive on stdout, in order: a line that arrived proves that every
  // line the process wrote before it has arrived too.
  const handledBy = async (instance: Instance, id: string) => {
    await expect.poll(() => instance.handled.includes(id), { timeout: 30_000 }).toBe(true);
  };

  it('the same delivery sent to both: exactly one handles it, the other answers it as a duplicate', async () => {
    for (let round = 0; round < 5; round += 1) {
      const id = `del-${round}-${crypto.randomUUID()}`;
      const answers = await Promise.all(instances.map(async ({ url }) => (await deliver(url, id)).json()));
      expect(answers.filter((a) => a.handled === true)).toHaveLength(1);
      expect(answers.filter((a) => a.duplicate === true)).toHaveLength(1);
    }
    await expect.poll(() => instances[0]!.handled.length + instances[1]!.handled.length, { timeout: 30_000 }).toBe(5);
  });

  it('Redis down: the delivery is refused with 503 replay_store_unavailable; once Redis is back it is handled once', async () => {
    await redisServer.stop();
    const id = `del-outage-${crypto.randomUUID()}`;
    const before = instances[0]!.handled.length;
    const refused = await deliver(instances[0]!.url, id);
    expect(refused.status).toBe(503);
    const body = (await refused.json()) as { error: string; message: string };
    expect(body.error).toBe('replay_store_unavailable');
    expect(body.message).toContain('refused');

    await redisServer.start();
    // The sender retries; the clients reconnect on their own.
    const retryUntilAnswered = async (instance: Instance) => {
      for (let tries = 0; ; tries += 1) {
        const response = await deliver(instance.url, id);
        if (response.status !== 503 || tries >= 50)
          return { status: response.status, body: (await response.json()) as { duplicate?: boolean; handled?: boolean } };
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    const first = await retryUntilAnswered(instances[0]!);
    expect(first).toMatchObject({ status: 200, body: { handled: true } });
    // Each instance's client reconnects on its own schedule; once it has, the id is a duplicate there.
    const again = await retryUntilAnswered(instances[1]!);
    expect(again).toMatchObject({ status: 200, body: { duplicate: true } });
    // The retry's line has arrived, so a line of the refused attempt would have too: handled once.
    await handledBy(instances[0]!, id);
    expect(instances[0]!.handled.slice(before)).toEqual([id]);
    // Positive control for the other process: a fresh delivery's line arrives, and the id's never did.
    const control = `del-control-${crypto.randomUUID()}`;
    expect((await deliver(instances[1]!.url, control)).status).toBe(200);
    await handledBy(instances[1]!, control);
    expect(instances[1]!.handled).not.toContain(id);
  });
});
