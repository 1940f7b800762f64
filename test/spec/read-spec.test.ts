import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSpecText, readSpec } from '../../src/spec/read-spec.ts';
import { resolveRef } from '../../src/spec/resolve-ref.ts';
import { SpecError } from '../../src/spec/spec-error.ts';

const caught = (run: () => unknown): SpecError => {
  try {
    run();
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error('expected a SpecError');
};

describe('readSpec', () => {
  it('reads a YAML spec and names it after the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hookspec-spec-'));
    const file = join(dir, 'acme-notify.yaml');
    await writeFile(file, 'openapi: 3.1.0\ninfo: { title: Acme, version: "1" }\nwebhooks: {}\n');
    const spec = await readSpec(file);
    expect(spec.name).toBe('acme-notify');
    expect(spec.document.info).toEqual({ title: 'Acme', version: '1' });
  });

  it('names the file when it cannot be read', async () => {
    const error = await readSpec('/nonexistent/acme.yaml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).code).toBe('spec_unreadable');
    expect((error as SpecError).message).toMatch(/^\/nonexistent\/acme\.yaml: cannot read the spec/);
  });

  it('refuses text that is not YAML, and documents that are not OpenAPI 3.1', () => {
    expect(caught(() => parseSpecText('a.yaml', 'openapi: [3.1')).code).toBe('spec_invalid');
    expect(caught(() => parseSpecText('a.yaml', '- 1\n- 2\n')).message).toBe('a.yaml: not an OpenAPI document (the top level is not an object).');
    const old = caught(() => parseSpecText('a.yaml', 'openapi: 3.0.3\n'));
    expect(old.path).toBe('/openapi');
    expect(old.message).toBe('a.yaml at /openapi: OpenAPI 3.1 is required (openapi: 3.1.x), got "3.0.3".');
  });

  it('bounds alias expansion (a billion-laughs document is refused, not expanded)', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `${'a'.repeat(i + 1)}: &${'a'.repeat(i + 1)} [${Array(10)
          .fill(`*${'a'.repeat(i)}`)
          .join(', ')}]`,
      );
    expect(caught(() => parseSpecText('bomb.yaml', `openapi: 3.1.0\n${levels.join('\n')}\n`)).code).toBe('spec_invalid');
  });
});

describe('resolveRef', () => {
  const document = {
    components: {
      schemas: { A: { $ref: '#/components/schemas/B' }, B: { type: 'string' }, Loop: { $ref: '#/components/schemas/Loop' }, 'x/y': { type: 'integer' } },
    },
  };

  it('follows chains of local refs and escaped segments', () => {
    expect(resolveRef('s.yaml', document, { $ref: '#/components/schemas/A' })).toEqual({ type: 'string' });
    expect(resolveRef('s.yaml', document, { $ref: '#/components/schemas/x~1y' })).toEqual({ type: 'integer' });
  });

  it('names the ref that is missing, external or loops', () => {
    const missing = caught(() => resolveRef('s.yaml', document, { $ref: '#/components/schemas/Nope' }));
    expect([missing.code, missing.path]).toEqual(['unresolved_ref', '/components/schemas/Nope']);
    expect(caught(() => resolveRef('s.yaml', document, { $ref: 'other.yaml#/A' })).message).toMatch(/only local \$refs/);
    expect(caught(() => resolveRef('s.yaml', document, { $ref: '#/components/schemas/Loop' })).message).toMatch(/\$ref loop/);
  });
});
