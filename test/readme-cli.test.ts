// Every `$ …` line of docs/cli.md (README links it) runs here (`hookspec` is this repository's CLI), and
// its output must match the README's, with delivery ids, clock times and durations masked.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killGroup, spawnGroup } from './support/process-group.ts';

const cli = resolve('src/cli/index.ts');
const section = readFileSync('docs/cli.md', 'utf8');
const blocks = [...section.matchAll(/```text\n([\s\S]*?)```/g)].map((m) => m[1]!);

/** Masks what changes from run to run. */
const mask = (text: string, port: number | undefined) =>
  (port === undefined ? text : text.replaceAll(String(port), '<port>'))
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')
    .replace(/\d\d:\d\d:\d\d\.\d{3}/g, '<time>')
    .replace(/\d+(\.\d+)? ms/g, '<n> ms')
    .replace(/[ \t]+$/gm, '')
    .trimEnd();

/** The commands of a block, each with the output the README shows for it. */
function commands(block: string): Array<{ command: string; expected: string }> {
  const result: Array<{ command: string; expected: string }> = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('$ ')) result.push({ command: line.slice(2), expected: '' });
    else if (result.length > 0) result.at(-1)!.expected += `${line}\n`;
  }
  return result;
}

/** The port a server printed it listens on (they bind port 0 here, and say which port they got). */
const printedPort = (output: string, name: string): number | undefined => {
  const port = new RegExp(`${name} on http://127\\.0\\.0\\.1:(\\d+)`).exec(output)?.[1];
  return port === undefined ? undefined : Number(port);
};

/** Runs a README command; a long-running one is stopped once `done(output)`, or after 30 s. */
function run(command: string, cwd: string, done?: (output: string) => boolean): Promise<string> {
  const shell = command.replace(/^hookspec /, `"${process.execPath}" "${cli}" `).replace(/\| hookspec /g, '');
  return new Promise((resolvePromise) => {
    // Its own process group: stopping the shell alone would leave the `hookspec mock` it runs.
    const child = spawnGroup('sh', ['-c', shell], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    // A fixed wait was too short on a loaded machine: stop when the banner is out instead.
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (done?.(output)) killGroup(child, 'SIGTERM');
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    const timer = done === undefined ? undefined : setTimeout(() => killGroup(child, 'SIGTERM'), 30_000);
    child.on('exit', () => {
      clearTimeout(timer);
      resolvePromise(output);
    });
  });
}

let listener: ChildProcess;
let listenerOutput = '';
let port = 0;
const cwd = mkdtempSync(join(tmpdir(), 'hookspec-readme-'));

beforeAll(async () => {
  listener = spawnGroup(process.execPath, [cli, 'listen', 'sidclaw', '--port', '0', '--secret', 'whsec_test'], {
    env: { ...process.env, NO_COLOR: '1' },
  });
  listener.stdout!.on('data', (chunk: Buffer) => (listenerOutput += chunk.toString()));
  await new Promise<void>((resolvePromise) => {
    const check = () => (listenerOutput.includes('Stop with Ctrl+C') ? resolvePromise() : setTimeout(check, 50));
    check();
  });
  port = printedPort(listenerOutput, 'hookspec listen sidclaw') ?? 0;
  expect(port, listenerOutput).toBeGreaterThan(0);
}, 60_000);
afterAll(() => {
  if (listener) killGroup(listener, 'SIGTERM');
});

describe('README CLI examples', () => {
  it('has the mock, trigger, listen, sign and verify examples', () => {
    const all = blocks
      .flatMap(commands)
      .filter((c) => c.command.startsWith('hookspec '))
      .map((c) => c.command.split(' ')[1]);
    expect(new Set(all)).toEqual(new Set(['mock', 'trigger', 'sign', 'verify']));
    expect(blocks.some((block) => block.startsWith('hookspec listen sidclaw'))).toBe(true);
  });

  it('each command prints what README shows', async () => {
    for (const block of blocks) {
      for (const { command, expected } of commands(block)) {
        const isMock = command.startsWith('hookspec mock');
        if (isMock) {
          // The mock keeps serving: started on port 0, it names the port it got; compare its banner, then stop it.
          const shown = mask(expected, 4321);
          const masked = (output: string) => mask(output, printedPort(output, 'hookspec mock server'));
          const actual = await run(command.replaceAll('4321', '0'), cwd, (output) => masked(output).length >= shown.length);
          expect(masked(actual).slice(0, shown.length), command).toBe(shown);
        } else {
          const actual = await run(command.replaceAll('4123', String(port)), cwd);
          expect(mask(actual, port), command).toBe(mask(expected, 4123));
        }
      }
    }
  }, 120_000);

  it('the listener printed the lines README shows', () => {
    const block = blocks.find((b) => b.startsWith('hookspec listen sidclaw'))!;
    const actual = mask(listenerOutput, port).split('\n');
    for (const line of mask(block, 4123).split('\n').slice(1)) expect(actual, line).toContain(line);
  });
});
