import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('../../src/delivery/index.ts', import.meta.url));

/** Runs an ES module snippet in a fresh Node process (the project's Node, which runs .ts directly). */
function runScript(source: string): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', source], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

// A fetch without sockets: only the engine's own timers could keep the process alive.
const PRELUDE = `
import { createDeliveryEngine } from ${JSON.stringify(ENTRY)};
let calls = 0;
const fetch = async () => new Response(null, { status: ++calls === 1 ? 500 : 200 });
`;

describe('process lifetime', () => {
  it('a pending retry does not keep the process alive (timers are unref’d)', async () => {
    const result = await runScript(`${PRELUDE}
const engine = createDeliveryEngine({ fetch, backoff: { baseMs: 60_000, jitter: 'none' } });
const { id } = engine.enqueue({ url: 'http://receiver.test/', eventType: 'e', body: '{}' });
await new Promise((r) => setImmediate(r));
await new Promise((r) => setImmediate(r));
console.log(JSON.stringify(engine.stats()));
`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ pending: 1, scheduled: 1 });
    expect(result.ms).toBeLessThan(10_000);
  });

  it('awaiting drain({ timeoutMs }) keeps the process alive until retries due before the deadline have run', async () => {
    const result = await runScript(`${PRELUDE}
const engine = createDeliveryEngine({ fetch, backoff: { baseMs: 300, jitter: 'none' } });
const { id } = engine.enqueue({ url: 'http://receiver.test/', eventType: 'e', body: '{}' });
const drained = await engine.drain({ timeoutMs: 5_000 });
engine.close();
console.log(JSON.stringify({ drained: drained.drained, record: engine.get(id) }));
`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as { drained: boolean; record: { state: string; attempts: number } };
    expect(out.drained).toBe(true);
    expect(out.record).toMatchObject({ state: 'delivered', attempts: 2 });
  });
});
