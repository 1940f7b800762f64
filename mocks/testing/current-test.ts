/**
 * The test running in this worker, as `hookspec/testing/vitest-per-test` names it, shared with
 * `mockRequests({ test: 'current' })` through a global: the setup file and the test import
 * their own copies of hookspec's modules in some vitest set-ups.
 * @module
 */
const KEY = Symbol.for('hookspec.currentTest');

type Holder = { [KEY]?: string };

export const currentTest = (): string | undefined => (globalThis as Holder)[KEY];

export function setCurrentTest(name: string | undefined): void {
  (globalThis as Holder)[KEY] = name;
}
