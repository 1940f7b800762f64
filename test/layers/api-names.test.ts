/**
 * Per-API facts live in each spec and in the API's own folders (`src/<api>/`, `mocks/<api>/`):
 * outside them, at most one hand-written source file names a given API in code (identifiers and
 * string literals; comments may). That file is the mocks' registry, which wires each API's
 * hand-written mock. A help text, a battery or a table that names an API fails here, naming
 * the file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const apis = readdirSync(join(root, 'openapi'))
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => name.slice(0, -'.yaml'.length));
const HAND_WRITTEN = ['src', 'mocks', 'scripts'];
const ALLOWED = 'mocks/registry.ts';

/** Identifiers, string literals, template parts and JSX text of a source, comments left out (read from its syntax tree). */
function codeTokens(text: string, fileName = 'file.tsx'): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const tokens: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) tokens.push(node.text);
    else if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isJsxText(node)) tokens.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return tokens;
}

/** Whether `token` names `api` (any case; `proven` is not a prefix of another API's name). */
function names(token: string, api: string): boolean {
  const others = apis.filter((other) => other !== api && other.startsWith(api));
  const lower = token.toLowerCase();
  let at = lower.indexOf(api);
  while (at !== -1) {
    if (!others.some((other) => lower.startsWith(other, at))) return true;
    at = lower.indexOf(api, at + 1);
  }
  return false;
}

/** Per API, the hand-written files outside its own folders that name it in code. */
function filesNaming(): Record<string, string[]> {
  const found: Record<string, string[]> = Object.fromEntries(apis.map((api) => [api, []]));
  for (const top of HAND_WRITTEN) {
    for (const entry of readdirSync(join(root, top), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.(ts|tsx|js|mjs)$/.test(entry.name)) continue;
      const path = relative(root, join(entry.parentPath, entry.name));
      const tokens = codeTokens(readFileSync(join(root, path), 'utf8'), path);
      for (const api of apis) {
        if (path.startsWith(`src/${api}/`) || path.startsWith(`mocks/${api}/`)) continue;
        if (tokens.some((token) => names(token, api))) found[api]!.push(path);
      }
    }
  }
  return found;
}

describe('API names in the hand-written code', () => {
  it('reads comments as comments and tells proven from provenonce', () => {
    expect(codeTokens(`// sidclaw\nconst a = 'x'; /* pipevest */ const b = \`\${a}y\${a}z\`;`)).toEqual(['a', 'x', 'b', '', 'a', 'y', 'a', 'z']);
    expect(names('createProvenonceMock', 'proven')).toBe(false);
    expect(names('createProvenMock', 'proven')).toBe(true);
    expect(names("'proven, provenonce'", 'proven')).toBe(true);
  });

  it(`outside src/<api>/ and mocks/<api>/, only ${ALLOWED} names an API`, () => {
    const found = filesNaming();
    expect(apis.length).toBeGreaterThanOrEqual(5);
    for (const api of apis) expect({ api, files: found[api] }).toEqual({ api, files: [ALLOWED] });
  });
});
