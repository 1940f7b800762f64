import { defineConfig, type UserConfig } from '@hey-api/openapi-ts';

/** The five APIs; each spec in openapi/<api>.yaml generates generated/<api>/. */
export const apis = ['provenonce', 'proven', 'exchange', 'sidclaw', 'pipevest'] as const;

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
    ],
  }));
}

// The drift check (scripts/check-generated.ts) sets HOOKSPEC_GENERATED_ROOT to a scratch folder.
export default defineConfig(jobs(process.env.HOOKSPEC_GENERATED_ROOT ?? './generated'));
