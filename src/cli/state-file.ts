import { readFile, stat } from 'node:fs/promises';
import { UsageError } from './errors.ts';

/** A state file larger than this is refused before it is read (what the mock's limits allow is far smaller). */
export const MAX_STATE_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Reads `hookspec mock --state <file>`: JSON as `GET /_mock/state` exports it (checked by the mock
 * server). Errors never quote the file's content: the path may name (or link to) a file that is
 * not a state file at all, such as /etc/passwd.
 */
export async function readStateFile(path: string): Promise<unknown> {
  let text: string;
  try {
    const { size, isFile } = await stat(path).then((stats) => ({ size: stats.size, isFile: stats.isFile() }));
    if (!isFile) throw new UsageError(`--state ${path}: not a regular file. Export one with GET /_mock/state.`);
    if (size > MAX_STATE_FILE_BYTES) throw new UsageError(`--state ${path}: ${size} bytes, over the ${MAX_STATE_FILE_BYTES}-byte limit of a state file.`);
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--state ${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // The parser's message quotes the text around the error, which may be another file's content.
    throw new UsageError(`--state ${path}: not JSON. Export one with GET /_mock/state.`);
  }
}
