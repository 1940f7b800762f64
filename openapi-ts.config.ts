import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from '@hey-api/openapi-ts';
import { deliveryPlugin } from './scripts/delivery-plugin.ts';
import { specApiNames } from './src/apis/spec-files.ts';

/** The APIs: each spec in openapi/<api>.yaml generates generated/<api>/. */
export const apis = specApiNames();

const postGenerate = fileURLToPath(new URL('./scripts/post-generate.ts', import.meta.url));

/** The generator job of one spec, writing `outputDir` (also used for specs outside openapi/). */
export function generatorJob(specFile: string, outputDir: string): UserConfig {
  return {
    input: `./${specFile}`,
    output: {
      path: outputDir,
      importFileExtension: '.ts',
      postProcess: [{ name: 'post-generate', command: process.execPath, args: [postGenerate, '{{path}}', specFile] }],
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
      deliveryPlugin({ file: specFile }),
    ],
  };
}

// The drift check (scripts/check-generated.ts) sets HOOKSPEC_GENERATED_ROOT to a scratch folder.
const outputRoot = process.env.HOOKSPEC_GENERATED_ROOT ?? './generated';
export default defineConfig(apis.map((api) => generatorJob(`openapi/${api}.yaml`, `${outputRoot}/${api}`)));
