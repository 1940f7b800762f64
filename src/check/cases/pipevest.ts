/**
 * Pipevest: RFC 9421 Ed25519 signatures over `content-digest content-type @method
 * @target-uri`, with `created`/`expires`, and an RFC 9530 `Content-Digest` of the body.
 * @module
 */
import { generateKeyPairSync } from 'node:crypto';
import { pipevestMockKeys } from '../../pipevest/mock-keys.ts';
import { readKeyPair } from '../../pipevest/key-pair.ts';
import { PIPEVEST_DELIVERY_COMPONENTS } from '../../pipevest/components.ts';
import { createPipevestTestDelivery, type PipevestTestDeliveryOptions } from '../../pipevest/test-delivery.ts';
import { createContentDigestAsync, signHttpMessage } from '../../signatures/index.ts';
import type { CheckCase, Probe } from '../types.ts';
import { bodyChangedCase, forgeryCase, formCases, genuineCases, replayNote } from './common.ts';
import { tamper, withHeader, type CaseContext } from './context.ts';

const VERIFY =
  'Verify Signature/Signature-Input with the webhook public key (GET /webhooks/key) over the components as received, and refuse with 401 when it does not verify.';

export function pipevestCases(ctx: CaseContext): CheckCase[] {
  const { privateKey, publicKey } = readKeyPair(ctx.credentials.key!);
  // The keyid the receiver knows the key by: the user's, or the mock server's.
  const keyId = ctx.credentials.keyId ?? pipevestMockKeys.delivery.keyId;
  const attacker = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const now = () => Math.floor(Date.now() / 1000);
  const body = async () => JSON.stringify(await ctx.payload(ctx.sampleEvent));
  /** A delivery to the receiver built with other signing options. */
  const signed = async (options: Partial<PipevestTestDeliveryOptions>): Promise<Probe> => {
    const delivery = await createPipevestTestDelivery({
      event: ctx.sampleEvent as never,
      body: await body(),
      key: privateKey!,
      keyId,
      url: ctx.signedUrl,
      ...options,
    });
    return { url: ctx.url, body: delivery.body, headers: delivery.headers };
  };
  return [
    ...genuineCases(ctx),
    ...formCases(ctx),
    bodyChangedCase(ctx, 'Check Content-Digest against the raw body (RFC 9530) and refuse a mismatch (400/401).'),
    forgeryCase('wrong-key', 'a message signed with another Ed25519 key under the same keyid', VERIFY, () => signed({ key: attacker })),
    forgeryCase(
      'unknown-keyid',
      'a message signed with another key under keyid "attacker-key"',
      'Refuse a keyid you do not know (or resolve it only from GET /webhooks/key); never skip verification for it.',
      () => signed({ key: attacker, keyId: 'attacker-key' }),
    ),
    forgeryCase('signature-missing', 'a message without Signature and Signature-Input', 'Refuse a message without Signature/Signature-Input (401).', async () =>
      withHeader(withHeader(await signed({}), 'signature', undefined), 'signature-input', undefined),
    ),
    forgeryCase('signature-empty', 'a message with an empty Signature', 'Refuse an empty Signature (401).', async () =>
      withHeader(await signed({}), 'signature', ''),
    ),
    forgeryCase(
      'signature-malformed',
      'a message with Signature: sig1=not-a-signature',
      'Refuse a Signature that is not an RFC 9421 dictionary of byte sequences (401).',
      async () => withHeader(await signed({}), 'signature', 'sig1=not-a-signature'),
    ),
    forgeryCase('signature-of-another-delivery', 'a body and digest with the Signature of another genuine message', VERIFY, async () => {
      const [first, second] = [await signed({}), await signed({ body: JSON.stringify({ ...(await ctx.payload(ctx.sampleEvent)), sequence: 2 }) })];
      return withHeader(withHeader(second, 'signature', first.headers.signature), 'signature-input', first.headers['signature-input']);
    }),
    forgeryCase(
      'signature-expired',
      'a genuine message whose signature expired 100 s ago (created 200 s ago)',
      'Refuse a signature whose expires has passed (allowing a minute of clock skew at most).',
      () => signed({ created: now() - 200, expires: now() - 100 }),
    ),
    forgeryCase(
      'signature-not-yet-valid',
      'a genuine message whose signature was created an hour from now',
      'Refuse a signature whose created lies in the future (allowing a minute of clock skew at most).',
      () => signed({ created: now() + 3600, expires: now() + 3700 }),
    ),
    forgeryCase(
      'content-digest-mismatch',
      'a genuine signature over the Content-Digest of another body, sent with this body',
      'Check Content-Digest against the raw body (RFC 9530); the signature only covers the header.',
      async () => {
        const probe = await signed({ body: JSON.stringify({ ...(await ctx.payload(ctx.sampleEvent)), sequence: 2 }) });
        return { ...probe, body: await body() };
      },
    ),
    forgeryCase(
      'digest-recomputed',
      'a changed body with a recomputed Content-Digest and the original signature',
      'Verify the signature over content-digest as received; a recomputed digest must break it.',
      async () => {
        const probe = await signed({});
        const forged = tamper(probe.body);
        return { ...withHeader(probe, 'content-digest', await createContentDigestAsync(forged, ['sha-256'])), body: forged };
      },
    ),
    forgeryCase(
      'digest-not-covered',
      'a changed body with a recomputed Content-Digest, signed over content-type @method @target-uri only',
      'Require the signature to cover content-digest (and @method, @target-uri); refuse one that does not.',
      async () => {
        const probe = await signed({ components: PIPEVEST_DELIVERY_COMPONENTS.filter((c) => c !== 'content-digest') });
        const forged = tamper(probe.body);
        return { ...withHeader(probe, 'content-digest', await createContentDigestAsync(forged, ['sha-256'])), body: forged };
      },
    ),
    forgeryCase(
      'target-uri-other',
      'a genuine message signed for https://other.example/webhooks',
      "Verify @target-uri against this endpoint's own public URL; a message signed for another URL must fail.",
      async () => ({
        ...(await signed({ url: 'https://other.example/webhooks' })),
        url: ctx.url,
      }),
    ),
    forgeryCase(
      'algorithm-other',
      'an HMAC-SHA256 signature (alg="hmac-sha256") keyed with the public key',
      'Accept only ed25519 for this key (an algorithm list of one); never let the message choose the algorithm.',
      async () => {
        const probe = await signed({});
        // The classic confusion: the public key's text, which anyone has, used as an HMAC secret.
        const publicPem = typeof publicKey === 'string' ? publicKey : JSON.stringify(publicKey);
        const hmac = await signHttpMessage(
          {
            method: 'POST',
            url: ctx.signedUrl,
            headers: { 'content-type': probe.headers['content-type']!, 'content-digest': probe.headers['content-digest']! },
          },
          { key: new TextEncoder().encode(publicPem), algorithm: 'hmac-sha256', keyid: keyId, components: PIPEVEST_DELIVERY_COMPONENTS, includeAlg: true },
        );
        return withHeader(withHeader(probe, 'signature', hmac.headers.signature), 'signature-input', hmac.headers['signature-input']);
      },
    ),
    replayNote(
      'Not graded: a Pipevest signature carries no nonce or delivery id, so a captured message verifies again until its expires (100 s); remember (keyid, created, signature) until then to drop repeats. Older replays are the signature-expired case.',
    ),
  ];
}
