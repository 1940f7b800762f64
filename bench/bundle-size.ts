/**
 * `npm run bench:size`: min+gzip (zlib level 9) size of what an application bundles when it
 * imports our webhook verifiers or our clients, next to the webhook verifiers of stripe, svix and
 * standardwebhooks. Bundled with esbuild, minified, for the browser/worker conditions.
 *
 * Each of our rows is measured twice: with its dependencies (ky, zod, structured-headers) left
 * out, which is hookspec's own share, and with everything, which is what a browser app ships.
 * Exits 1 when one of our bundles is over its budget, and then lists the inputs that weigh most.
 *
 * `--details` lists the heaviest inputs of every bundle.
 */
import { fileURLToPath } from 'node:url';
import { measureBundle, renderSizeTable, type BundleCase, type SizeRow } from './lib/bundle-measure.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const KiB = 1024;
/** Our runtime dependencies: the "excluded" column leaves them out. */
const dependencies = ['ky', 'zod', 'structured-headers'];

const ours = (entry: string, names: string, budgets: { own?: number; all?: number } = {}): BundleCase => ({
  name: `hookspec/${entry} ${names}`,
  code: `export { ${names} } from './src/${entry}/index.ts';`,
  external: dependencies,
  budget: budgets.own,
  budgetWithDependencies: budgets.all,
});

const cases: BundleCase[] = [
  // 4.25 KiB while SidClaw had a verifier of its own. Since it binds its spec's description to the
  // generic hmac scheme, the scheme alone is ~4.9 KiB (the floor row below), so the budget is that
  // floor plus the receiver, the replay store and the payload check.
  ours('sidclaw', 'verifySidclawWebhook', { own: 7.75 * KiB }),
  ours('provenonce', 'verifyProvenonceWebhook'),
  ours('exchange', 'verifyExchangeWebhook'),
  ours('proven', 'verifyProvenWebhook'),
  ours('pipevest', 'verifyPipevestWebhook'),
  ours('sidclaw', 'createSidclawClient', { own: 15 * KiB, all: 20 * KiB }),
  ours('provenonce', 'createProvenonceClient'),
  ours('exchange', 'createExchangeClient'),
  ours('pipevest', 'createPipevestClient'),
  // What a browser app ships in production: no key, no key check (docs/frontend.md).
  ours('sidclaw', 'createSidclawProxyClient'),
  {
    // The floor under createSidclawClient: ky and the generated SDK, no key check, no retries.
    name: 'floor: ky + generated SidClaw SDK, no validation',
    code: `import { createClient, createConfig } from './generated/sidclaw/client/index.ts';
import * as sdk from './generated/sidclaw/sdk.gen.ts';
export const client = (baseUrl: string) => ({ sdk, client: createClient(createConfig({ baseUrl })) });`,
    external: dependencies,
  },
  {
    // The floor under the HMAC verifiers since they bind their spec's description: the one scheme
    // that reads any hmac description (algorithms, encodings, prefixes, timestamps, ids, both
    // crypto backends), before any receiver, replay store or payload validation.
    name: 'floor: the generic hmac scheme (createHmacScheme)',
    code: `export { createHmacScheme } from './src/schemes/hmac.ts';`,
    external: dependencies,
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
const rows: SizeRow[] = [];
for (const bundleCase of cases) {
  const all = await measureBundle({ ...bundleCase, external: [] }, root);
  const own = bundleCase.external?.length ? await measureBundle(bundleCase, root) : undefined;
  rows.push({ case: bundleCase, own, all });
}

console.log(renderSizeTable(rows));
let over = false;
for (const row of rows) {
  const ownOver = row.own !== undefined && row.case.budget !== undefined && row.own.gzipBytes > row.case.budget;
  const allOver = row.case.budgetWithDependencies !== undefined && row.all.gzipBytes > row.case.budgetWithDependencies;
  over ||= ownOver || allOver;
  if (!ownOver && !allOver && !details) continue;
  console.log(`\n${row.case.name}${ownOver || allOver ? ' is over budget' : ''}: heaviest inputs, dependencies included (minified bytes before gzip)`);
  for (const input of row.all.inputs.slice(0, 10)) console.log(`  ${String(input.bytes).padStart(8)}  ${input.path}`);
}
console.log(`\nBudgets are min+gzip; 1 KiB = 1024 bytes. ${over ? 'Over budget.' : 'All budgets met.'}`);
process.exitCode = over ? 1 : 0;
