/** Who found a violation: the mock server's own checker, or `prism proxy` in front of it. */
export type ViolationSource = 'hookspec' | 'prism';

/** One way a request or a response broke its operation's spec. */
export interface SpecViolation {
  /** The API (`sidclaw`, …). */
  readonly api: string;
  /** The spec's `operationId`, or `(unknown)` when no operation matches the request. */
  readonly operationId: string;
  /** The request: method and path with its query (`GET /sidclaw/api/v1/webhooks/wh-1/deliveries?limit=500`). */
  readonly method: string;
  readonly path: string;
  /**
   * Where in the message: `path.id`, `query.limit`, `header.authorization`, `header.content-type`,
   * `body.url`; for the answer `response.status`, `response.header.content-type`, `response.body.data[0].id`.
   */
  readonly location: string;
  /** What is wrong, with the value seen and what the spec asks for. */
  readonly message: string;
  /** The status the mock answered with. */
  readonly status: number;
  readonly source: ViolationSource;
  /**
   * The test that made the request (`file > suite > test`), when the caller named it in the
   * `x-hookspec-test` header (`hookspec/testing/vitest-per-test` does, for every test).
   */
  readonly test?: string;
}

/** A violation before the request it belongs to is attached. */
export interface Finding {
  readonly location: string;
  readonly message: string;
}
