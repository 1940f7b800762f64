/**
 * `hookspec --help` without commander: the same text commander prints for the program
 * (program.ts turns its wrapping off so the two agree; a test compares them), from the
 * command table alone, so the most common first command starts as fast as Node.
 * @module
 */
import { COMMANDS, PROGRAM_DESCRIPTION, PROGRAM_HELP_AFTER } from './command-table.ts';

export function topLevelHelp(): string {
  const options: Array<[string, string]> = [
    ['-V, --version', 'output the version number'],
    ['-h, --help', 'display help for command'],
  ];
  const commands: Array<[string, string]> = [
    ...Object.entries(COMMANDS).map(([name, { summary }]): [string, string] => [name, summary]),
    ['help [command]', 'display help for command'],
  ];
  const width = Math.max(...[...options, ...commands].map(([term]) => term.length));
  const item = ([term, description]: [string, string]) => `  ${term.padEnd(width)}  ${description}`;
  return [
    'Usage: hookspec [options] [command]',
    '',
    PROGRAM_DESCRIPTION,
    '',
    'Options:',
    ...options.map(item),
    '',
    'Commands:',
    ...commands.map(item),
    PROGRAM_HELP_AFTER,
    '',
  ].join('\n');
}
