import type { SpecViolation } from './types.ts';

/** Violations kept at most; later ones are counted, not stored, so a runaway client cannot exhaust memory. */
export const MAX_KEPT_VIOLATIONS = 10_000;

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
      if (kept.length < limit) kept.push(violation);
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
