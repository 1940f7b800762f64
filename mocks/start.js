// `npm start`. Plain JavaScript on purpose: Node turns its on-disk compile cache on here, before
// it loads a single TypeScript module (or its type stripper), so every start after the first skips
// compiling and type-stripping the mock server's modules.
import { enableCompileCache } from 'node:module';

enableCompileCache?.();
await import('./serve.ts');
