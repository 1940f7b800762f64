import type { SpecViolation } from './types.ts';

/** Violations kept at most; later ones are counted, not stored, so a runaway client cannot exhaust memory. */
export const MAX_KEPT_VIOLATIONS = 10_000;

/**
 * Characters kept of each text field of a violation (path with query, location, message): the
 * count cap alone would let 10,000 violations with 15 KB query strings hold 150 MB.
 */
export const MAX_VIOLATION_FIELD_CHARS = 1024;

const clip = (text: string) =>
  text.length <= MAX_VIOLATION_FIELD_CHARS ? text : `${text.slice(0, MAX_VIOLATION_FIELD_CHARS)}… (${text.length - MAX_VIOLATION_FIELD_CHARS} more characters)`;

/** The violation with every text field within {@link MAX_VIOLATION_FIELD_CHARS}. */
export function boundedViolation(violation: SpecViolation): SpecViolation {
  return {
    ...violation,
    api: clip(violation.api),
    operationId: clip(violation.operationId),
    method: clip(violation.method),
    path: clip(violation.path),
    location: clip(violation.location),
    message: clip(violation.message),
  };
}

/** The violations seen so far, in arrival order. */
export interface ViolationLog {
  add(violation: SpecViolation): void;
  list(): SpecViolation[];
  /** How many arrived after the log was full. */
  dropped(): number;
  /** Forgets everything; returns how many were kept. */
  clear(): number;
}

export function createViolationLog(limit = MAX_KEPT_VIOLATIONS): ViolationLog {
  let kept: SpecViolation[] = [];
  let dropped = 0;
  return {
    add(violation) {
      if (kept.length < limit) kept.push(boundedViolation(violation));
      else dropped++;
    },
    list: () => [...kept],
    dropped: () => dropped,
    clear() {
      const count = kept.length;
      kept = [];
      dropped = 0;
      return count;
    },
  };
}
