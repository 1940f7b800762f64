/** The `{ data, error, request, response }` result of a call that does not throw on HTTP errors. */
type FieldsResult<R> = Promise<Extract<Awaited<R>, { error: unknown }>>;

/** An SDK function with its `client` option filled in (and `throwOnError` left at false). */
type Bound<F> = F extends (...args: infer A) => infer R
  ? undefined extends A[0]
    ? (options?: Omit<NonNullable<A[0]>, 'client' | 'throwOnError'>) => FieldsResult<R>
    : (options: Omit<NonNullable<A[0]>, 'client' | 'throwOnError'>) => FieldsResult<R>
  : never;

/** The functions of a generated `sdk.gen.ts` module, each bound to one client. */
export type BoundSdk<S> = { [K in keyof S as S[K] extends (...args: never[]) => unknown ? K : never]: Bound<S[K]> };

/**
 * Binds every operation of a generated SDK module to a client, so callers write
 * `sidclaw.listWebhooks()` instead of `listWebhooks({ client })`. Operations are taken from
 * the module, never listed by hand.
 */
export function bindSdk<S extends Record<string, unknown>, C>(sdk: S, client: C): BoundSdk<S> {
  const bound: Record<string, unknown> = {};
  for (const [name, operation] of Object.entries(sdk)) {
    if (typeof operation === 'function') {
      bound[name] = (options?: Record<string, unknown>) => operation({ ...options, client });
    }
  }
  return bound as BoundSdk<S>;
}
