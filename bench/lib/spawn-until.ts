import { spawn, type ChildProcess } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';

/**
 * Spawns a server process (told to bind port 0) and resolves once its output matches `ready`,
 * whose first group is the port it got, with that port and the time it took.
 */
export function spawnUntil(args: string[], ready: RegExp, env: Record<string, string> = {}): Promise<{ child: ChildProcess; startupMs: number; port: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`not ready within 60 s: ${args.join(' ')}\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = ready.exec(stripVTControlCharacters(output))?.[1];
      if (port !== undefined) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners('data');
        child.stderr?.removeAllListeners('data');
        child.stdout?.resume();
        child.stderr?.resume();
        resolve({ child, startupMs: performance.now() - started, port: Number(port) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${args.join(' ')}\n${output}`)));
  });
}

/** The `ready` pattern of a server that prints `<prefix> http://127.0.0.1:<port>`. */
export const listeningOn = (prefix: string) => new RegExp(`${prefix} http://127\\.0\\.0\\.1:(\\d+)`);

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}
