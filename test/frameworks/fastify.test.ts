// Fastify 5 (examples/frameworks/fastify/): a raw-body content-type parser in the webhook scope.
import { join } from 'node:path';
import { describeRecipe } from './recipe-suite.ts';
import { startApp } from './running-app.ts';

describeRecipe('fastify', async ({ scratch, env }) => startApp({ command: process.execPath, args: [join('apps', 'fastify', 'app.ts')], cwd: scratch, env }));
