import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv, type Plugin } from 'vite';

/** `npx msw init public` puts MSW's worker in public/; a build without the mock leaves it out. */
function withoutMockWorker(): Plugin {
  let outDir = 'dist';
  return {
    name: 'without-mock-worker',
    apply: (_config, { command, mode }) => command === 'build' && loadEnv(mode, process.cwd(), 'VITE_').VITE_MOCK !== '1',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: () => rmSync(resolve(outDir, 'mockServiceWorker.js'), { force: true }),
  };
}

export default defineConfig({
  plugins: [react(), withoutMockWorker()],
});
