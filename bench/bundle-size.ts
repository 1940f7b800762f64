/**
 * `npm run bench:size`: min+gzip (zlib level 9) size of what an application bundles when it
 * imports our webhook verifier or our client, next to the webhook verifiers of stripe, svix and
 * standardwebhooks. Bundled with esbuild, minified, for the browser/worker conditions.
 * Exits 1 when one of our bundles is over its budget, and then lists the inputs that weigh most.
 *
 * `--details` lists the heaviest inputs of every bundle.
 */
import { fileURLToPath } from 'node:url';
import { measureBundle, renderSizeTable, type BundleCase } from './lib/bundle-measure.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const KiB = 1024;

const cases: BundleCase[] = [
  {
    name: 'hookspec/sidclaw verifySidclawWebhook (zod external)',
    code: `export { verifySidclawWebhook } from './src/sidclaw/index.ts';`,
    external: ['zod'],
    budget: 4 * KiB,
  },
  {
    name: 'hookspec/sidclaw createSidclawClient (ky, zod external)',
    code: `export { createSidclawClient } from './src/sidclaw/index.ts';`,
    external: ['ky', 'zod'],
    budget: 15 * KiB,
  },
  {
    name: 'stripe webhooks.constructEventAsync',
    code: `import Stripe from 'stripe';
export const verify = (payload: string, header: string, secret: string) =>
  new Stripe('sk_test_x').webhooks.constructEventAsync(payload, header, secret);`,
  },
  {
    name: 'svix Webhook.verify',
    code: `import { Webhook } from 'svix';
export const verify = (secret: string, payload: string, headers: Record<string, string>) => new Webhook(secret).verify(payload, headers);`,
  },
  {
    name: 'standardwebhooks Webhook.verify',
    code: `import { Webhook } from 'standardwebhooks';
export const verify = (secret: string, payload: string, headers: Record<string, string>) => new Webhook(secret).verify(payload, headers);`,
  },
];

const details = process.argv.includes('--details');
const rows = [];
for (const bundleCase of cases) rows.push(await measureBundle(bundleCase, root));

console.log(renderSizeTable(rows));
let over = false;
for (const row of rows) {
  const isOver = row.case.budget !== undefined && row.gzipBytes > row.case.budget;
  over ||= isOver;
  if (!isOver && !details) continue;
  console.log(`\n${row.case.name}${isOver ? ' is over budget' : ''}: heaviest inputs (minified bytes before gzip)`);
  for (const input of row.inputs.slice(0, 10)) console.log(`  ${String(input.bytes).padStart(8)}  ${input.path}`);
}
console.log(`\nBudgets are min+gzip; 1 KiB = 1024 bytes. ${over ? 'Over budget.' : 'All budgets met.'}`);
process.exitCode = over ? 1 : 0;
