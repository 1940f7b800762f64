// Every `$ hookspec check …` line of docs/check.md (README links it) runs here against
// the receiver it names, and its output must match the README's (durations masked): port 3000
// is the quick-start receiver, port 3001 the fixture that verifies a re-serialised body.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../examples/sidclaw-receiver.ts';
import { reserialisedBodyReceiver } from './check/fixtures/reserialised-body.ts';
import { serveFetch, type ServedReceiver } from './check/serve-fetch.ts';

const cli = resolve('src/cli/index.ts');
const section = readFileSync('docs/check.md', 'utf8');
const blocks = [...section.matchAll(/```text\n([\s\S]*?)```/g)].map((m) => m[1]!);
const SECRET = 'whsec_test';

const mask = (text: string) =>
  text
    .replace(/\d+ ms/g, '<n> ms')
    .replace(/[ \t]+$/gm, '')
    .trimEnd();

function run(command: string, ports: Record<string, number>): Promise<{ code: number; output: string }> {
  let shell = command.replace(/^hookspec /, `"${process.execPath}" "${cli}" `);
  for (const [shown, real] of Object.entries(ports)) shell = shell.replaceAll(`127.0.0.1:${shown}`, `127.0.0.1:${real}`);
  return new Promise((done) => {
    const child = spawn('sh', ['-c', shell], { env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => {
      for (const [shown, real] of Object.entries(ports)) output = output.replaceAll(`127.0.0.1:${real}`, `127.0.0.1:${shown}`);
      done({ code: code ?? -1, output });
    });
  });
}

describe('README: hookspec check output', () => {
  let good: ReturnType<typeof startReceiver>;
  let flawed: ServedReceiver;
  const ports: Record<string, number> = {};
  beforeAll(async () => {
    good = startReceiver(SECRET, 0);
    await new Promise((done) => good.once('listening', done));
    flawed = await serveFetch(reserialisedBodyReceiver(SECRET));
    ports['3000'] = (good.address() as AddressInfo).port;
    ports['3001'] = Number(new URL(flawed.url).port);
  });
  afterAll(async () => {
    good.closeAllConnections();
    good.close();
    await flawed.close();
  });

  it('shows a flawed and a good receiver', () => {
    expect(blocks.map((block) => block.split('\n')[0])).toEqual([
      `$ hookspec check sidclaw http://127.0.0.1:3001/webhooks --secret ${SECRET}`,
      `$ hookspec check sidclaw http://127.0.0.1:3000/webhooks --secret ${SECRET}`,
    ]);
  });

  for (const [index, block] of blocks.entries()) {
    it(`block ${index + 1} is real output (exit ${index === 0 ? 1 : 0})`, async () => {
      const [command, ...expected] = block.split('\n');
      const { code, output } = await run(command!.slice(2), ports);
      expect(mask(output)).toBe(mask(expected.join('\n')));
      expect(code).toBe(index === 0 ? 1 : 0);
    });
  }
});
