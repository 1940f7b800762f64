/**
 * Grades the answers to one case against what a safe receiver does.
 * @module
 */
import type { Answer, CaseResult, CheckCase, FailureKind, Verdict } from './types.ts';

const ok = (answer: Answer | undefined) => answer?.status !== undefined && answer.status !== null && answer.status >= 200 && answer.status < 300;
const refused = (answer: Answer | undefined) => answer?.status !== undefined && answer.status !== null && answer.status >= 400 && answer.status < 500;
/** The body says the delivery was recognised as a duplicate (hookspec answers `{ "duplicate": true }`). */
const saysDuplicate = (answer: Answer | undefined) => /"duplicate"\s*:\s*true/.test(answer?.body ?? '');

/** `401`, `no answer within 3000 ms`, `ECONNREFUSED`. */
export function describeAnswer(answer: Answer, timeoutMs: number): string {
  if (answer.status !== null) return String(answer.status);
  return answer.error === 'timeout' ? `no answer within ${timeoutMs} ms` : `no answer (${answer.error})`;
}

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

/** What a safe receiver answers, for people. */
export function describeExpectation(testCase: CheckCase, timeoutMs: number): string {
  switch (testCase.expect) {
    case 'accept':
      return `2xx within ${seconds(timeoutMs)}`;
    case 'refuse':
      return testCase.refusalStatus === undefined ? '4xx' : String(testCase.refusalStatus);
    case 'replay':
      return '2xx, then 4xx or a duplicate 2xx';
    case 'none':
      return 'not graded';
  }
}

export function grade(testCase: CheckCase, answers: readonly Answer[], timeoutMs: number): CaseResult {
  const [first, second] = answers;
  let verdict: Verdict;
  let failure: FailureKind | undefined;
  let answer = answers.map((a) => describeAnswer(a, timeoutMs)).join(', then ');
  switch (testCase.expect) {
    case 'none':
      verdict = 'info';
      answer = '—';
      break;
    case 'accept':
      verdict = ok(first) ? 'pass' : 'fail';
      if (verdict === 'fail') failure = 'genuine_refused';
      break;
    case 'refuse':
      // 2xx is the unsafe acceptance; 5xx, a redirect or silence is not unsafe, but the provider would retry it.
      verdict = ok(first) ? 'fail' : refused(first) && (testCase.refusalStatus === undefined || first?.status === testCase.refusalStatus) ? 'pass' : 'warn';
      if (verdict === 'fail') failure = 'unsafe_acceptance';
      break;
    case 'replay':
      if (!ok(first)) {
        verdict = 'fail';
        failure = 'genuine_refused';
      } else if (refused(second) || (ok(second) && saysDuplicate(second))) {
        verdict = 'pass';
      } else {
        verdict = 'warn';
      }
      if (ok(second) && saysDuplicate(second)) answer += ' (duplicate)';
      break;
  }
  const advice =
    verdict === 'pass' ? undefined : verdict === 'warn' && testCase.expect === 'refuse' ? warnAdvice(first, testCase.refusalStatus) : testCase.advice;
  return {
    id: testCase.id,
    group: testCase.group,
    sent: testCase.sent,
    expected: describeExpectation(testCase, timeoutMs),
    answers,
    answer,
    verdict,
    ...(failure === undefined ? {} : { failure }),
    ...(advice === undefined ? {} : { advice }),
  };
}

function warnAdvice(answer: Answer | undefined, refusalStatus: number | undefined): string {
  const status = refusalStatus ?? 401;
  if (answer?.status === null || answer?.status === undefined) return `Refuse a forgery quickly with ${status}: no answer makes the provider retry it.`;
  if (refusalStatus !== undefined && refused(answer)) return `Refuse a forgery with ${refusalStatus}, the status the provider documents, not ${answer.status}.`;
  return `Refuse a forgery with 4xx (${status}), not ${answer.status}: the provider retries 5xx and follows no redirects.`;
}
