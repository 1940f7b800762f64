// Post-processor for `openapi-ts` (see openapi-ts.config.ts): the faker plugin passes a spec's
// `pattern` to `faker.helpers.fromRegExp()` as a string, and faker reads `^` and `$` in a string
// as literal characters, so an anchored pattern such as `^[0-9a-f]{64}$` produced fakes that
// fail their own schema. Rewriting the argument as a RegExp literal restores the anchors.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const file = join(process.argv[2] ?? '', '@faker-js', 'faker.gen.ts');
if (existsSync(file)) {
  const source = readFileSync(file, 'utf8');
  const fixed = source.replace(/fromRegExp\('((?:[^'\\]|\\.)*)'\)/g, (_match, literal: string) => {
    const pattern = literal.replace(/\\(.)/g, '$1');
    return `fromRegExp(/${pattern.replace(/\//g, '\\/')}/)`;
  });
  if (fixed !== source) writeFileSync(file, fixed);
}
