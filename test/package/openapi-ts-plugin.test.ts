/**
 * `hookspec/openapi-ts` as an integrator uses it: the packed package installed in a scratch
 * project with @hey-api/openapi-ts and typescript, the documented generator config run over the
 * project's own spec (a Standard Webhooks one), and the generated verifier, receiver and test
 * deliveries used and type-checked there. The deliveries are verified by `standardwebhooks` too.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, root } from '../cli/helpers.ts';

const run = promisify(execFile);
const devDependencies = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies;
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** Uses the generated file as a receiver would; type-checked by tsc (strict) with the generated code. */
const useGenerated = `import { createAcmeNotifyTestDelivery, createAcmeNotifyWebhookHandler, verifyAcmeNotifyWebhook } from './src/client/hookspec.gen.ts';

const secret = ${JSON.stringify(secret)};
const delivery = await createAcmeNotifyTestDelivery({ event: 'invoice.paid', data: { id: 'inv_7', amount: 4200 }, secret });
const event = await verifyAcmeNotifyWebhook(delivery.request, { secret });
let amount: number | undefined;
if (event.type === 'invoice.paid') amount = event.payload.data.amount;

const tampered = await verifyAcmeNotifyWebhook(
  { body: delivery.body.replace('4200', '4201'), headers: delivery.headers },
  { secret, replayStore: false },
).catch((error: { code: string }) => error.code);
const replayed = await verifyAcmeNotifyWebhook({ body: delivery.body, headers: delivery.headers }, { secret }).catch((error: { code: string }) => error.code);

const handled: string[] = [];
const handle = createAcmeNotifyWebhookHandler({ 'invoice.voided': (voided) => void handled.push(voided.payload.data.id) }, { secret });
const example = await createAcmeNotifyTestDelivery({ event: 'invoice.voided', secret });
const status = (await handle(example.request)).status;

// @ts-expect-error: not an event of the spec
await createAcmeNotifyTestDelivery({ event: 'invoice.unknown', secret }).catch(() => undefined);

console.log(JSON.stringify({ type: event.type, payload: event.payload, amount, tampered, replayed, status, handled, delivery: { body: delivery.body, headers: delivery.headers } }));
`;

let scratch: string;

beforeAll(async () => {
  await ensureBuilt();
  scratch = mkdtempSync(join(tmpdir(), 'hookspec-openapi-ts-'));
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
  const tarball = (JSON.parse(stdout) as Array<{ filename: string }>)[0]!.filename;
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'acme-integration', private: true, type: 'module' }));
  await run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      `./${tarball}`,
      `@hey-api/openapi-ts@${devDependencies['@hey-api/openapi-ts']}`,
      `typescript@${devDependencies.typescript}`,
      `@types/node@${devDependencies['@types/node']}`,
    ],
    { cwd: scratch, maxBuffer: 16 * 1024 * 1024, timeout: 80_000 },
  );
  copyFileSync(join(root, 'test/fixtures/specs/acme-notify.yaml'), join(scratch, 'acme-notify.yaml'));
  copyFileSync(join(root, 'examples/bring-your-own-api/openapi-ts.config.ts'), join(scratch, 'openapi-ts.config.ts'));
  writeFileSync(join(scratch, 'use-generated.ts'), useGenerated);
  writeFileSync(
    join(scratch, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2023',
        lib: ['ES2023', 'DOM'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        types: ['node'],
        strict: true,
        noEmit: true,
        allowImportingTsExtensions: true,
        verbatimModuleSyntax: true,
        skipLibCheck: true,
      },
      include: ['src', 'use-generated.ts'],
    }),
  );
  await run(process.execPath, [join(scratch, 'node_modules/@hey-api/openapi-ts/bin/run.js')], { cwd: scratch, maxBuffer: 16 * 1024 * 1024, timeout: 60_000 });
}, 150_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('hookspec/openapi-ts in an integrator project', () => {
  it('writes hookspec.gen.ts next to the client: it imports hookspec/webhooks and the Webhooks type, and embeds no paths', () => {
    const generated = readFileSync(join(scratch, 'src/client/hookspec.gen.ts'), 'utf8');
    expect(generated).toMatch(/import \{ defineWebhookApi \} from 'hookspec\/webhooks';/);
    expect(generated).toMatch(/import type \{ Webhooks \} from '\.\/types\.gen\.ts';/);
    expect(generated).toContain("'x-hookspec-delivery'");
    expect(generated).not.toContain('createInvoice');
    for (const name of ['verifyAcmeNotifyWebhook', 'createAcmeNotifyWebhookHandler', 'createAcmeNotifyTestDelivery'])
      expect(generated).toContain(`export const ${name} `);
  });

  it('the generated code type-checks (strict) with a receiver using it', async () => {
    await expect(run(process.execPath, [join(scratch, 'node_modules/typescript/bin/tsc'), '-p', '.'], { cwd: scratch })).resolves.toMatchObject({ stdout: '' });
  });

  it('its test delivery verifies (type and payload), a tampered one is refused, a replay too, and the handler runs typed handlers', async () => {
    const { stdout } = await run(process.execPath, ['use-generated.ts'], { cwd: scratch });
    const result = JSON.parse(stdout) as { delivery: { body: string; headers: Record<string, string> } } & Record<string, unknown>;
    expect(result).toMatchObject({
      type: 'invoice.paid',
      payload: { type: 'invoice.paid', data: { id: 'inv_7', amount: 4200 } },
      amount: 4200,
      tampered: 'signature_mismatch',
      replayed: 'replayed',
      status: 200,
      handled: ['inv_9'],
    });
    // The provider's own library accepts what the generated code signs.
    expect(new Webhook(secret).verify(result.delivery.body, result.delivery.headers)).toMatchObject({
      type: 'invoice.paid',
      data: { id: 'inv_7', amount: 4200 },
    });
  });

  it('a spec without a delivery scheme fails generation, naming the file and the path', async () => {
    const dir = join(scratch, 'no-scheme');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'acme-notify.yaml'),
      readFileSync(join(scratch, 'acme-notify.yaml'), 'utf8').replace('x-hookspec-delivery:\n  scheme: standard-webhooks\n', ''),
    );
    copyFileSync(join(scratch, 'openapi-ts.config.ts'), join(dir, 'openapi-ts.config.ts'));
    const failed = await run(process.execPath, [join(scratch, 'node_modules/@hey-api/openapi-ts/bin/run.js')], { cwd: dir }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed).toMatchObject({ code: 1 });
    expect(`${(failed as { stdout: string }).stdout}${(failed as { stderr: string }).stderr}`).toMatch(/acme-notify\.yaml.*x-hookspec-delivery\.scheme/);
  });
});
