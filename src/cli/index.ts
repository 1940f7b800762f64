#!/usr/bin/env node
/**
 * The `hookspec` command line: `mock`, `trigger`, `listen`, `verify`, `sign`.
 * Run `hookspec --help` or `hookspec <command> --help`.
 *
 * This file is a launcher: it checks the Node.js version first and loads the CLI with dynamic
 * imports only afterwards, so on an unsupported Node it exits 2 with one line instead of
 * failing to link a newer built-in export (no static imports but the plain version check).
 * @module
 */
import { isSupportedNode, unsupportedNodeMessage } from './node-version.ts';

if (!isSupportedNode(process.versions.node)) {
  process.stderr.write(unsupportedNodeMessage(process.versions.node));
  process.exitCode = 2;
} else {
  // Node's on-disk compile cache, on before the rest loads: every run after the first starts faster.
  const { enableCompileCache } = await import('node:module');
  enableCompileCache?.();
  const { runCli } = await import('./program.ts');
  process.exitCode = await runCli(process.argv.slice(2));
}
