/**
 * The cases of any `hmac` scheme, derived from its description: the forgeries its signature
 * header, timestamp and id allow, and the graded cases the anchors get wrong (a timestamp ahead
 * of the tolerance, rotation with two signatures in one header, the previous secret after a
 * rotation, the refusal status the provider documents).
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { ReceiverCheck } from '../../apis/delivery-description.ts';
import type { HmacScheme, HmacSignInput } from '../../schemes/hmac.ts';
import { encodeMac, formatHmacSignatureHeader, parseHmacSignatureHeader } from '../../schemes/hmac-signature-header.ts';
import type { CheckCase, Probe } from '../types.ts';
import { bodyChangedCase, formCases, forgeryCase, genuineCases, replayNote } from './common.ts';
import { withHeader, type CaseContext } from './context.ts';

export interface HmacCaseOptions {
  /** The secret the receiver had before the current one: adds the case of a delivery signed with it (it must pass). */
  previousSecret?: string;
  /** The status the provider documents for a refusal (Shopify 401): refusals with another 4xx then warn. Any 4xx passes when absent. */
  refusalStatus?: number;
  /** What the provider's document asks a receiver to check (its `receiver-checks`): advice beyond it says so. */
  documented?: { readonly provider: string; readonly checks: readonly ReceiverCheck[] };
}

/**
 * Advice on a check the provider's document does not ask for, prefixed so: `Beyond SidClaw's
 * document (it asks only for the signature check), hookspec advises: refuse …`.
 */
export function beyondDocument(documented: HmacCaseOptions['documented'], check: ReceiverCheck, advice: string): string {
  if (documented === undefined || documented.checks.includes(check)) return advice;
  const asked = documented.checks.length === 0 ? 'no check' : `only for the ${documented.checks.join(', ')} check${documented.checks.length === 1 ? '' : 's'}`;
  return `Beyond ${documented.provider}'s document (it asks ${asked}), hookspec advises: ${advice.charAt(0).toLowerCase()}${advice.slice(1)}`;
}

/** `3900 s` → `65 minutes`: skews in words. */
const inWords = (seconds: number) => (seconds % 3600 === 0 ? `${seconds / 3600} hour${seconds === 3600 ? '' : 's'}` : `${Math.round(seconds / 60)} minutes`);

/** `probe` with `headers` put in place of any header of the same name (any case). */
function withHeaders(probe: Probe, headers: Readonly<Record<string, string>>): Probe {
  const names = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  const kept = Object.entries(probe.headers).filter(([name]) => !names.has(name.toLowerCase()));
  return { ...probe, headers: { ...Object.fromEntries(kept), ...headers } };
}

/**
 * The scheme-specific cases (forgeries, replay and graded cases) of an `hmac` scheme. The
 * receiver's current secret is `ctx.credentials.secret`.
 *
 * @example
 * const cases = [...genuineCases(ctx), ...formCases(ctx), ...hmacSchemeCases(ctx, createHmacScheme(hmacPresets.stripe), { refusalStatus: 400 })];
 */
export function hmacSchemeCases(ctx: CaseContext, scheme: HmacScheme, options: HmacCaseOptions = {}): CheckCase[] {
  const d = scheme.description;
  const secret = ctx.credentials.secret;
  if (secret === undefined || secret === '') throw new TypeError('The hmac cases need the receiver secret (credentials.secret).');
  const header = d.header.toLowerCase();
  const shown = d.header;
  const timestampHeader = d.combined === undefined ? d.timestamp?.header : undefined;
  const idHeader = d['message-id']?.header;
  const components = d['payload-format'].components;
  const hasTimestamp = d.timestamp !== undefined || d.combined !== undefined;
  const tolerance = d.timestamp?.tolerance ?? 300;
  const skew = Math.max(3600, 2 * tolerance);
  const prefix = d['signature-prefix'];

  /** A random secret in the description's encoding. */
  const otherSecret = () => {
    const encoding = d['secret-encoding'];
    if (encoding === 'utf8') return randomBytes(32).toString('hex');
    return `${encoding === 'whsec-base64' ? 'whsec_' : ''}${randomBytes(32).toString('base64')}`;
  };
  const body = async (event = ctx.sampleEvent) => JSON.stringify(await ctx.payload(event));
  /** A delivery signed by the scheme (as the provider would, unless `with` changes something), on the adapter's genuine probe. */
  const signed = async (text: string, change: Partial<HmacSignInput> = {}): Promise<Probe> => {
    const probe = await ctx.sign(text);
    return withHeaders(probe, await scheme.sign({ body: text, secret, url: ctx.signedUrl, ...change }));
  };
  /** The header value rebuilt with other signatures (the timestamp of a combined header kept). */
  const rewritten = (value: string, macs: (signatures: readonly Uint8Array[]) => readonly Uint8Array[]) => {
    const parsed = parseHmacSignatureHeader(value, d, header);
    return formatHmacSignatureHeader(macs(parsed.signatures), d, parsed.timestamp);
  };
  const COMPARE = `Compare the whole HMAC of the signed content with the whole signature of ${shown}, in constant time (crypto.timingSafeEqual), and refuse otherwise.`;
  const refusal = options.refusalStatus === undefined ? '4xx' : String(options.refusalStatus);
  const beyond = (check: ReceiverCheck, advice: string) => beyondDocument(options.documented, check, advice);

  const cases: CheckCase[] = [
    bodyChangedCase(ctx, `Verify ${shown} over the raw body before anything else, and refuse with ${refusal} when it does not match.`),
    forgeryCase(
      'wrong-secret',
      'a delivery signed with another secret',
      'Verify with the endpoint secret, and refuse a signature made with any other.',
      async () => signed(await body(), { secret: otherSecret() }),
    ),
    forgeryCase('signature-missing', `a delivery without ${shown}`, `Refuse a delivery without ${shown}; never treat the signature as optional.`, async () =>
      withHeader(await signed(await body()), header, undefined),
    ),
    forgeryCase('signature-empty', `a delivery with an empty ${shown}`, `Refuse an empty ${shown}.`, async () =>
      withHeader(await signed(await body()), header, ''),
    ),
    forgeryCase(
      'signature-malformed',
      `a delivery with ${shown}: ${d.combined === undefined ? '' : `${d.combined['timestamp-key']}=<now>${d.combined.delimiter}${d.combined['signature-key']}=`}${prefix}not-a-signature`,
      `Refuse a ${shown} that does not carry a signature of the documented form.`,
      async () => {
        const probe = await signed(await body());
        const combined = d.combined;
        if (combined === undefined) return withHeader(probe, header, `${prefix}not-a-signature`);
        const { timestamp } = parseHmacSignatureHeader(probe.headers[header], d, header);
        const value = `${combined['timestamp-key']}=${timestamp}${combined.delimiter}${combined['signature-key']}=${prefix}not-a-signature`;
        return withHeader(probe, header, value);
      },
    ),
    forgeryCase('signature-truncated', 'a delivery whose signature is the first half of the right one', COMPARE, async () => {
      const probe = await signed(await body());
      const parsed = parseHmacSignatureHeader(probe.headers[header], d, header);
      const half = encodeMac(parsed.signatures[0]!, d);
      const value = probe.headers[header]!.replace(half, half.slice(0, Math.floor(half.length / 2)));
      return withHeader(probe, header, value);
    }),
    forgeryCase('signature-last-digit', 'a delivery whose signature differs from the right one in its last byte', COMPARE, async () => {
      const probe = await signed(await body());
      const value = rewritten(probe.headers[header]!, (macs) =>
        macs.map((mac) => {
          const changed = Uint8Array.from(mac);
          changed[changed.length - 1]! ^= 1;
          return changed;
        }),
      );
      return withHeader(probe, header, value);
    }),
    forgeryCase('signature-of-another-delivery', 'a body with the signature of another genuine delivery', COMPARE, async () => {
      const other = ctx.adapter.events.find((event) => event !== ctx.sampleEvent) ?? ctx.sampleEvent;
      const first = await signed(await body());
      const second = await signed(JSON.stringify({ ...(await ctx.payload(other)), sequence: 2 }));
      return withHeader(second, header, first.headers[header]);
    }),
  ];

  if (hasTimestamp) {
    const where = timestampHeader ?? `the ${d.combined?.['timestamp-key'] ?? 'timestamp'}= of ${shown}`;
    const advice = beyond(
      'timestamp',
      `Refuse a ${where} more than ${tolerance} s from now, both ways: too old is a replay, and one ahead of the clock lets a captured delivery be replayed later.`,
    );
    cases.push(
      forgeryCase('timestamp-too-old', `a correctly signed delivery whose timestamp is ${inWords(skew)} old`, advice, async () =>
        signed(await body(), { timestamp: new Date(Date.now() - skew * 1000) }),
      ),
      forgeryCase(
        'timestamp-in-future',
        `a correctly signed delivery whose timestamp is ${inWords(skew)} ahead (beyond the ${tolerance} s tolerance)`,
        advice,
        async () => signed(await body(), { timestamp: new Date(Date.now() + skew * 1000) }),
      ),
    );
    if (timestampHeader !== undefined) {
      cases.push(
        forgeryCase(
          'timestamp-missing',
          `a genuine delivery without ${timestampHeader}`,
          beyond('timestamp', `Refuse a delivery without ${timestampHeader}: without it nothing bounds a replay.`),
          async () => withHeader(await signed(await body()), timestampHeader.toLowerCase(), undefined),
        ),
      );
    }
    if (components.includes('timestamp')) {
      cases.push(
        forgeryCase(
          'timestamp-changed',
          `a delivery signed ${inWords(skew)} ago whose timestamp was then set to now (the signature covers it)`,
          `Verify the signature over the timestamp exactly as received (${d['payload-format'].delimiter === '' ? 'no delimiter' : `"${d['payload-format'].delimiter}" between the parts`}), then check its age.`,
          async () => {
            const text = await body();
            const old = await signed(text, { timestamp: new Date(Date.now() - skew * 1000) });
            const fresh = await signed(text, { messageId: idHeader === undefined ? undefined : old.headers[idHeader.toLowerCase()] });
            if (timestampHeader !== undefined) return withHeader(old, timestampHeader.toLowerCase(), fresh.headers[timestampHeader.toLowerCase()]);
            const freshTimestamp = parseHmacSignatureHeader(fresh.headers[header], d, header).timestamp!;
            return withHeader(
              old,
              header,
              rewritten(old.headers[header]!, (macs) => macs).replace(/^[^,]*/, `${d.combined!['timestamp-key']}=${freshTimestamp}`),
            );
          },
        ),
      );
    }
  }

  if (idHeader !== undefined) {
    const id = idHeader.toLowerCase();
    cases.push(
      forgeryCase(
        'id-missing',
        `a genuine delivery without ${idHeader}`,
        beyond('message-id', `Refuse a delivery without ${idHeader}: without it a replay cannot be recognised.`),
        async () => withHeader(await signed(await body()), id, undefined),
      ),
    );
    if (components.includes('message-id')) {
      cases.push(
        forgeryCase(
          'id-changed',
          `a genuine delivery whose ${idHeader} was changed after signing`,
          `Verify the signature over ${idHeader} as received.`,
          async () => {
            const probe = await signed(await body());
            return withHeader(probe, id, `${probe.headers[id]}x`);
          },
        ),
      );
    }
    cases.push({
      id: 'replay/same-delivery-twice',
      group: 'replay',
      sent: `the same genuine delivery (same ${idHeader}) twice`,
      expect: 'replay',
      advice: beyond(
        'message-id',
        `Remember each ${idHeader} (for twice the timestamp tolerance) and answer a second delivery with 2xx without processing it again, saying so (hookspec answers { "duplicate": true }).`,
      ),
      build: async () => {
        const probe = await signed(await body());
        return [probe, probe];
      },
    });
  } else {
    cases.push(
      replayNote(
        hasTimestamp
          ? `Not graded: the scheme has no delivery id, so within the ${tolerance} s tolerance a replay cannot be told from a retry; make processing idempotent on the event's own id.`
          : "Not graded: the scheme signs only the body (no delivery id, no timestamp), so a captured delivery verifies forever; make processing idempotent on the event's own id.",
      ),
    );
  }

  if (d['signatures-delimiter'] !== undefined || d.combined !== undefined) {
    cases.push({
      id: 'genuine/second-of-two-signatures',
      group: 'genuine',
      sent: `a genuine delivery whose ${shown} carries two signatures, only the second valid (a sender rotating its secret)`,
      expect: 'accept',
      advice: `Accept a delivery when any one signature in ${shown} matches: during a rotation the sender signs with both secrets.`,
      build: async () => {
        const probe = await signed(await body());
        return [
          withHeader(
            probe,
            header,
            rewritten(probe.headers[header]!, (macs) => [randomBytes(macs[0]!.length), ...macs]),
          ),
        ];
      },
    });
  }
  if (options.previousSecret !== undefined) {
    const previousSecret = options.previousSecret;
    cases.push({
      id: 'genuine/previous-secret',
      group: 'genuine',
      sent: 'a genuine delivery signed with the previous secret (the receiver was given both)',
      expect: 'accept',
      advice: 'During a rotation, verify with the current and the previous secret and accept a match with either.',
      build: async () => [await signed(await body(), { secret: previousSecret })],
    });
  }
  return options.refusalStatus === undefined
    ? cases
    : cases.map((testCase) => (testCase.expect === 'refuse' ? { ...testCase, refusalStatus: options.refusalStatus } : testCase));
}

/**
 * The whole battery of an `hmac` scheme: a genuine delivery per event, the odd JSON forms, and
 * {@link hmacSchemeCases}.
 *
 * @example
 * const cases = hmacBattery(ctx, createHmacScheme(hmacPresets['standard-webhooks']));
 */
export function hmacBattery(ctx: CaseContext, scheme: HmacScheme, options: HmacCaseOptions = {}): CheckCase[] {
  return [...genuineCases(ctx), ...formCases(ctx), ...hmacSchemeCases(ctx, scheme, options)];
}
