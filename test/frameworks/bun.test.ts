// Bun 1 (examples/frameworks/bun/): Bun.serve routes, from the `bun` npm package's binary.
import { join } from 'node:path';
import { describeRecipe } from './recipe-suite.ts';
import { REPORT_LISTENING, startApp } from './running-app.ts';

describeRecipe('bun', async ({ scratch, env }) =>
  startApp({ command: join(scratch, 'node_modules', '.bin', 'bun'), args: [...REPORT_LISTENING.bun, join('apps', 'bun', 'server.ts')], cwd: scratch, env }),
);
