/**
 * The cases of each API's battery: its signature scheme decides which forgeries exist. An API
 * is graded by its scheme's cases; SidClaw keeps the cases written for its timestamp and id.
 * @module
 */
import type { ApiAdapter } from '../apis/index.ts';
import { createHmacScheme } from '../schemes/hmac.ts';
import { bodyHmacCases } from './cases/body-hmac.ts';
import { formCases, genuineCases } from './cases/common.ts';
import type { CaseContext } from './cases/context.ts';
import { hmacSchemeCases } from './cases/hmac-scheme.ts';
import { pipevestCases } from './cases/pipevest.ts';
import { provenCases } from './cases/proven.ts';
import { sidclawCases } from './cases/sidclaw.ts';
import type { CheckCase } from './types.ts';

type Battery = (ctx: CaseContext) => CheckCase[];

/** Batteries written for one API rather than derived from its scheme. */
const written: Readonly<Record<string, Battery>> = { sidclaw: sidclawCases };

/** The battery of `adapter`'s API. */
export function batteryOf(adapter: ApiAdapter): Battery {
  const own = written[adapter.name];
  if (own !== undefined) return own;
  const description = adapter.description;
  if (description.scheme === 'rfc9421') return pipevestCases;
  if (description.scheme === 'api-key') return provenCases;
  if (description.scheme !== 'hmac') throw new TypeError(`${adapter.name}: no check cases for the ${description.scheme} scheme yet.`);
  const d = description.hmac;
  const bodyOnly = d['payload-format'].components.length === 1 && d['payload-format'].components[0] === 'body' && d.timestamp === undefined;
  if (bodyOnly && d['signature-prefix'] === 'sha256=' && d.encoding === 'hex' && d.algorithm === 'sha256' && d['message-id'] === undefined) {
    return (ctx) => bodyHmacCases(ctx, d.header.toLowerCase());
  }
  const scheme = createHmacScheme(d);
  const refusal = description['refusal-status'];
  return (ctx) => [...genuineCases(ctx), ...formCases(ctx), ...hmacSchemeCases(ctx, scheme, refusal === undefined ? {} : { refusalStatus: refusal })];
}
