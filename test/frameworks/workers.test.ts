// Cloudflare Workers (examples/frameworks/workers/): the module worker served by `wrangler dev`
// on workerd, with its wrangler.json; the bindings come from .dev.vars as in local development.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../src/net/free-port.ts';
import { describeRecipe } from './recipe-suite.ts';
import { startApp } from './running-app.ts';

describeRecipe('workers', async ({ scratch, env }) => {
  const dir = join(scratch, 'apps', 'workers');
  // Double-quoted values keep the PEM's line breaks (\n) in the dotenv format.
  writeFileSync(join(dir, '.dev.vars'), Object.entries(env).map(([name, value]) => `${name}=${JSON.stringify(value)}\n`).join(''));
  const start = async () => {
    const port = await freePort();
    return startApp({
      command: process.execPath,
      args: [join(scratch, 'node_modules', 'wrangler', 'bin', 'wrangler.js'), 'dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(await freePort()), '--show-interactive-dev-session=false'],
      cwd: dir,
      port,
      env: {
        WRANGLER_SEND_METRICS: 'false',
        CI: '1',
        XDG_CONFIG_HOME: join(scratch, '.config'),
        // No lookup of workers.cloudflare.com for the `Request.cf` placeholder: the machine has
        // no network, and the recipe does not read `request.cf`.
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      },
      startTimeoutMs: 60_000,
    });
  };
  // `wrangler dev` has stalled silently before its first bundle on a loaded machine (seen in
  // two of about ten full runs, never alone); one fresh start is what a developer would do.
  try {
    return await start();
  } catch (error) {
    console.warn(`wrangler dev did not start; starting it once more. ${(error as Error).message}`);
    return start();
  }
});
