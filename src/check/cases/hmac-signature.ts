/**
 * Forgeries of a `sha256=<hex>` HMAC signature header (SidClaw, Provenonce, Exchange).
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { CheckCase, Probe } from '../types.ts';
import { forgeryCase } from './common.ts';
import { withHeader, type CaseContext } from './context.ts';

const COMPARE =
  'Compare the whole HMAC-SHA256 of the raw body with the whole header value, in constant time (crypto.timingSafeEqual), and refuse with 401 otherwise.';

/** Flips the last hex digit of a `sha256=<hex>` value (same length, different signature). */
const flipLast = (value: string) => value.slice(0, -1) + (value.endsWith('0') ? '1' : '0');

export function hmacForgeries(ctx: CaseContext, header: string): CheckCase[] {
  const genuine = async (): Promise<Probe> => ctx.sign(JSON.stringify(await ctx.payload(ctx.sampleEvent)));
  return [
    forgeryCase(
      'wrong-secret',
      'a delivery signed with another secret',
      'Verify with the endpoint secret, and refuse a signature made with any other.',
      async () => ctx.sign(JSON.stringify(await ctx.payload(ctx.sampleEvent)), { secret: randomBytes(32).toString('hex') }),
    ),
    forgeryCase(
      'signature-missing',
      `a delivery without ${header}`,
      `Refuse a delivery without ${header} (401); never treat the signature as optional.`,
      async () => withHeader(await genuine(), header, undefined),
    ),
    forgeryCase('signature-empty', `a delivery with an empty ${header}`, `Refuse an empty ${header} (401).`, async () =>
      withHeader(await genuine(), header, ''),
    ),
    forgeryCase(
      'signature-malformed',
      `a delivery with ${header}: sha256=not-a-signature`,
      `Refuse a ${header} that is not sha256=<64 hex digits> (401).`,
      async () => withHeader(await genuine(), header, 'sha256=not-a-signature'),
    ),
    forgeryCase('signature-truncated', `a delivery with only the first 16 hex digits of the right signature`, COMPARE, async () => {
      const probe = await genuine();
      return withHeader(probe, header, probe.headers[header]!.slice(0, 'sha256='.length + 16));
    }),
    forgeryCase('signature-last-digit', 'a delivery whose signature differs from the right one in the last hex digit', COMPARE, async () => {
      const probe = await genuine();
      return withHeader(probe, header, flipLast(probe.headers[header]!));
    }),
    forgeryCase('signature-of-another-delivery', 'a body with the signature of another genuine delivery', COMPARE, async () => {
      const other = ctx.adapter.events.find((event) => event !== ctx.sampleEvent) ?? ctx.sampleEvent;
      const first = await genuine();
      const second = await ctx.sign(JSON.stringify({ ...(await ctx.payload(other)), sequence: 2 }));
      return withHeader(second, header, first.headers[header]);
    }),
  ];
}
