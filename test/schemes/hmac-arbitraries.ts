/** fast-check arbitraries of HMAC descriptions and deliveries, and a reference MAC to check against. */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';

import { hmacDescription, type HmacDescription, type HmacDescriptionInput } from '../../src/schemes/hmac-description.ts';
import { decodeHmacSecret } from '../../src/schemes/hmac-secret.ts';

const componentArb = fc.oneof(
  fc.constantFrom('body' as const, 'timestamp' as const, 'message-id' as const, 'notification-url' as const),
  fc.record({ literal: fc.string({ maxLength: 5 }) }),
);

/** Any description the scheme accepts: every field, every value. */
export const descriptionArb: fc.Arbitrary<HmacDescription> = fc
  .record({
    algorithm: fc.constantFrom('sha1', 'sha256', 'sha384', 'sha512'),
    encoding: fc.constantFrom('hex', 'base64'),
    prefix: fc.constantFrom('', 'sha256=', 'v1,', 'v0='),
    list: fc.constantFrom('one', 'delimited', 'combined'),
    components: fc.array(componentArb, { minLength: 0, maxLength: 4 }),
    joiner: fc.constantFrom('', '.', ':', '\n'),
    format: fc.constantFrom('unix-seconds', 'unix-millis', 'iso8601'),
    tolerance: fc.integer({ min: 1, max: 10_000 }),
    withTimestamp: fc.boolean(),
    withId: fc.boolean(),
    secretEncoding: fc.constantFrom('utf8', 'base64', 'whsec-base64'),
  })
  .map((r) => {
    const components = [...r.components, 'body' as const];
    const needsTimestamp = r.withTimestamp || r.list === 'combined' || components.includes('timestamp');
    const input: HmacDescriptionInput = {
      header: 'X-Signature',
      algorithm: r.algorithm,
      encoding: r.encoding,
      // A combined header separates its pairs with ",", so its prefix cannot contain one.
      'signature-prefix': r.list === 'combined' && r.prefix === 'v1,' ? 'v1:' : r.prefix,
      'payload-format': { components, delimiter: r.joiner },
      'secret-encoding': r.secretEncoding,
      ...(r.list === 'delimited' ? { 'signatures-delimiter': ' ' } : {}),
      ...(r.list === 'combined' ? { combined: { 'timestamp-key': 't', 'signature-key': 'v1', delimiter: ',' } } : {}),
      ...(needsTimestamp ? { timestamp: { format: r.format, tolerance: r.tolerance, ...(r.list === 'combined' ? {} : { header: 'X-Timestamp' }) } } : {}),
      ...(r.withId || components.includes('message-id') ? { 'message-id': { header: 'X-Id' } } : {}),
    };
    return hmacDescription.parse(input);
  });

/** A secret in the description's encoding. */
export const secretFor = (d: HmacDescription) =>
  d['secret-encoding'] === 'utf8'
    ? fc.string({ minLength: 1, maxLength: 40 })
    : fc
        .uint8Array({ minLength: 1, maxLength: 48 })
        .chain((bytes) => fc.constantFrom('', 'whsec_').map((p) => (d['secret-encoding'] === 'whsec-base64' ? p : '') + Buffer.from(bytes).toString('base64')));

export const bodyArb = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.uint8Array({ maxLength: 200 }));
export const caseArb = descriptionArb.chain((d) =>
  fc.record({
    d: fc.constant(d),
    secret: secretFor(d),
    other: secretFor(d),
    body: bodyArb,
    id: fc.stringMatching(/^[!-~](?:[ -~]{0,18}[!-~])?$/),
  }),
);

/** The MAC a description prescribes, computed the plain way (an oracle for the scheme's code). */
export function referenceMac(
  d: HmacDescription,
  secret: string,
  values: { body: string | Uint8Array; timestamp?: string; messageId?: string; url?: string },
): Buffer {
  const hmac = createHmac(d.algorithm, decodeHmacSecret(secret, d['secret-encoding']));
  d['payload-format'].components.forEach((component, i) => {
    if (i > 0) hmac.update(d['payload-format'].delimiter);
    if (component === 'body') hmac.update(values.body);
    else if (component === 'timestamp') hmac.update(values.timestamp!);
    else if (component === 'message-id') hmac.update(values.messageId!);
    else if (component === 'notification-url') hmac.update(values.url!);
    else hmac.update(component.literal);
  });
  return hmac.digest();
}
