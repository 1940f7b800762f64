import type { CheckCase } from './types.ts';

/**
 * Whether a case matches a pattern of --only / --skip: its id (`forgery/signature-missing`),
 * its group (`forgery`), or a `*` wildcard (`forgery/signature-*`, `*timestamp*`).
 */
export function matchesCase(testCase: CheckCase, pattern: string): boolean {
  if (pattern === testCase.group || pattern === testCase.id) return true;
  if (!pattern.includes('*')) return false;
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return regex.test(testCase.id);
}

/** The cases `only` keeps (all when empty) minus those `skip` names. */
export function selectCases(cases: readonly CheckCase[], only: readonly string[] = [], skip: readonly string[] = []): CheckCase[] {
  return cases.filter((testCase) => (only.length === 0 || only.some((p) => matchesCase(testCase, p))) && !skip.some((p) => matchesCase(testCase, p)));
}
