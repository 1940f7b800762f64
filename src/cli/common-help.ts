import type { Command } from 'commander';

/** An `Examples:` block after the generated help (its own module: the top-level help loads nothing else). */
export function withExamples(command: Command, examples: readonly string[], notes: readonly string[] = []): Command {
  const lines = ['', 'Examples:', ...examples.map((example) => `  $ ${example}`)];
  if (notes.length > 0) lines.push('', ...notes);
  return command.addHelpText('after', lines.join('\n'));
}
