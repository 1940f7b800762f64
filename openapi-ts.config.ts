import { defineConfig, type UserConfig } from '@hey-api/openapi-ts';
import { specApiNames } from './src/apis/spec-files.ts';
import { deliveryPlugin } from './scripts/delivery-plugin.ts';

/** The APIs: each spec in openapi/<api>.yaml generates generated/<api>/. */
export const apis = specApiNames();

/** One generator job per API, writing under `outputRoot`. */
function jobs(outputRoot: string): UserConfig[] {
  return apis.map((api) => ({
    input: `./openapi/${api}.yaml`,
    output: {
      path: `${outputRoot}/${api}`,
      importFileExtension: '.ts',
      postProcess: [{ name: 'post-generate', command: process.execPath, args: ['scripts/post-generate.ts', '{{path}}'] }],
    },
    logs: { level: 'silent' },
    plugins: [
      '@hey-api/client-ky',
      '@hey-api/typescript',
      '@hey-api/sdk',
      '@hey-api/schemas',
      { name: 'zod', requests: true, responses: true, webhooks: true },
      '@faker-js/faker',
      'msw',
      deliveryPlugin({ file: `openapi/${api}.yaml` }),
    ],
  }));
}

// The drift check (scripts/check-generated.ts) sets HOOKSPEC_GENERATED_ROOT to a scratch folder.
export default defineConfig(jobs(process.env.HOOKSPEC_GENERATED_ROOT ?? './generated'));
