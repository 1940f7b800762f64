import { readFile } from 'node:fs/promises';
import { UsageError } from './errors.ts';

/** Reads `hookspec mock --state <file>`: JSON as `GET /_mock/state` exports it (checked by the mock server). */
export async function readStateFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--state ${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`--state ${path}: not JSON (${(error as Error).message}). Export one with GET /_mock/state.`);
  }
}
