/**
 * An example app started as its own process (its own process group, so `next start` and the
 * runtimes' launchers go down with their children), with the JSON lines it printed.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startOnCandidatePort } from '../support/port-candidate.ts';

export interface RunningApp {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** What the app printed for each event it handled (its `{ handled, … }` stdout lines). */
  handled(): Array<Record<string, unknown>>;
  output(): string;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Collects `{ "handled": … }` lines and everything else printed, from any readable output. */
export function outputCollector() {
  const handled: Array<Record<string, unknown>> = [];
  let output = '';
  return {
    handled,
    output: () => output,
    read(stream: NodeJS.ReadableStream) {
      createInterface({ input: stream }).on('line', (line) => {
        output += `${line}\n`;
        if (!line.startsWith('{"handled"')) return;
        handled.push(JSON.parse(line) as Record<string, unknown>);
      });
    },
  };
}

/** Waits until something answers HTTP on the origin (any status). */
export async function waitForHttp(origin: string, failed: () => string | undefined, timeoutMs: number, printed: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reason = failed();
    if (reason !== undefined) throw new Error(reason);
    try {
      await fetch(`${origin}/ready-probe`, { signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`Nothing answered on ${origin} within ${timeoutMs} ms. It printed:\n${printed()}`);
      await sleep(100);
    }
  }
}

type ForPort<T> = T | ((port: number) => T);
const forPort = <T>(value: ForPort<T>, port: number): T => (typeof value === 'function' ? (value as (port: number) => T)(port) : value);

export interface StartAppOptions {
  command: string;
  /** The arguments, or a function of the port when the command line names it. */
  args: ForPort<readonly string[]>;
  cwd: string;
  /** The environment, or a function of the port when it names the app's own URL. */
  env: ForPort<Record<string, string>>;
  startTimeoutMs?: number;
}

/** Arguments that make the apps print the address they bound ("listening on http://…"); Deno prints it itself. */
export const REPORT_LISTENING = {
  node: ['--import', new URL('report-listening/node.ts', import.meta.url).href],
  bun: ['--preload', fileURLToPath(new URL('report-listening/bun.ts', import.meta.url))],
} as const;

const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)/i;

/**
 * Starts the app with PORT=0 and takes the port it bound from its "listening on <url>" line
 * (see REPORT_LISTENING). An app whose command line or environment must name its port (Next.js
 * is told its own URL before it starts) gets a candidate port instead
 * (../support/port-candidate.ts), and another one when that one is in use.
 */
export function startApp(options: StartAppOptions): Promise<RunningApp> {
  if (typeof options.args === 'function' || typeof options.env === 'function') return startOnCandidatePort((port) => startAppOn(options, port));
  return startAppOn(options, 0);
}

async function startAppOn(options: StartAppOptions, port: number): Promise<RunningApp> {
  const args = forPort(options.args, port);
  const child = spawn(options.command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...forPort(options.env, port), PORT: String(port), NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const collected = outputCollector();
  collected.read(child.stdout);
  collected.read(child.stderr);
  let exit: string | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exit = `${options.command} ${args.join(' ')} exited (${code ?? signal}) before it listened:\n${collected.output()}`;
      resolve();
    }),
  );
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const group = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // the group is gone already
      }
    };
    group('SIGTERM');
    const timer = setTimeout(() => group('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
    group('SIGKILL'); // children that ignored SIGTERM after the leader exited
  };
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  try {
    const origin = port === 0 ? await printedOrigin(collected.output, () => exit, timeoutMs) : `http://127.0.0.1:${port}`;
    await waitForHttp(origin, () => exit, timeoutMs, collected.output);
    // Something else answering on a port this app failed to take is not this app.
    if (exit !== undefined) throw new Error(exit);
    return { origin, handled: () => collected.handled, output: collected.output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The origin in the app's "listening on <url>" line, once it printed one. */
async function printedOrigin(output: () => string, failed: () => string | undefined, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const origin = LISTENING.exec(output())?.[1];
    if (origin !== undefined) return origin;
    const reason = failed();
    if (reason !== undefined) throw new Error(reason);
    if (Date.now() > deadline) throw new Error(`The app printed no "listening on <url>" within ${timeoutMs} ms. It printed:\n${output()}`);
    await sleep(100);
  }
}
