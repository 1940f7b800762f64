#!/usr/bin/env node
/**
 * The `hookspec` command line: `mock`, `trigger`, `listen`, `verify`, `sign`.
 * Run `hookspec --help` or `hookspec <command> --help`.
 * @module
 */
import { enableCompileCache } from 'node:module';

// Node's on-disk compile cache, on before the rest loads: every run after the first starts faster.
enableCompileCache?.();
const { runCli } = await import('./program.ts');

process.exitCode = await runCli(process.argv.slice(2));
