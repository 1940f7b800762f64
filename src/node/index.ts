/**
 * `hookspec/node`: what only Node has. The per-API entries run on any Fetch runtime and in
 * browsers; this entry adapts their Fetch handlers to `node:http` and Express-style middleware.
 * @module
 */
export { toNodeListener } from '../webhooks/node/to-node-listener.ts';
