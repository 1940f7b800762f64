/**
 * `npm run lint:delivery` (part of `npm run check`): every spec in openapi/ must carry a valid
 * `x-hookspec-delivery` (or Fern's `x-fern-webhook-signature`); a failure names the file, the
 * path in the document and the reason, and exits 1.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { specFiles } from '../src/apis/spec-files.ts';
import { readDeliveryDescription } from '../src/apis/read-delivery-description.ts';

let failed = false;
for (const file of specFiles()) {
  try {
    readDeliveryDescription(parse(readFileSync(file, 'utf8')) as Record<string, unknown>, file);
  } catch (error) {
    failed = true;
    process.stderr.write(`${(error as Error).message}\n`);
  }
}
process.exitCode = failed ? 1 : 0;
