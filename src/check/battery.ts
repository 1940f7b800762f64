/**
 * The cases of each API's battery, chosen by its signature scheme alone: the scheme decides
 * which forgeries exist, and the API's description (its headers, components, credential and
 * what its provider documents) fills them in.
 * @module
 */
import type { ApiAdapter } from '../apis/index.ts';
import { createHmacScheme } from '../schemes/hmac.ts';
import { apiKeySchemeCases } from './cases/api-key-scheme.ts';
import { bodyHmacCases } from './cases/body-hmac.ts';
import { formCases, genuineCases } from './cases/common.ts';
import type { CaseContext } from './cases/context.ts';
import { type HmacCaseOptions, hmacSchemeCases } from './cases/hmac-scheme.ts';
import { rfc9421SchemeCases } from './cases/rfc9421-scheme.ts';
import type { CheckCase } from './types.ts';

type Battery = (ctx: CaseContext) => CheckCase[];

/** The battery of `adapter`'s API. */
export function batteryOf(adapter: ApiAdapter): Battery {
  const description = adapter.description;
  if (description.scheme === 'rfc9421') return (ctx) => rfc9421SchemeCases(ctx, description);
  if (description.scheme === 'api-key') return (ctx) => apiKeySchemeCases(ctx, description);
  if (description.scheme !== 'hmac') throw new TypeError(`${adapter.name}: no check cases for the ${description.scheme} scheme yet.`);
  const d = description.hmac;
  const bodyOnly = d['payload-format'].components.length === 1 && d['payload-format'].components[0] === 'body' && d.timestamp === undefined;
  if (bodyOnly && d['signature-prefix'] === 'sha256=' && d.encoding === 'hex' && d.algorithm === 'sha256' && d['message-id'] === undefined) {
    return (ctx) => bodyHmacCases(ctx, d.header.toLowerCase());
  }
  const scheme = createHmacScheme(d);
  const refusal = description['refusal-status'];
  const checks = description['receiver-checks'];
  const options: HmacCaseOptions = {
    ...(refusal === undefined ? {} : { refusalStatus: refusal }),
    ...(checks === undefined ? {} : { documented: { provider: adapter.title, checks } }),
  };
  return (ctx) => [...genuineCases(ctx), ...formCases(ctx), ...hmacSchemeCases(ctx, scheme, options)];
}
