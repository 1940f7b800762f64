/** What `hookspec mock` does with the spec violations it recorded, once it has stopped. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { MockServer } from '../../../mocks/server.ts';
import { junitReport } from '../../../mocks/violations/junit-report.ts';
import { formatViolationSummary, formatViolationTable } from '../../../mocks/violations/summary.ts';
import { CheckFailedError } from '../errors.ts';
import type { Output } from '../output.ts';

/**
 * Writes the JUnit report (`--report`), prints the summary (a table when there are violations)
 * and, with `--fail-on-violations`, fails the command (exit 1) when there are any.
 */
export function reportViolations(out: Output, server: MockServer, options: { failOnViolations?: boolean; report?: string }): void {
  const violations = server.violations();
  if (options.report) {
    mkdirSync(dirname(options.report), { recursive: true });
    writeFileSync(options.report, junitReport(violations, Object.keys(server.baseUrls)));
  }
  if (out.json) out.jsonLine({ violations });
  else {
    out.line(formatViolationSummary(violations));
    if (violations.length > 0) out.line(formatViolationTable(violations));
  }
  if (options.failOnViolations && violations.length > 0) {
    throw new CheckFailedError(`${violations.length} spec violation${violations.length === 1 ? '' : 's'} recorded (--fail-on-violations).`, {
      reported: !out.json,
    });
  }
}
