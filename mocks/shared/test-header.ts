/**
 * The header that names the test behind a request to the mock server. Test files run in
 * parallel, so a time window cannot tell their requests apart; a name carried by each request
 * can. The value is URI-encoded, as test names may hold any character.
 * @module
 */

/** Set on each request by `hookspec/testing/vitest-per-test`; read by the spec checker and the request journal. */
export const TEST_HEADER = 'x-hookspec-test';

/** The test named by a request's headers, or undefined. */
export function testOf(headers: Headers): string | undefined {
  const value = headers.get(TEST_HEADER);
  if (value === null || value === '') return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A test name as a header value. */
export const encodeTestName = (name: string) => encodeURIComponent(name);
