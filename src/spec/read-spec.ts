import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse } from 'yaml';
import { SpecError } from './spec-error.ts';

/** An OpenAPI document as parsed: plain JSON values. */
export type Json = Record<string, unknown>;

/** A spec read from a file: its document and the name it is known by (the file's base name). */
export interface SpecDocument {
  readonly file: string;
  /** `acme-notify` for `acme-notify.yaml`: the path segment and command-line name of the API. */
  readonly name: string;
  readonly document: Json;
}

/** Specs are documents people write: a few MB is already far beyond any real one. */
const MAX_SPEC_BYTES = 8 * 1024 * 1024;

/** Reads a YAML or JSON OpenAPI 3.1 document; a {@link SpecError} names the file and what is wrong. */
export async function readSpec(file: string): Promise<SpecDocument> {
  let text: string;
  try {
    const bytes = await readFile(file);
    if (bytes.byteLength > MAX_SPEC_BYTES) throw new Error(`the file is ${bytes.byteLength} bytes, over the ${MAX_SPEC_BYTES}-byte limit`);
    text = bytes.toString('utf8');
  } catch (cause) {
    throw new SpecError('spec_unreadable', file, '', `cannot read the spec: ${(cause as Error).message}.`, { cause });
  }
  return { file, name: basename(file, extname(file)), document: parseSpecText(file, text) };
}

/** Parses the text of a spec (YAML, of which JSON is a subset) and checks it is OpenAPI 3.1. */
export function parseSpecText(file: string, text: string): Json {
  let document: unknown;
  try {
    // maxAliasCount bounds alias expansion ("billion laughs"); specs use a handful of anchors.
    document = parse(text, { maxAliasCount: 1000, prettyErrors: false });
  } catch (cause) {
    throw new SpecError('spec_invalid', file, '', `not YAML or JSON: ${(cause as Error).message.split('\n')[0]}`, { cause });
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new SpecError('spec_invalid', file, '', 'not an OpenAPI document (the top level is not an object).');
  }
  const version = (document as Json).openapi;
  if (typeof version !== 'string' || !/^3\.1\.\d+$/.test(version)) {
    throw new SpecError('spec_invalid', file, '/openapi', `OpenAPI 3.1 is required (openapi: 3.1.x), got ${JSON.stringify(version ?? null)}.`);
  }
  return document as Json;
}
