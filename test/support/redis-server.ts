/**
 * A real Redis for the replay-store tests: Debian's `redis-server` (installed by
 * scripts/ensure-redis-server.ts before `npm test`) on a loopback port, in memory only.
 * redis-server cannot be told port 0 (that turns TCP off): it gets a candidate port
 * (./port-candidate.ts) and another one while the port is in use; a restart comes back on the
 * same port, retried while something still holds it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { startOnCandidatePort } from './port-candidate.ts';
import { REDIS_SERVER_PATH } from '../../scripts/redis-server-path.ts';

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Stops the server (the port stays reserved for `start`). */
  stop(): Promise<void>;
  /**
   * Starts it again on the same port, empty; while another process holds the port, the start
   * is retried (`onPortInUse` is told of each failed try).
   */
  start(options?: { onPortInUse?: () => void }): Promise<void>;
}

function launch(port: number): Promise<ChildProcess> {
  const child = spawn(REDIS_SERVER_PATH, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start within 10 s:\n${output}`));
    }, 10_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
}

const ADDRESS_IN_USE = /Address already in use|EADDRINUSE/;

/** `launch(port)`, again while the port is in use: `tries` times, `pauseMs` apart. */
async function launchRetrying(port: number, tries: number, pauseMs: number, onPortInUse?: () => void): Promise<ChildProcess> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await launch(port);
    } catch (error) {
      if (attempt >= tries || !ADDRESS_IN_USE.test(String(error))) throw error;
      onPortInUse?.();
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}

/** Starts `redis-server` on a 127.0.0.1 port; call `stop()` in `afterAll`. */
export async function startRedisServer(): Promise<RedisServer> {
  const first = await startOnCandidatePort(async (port) => ({ child: await launch(port), port }));
  const port = first.port;
  let child: ChildProcess | undefined = first.child;
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    await exited;
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    async start(options = {}) {
      if (child) return;
      // The same port (the clients reconnect to it): wait while something else still holds it.
      child = await launchRetrying(port, 40, 250, options.onPortInUse);
    },
  };
}
