/**
 * `hookspec/openapi-ts`: the hey-api plugin that generates a typed webhook verifier, receiver
 * and test deliveries next to a client generated from any spec with a delivery scheme. Needs
 * `@hey-api/openapi-ts` (an optional peer: only this entry uses it).
 * @module
 */
export { hookspecPlugin, type HookspecPlugin, type HookspecPluginConfig } from './hookspec-plugin.ts';
