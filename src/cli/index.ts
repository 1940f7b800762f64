#!/usr/bin/env node
/**
 * The `hookspec` command line: `mock`, `trigger`, `listen`, `verify`, `sign`.
 * Run `hookspec --help` or `hookspec <command> --help`.
 * @module
 */
import { runCli } from './program.ts';

process.exitCode = await runCli(process.argv.slice(2));
