/**
 * The report of `hookspec check` as text: a table of every case, one line of advice under each
 * failure or warning, and the score.
 * @module
 */
import type { CaseResult, CheckReport, Verdict } from './types.ts';

/** Colouring the CLI passes in (identity functions for plain text). */
export interface Paint {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const LABEL: Record<Verdict, string> = { pass: 'pass', fail: 'FAIL', warn: 'warn', info: 'info' };
const COLUMNS = ['verdict', 'case', 'sent', 'expected', 'answer'] as const;

function cells(result: CaseResult): Record<(typeof COLUMNS)[number], string> {
  return { verdict: LABEL[result.verdict], case: result.id, sent: result.sent, expected: result.expected, answer: result.answer };
}

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

/** The whole report as lines of text. */
export function formatReport(report: CheckReport, title: string, paint: Paint): string[] {
  const rows = report.results.map(cells);
  const width = Object.fromEntries(COLUMNS.map((c) => [c, Math.max(c.length, ...rows.map((row) => row[c].length))])) as Record<
    (typeof COLUMNS)[number],
    number
  >;
  const line = (row: Record<(typeof COLUMNS)[number], string>) =>
    COLUMNS.map((c, i) => (i === COLUMNS.length - 1 ? row[c] : row[c].padEnd(width[c]))).join('  ');
  const colour = { pass: paint.green, fail: paint.red, warn: paint.yellow, info: paint.dim } satisfies Record<Verdict, (t: string) => string>;
  const lines = [
    `${paint.bold(`${title} receiver at ${report.url}`)}: ${report.results.length} cases, timeout ${seconds(report.timeoutMs)}`,
    '',
    paint.bold(line(Object.fromEntries(COLUMNS.map((c) => [c, c])) as Record<(typeof COLUMNS)[number], string>)),
  ];
  for (const [i, result] of report.results.entries()) {
    const text = line(rows[i]!);
    lines.push(colour[result.verdict](text.slice(0, 4)) + text.slice(4));
    if (result.advice !== undefined) lines.push(`${' '.repeat(width.verdict + 2)}${paint.dim('→')} ${result.advice}`);
  }
  if (report.diagnosis !== undefined) {
    lines.push('', paint.bold(report.diagnosis.message), ...report.diagnosis.fixes.map((fix) => `  ${paint.dim('→')} ${fix}`));
  }
  const { passed, failed, warned, info, score } = report.summary;
  const graded = passed + failed + warned;
  const summary = `Score ${passed}/${graded} (${score}%): ${passed} passed, ${failed} failed, ${warned} warnings, ${info} not graded, in ${Math.round(report.durationMs)} ms.`;
  lines.push('', failed > 0 ? paint.red(summary) : paint.green(summary));
  if (failed > 0) {
    const unsafe = report.results.filter((r) => r.failure === 'unsafe_acceptance').length;
    const refused = report.results.filter((r) => r.failure === 'genuine_refused').length;
    lines.push(`${unsafe} forged or replayed deliveries were accepted; ${refused} genuine deliveries were refused or too slow.`);
  }
  return lines;
}
