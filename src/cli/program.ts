import { Command, CommanderError } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { ApiInputError, MissingDependencyError, apiNames } from '../apis/index.ts';
import { checkCommand } from './commands/check.ts';
import { listenCommand } from './commands/listen.ts';
import { mockCommand } from './commands/mock.ts';
import { signCommand } from './commands/sign.ts';
import { triggerCommand } from './commands/trigger.ts';
import { verifyCommand } from './commands/verify.ts';
import { withExamples } from './common.ts';
import { CheckFailedError, EXIT, UsageError, messageOf } from './errors.ts';

/** Commander's own error codes that mean "the command line was fine, stop here". */
const CLEAN_EXITS = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

/** The `hookspec` program with every command; errors are thrown, never `process.exit`ed. */
export function createProgram(): Command {
  const program = new Command('hookspec')
    .description(`Mock servers, signed test deliveries, a verifying receiver and signature checks for the ${apiNames.join(', ')} webhook APIs.`)
    .version(packageJson.version, '-V, --version')
    .showSuggestionAfterError(true)
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  for (const command of [mockCommand(), triggerCommand(), listenCommand(), verifyCommand(), signCommand(), checkCommand()]) {
    program.addCommand(command.exitOverride().showHelpAfterError('(add --help for usage)').showSuggestionAfterError(true));
  }
  return withExamples(
    program,
    [
      'hookspec mock --port 4010',
      'hookspec listen sidclaw --port 4000 --secret whsec_test',
      'hookspec trigger sidclaw approval.requested --to http://127.0.0.1:4000/ --secret whsec_test',
      'hookspec sign provenonce --secret s3cr3t --data @body.json',
      'hookspec verify exchange --secret $SECRET --file request.http',
    ],
    ['Exit codes: 0 ok, 1 a check failed (verification, delivery), 2 usage error.', 'Colours only on a terminal, never with NO_COLOR set.'],
  );
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
    await createProgram().parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (CLEAN_EXITS.has(error.code)) return EXIT.ok;
      // Commander has printed the message and the help hint already.
      if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'usage', message: error.message.replace(/^error: /, '') } })}\n`);
      return EXIT.usage;
    }
    if (error instanceof UsageError || error instanceof ApiInputError) return fail(EXIT.usage, 'usage', error.message, true);
    if (error instanceof MissingDependencyError) return fail(EXIT.failed, 'failed', error.message, true);
    if (error instanceof CheckFailedError) return fail(EXIT.failed, 'failed', error.message, !error.reported);
    return fail(EXIT.failed, 'error', messageOf(error), true);
  }
}
