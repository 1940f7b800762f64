import { specOperations } from './operation-table.ts';
import type { SpecViolation } from './types.ts';

const xml = (text: string) =>
  text
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/**
 * A JUnit XML report for CI systems: one test suite per API, one test case per operation of its
 * spec (it passes when no request to it broke the spec), each violation one `<failure>`.
 */
export function junitReport(violations: readonly SpecViolation[], apis: readonly string[]): string {
  const suites = apis.map((api) => {
    const mine = violations.filter((v) => v.api === api);
    const names = [...(specOperations[api] ?? []).map((op) => op.operationId), ...new Set(mine.map((v) => v.operationId))];
    const cases = [...new Set(names)].map((operationId) => {
      const failures = mine.filter((v) => v.operationId === operationId);
      const body = failures
        .map(
          (v) =>
            `      <failure type="${xml(v.location)}" message="${xml(`${v.location}: ${v.message}`)}">${xml(`${v.method} ${v.path} → ${v.status} (${v.source})${v.test === undefined ? '' : `\ntest: ${v.test}`}\n${v.location}: ${v.message}`)}</failure>`,
        )
        .join('\n');
      const open = `    <testcase classname="hookspec.${xml(api)}" name="${xml(operationId)}"`;
      return failures.length === 0 ? `${open}/>` : `${open}>\n${body}\n    </testcase>`;
    });
    const failed = new Set(mine.map((v) => v.operationId)).size;
    return `  <testsuite name="${xml(`${api} spec conformance`)}" tests="${cases.length}" failures="${failed}" errors="0">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const tests =
    suites.length === 0
      ? 0
      : apis.reduce(
          (sum, api) =>
            sum +
            new Set([...(specOperations[api] ?? []).map((op) => op.operationId), ...violations.filter((v) => v.api === api).map((v) => v.operationId)]).size,
          0,
        );
  const failures = new Set(violations.map((v) => `${v.api} ${v.operationId}`)).size;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="hookspec spec violations" tests="${tests}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>\n`;
}
