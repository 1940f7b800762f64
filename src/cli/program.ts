import { Command, CommanderError } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { COMMANDS, PROGRAM_DESCRIPTION, PROGRAM_HELP_AFTER, requestedCommand } from './command-table.ts';
import { CheckFailedError, EXIT, UsageError, messageOf } from './errors.ts';

/** Commander's own error codes that mean "the command line was fine, stop here". */
const CLEAN_EXITS = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

/**
 * The `hookspec` program; errors are thrown, never `process.exit`ed. The command `argv` names
 * is built in full; the others are placeholders with their summary (for the help and for
 * suggestions), so a run loads one command's code.
 */
export async function createProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('hookspec')
    .description(PROGRAM_DESCRIPTION)
    .version(packageJson.version, '-V, --version')
    .showSuggestionAfterError(true)
    .showHelpAfterError('(add --help for usage)')
    // Unwrapped, so top-level-help.ts can print the same text without loading commander.
    .configureHelp({ helpWidth: Number.MAX_SAFE_INTEGER })
    .addHelpText('after', PROGRAM_HELP_AFTER)
    .exitOverride();
  const requested = requestedCommand(argv);
  for (const [name, { summary, load }] of Object.entries(COMMANDS)) {
    const command = name === requested ? await load() : new Command(name).summary(summary);
    program.addCommand(command.exitOverride().showHelpAfterError('(add --help for usage)').showSuggestionAfterError(true));
  }
  return program;
}

/**
 * Runs the CLI and returns its exit code: 0 ok, 1 failed check, 2 usage error. Errors go to
 * stderr; with `--json` a usage or check error is also printed on stdout as `{ ok: false, error }`.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  const fail = (code: number, kind: string, message: string, print: boolean) => {
    if (print) process.stderr.write(`hookspec: ${message}\n`);
    if (json && print) process.stdout.write(`${JSON.stringify({ ok: false, error: { code: kind, message } })}\n`);
    return code;
  };
  try {
    await (await createProgram(argv)).parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (CLEAN_EXITS.has(error.code)) return EXIT.ok;
      // Commander has printed the message and the help hint already.
      if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'usage', message: error.message.replace(/^error: /, '') } })}\n`);
      return EXIT.usage;
    }
    // The registry's input and missing-peer errors (set-up errors, exit 2), checked by name:
    // importing src/apis/ here would slow every start-up.
    const name = error instanceof Error ? error.name : '';
    if (error instanceof UsageError || name === 'ApiInputError' || name === 'MissingDependencyError') {
      return fail(EXIT.usage, 'usage', (error as Error).message, true);
    }
    if (error instanceof CheckFailedError) return fail(EXIT.failed, 'failed', error.message, !error.reported);
    return fail(EXIT.failed, 'error', messageOf(error), true);
  }
}
