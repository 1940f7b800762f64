/**
 * The cases of each API's battery (its signature scheme decides which forgeries exist).
 * @module
 */
import type { ApiName } from '../apis/index.ts';
import { bodyHmacCases } from './cases/body-hmac.ts';
import type { CaseContext } from './cases/context.ts';
import { pipevestCases } from './cases/pipevest.ts';
import { provenCases } from './cases/proven.ts';
import { sidclawCases } from './cases/sidclaw.ts';
import type { CheckCase } from './types.ts';

export const batteries = {
  sidclaw: sidclawCases,
  provenonce: (ctx) => bodyHmacCases(ctx, 'x-provenonce-signature'),
  exchange: (ctx) => bodyHmacCases(ctx, 'x-signature'),
  proven: provenCases,
  pipevest: pipevestCases,
} satisfies Record<ApiName, (ctx: CaseContext) => CheckCase[]>;
