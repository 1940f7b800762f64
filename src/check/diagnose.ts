/**
 * Causes behind a whole pattern of failures, named once instead of case by case.
 * @module
 */
import type { CaseResult, Diagnosis } from './types.ts';

/** How to keep the raw body for the webhook route, per framework. */
export const RAW_BODY_FIXES: readonly string[] = [
  "Express: mount the webhook route with express.raw({ type: '*/*' }) before app.use(express.json()), or exclude its path from the JSON parser.",
  "Fastify: register the route in a plugin scope with addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => done(null, body)).",
  'Koa: leave koa-bodyparser off the webhook route and read the raw bytes (raw-body / ctx.req).',
  'Next.js (App Router): read await request.text() in the route handler; Pages Router: export const config = { api: { bodyParser: false } }.',
  'Hono and other Fetch handlers: pass the Request untouched (await c.req.raw.text()), never c.req.json() first.',
];

const PARSED = /body_already_parsed/;

/**
 * Every genuine delivery refused while the forgeries are refused too (the receiver cannot
 * verify anything), or an answer saying `body_already_parsed` (hookspec's handlers say so):
 * a body parser ran before the webhook route, so the signature is checked over re-serialised
 * JSON. A wrong secret gives the first pattern too; the message names both.
 */
export function diagnose(results: readonly CaseResult[]): Diagnosis | undefined {
  const saysParsed = results.some((result) => result.answers.some((answer) => PARSED.test(answer.body ?? '')));
  const genuine = results.filter((result) => result.group === 'genuine' || result.group === 'form');
  const forgeries = results.filter((result) => result.group === 'forgery');
  const refusedAll = (list: readonly CaseResult[]) =>
    list.length > 0 && list.every((result) => result.answers[0]?.status !== null && result.answers[0]!.status! >= 400 && result.answers[0]!.status! < 500);
  if (!saysParsed && !(refusedAll(genuine) && refusedAll(forgeries))) return undefined;
  return {
    code: 'body_parsed_before_route',
    message: saysParsed
      ? 'A body parser ran before your webhook route: the receiver answered body_already_parsed, so the signature cannot be checked over the bytes that were signed.'
      : 'Every genuine delivery was refused, like the forgeries: a body parser ran before your webhook route (the signature covers the raw bytes, not re-serialised JSON), or the receiver has another secret or key.',
    fixes: RAW_BODY_FIXES,
  };
}
