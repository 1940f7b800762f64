import { readFile } from 'node:fs/promises';
import { UsageError, messageOf } from './errors.ts';

/** Reads all of stdin. */
export async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Resolves an option value that may name a file: `@path` reads the file, `@-` reads stdin,
 * anything else is the value itself. Returns the raw bytes, so a body is signed as written.
 */
export async function readValue(value: string, option: string): Promise<Buffer> {
  if (!value.startsWith('@')) return Buffer.from(value, 'utf8');
  const path = value.slice(1);
  if (path === '-') return readStdin();
  return readFileOption(path, `${option} ${value}`);
}

/** Reads a file named by an option; `label` is the option as the user wrote it (`--file x`, `--data @x`). */
export async function readFileOption(path: string, label: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new UsageError(`${label}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? messageOf(error)}).`);
  }
}

/** `--data '{…}'` or `--data @file.json`, parsed as JSON. */
export async function readJsonOption(value: string, option: string): Promise<unknown> {
  const text = (await readValue(value, option)).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const source = value.startsWith('@') ? `${option} ${value}` : option;
    throw new UsageError(`${source}: not valid JSON (${messageOf(error)}).`);
  }
}

/** Refuses a body that is not JSON (deliveries are JSON), saying how to sign raw bytes anyway. */
export function assertJson(text: string, label: string): void {
  try {
    JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${label}: not valid JSON (${messageOf(error)}); every delivery body is JSON. Pass --raw to sign these bytes as they are.`);
  }
}

/** Commander collector for a repeatable option. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `path=value`: the value is JSON when it parses (`3`, `true`, `null`, `{"a":1}`, `"quoted"`), else a string. */
export function parseAssignment(assignment: string): { path: string[]; value: unknown } {
  const index = assignment.indexOf('=');
  if (index <= 0) throw new UsageError(`--set ${assignment}: expected path=value, e.g. --set data.agent_id=ag_1.`);
  const path = assignment.slice(0, index).split('.');
  if (path.some((segment) => segment === '')) throw new UsageError(`--set ${assignment}: the path has an empty segment.`);
  if (path.some((segment) => segment === '__proto__' || segment === 'constructor' || segment === 'prototype')) {
    throw new UsageError(`--set ${assignment}: "${path.join('.')}" is not a settable path.`);
  }
  const raw = assignment.slice(index + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // Not JSON: the text itself.
  }
  return { path, value };
}

const isContainer = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Sets `path` (dot-separated; numeric segments index arrays) in `target`, creating objects
 * (or arrays, before a numeric segment) on the way.
 */
export function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node: Record<string, unknown> = target;
  for (let i = 0; i < path.length - 1; i++) {
    const segment = path[i]!;
    const next = node[segment];
    if (!isContainer(next)) node[segment] = /^\d+$/.test(path[i + 1]!) ? [] : {};
    node = node[segment] as Record<string, unknown>;
  }
  node[path.at(-1)!] = value;
}
