import { defineConfig, type UserConfig } from '@hey-api/openapi-ts';

/** The five APIs; each spec in openapi/<api>.yaml generates generated/<api>/. */
export const apis = ['provenonce', 'proven', 'exchange', 'sidclaw', 'pipevest'] as const;

/** One generator job per API. `outputRoot` lets the drift check generate into a scratch folder. */
export function jobs(outputRoot = './generated'): UserConfig[] {
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
      { name: 'zod', requests: true, responses: true, webhooks: true },
      '@faker-js/faker',
      'msw',
    ],
  }));
}

export default defineConfig(jobs());
