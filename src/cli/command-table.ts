/**
 * The commands of `hookspec` as data: name, one-line summary and a loader of its code, plus the
 * text of the top-level help. No commander here: `hookspec --help` prints from this table
 * without loading the command-line parser (top-level-help.ts).
 * @module
 */
import type { Command } from 'commander';

/**
 * Every command: its one-line summary for the top-level help, and its code, loaded only when
 * that command runs (or shows its own help): `hookspec --version` and `--help` load none of it.
 */
export const COMMANDS = {
  mock: { summary: 'start the stateful mock server', load: async () => (await import('./commands/mock.ts')).mockCommand() },
  trigger: { summary: 'send a signed delivery of an event to a receiver', load: async () => (await import('./commands/trigger.ts')).triggerCommand() },
  listen: { summary: 'run a local receiver that verifies every delivery', load: async () => (await import('./commands/listen.ts')).listenCommand() },
  verify: { summary: 'verify a captured raw HTTP request', load: async () => (await import('./commands/verify.ts')).verifyCommand() },
  sign: { summary: 'print the headers a provider would send with a body', load: async () => (await import('./commands/sign.ts')).signCommand() },
  check: {
    summary: 'attack a running receiver the way a forger or a bad network would, and grade it',
    load: async () => (await import('./commands/check.ts')).checkCommand(),
  },
} satisfies Record<string, { summary: string; load: () => Promise<Command> }>;

export type CommandName = keyof typeof COMMANDS;
const isCommand = (name: string | undefined): name is CommandName => name !== undefined && Object.hasOwn(COMMANDS, name);

/** The command `argv` runs (`hookspec help <command>` included), if any. */
export function requestedCommand(argv: readonly string[]): CommandName | undefined {
  const first = argv.find((arg) => !arg.startsWith('-'));
  if (first === 'help') return [argv[argv.indexOf('help') + 1]].find(isCommand);
  return isCommand(first) ? first : undefined;
}

export const PROGRAM_DESCRIPTION =
  'Mock servers, signed test deliveries, a verifying receiver and signature checks for webhook APIs (hookspec <command> --help lists them).';

// No API is named here: the names come from the registry, which the top-level help does not
// load (it prints as fast as Node starts). Each command's --help shows runnable examples.
const EXAMPLES = [
  'hookspec mock --port 4010',
  'hookspec listen <api> --port 4000 --secret whsec_test',
  'hookspec trigger <api> <event> --to http://127.0.0.1:4000/ --secret whsec_test',
  'hookspec trigger <api> <event> --mock http://127.0.0.1:4010',
  'hookspec sign <api> --secret s3cr3t --data @body.json',
  'hookspec verify <api> --secret $SECRET --file request.http',
  'hookspec check <api> http://127.0.0.1:3000/webhooks --secret whsec_test',
];

/** What follows the generated top-level help: examples, exit codes. */
export const PROGRAM_HELP_AFTER = [
  '',
  'Examples:',
  ...EXAMPLES.map((example) => `  $ ${example}`),
  '',
  '<api> is one of the built-in APIs, or --spec <file> in its place; hookspec <command> --help lists them, their events and examples to copy.',
  '',
  'Exit codes: 0 ok, 1 a check failed (verification, delivery), 2 usage or set-up error (a missing optional peer, nothing listening).',
  'Colours only on a terminal, never with NO_COLOR set.',
].join('\n');
