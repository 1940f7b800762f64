// The ports given to the servers that cannot bind port 0 (redis-server, the Next.js app).
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { CANDIDATE_PORTS, portCandidate, startOnCandidatePort } from '../support/port-candidate.ts';

const inUse = () => Object.assign(new Error('listen EADDRINUSE: address already in use'), { code: 'EADDRINUSE' });

describe('portCandidate', () => {
  it('lies outside the ports this OS hands out for port-0 binds, so no other test server can be given it', async () => {
    const range = '/proc/sys/net/ipv4/ip_local_port_range';
    if (existsSync(range)) {
      const [low, high] = readFileSync(range, 'utf8').trim().split(/\s+/).map(Number);
      expect(CANDIDATE_PORTS.to <= low! || CANDIDATE_PORTS.from > high!).toBe(true);
    }
    const server = createServer();
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    expect(port < CANDIDATE_PORTS.from || port >= CANDIDATE_PORTS.to).toBe(true);
  });

  it('is a port in the candidate range', () => {
    for (let i = 0; i < 100; i += 1) {
      const port = portCandidate();
      expect(port).toBeGreaterThanOrEqual(CANDIDATE_PORTS.from);
      expect(port).toBeLessThan(CANDIDATE_PORTS.to);
    }
  });
});

describe('startOnCandidatePort', () => {
  it('starts again on another port while the port is in use', async () => {
    const tried: number[] = [];
    const started = await startOnCandidatePort(async (port) => {
      tried.push(port);
      if (tried.length < 3) throw inUse();
      return `on ${port}`;
    });
    expect(tried).toHaveLength(3);
    expect(started).toBe(`on ${tried[2]}`);
  });

  it('passes on any other failure at once', async () => {
    let calls = 0;
    const failure = new Error('redis-server exited with 1: bad config');
    await expect(
      startOnCandidatePort(async () => {
        calls += 1;
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(calls).toBe(1);
  });

  it('gives up after the tries it was given', async () => {
    let calls = 0;
    await expect(
      startOnCandidatePort(async () => {
        calls += 1;
        throw inUse();
      }, 4),
    ).rejects.toThrow(/EADDRINUSE/);
    expect(calls).toBe(4);
  });

  it('a real server on a held port fails with EADDRINUSE and is started on another one', async () => {
    const holders: ReturnType<typeof createServer>[] = [];
    try {
      let first = true;
      const server = await startOnCandidatePort(async (port) => {
        if (first) {
          // Something else already listens on the first candidate.
          first = false;
          const holder = createServer();
          holders.push(holder);
          await new Promise<void>((resolve, reject) => holder.once('error', reject).listen(port, '127.0.0.1', resolve));
        }
        const candidate = createServer();
        holders.push(candidate);
        await new Promise<void>((resolve, reject) => candidate.once('error', reject).listen(port, '127.0.0.1', resolve));
        return candidate;
      });
      expect(server.listening).toBe(true);
      expect(holders).toHaveLength(3);
    } finally {
      await Promise.all(holders.filter((server) => server.listening).map((server) => new Promise((resolve) => server.close(resolve))));
    }
  });
});
