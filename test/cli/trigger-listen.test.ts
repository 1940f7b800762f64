import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as exchangeValidators from '../../generated/exchange/zod.gen.ts';
import * as pipevestValidators from '../../generated/pipevest/zod.gen.ts';
import * as provenValidators from '../../generated/proven/zod.gen.ts';
import * as provenonceValidators from '../../generated/provenonce/zod.gen.ts';
import * as sidclawValidators from '../../generated/sidclaw/zod.gen.ts';
import { eventRegistryFrom } from '../../src/webhooks/event-registry.ts';
import { ensureBuilt, jsonLines, runCli, startCli, type RunningCli } from './helpers.ts';
import { refusingPort } from '../support/refusing-port.ts';

/** The APIs the CLI wires in, with every event their spec documents (from the generated validators). */
const documented: Record<string, string[]> = {
  sidclaw: [...eventRegistryFrom(sidclawValidators).keys()],
  provenonce: [...eventRegistryFrom(provenonceValidators).keys()],
  exchange: [...eventRegistryFrom(exchangeValidators).keys()],
  proven: [...eventRegistryFrom(provenValidators).keys()],
  pipevest: [...eventRegistryFrom(pipevestValidators).keys()],
};
const SECRET = 'whsec_cli_listen_test';

// Pipevest signs with an Ed25519 key pair: the sender holds the private key, the listener the public one.
const keys = generateKeyPairSync('ed25519');
const keyDir = mkdtempSync(join(tmpdir(), 'hookspec-keys-'));
writeFileSync(join(keyDir, 'private.pem'), keys.privateKey.export({ type: 'pkcs8', format: 'pem' }));
writeFileSync(join(keyDir, 'public.pem'), keys.publicKey.export({ type: 'spki', format: 'pem' }));
/** The credential options of each side, per API. */
const sender = (api: string) => (api === 'pipevest' ? ['--key', `@${join(keyDir, 'private.pem')}`] : ['--secret', SECRET]);
const receiver = (api: string) => (api === 'pipevest' ? ['--key', `@${join(keyDir, 'public.pem')}`] : ['--secret', SECRET]);

const listeners: Record<string, { cli: RunningCli; url: string }> = {};

beforeAll(async () => {
  await ensureBuilt();
  await Promise.all(
    Object.keys(documented).map(async (api) => {
      const cli = startCli(['listen', api, '--port', '0', ...receiver(api), '--json']);
      const ready = await cli.ready;
      listeners[api] = { cli, url: String(ready.listening) };
    }),
  );
}, 120_000);

afterAll(async () => {
  for (const { cli } of Object.values(listeners)) expect(await cli.stop('SIGINT')).toBe(0);
  rmSync(keyDir, { recursive: true, force: true });
});

/** Runs `tasks` with at most `limit` at a time. */
async function pool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]!();
      }
    }),
  );
  return results;
}

describe('hookspec trigger → hookspec listen', () => {
  it('wires all 5 APIs with 25 documented events', () => {
    expect(Object.keys(documented)).toEqual(['sidclaw', 'provenonce', 'exchange', 'proven', 'pipevest']);
    expect(Object.values(documented).flat()).toHaveLength(25);
  });

  it('every documented event of every wired API is delivered, signed, and verifies ✓', async () => {
    const pairs = Object.entries(documented).flatMap(([api, events]) => events.map((event) => ({ api, event })));
    const results = await pool(
      pairs.map(({ api, event }) => async () => {
        const result = await runCli(['trigger', api, event, '--to', `${listeners[api]!.url}/webhooks/${api}`, ...sender(api), '--json']);
        return { api, event, result };
      }),
      4,
    );
    for (const { api, event, result } of results) {
      expect(result.code, `${api} ${event}: ${result.stdout}${result.stderr}`).toBe(0);
      const [summary] = jsonLines(result.stdout);
      expect(summary).toMatchObject({ api, event, count: 1, ok: 1, failed: 0, deliveries: [{ status: 200, ok: true }] });
    }
    for (const [api, events] of Object.entries(documented)) {
      const { cli, url } = listeners[api]!;
      // One printed line per delivery, each ✓ (ok) with its event type.
      for (const event of events) {
        const line = await cli.waitForLine((text) => text.includes(`"type":${JSON.stringify(event)}`));
        expect(JSON.parse(line)).toMatchObject({ ok: true, type: event, path: `/webhooks/${api}`, status: 200 });
      }
      const kept = (await (await fetch(`${url}/`)).json()) as { api: string; verified: number; deliveries: Array<{ ok: boolean; type: string }> };
      expect(kept.api).toBe(api);
      expect(
        kept.deliveries
          .filter((d) => d.ok)
          .map((d) => d.type)
          .sort(),
      ).toEqual([...events].sort());
    }
  }, 120_000);
});

describe('hookspec listen (text output)', () => {
  let cli: RunningCli;
  let url: string;
  let downstream: RunningCli;
  let downstreamUrl: string;

  beforeAll(async () => {
    downstream = startCli(['listen', 'provenonce', '--port', '0', '--secret', SECRET, '--json']);
    downstreamUrl = String((await downstream.ready).listening);
    cli = startCli(['listen', 'provenonce', '--port', '0', '--secret', SECRET, '--keep', '3', '--forward-to', `${downstreamUrl}/forwarded`]);
    const first = await cli.waitForLine((line) => line.startsWith('hookspec listen provenonce on '));
    url = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(first)![1]!;
  }, 60_000);

  afterAll(async () => {
    expect(await cli.stop('SIGINT')).toBe(0);
    expect(cli.lines.at(-1)).toMatch(/^SIGINT: stopped after \d+ deliveries \(\d+ verified\)\.$/);
    await downstream.stop('SIGTERM');
  });

  it('prints time, event type, delivery id and ✓, and forwards the raw request', async () => {
    const result = await runCli(['trigger', 'provenonce', 'sigil.purchased', '--to', url, '--secret', SECRET]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(`^→ POST ${url}/  provenonce sigil\\.purchased\\n✓ 200 OK in [\\d.]+ ms\\n\\{"received":true,"type":"sigil.purchased","handled":false\\}\\n$`),
    );
    const line = await cli.waitForLine((text) => text.includes('sigil.purchased'));
    expect(line).toMatch(/^\d\d:\d\d:\d\d\.\d{3} {2}sigil\.purchased +- +✓ {2}→ 200$/);
    // The forwarded copy is byte-identical, so it verifies downstream too.
    const forwarded = JSON.parse(await downstream.waitForLine((text) => text.includes('sigil.purchased')));
    expect(forwarded).toMatchObject({ ok: true, path: '/forwarded', type: 'sigil.purchased' });
  });

  it('a wrong secret prints ✗ signature_mismatch and trigger exits 1', async () => {
    const result = await runCli(['trigger', 'provenonce', 'agent.unfrozen', '--to', url, '--secret', 'not-the-secret']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ 401 Unauthorized');
    expect(result.stdout).toContain('"error":"signature_mismatch"');
    const line = await cli.waitForLine((text) => text.includes('agent.unfrozen'));
    expect(line).toMatch(/agent\.unfrozen +- +✗ signature_mismatch/);
  });

  it('--data and --set shape the payload; --count prints one plain line per delivery off a terminal', async () => {
    const result = await runCli([
      'trigger',
      'provenonce',
      'heartbeat.recorded',
      '--to',
      url,
      '--secret',
      SECRET,
      '--data',
      '{"agent_id":"ag_7"}',
      '--set',
      'data.beats=3',
      '--set',
      'data.tags.0=x',
      '--count',
      '3',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.slice(0, 3)).toEqual([1, 2, 3].map((n) => expect.stringMatching(new RegExp(`^\\[${n}/3\\] ✓ ${n} ✗ 0  last: 200 in [\\d.]+ ms$`))));
    expect(lines[3]).toMatch(new RegExp(`^✓ 3 × heartbeat\\.recorded → ${url}/: 3 ok, 0 failed \\(3× 200\\); `));
    const kept = (await (await fetch(`${url}/`)).json()) as { deliveries: Array<{ type: string; payload: unknown }> };
    // --keep 3: the three heartbeats pushed the earlier deliveries out.
    expect(kept.deliveries.map((d) => d.type)).toEqual(['heartbeat.recorded', 'heartbeat.recorded', 'heartbeat.recorded']);
    expect(kept.deliveries[0]!.payload).toEqual({ event: 'heartbeat.recorded', data: { agent_id: 'ag_7', beats: 3, tags: ['x'] } });
  });

  it('an unreachable receiver is a failed check (exit 1) with the reason', async () => {
    const refusing = await refusingPort();
    onTestFinished(refusing.close);
    const result = await runCli(['trigger', 'provenonce', 'agent.frozen', '--to', `http://127.0.0.1:${refusing.port}/`, '--secret', SECRET, '--json']);
    expect(result.code).toBe(1);
    expect(jsonLines(result.stdout)[0]).toMatchObject({ ok: 0, failed: 1, deliveries: [{ status: null, error: 'ECONNREFUSED' }] });
  });
});
