import type { SpecViolation } from './types.ts';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** `hookspec: no spec violations` or `hookspec: 2 spec violations: <api> <operationId> <location>, …` (three shown at most). */
export function formatViolationSummary(violations: readonly SpecViolation[]): string {
  if (violations.length === 0) return 'hookspec: no spec violations';
  const shown = violations.slice(0, 3).map((v) => `${v.api} ${v.operationId} ${v.location}`);
  const more = violations.length > shown.length ? `, and ${violations.length - shown.length} more` : '';
  return `hookspec: ${plural(violations.length, 'spec violation')}: ${shown.join(', ')}${more}`;
}

/** A plain-text table, one violation a row: the test when known, API, operation, request, status, where, what. */
export function formatViolationTable(violations: readonly SpecViolation[]): string {
  const withTest = violations.some((v) => v.test !== undefined);
  const header = [...(withTest ? ['test'] : []), 'api', 'operation', 'request', 'status', 'location', 'message'];
  const rows = violations.map((v) => [
    ...(withTest ? [v.test ?? '-'] : []),
    v.api,
    v.operationId,
    `${v.method} ${v.path}`,
    String(v.status),
    v.location,
    v.source === 'prism' ? `${v.message} (prism)` : v.message,
  ]);
  const widths = header.map((title, column) => Math.min(column === 0 && withTest ? 80 : 60, Math.max(title.length, ...rows.map((row) => row[column]!.length))));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
