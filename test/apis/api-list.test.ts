/**
 * The APIs are the specs in openapi/. What reads TypeScript takes the list from there; what
 * cannot (package.json's exports, redocly.yaml) is checked against it here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { apis as generatorApis } from '../../openapi-ts.config.ts';
import { buildEntries } from '../../tsdown.config.ts';
import { generatedApis } from '../../generated/apis.gen.ts';
import { apiNames } from '../../src/apis/index.ts';
import { specApiNames } from '../../src/apis/spec-files.ts';
import { root } from '../cli/helpers.ts';

const specs = specApiNames(join(root, 'openapi'));

describe('the list of APIs', () => {
  it('is the spec files, for the generator, the generated index, the registry and the build', () => {
    expect(specs.length).toBeGreaterThan(0);
    expect(generatorApis).toEqual(specs);
    expect(Object.keys(generatedApis)).toEqual(specs);
    expect([...apiNames].sort()).toEqual(specs);
    expect(specs.filter((api) => buildEntries[api] === undefined)).toEqual([]);
  });

  it("package.json exports an entry and a mock of each API, and no other API's", () => {
    const exportsMap = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> }).exports;
    const shared = new Set(['signatures', 'node', 'check', 'redis', 'webhooks', 'openapi-ts', 'testing', 'package.json', 'x-hookspec-delivery.schema.json']);
    const entries = Object.keys(exportsMap)
      .map((subpath) => subpath.slice(2))
      .filter((name) => !name.includes('/') && !shared.has(name));
    expect(entries.sort()).toEqual(specs);
    const mocks = Object.keys(exportsMap)
      .filter((subpath) => subpath.startsWith('./mocks/'))
      .map((subpath) => subpath.slice('./mocks/'.length));
    expect(mocks.sort()).toEqual(specs);
  });

  it('redocly.yaml lints every spec, each at its own file', () => {
    const config = parse(readFileSync(join(root, 'redocly.yaml'), 'utf8')) as { apis: Record<string, { root: string }> };
    expect(Object.keys(config.apis).sort()).toEqual(specs);
    for (const [api, { root: file }] of Object.entries(config.apis)) expect(file).toBe(`./openapi/${api}.yaml`);
  });
});
