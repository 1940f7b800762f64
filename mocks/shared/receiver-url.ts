import * as z from 'zod';

/**
 * Receiver URL rules of the mock servers. The specs keep each provider's own rule (Pipevest and
 * Provenonce accept https:// only, SidClaw https:// or http://localhost); the mocks exist for
 * local development, so every mock also accepts a loopback http:// receiver: localhost,
 * 127.0.0.1 (any 127.x.y.z) or [::1], any port and path.
 */
export const MOCK_RECEIVER_URL_RULE = 'the mock also accepts loopback http:// receivers: localhost, 127.0.0.1, [::1]';

/** The banner line of the mock servers (`npm start`, `hookspec mock`) that says so. */
export const MOCK_RECEIVER_URL_BANNER =
  "Receivers: every mock also accepts loopback http:// URLs (localhost, 127.0.0.1, [::1]) for local development; the specs keep each provider's own URL rule.";

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** True for an `http://` URL whose host is a loopback address. */
export function isLoopbackHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string' || !URL.canParse(value)) return false;
  const url = new URL(value);
  return url.protocol === 'http:' && LOOPBACK_HOSTS.test(url.hostname);
}

/**
 * The spec's rule for a receiver URL field, widened by the mock's loopback rule: a loopback
 * http:// URL passes, anything else must pass the spec's rule, whose messages are kept and
 * say that loopback http:// would be accepted too.
 */
export function mockReceiverUrl<T extends z.ZodType>(specRule: T): z.ZodType<z.output<T>, z.input<T>> {
  // An optional field stays optional (a PATCH body may leave the URL out).
  if (specRule instanceof z.ZodOptional) return mockReceiverUrl(specRule.unwrap() as z.ZodType).optional() as unknown as z.ZodType<z.output<T>, z.input<T>>;
  return z.custom<z.input<T>>().transform((value, ctx): z.output<T> => {
    if (isLoopbackHttpUrl(value)) return value as z.output<T>;
    const result = specRule.safeParse(value);
    if (result.success) return result.data;
    // `params.issue` keeps the spec rule's own issue, so readable messages can still say what it allows.
    for (const issue of result.error.issues)
      ctx.addIssue({ code: 'custom', path: issue.path, message: `${issue.message} (${MOCK_RECEIVER_URL_RULE})`, params: { issue } });
    return z.NEVER;
  }) as unknown as z.ZodType<z.output<T>, z.input<T>>;
}

/** An object schema whose `field` follows {@link mockReceiverUrl}; every other field is the spec's. */
export function withMockReceiverUrl<S extends z.ZodObject>(schema: S, field: keyof S['shape'] & string): S {
  // Same input and output types as the spec's field, so the schema keeps its type.
  return schema.extend({ [field]: mockReceiverUrl(schema.shape[field] as z.ZodType) }) as unknown as S;
}
