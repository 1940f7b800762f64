import type { CheckReport } from './types.ts';

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/**
 * A check report as JUnit XML, one `<testcase>` per case: a failure for `fail`, a skipped case
 * for `info` (not graded), and a `<system-out>` note for `warn`.
 *
 * @example
 * await writeFile('check.xml', toJunitXml(await checkReceiver({ api: 'sidclaw', url, secret })));
 */
export function toJunitXml(report: CheckReport): string {
  const suite = `hookspec check ${report.api}`;
  const cases = report.results.map((result) => {
    const time = (result.answers.reduce((sum, answer) => sum + answer.timeMs, 0) / 1000).toFixed(3);
    const open = `    <testcase classname="${escapeXml(suite)}" name="${escapeXml(result.id)}" time="${time}">`;
    const detail = `sent: ${result.sent}; expected: ${result.expected}; answer: ${result.answer}`;
    if (result.verdict === 'pass') return `${open.slice(0, -1)}/>`;
    if (result.verdict === 'info') return `${open}\n      <skipped message="${escapeXml(result.advice ?? 'not graded')}"/>\n    </testcase>`;
    if (result.verdict === 'warn') return `${open}\n      <system-out>${escapeXml(`warning: ${detail}. ${result.advice ?? ''}`)}</system-out>\n    </testcase>`;
    return `${open}\n      <failure type="${result.failure}" message="${escapeXml(detail)}">${escapeXml(result.advice ?? '')}</failure>\n    </testcase>`;
  });
  const { total, failed, info } = report.summary;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="hookspec check" tests="${total}" failures="${failed}" skipped="${info}" time="${(report.durationMs / 1000).toFixed(3)}">`,
    `  <testsuite name="${escapeXml(suite)}" tests="${total}" failures="${failed}" skipped="${info}" time="${(report.durationMs / 1000).toFixed(3)}" hostname="${escapeXml(report.url)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
