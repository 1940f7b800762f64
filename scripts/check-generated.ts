// Fails when generated/ differs from what the specs in openapi/ produce now.
// Generates into a scratch folder and compares file by file, so the working tree is never touched.
// It runs openapi-ts.config.ts itself, as `npm run generate` does, with the output root moved:
// configs passed to createClient are merged with every config of that file, so passing the five
// jobs here would run 25, five writing each folder at once.
import { createClient, type UserConfig } from '@hey-api/openapi-ts';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { apis } from '../openapi-ts.config.ts';

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

const scratch = await mkdtemp(join(tmpdir(), 'hookspec-generated-'));
try {
  process.env.HOOKSPEC_GENERATED_ROOT = scratch;
  // An empty config of our own: each of the file's five is used as it is.
  const contexts = await createClient({} as UserConfig);
  if (contexts.length !== apis.length) throw new Error(`openapi-ts ran ${contexts.length} jobs, expected one per API (${apis.length}).`);
  const [expected, actual] = await Promise.all([listFiles(scratch), listFiles('generated')]);
  const problems: string[] = [];
  for (const file of new Set([...expected, ...actual])) {
    if (!expected.includes(file)) problems.push(`unexpected: generated/${file}`);
    else if (!actual.includes(file)) problems.push(`missing:    generated/${file}`);
    else {
      const [a, b] = await Promise.all([readFile(join(scratch, file)), readFile(join('generated', file))]);
      if (!a.equals(b)) problems.push(`differs:    generated/${file}`);
    }
  }
  if (problems.length > 0) {
    console.error(`generated/ is out of date with openapi/ (${problems.length} files). Run \`npm run generate\` and commit the result.`);
    for (const line of problems) console.error(`  ${line}`);
    process.exitCode = 1;
  } else {
    console.log(`generated/ matches openapi/ (${expected.length} files).`);
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}
