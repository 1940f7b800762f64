import { describe, expect, it } from 'vitest';
import { grade } from '../../src/check/grade.ts';
import type { Answer, CheckCase } from '../../src/check/types.ts';

const testCase = (expect: CheckCase['expect']): CheckCase => ({
  id: `x/${expect}`,
  group: 'forgery',
  sent: 'something',
  expect,
  advice: 'the advice',
  build: async () => [],
});
const answer = (status: number | null, body = '', error?: string): Answer => ({ status, timeMs: 1, body, ...(error ? { error } : {}) });

describe('grading', () => {
  it('a forgery: 4xx passes, 2xx is an unsafe acceptance, 5xx / redirect / silence only warn', () => {
    expect(grade(testCase('refuse'), [answer(401)], 3000)).toMatchObject({ verdict: 'pass', answer: '401', expected: '4xx' });
    expect(grade(testCase('refuse'), [answer(204)], 3000)).toMatchObject({ verdict: 'fail', failure: 'unsafe_acceptance', advice: 'the advice' });
    expect(grade(testCase('refuse'), [answer(500)], 3000)).toMatchObject({ verdict: 'warn', advice: expect.stringContaining('not 500') });
    expect(grade(testCase('refuse'), [answer(302)], 3000)).toMatchObject({ verdict: 'warn' });
    expect(grade(testCase('refuse'), [answer(null, '', 'timeout')], 3000)).toMatchObject({ verdict: 'warn', answer: 'no answer within 3000 ms' });
  });

  it('a genuine delivery: only 2xx in time passes', () => {
    expect(grade(testCase('accept'), [answer(202)], 3000)).toMatchObject({ verdict: 'pass', expected: '2xx within 3 s' });
    expect(grade(testCase('accept'), [answer(400)], 3000)).toMatchObject({ verdict: 'fail', failure: 'genuine_refused' });
    expect(grade(testCase('accept'), [answer(null, '', 'ECONNRESET')], 10_000)).toMatchObject({ verdict: 'fail', answer: 'no answer (ECONNRESET)' });
  });

  it('a replay: the second answer must refuse or say duplicate; a silent 2xx warns', () => {
    expect(grade(testCase('replay'), [answer(200), answer(409)], 3000)).toMatchObject({ verdict: 'pass', answer: '200, then 409' });
    expect(grade(testCase('replay'), [answer(200), answer(200, '{"received":true,"duplicate":true}')], 3000)).toMatchObject({
      verdict: 'pass',
      answer: '200, then 200 (duplicate)',
    });
    expect(grade(testCase('replay'), [answer(200), answer(200, '{"received":true}')], 3000)).toMatchObject({ verdict: 'warn', advice: 'the advice' });
    expect(grade(testCase('replay'), [answer(401), answer(401)], 3000)).toMatchObject({ verdict: 'fail', failure: 'genuine_refused' });
  });

  it('what the scheme cannot stop is reported, not graded', () => {
    expect(grade(testCase('none'), [], 3000)).toMatchObject({ verdict: 'info', answer: '—', advice: 'the advice' });
  });
});
