#!/usr/bin/env node
/**
 * The `hookspec` command line: `mock`, `trigger`, `listen`, `verify`, `sign`.
 * Run `hookspec --help` or `hookspec <command> --help`.
 *
 * This file is a launcher: it checks the Node.js version first and loads the CLI with dynamic
 * imports only afterwards, so on an unsupported Node it exits 2 with one line instead of
 * failing to link a newer built-in export (no static imports but the plain version check and
 * package.json, which the build inlines).
 * @module
 */
import packageJson from '../../package.json' with { type: 'json' };
import { isSupportedNode, unsupportedNodeMessage } from './node-version.ts';

if (!isSupportedNode(process.versions.node)) {
  process.stderr.write(unsupportedNodeMessage(process.versions.node));
  process.exitCode = 2;
} else {
  // Node's on-disk compile cache, on before the rest loads: every run after the first starts faster.
  const { enableCompileCache } = await import('node:module');
  enableCompileCache?.();
  const argv = process.argv.slice(2);
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    // The most common probes answer without loading the command-line parser.
    process.stdout.write(`${packageJson.version}\n`);
  } else if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
    const { topLevelHelp } = await import('./top-level-help.ts');
    process.stdout.write(topLevelHelp());
  } else {
    const { runCli } = await import('./program.ts');
    process.exitCode = await runCli(argv);
  }
}
