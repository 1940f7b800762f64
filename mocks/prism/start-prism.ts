import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const require = createRequire(import.meta.url);
const prismBin = join(dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js');

export interface PrismInstance {
  /** `http://127.0.0.1:<port>`: the spec's paths hang directly off it. */
  readonly url: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts Prism on 127.0.0.1: `mock` answers from the spec, `proxy` forwards to `upstream` and
 * validates both directions (violations in the `sl-violations` header). Prism binds port 0 and
 * prints the port it got, so the URL is read back from its output, never chosen beforehand.
 */
export async function startPrism(spec: string, options: { mode?: 'mock' | 'proxy'; upstream?: string; errors?: boolean } = {}): Promise<PrismInstance> {
  const mode = options.mode ?? 'mock';
  const args = [prismBin, mode, spec];
  if (mode === 'proxy') args.push(options.upstream ?? '');
  args.push('--host', '127.0.0.1', '--port', '0');
  if (options.errors) args.push('--errors');
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Prism did not start within 30 s:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stripVTControlCharacters(output));
      if (listening) {
        clearTimeout(timer);
        resolve(listening[1]!);
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
    url,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
