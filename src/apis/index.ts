/**
 * The registry of APIs: the one place an API is listed. Everything above it (CLI, `check`,
 * mocks, inspector, violation checker) reads it.
 * @module
 */
export {
  apiAdapter,
  apiNames,
  apis,
  checkEvent,
  credentialsFor,
  defineApi,
  generatedOf,
  registerApi,
  resolveCredentials,
  type ApiName,
  type GeneratedApi,
} from './registry.ts';
export { ApiInputError, MissingDependencyError, type ApiInputErrorCode } from './errors.ts';
export type * from './types.ts';
