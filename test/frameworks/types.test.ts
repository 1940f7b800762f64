// The recipes type-check against the installed package's declarations and each stack's own
// types: the payload fields they read (`tenant_id`, `data.webhookId`) are the spec's, and the
// handlers fit where each framework takes them.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { scratchProject } from './scratch-project.ts';

const run = promisify(execFile);
let scratch: string;

beforeAll(async () => {
  scratch = await scratchProject();
}, 600_000);

describe('the recipes type-check from the packed package', () => {
  it('Express, Fastify, Hono, Koa, Next.js, Bun and Workers: tsc --strict, no errors', async () => {
    const config = {
      compilerOptions: {
        target: 'ES2023',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        types: ['node', 'bun'],
        strict: true,
        noEmit: true,
        verbatimModuleSyntax: true,
        skipLibCheck: true,
      },
      include: ['apps/**/*.ts'],
      // vite-react is a browser app with its own dependencies and tsconfig: its own test type-checks it.
      exclude: ['apps/deno', 'apps/vite-react'],
    };
    writeFileSync(join(scratch, 'tsconfig.recipes.json'), JSON.stringify(config, null, 2));
    const result = await run(process.execPath, [join(scratch, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.recipes.json', '--listFilesOnly'], {
      cwd: scratch,
      maxBuffer: 16 * 1024 * 1024,
    });
    // The check covers every recipe file (and reads the package's declarations, not its sources).
    const files = result.stdout.split('\n').filter((file) => file.includes('/apps/'));
    expect(files.map((file) => file.slice(file.indexOf('/apps/') + 1)).sort()).toEqual([
      'apps/bun/server.ts',
      'apps/express/app.ts',
      'apps/express/json-first.ts',
      'apps/fastify/app.ts',
      'apps/hono/app.ts',
      'apps/koa/app.ts',
      'apps/nextjs/app/api/webhooks/pipevest/route.ts',
      'apps/nextjs/app/api/webhooks/sidclaw/route.ts',
      'apps/workers/worker.ts',
    ]);
    expect(result.stdout).toContain('/node_modules/hookspec/dist/sidclaw.d.ts');
    const checked = await run(process.execPath, [join(scratch, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.recipes.json'], {
      cwd: scratch,
    }).catch((error: { stdout: string }) => error);
    expect(checked.stdout).toBe('');
  });

  it('Deno: deno check, no errors', async () => {
    const checked = await run(join(scratch, 'node_modules', '.bin', 'deno'), ['check', join('apps', 'deno', 'main.ts')], {
      cwd: scratch,
      env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(scratch, '.deno') },
    }).catch((error: { stdout: string; stderr: string; code: number }) => error);
    expect('code' in checked ? `${checked.code}: ${checked.stderr}` : '').toBe('');
  });
});
