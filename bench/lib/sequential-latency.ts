// Latency at one connection: requests sent one after another on one kept-alive socket, the way
// a test suite talks to a mock. Timed here in microseconds (autocannon's histogram counts whole
// milliseconds, too coarse for one request to a local server).
import { Agent, request as httpRequest } from 'node:http';

export interface SequentialRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

export interface SequentialLatency {
  requests: number;
  p50Us: number;
  p99Us: number;
  /** Requests whose status was not 2xx. */
  non2xx: number;
}

function once(agent: Agent, target: SequentialRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(target.url, { method: target.method, headers: target.headers, agent }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(target.body);
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/** Sends the request back to back for `seconds` (after `warmupSeconds`), timing each one. */
export async function sequentialLatency(target: SequentialRequest, seconds: number, warmupSeconds = 0.5): Promise<SequentialLatency> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const warmupEnd = performance.now() + warmupSeconds * 1000;
    while (performance.now() < warmupEnd) await once(agent, target);
    const timings: number[] = [];
    let non2xx = 0;
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) {
      const started = performance.now();
      const status = await once(agent, target);
      timings.push((performance.now() - started) * 1000);
      if (status < 200 || status > 299) non2xx++;
    }
    timings.sort((a, b) => a - b);
    return { requests: timings.length, p50Us: percentile(timings, 0.5), p99Us: percentile(timings, 0.99), non2xx };
  } finally {
    agent.destroy();
  }
}
