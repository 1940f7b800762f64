// `npm start`. Plain JavaScript on purpose: Node turns its on-disk compile cache on here, before
// it loads a single TypeScript module (or its type stripper), so every start after the first skips
// compiling and type-stripping the mock server's modules.
import { enableCompileCache, flushCompileCache } from 'node:module';

enableCompileCache?.();
await import('./serve.ts');
// Written now, not only at exit, so a server that is killed still leaves the cache behind.
flushCompileCache?.();
