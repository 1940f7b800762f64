// README.md is a landing page: short, every guide in docs/ linked from it, the inspector shown,
// and what each audience needs (Node, optional peers) said before it is needed.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync('README.md', 'utf8');
const install = readFileSync('docs/install.md', 'utf8');

describe('README.md as a landing page', () => {
  it('is under 300 lines and links every page in docs/', () => {
    expect(readme.split('\n').length).toBeLessThan(300);
    for (const page of readdirSync('docs').filter((name) => name.endsWith('.md'))) expect(readme, page).toContain(`](docs/${page})`);
  });

  it('shows the inspector screenshot and the two commands exactly', () => {
    expect(readme).toContain('![Mock inspector: APIs, credentials and endpoints](docs/screenshots/inspector-overview.png)');
    expect(readme).toMatch(/^npm start {3}# the mock server/m);
    expect(readme).toMatch(/^npm test {4}# spec lint/m);
  });

  it('every relative link of README and docs/ points at a file that exists', () => {
    for (const [file, text, base] of [
      ['README.md', readme, ''],
      ...readdirSync('docs')
        .filter((name) => name.endsWith('.md'))
        .map((name) => [`docs/${name}`, readFileSync(`docs/${name}`, 'utf8'), 'docs/']),
    ] as Array<[string, string, string]>) {
      for (const [, target] of text.matchAll(/\]\(((?!https?:|#|mailto:)[^)\s#]+)(?:#[^)]*)?\)/g)) {
        expect(() => readFileSync(new URL(`../${base}${target}`, import.meta.url)), `${file} → ${target}`).not.toThrow();
      }
    }
  });
});

describe('what the package needs, per audience', () => {
  it('the CLI needs Node ≥ 22.12, the library does not', () => {
    expect(readme).toContain('the `hookspec` CLI needs **Node ≥ 22.12**');
    // Node 20 is enough for working on the repository only.
    expect(readme).toContain('In this repository, Node 20 on the PATH is enough');
    expect(install).toMatch(/the `hookspec` CLI .* \| \*\*≥ 22\.12\*\*/);
  });

  it('names the optional peer of each feature, the vitest majors, and explains EBADENGINE', () => {
    expect(install).toMatch(/`hookspec mock`, `hookspec\/testing`, `hookspec\/mocks\/<api>` .*\| `msw` 3 \|/);
    expect(install).toMatch(/`hookspec check` and `hookspec trigger` without `--data`.*\| `@faker-js\/faker` 10/);
    expect(install).toMatch(/`hookspec\/redis`.*\| `redis` 5 or 6/);
    expect(install).toMatch(/Prism .*\| `@stoplight\/prism-cli` 5 \|/);
    expect(install).toMatch(/`vitest` 3\.2, 4 or 5/);
    expect(install).toContain('exits 2');
    expect(install).toMatch(/EBADENGINE[\s\S]*expected\s+and harmless/);
  });
});
