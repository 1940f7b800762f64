// The integrator's own generator config: their client's types, and hookspec's plugin writing
// src/client/hookspec.gen.ts (verifyAcmeNotifyWebhook, createAcmeNotifyWebhookHandler,
// createAcmeNotifyTestDelivery) from the spec's delivery scheme.
import { defineConfig } from '@hey-api/openapi-ts';
import { hookspecPlugin } from 'hookspec/openapi-ts';

export default defineConfig({
  input: './acme-notify.yaml',
  output: { path: './src/client', importFileExtension: '.ts' },
  plugins: ['@hey-api/typescript', hookspecPlugin()],
});
