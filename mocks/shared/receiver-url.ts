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

/** Cloud metadata services reached by name or by an address outside the link-local ranges. */
const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata', '[fd00:ec2::254]']);

/** True for 169.254.0.0/16, fe80::/10 and an IPv4-mapped IPv6 form of 169.254.x.y, as the URL parser writes them. */
function isLinkLocal(hostname: string): boolean {
  if (/^169\.254\.\d{1,3}\.\d{1,3}$/.test(hostname)) return true;
  if (!hostname.startsWith('[')) return false;
  const address = hostname.slice(1, -1).toLowerCase();
  if (/^fe[89ab][0-9a-f]:/.test(address)) return true;
  // `::ffff:169.254.169.254` is written `::ffff:a9fe:a9fe`.
  return /^::ffff:a9fe:[0-9a-f]{1,4}$/.test(address) || /^::ffff:169\.254\./.test(address);
}

/**
 * Why the mock must not deliver to `url` whatever the API's own rule says (undefined when it
 * may): a scheme other than http/https (`file:`, `gopher:`), or a link-local or cloud metadata
 * address (169.254.0.0/16, fe80::/10), where a delivery would reach the machine's own
 * credentials service. Applied at registration, to `--state` files and again at send time.
 */
export function unsafeReceiverProblem(url: string): string | undefined {
  if (!URL.canParse(url)) return `url: ${JSON.stringify(url.slice(0, 100))} is not an absolute URL.`;
  const { protocol, hostname } = new URL(url);
  if (protocol !== 'http:' && protocol !== 'https:') return `url: the mock delivers over http:// or https:// only, not ${protocol}.`;
  if (isLinkLocal(hostname) || METADATA_HOSTS.has(hostname.toLowerCase())) {
    return `url: ${hostname} is a link-local or cloud metadata address (169.254.0.0/16, fe80::/10); the mock never delivers there.`;
  }
  return undefined;
}

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
