/**
 * `hookspec/check`: send a battery of genuine, odd, forged and replayed deliveries to a
 * running webhook receiver and grade its answers (no msw needed; Node).
 * @module
 */
export { checkReceiver, listCheckCases, type CheckReceiverOptions } from './check-receiver.ts';
export { CheckOptionsError, ReceiverUnreachableError, type CheckOptionsErrorCode } from './errors.ts';
export { toJunitXml } from './junit.ts';
export type { Answer, CaseGroup, CaseResult, CheckCase, CheckReport, CheckSummary, Diagnosis, Expectation, FailureKind, Probe, Verdict } from './types.ts';
