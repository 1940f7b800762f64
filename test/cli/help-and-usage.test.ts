import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/command-table.ts';
import { createProgram } from '../../src/cli/program.ts';
import { topLevelHelp } from '../../src/cli/top-level-help.ts';
import { ensureBuilt, jsonLines, runCli } from './helpers.ts';

beforeAll(ensureBuilt, 120_000);

const commands = ['mock', 'trigger', 'listen', 'verify', 'sign'];

describe.concurrent('hookspec --help', () => {
  it('lists every command with examples and the exit codes', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of commands) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(result.stdout).toContain('Examples:');
    expect(result.stdout).toContain('Exit codes: 0 ok, 1 a check failed');
  });

  it.each(commands)('%s --help shows usage and examples, exit 0', async (command) => {
    const result = await runCli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: hookspec ${command}`);
    expect(result.stdout).toContain('Examples:\n  $ hookspec');
    expect(result.stdout).toContain('--json');
  });

  it('trigger --help lists the events of every API, from the generated validators', async () => {
    const { stdout } = await runCli(['trigger', '--help']);
    expect(stdout).toMatch(/sidclaw\s+agent\.revoked, .*approval\.requested, .*test, trace\.completed/);
    expect(stdout).toMatch(/proven\s+basic-message:received, .*presentation:verified/);
    expect(stdout).toMatch(/pipevest\s+WEBHOOK\.CREATED, WEBHOOK\.UPDATED/);
  });

  it('--version prints the package version', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe.concurrent('usage errors exit 2', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['an unknown command', ['trigge'], /unknown command 'trigge'[\s\S]*Did you mean trigger\?/],
    [
      'an unknown API, listing the valid ones',
      ['trigger', 'stripe', 'x', '--to', 'http://127.0.0.1:9/'],
      /Unknown API "stripe"\. Valid APIs: exchange, pipevest, proven, provenonce, sidclaw\./,
    ],
    [
      'an unknown event, listing the valid ones',
      ['trigger', 'sidclaw', 'nope', '--to', 'http://127.0.0.1:9/', '--secret', 's'],
      /Unknown SidClaw event "nope"\. Valid events: agent\.revoked, .*trace\.completed\./,
    ],
    ['a missing --to', ['trigger', 'sidclaw', 'test', '--secret', 's'], /give --to <url> \(post the delivery yourself\) or --mock <url>/],
    ['a missing secret for a signing API', ['trigger', 'exchange', 'order.created', '--to', 'http://127.0.0.1:9/'], /Exchange needs --secret <secret>/],
    ['a missing key for pipevest', ['trigger', 'pipevest', 'WEBHOOK.CREATED', '--to', 'http://127.0.0.1:9/'], /Pipevest needs --key <key> \(or HOOKSPEC_KEY\)/],
    [
      'an unreadable key',
      ['sign', 'pipevest', '--key', 'not a key', '--data', '{}'],
      /--key is not a readable key \(PEM, JWK, a base64url private seed, or "mock"\)/,
    ],
    ['an invalid --count', ['trigger', 'proven', 'credentials:done', '--to', 'http://127.0.0.1:9/', '--count', '0'], /--count must be a whole number ≥ 1/],
    ['an invalid URL', ['trigger', 'proven', 'credentials:done', '--to', 'localhost:9'], /--to must be an http:\/\/ or https:\/\/ URL/],
    ['an unknown option', ['sign', 'sidclaw', '--secret', 's', '--data', '{}', '--nope'], /unknown option '--nope'/],
    ['a malformed --set', ['trigger', 'proven', 'credentials:done', '--to', 'http://127.0.0.1:9/', '--set', 'novalue'], /--set novalue: expected path=value/],
    ['invalid --data JSON', ['trigger', 'proven', 'credentials:done', '--to', 'http://127.0.0.1:9/', '--data', '{nope'], /--data: not valid JSON/],
    ['an unreadable --data file', ['sign', 'sidclaw', '--secret', 's', '--data', '@/nonexistent/body.json'], /cannot read the file \(ENOENT\)/],
    ['the wrong credential option', ['sign', 'sidclaw', '--key', 'k', '--data', '{}'], /SidClaw does not use --key; pass --secret/],
    ['an out-of-range port', ['listen', 'proven', '--port', '70000'], /--port must be at most 65535/],
    ['an unreadable --file', ['verify', 'proven', '--file', '/nonexistent.http'], /cannot read the file/],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const result = await runCli(args);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('with --json, a usage error is also one JSON object on stdout', async () => {
    const result = await runCli(['trigger', 'sidclaw', 'nope', '--to', 'http://127.0.0.1:9/', '--secret', 's', '--json']);
    expect(result.code).toBe(2);
    expect(jsonLines(result.stdout)).toEqual([{ ok: false, error: { code: 'usage', message: expect.stringContaining('Valid events:') } }]);
  });

  it('with --json, a commander error is JSON on stdout too', async () => {
    const result = await runCli(['trigger', 'sidclaw', 'test', '--to', 'http://127.0.0.1:9/', '--nope', '--json']);
    expect(result.code).toBe(2);
    expect(jsonLines(result.stdout)[0]).toMatchObject({ ok: false, error: { code: 'usage', message: expect.stringContaining("unknown option '--nope'") } });
  });

  it('never colours output that is not a terminal, even without NO_COLOR', async () => {
    const result = await runCli(['sign', 'proven', '--data', '{"event":"x"}'], { env: { NO_COLOR: '' } });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('\u001b[');
  });
});

describe('start-up: each command loads its code only when it runs', () => {
  it('hookspec --help (printed without commander) is the text commander prints for the program', async () => {
    const program = await createProgram([]);
    let commanderText = '';
    program.configureOutput({ writeOut: (text) => (commanderText += text) });
    await program.parseAsync(['--help'], { from: 'user' }).catch(() => {});
    expect(topLevelHelp()).toBe(commanderText);
    expect((await runCli(['--help'])).stdout).toBe(commanderText);
  });

  it("the top-level help's summary of each command is the command's own", async () => {
    for (const [name, { summary, load }] of Object.entries(COMMANDS)) expect((await load()).summary(), name).toBe(summary);
  });

  it('hookspec help <command> shows the full help of that command', async () => {
    const { stdout, code } = await runCli(['help', 'check']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: hookspec check .*<api>/);
  });
});
