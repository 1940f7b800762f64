/**
 * The cases of an `rfc9421` scheme, derived from its description: HTTP message signatures
 * (RFC 9421) over the description's components with `created`/`expires`, and an RFC 9530
 * `Content-Digest` of the body. Deliveries are signed with the scheme itself.
 * @module
 */
import { generateKeyPairSync } from 'node:crypto';
import type { Rfc9421Delivery } from '../../apis/delivery-description.ts';
import { keyIdOf, keyPairOf } from '../../apis/rfc9421-credentials.ts';
import { createRfc9421Scheme, type Rfc9421SignInput } from '../../schemes/rfc9421.ts';
import { createContentDigestAsync, signHttpMessage } from '../../signatures/index.ts';
import type { CheckCase, Probe } from '../types.ts';
import { bodyChangedCase, forgeryCase, formCases, genuineCases, replayNote } from './common.ts';
import { tamper, withHeader, type CaseContext } from './context.ts';

/** Seconds a signature stays valid when the description sets no `expires-after` (what the expired case assumes). */
const DEFAULT_EXPIRES_AFTER = 100;

export function rfc9421SchemeCases(ctx: CaseContext, description: Rfc9421Delivery): CheckCase[] {
  const d = description.rfc9421;
  const scheme = createRfc9421Scheme(d);
  const components = d.components;
  const digest = d['content-digest'] ?? 'sha-256';
  const fromKeyUrl = d['key-url'] === undefined ? '' : ` (GET ${d['key-url']})`;
  const VERIFY = `Verify Signature/Signature-Input with the webhook public key${fromKeyUrl} over the components as received, and refuse with 401 when it does not verify.`;
  const { privateKey, publicKey } = keyPairOf(description, ctx.credentials.key!);
  // The keyid the receiver knows the key by: the user's, or the test key's.
  const keyId = keyIdOf(description, ctx.credentials.keyId);
  const attacker = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const now = () => Math.floor(Date.now() / 1000);
  const payloadBody = async () => JSON.stringify(await ctx.payload(ctx.sampleEvent));
  /** A delivery to the receiver, on the adapter's genuine probe, signed by the scheme with other options. */
  const signed = async (options: Partial<Rfc9421SignInput> & { body?: string } = {}): Promise<Probe> => {
    const body = options.body ?? (await payloadBody());
    const probe = await ctx.sign(body);
    const created = options.created ?? now();
    const headers = await scheme.sign({
      body,
      key: privateKey!,
      keyId,
      url: ctx.signedUrl,
      ...options,
      created,
      expires: options.expires ?? created + (d['expires-after'] ?? DEFAULT_EXPIRES_AFTER),
    });
    return { ...probe, body, headers: { ...probe.headers, ...headers } };
  };
  const otherBody = async () => JSON.stringify({ ...(await ctx.payload(ctx.sampleEvent)), sequence: 2 });
  const withoutDigest = components.filter((c) => c !== 'content-digest');
  return [
    ...genuineCases(ctx),
    ...formCases(ctx),
    bodyChangedCase(ctx, 'Check Content-Digest against the raw body (RFC 9530) and refuse a mismatch (400/401).'),
    forgeryCase('wrong-key', 'a message signed with another Ed25519 key under the same keyid', VERIFY, () => signed({ key: attacker })),
    forgeryCase(
      'unknown-keyid',
      'a message signed with another key under keyid "attacker-key"',
      `Refuse a keyid you do not know${d['key-url'] === undefined ? '' : ` (or resolve it only from GET ${d['key-url']})`}; never skip verification for it.`,
      () => signed({ key: attacker, keyId: 'attacker-key' }),
    ),
    forgeryCase('signature-missing', 'a message without Signature and Signature-Input', 'Refuse a message without Signature/Signature-Input (401).', async () =>
      withHeader(withHeader(await signed(), 'signature', undefined), 'signature-input', undefined),
    ),
    forgeryCase('signature-empty', 'a message with an empty Signature', 'Refuse an empty Signature (401).', async () =>
      withHeader(await signed(), 'signature', ''),
    ),
    forgeryCase(
      'signature-malformed',
      'a message with Signature: sig1=not-a-signature',
      'Refuse a Signature that is not an RFC 9421 dictionary of byte sequences (401).',
      async () => withHeader(await signed(), 'signature', 'sig1=not-a-signature'),
    ),
    forgeryCase('signature-of-another-delivery', 'a body and digest with the Signature of another genuine message', VERIFY, async () => {
      const [first, second] = [await signed(), await signed({ body: await otherBody() })];
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
        const probe = await signed({ body: await otherBody() });
        return { ...probe, body: await payloadBody() };
      },
    ),
    forgeryCase(
      'digest-recomputed',
      'a changed body with a recomputed Content-Digest and the original signature',
      'Verify the signature over content-digest as received; a recomputed digest must break it.',
      async () => {
        const probe = await signed();
        const forged = tamper(probe.body);
        return { ...withHeader(probe, 'content-digest', await createContentDigestAsync(forged, [digest])), body: forged };
      },
    ),
    forgeryCase(
      'digest-not-covered',
      `a changed body with a recomputed Content-Digest, signed over ${withoutDigest.join(' ')} only`,
      `Require the signature to cover content-digest (and ${withoutDigest.filter((c) => c.startsWith('@')).join(', ') || '@method'}); refuse one that does not.`,
      async () => {
        const probe = await signed({ components: withoutDigest });
        const forged = tamper(probe.body);
        return { ...withHeader(probe, 'content-digest', await createContentDigestAsync(forged, [digest])), body: forged };
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
        const probe = await signed();
        // The classic confusion: the public key's text, which anyone has, used as an HMAC secret.
        const publicPem = typeof publicKey === 'string' ? publicKey : JSON.stringify(publicKey);
        const hmac = await signHttpMessage(
          {
            method: 'POST',
            url: ctx.signedUrl,
            headers: { 'content-type': probe.headers['content-type']!, 'content-digest': probe.headers['content-digest']! },
          },
          { key: new TextEncoder().encode(publicPem), algorithm: 'hmac-sha256', keyid: keyId, components, includeAlg: true },
        );
        return withHeader(withHeader(probe, 'signature', hmac.headers.signature), 'signature-input', hmac.headers['signature-input']);
      },
    ),
    replayNote(
      `Not graded: a ${ctx.adapter.title} signature carries no nonce or delivery id, so a captured message verifies again until its expires${d['expires-after'] === undefined ? '' : ` (${d['expires-after']} s)`}; remember (keyid, created, signature) until then to drop repeats. Older replays are the signature-expired case.`,
    ),
  ];
}
