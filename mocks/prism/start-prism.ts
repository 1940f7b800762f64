import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { freePort } from '../../src/net/free-port.ts';

const require = createRequire(import.meta.url);
const prismBin = join(dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js');

export interface PrismInstance {
  /** `http://127.0.0.1:<port>`: the spec's paths hang directly off it. */
  readonly url: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts Prism on a free 127.0.0.1 port: `mock` answers from the spec, `proxy` forwards to
 * `upstream` and validates both directions (violations in the `sl-violations` header).
 */
export async function startPrism(
  spec: string,
  options: { mode?: 'mock' | 'proxy'; upstream?: string; errors?: boolean; port?: number } = {},
): Promise<PrismInstance> {
  const port = options.port ?? (await freePort());
  const mode = options.mode ?? 'mock';
  const args = [prismBin, mode, spec];
  if (mode === 'proxy') args.push(options.upstream ?? '');
  args.push('--host', '127.0.0.1', '--port', String(port));
  if (options.errors) args.push('--errors');
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Prism is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
