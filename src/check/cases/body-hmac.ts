/**
 * Provenonce and Exchange: an HMAC of the body and nothing else (no id, no timestamp).
 * @module
 */
import type { CheckCase } from '../types.ts';
import { bodyChangedCase, formCases, genuineCases, replayNote } from './common.ts';
import type { CaseContext } from './context.ts';
import { hmacForgeries } from './hmac-signature.ts';

export function bodyHmacCases(ctx: CaseContext, header: string): CheckCase[] {
  return [
    ...genuineCases(ctx),
    ...formCases(ctx),
    bodyChangedCase(ctx, `Verify ${header} over the raw body before anything else, and refuse with 401 when it does not match.`),
    ...hmacForgeries(ctx, header),
    replayNote(
      `Not graded: ${ctx.adapter.title} signs only the body (no delivery id, no timestamp), so a captured delivery verifies forever and a receiver cannot tell a replay from a retry; make processing idempotent on the event's own ids.`,
    ),
  ];
}
