/**
 * Cases every API gets: a genuine delivery of each documented event, the same in odd but valid
 * JSON forms, and a body changed after signing.
 * @module
 */
import { JSON_FORMS } from '../json-forms.ts';
import type { CheckCase, Probe } from '../types.ts';
import { tamper, type CaseContext } from './context.ts';

const RESERIALISED =
  'Verify the raw body bytes as they arrived (express.raw(), request.text()), never JSON.stringify(JSON.parse(body)) or a framework-parsed body.';

/** One genuine delivery per documented event. */
export function genuineCases(ctx: CaseContext): CheckCase[] {
  return ctx.adapter.events.map((event) => ({
    id: `genuine/${event}`,
    group: 'genuine',
    sent: `a genuine ${event} delivery`,
    expect: 'accept',
    advice: 'Check the credentials, and that the signature is verified over the raw body bytes.',
    build: async () => [await ctx.sign(JSON.stringify(await ctx.payload(event)))],
  }));
}

/** A genuine delivery in each odd JSON form. */
export function formCases(ctx: CaseContext): CheckCase[] {
  return JSON_FORMS.map((form) => ({
    id: `form/${form.name}`,
    group: 'form',
    sent: `genuine, ${form.sent}`,
    expect: 'accept',
    advice: RESERIALISED,
    build: async () => [await ctx.sign(form.write(await ctx.payload(ctx.sampleEvent)))],
  }));
}

/** A forgery: one request, built by `build`, that a safe receiver refuses. */
export function forgeryCase(name: string, sent: string, advice: string, build: () => Promise<Probe>): CheckCase {
  return { id: `forgery/${name}`, group: 'forgery', sent, expect: 'refuse', advice, build: async () => [await build()] };
}

/** A genuine delivery whose body was changed after signing (headers untouched). */
export function bodyChangedCase(ctx: CaseContext, advice: string): CheckCase {
  return {
    id: 'forgery/body-changed',
    group: 'forgery',
    sent: 'a genuine delivery with a field added to the body after signing',
    expect: 'refuse',
    advice,
    build: async () => {
      const probe = await ctx.sign(JSON.stringify(await ctx.payload(ctx.sampleEvent)));
      return [{ ...probe, body: tamper(probe.body) }];
    },
  };
}

/** A replay the scheme gives the receiver no way to detect: reported with the reason, not graded. */
export function replayNote(explanation: string): CheckCase {
  return { id: 'replay/same-delivery-twice', group: 'replay', sent: 'not sent', expect: 'none', advice: explanation, build: async () => [] };
}
