// Deno 2 (examples/frameworks/deno/): Deno.serve, from the `deno` npm package's binary, resolving
// `hookspec/*` through the scratch project's package.json and node_modules.
import { join } from 'node:path';
import { describeRecipe } from './recipe-suite.ts';
import { startApp } from './running-app.ts';

describeRecipe('deno', async ({ scratch, env }) =>
  startApp({
    command: join(scratch, 'node_modules', '.bin', 'deno'),
    args: ['run', '--allow-net=127.0.0.1', '--allow-env', '--allow-read', join('apps', 'deno', 'main.ts')],
    cwd: scratch,
    env: { ...env, DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(scratch, '.deno') },
  }),
);
