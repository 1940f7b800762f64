/**
 * The vocabulary of `check`: a case (one or two requests and what a safe receiver answers),
 * its graded result, and the report.
 * @module
 */

/** One request as sent: the exact body and headers. */
export interface Probe {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** What a safe receiver does with a case. */
export type Expectation =
  /** A genuine delivery: 2xx within the provider's timeout. */
  | 'accept'
  /** A forgery: 4xx, never 2xx. */
  | 'refuse'
  /** The same genuine delivery twice: 2xx first, then a refusal or an acknowledged duplicate. */
  | 'replay'
  /** Nothing a receiver could do about it: reported, not graded. */
  | 'none';

export type CaseGroup = 'genuine' | 'form' | 'forgery' | 'replay';

export interface CheckCase {
  /** Stable name, `<group>/<name>` (what --only / --skip match). */
  readonly id: string;
  readonly group: CaseGroup;
  /** What was sent, for people. */
  readonly sent: string;
  readonly expect: Expectation;
  /** One line of advice shown when the case fails or warns. */
  readonly advice: string;
  /** For a refusal: the status the provider documents (Shopify 401); another 4xx then warns. Absent: any 4xx passes. */
  readonly refusalStatus?: number;
  /** Builds the requests (two for a replay, none when `expect` is `none`). */
  build(): Promise<Probe[]>;
}

/** pass; fail (unsafe acceptance or genuine refusal); warn (not unsafe, not right); info (not graded). */
export type Verdict = 'pass' | 'fail' | 'warn' | 'info';

/** Why a case failed: the two things that make `check` exit 1. */
export type FailureKind = 'unsafe_acceptance' | 'genuine_refused';

/** The answer to one request. */
export interface Answer {
  /** HTTP status, or null when there was none (timeout, connection error). */
  readonly status: number | null;
  readonly timeMs: number;
  /** The start of the response body (up to 200 characters). */
  readonly body?: string;
  /** Why there was no status: `timeout` or the network error code. */
  readonly error?: string;
}

export interface CaseResult {
  readonly id: string;
  readonly group: CaseGroup;
  readonly sent: string;
  /** What a safe receiver answers, for people (`2xx within 3 s`, `4xx`). */
  readonly expected: string;
  /** The answers, in order (two for a replay). */
  readonly answers: readonly Answer[];
  /** The answer in a few words (`401`, `200, then 200 { duplicate: true }`, `no answer in 3000 ms`). */
  readonly answer: string;
  readonly verdict: Verdict;
  readonly failure?: FailureKind;
  /** Advice (fail, warn) or an explanation (info). */
  readonly advice?: string;
}

export interface CheckSummary {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly warned: number;
  readonly info: number;
  /** Passed of graded (pass + fail + warn) cases, 0–100. */
  readonly score: number;
}

export interface CheckReport {
  readonly api: string;
  readonly url: string;
  /** The per-request timeout used, in ms. */
  readonly timeoutMs: number;
  readonly results: readonly CaseResult[];
  readonly summary: CheckSummary;
  /** True when no case failed (warnings and info do not count). */
  readonly ok: boolean;
  readonly durationMs: number;
}
