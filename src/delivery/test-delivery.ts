/**
 * What every `create<Api>TestDelivery` returns: a Fetch `Request` ready for a receiver (or
 * `fetch`), and the raw parts it was built from, so a test can change one of them.
 * @module
 */

/** A delivery signed exactly as a provider sends it. */
export interface TestDelivery {
  /** A fresh `POST` request carrying the body and headers below. */
  readonly request: Request;
  readonly method: 'POST';
  readonly url: string;
  /** The exact bytes the signature covers, as a string. */
  readonly body: string;
  /** Lowercase header names, as sent. */
  readonly headers: Readonly<Record<string, string>>;
  /** The delivery id the provider sends, when it sends one. */
  readonly id?: string;
  /** The signing time the provider sends, when it sends one. */
  readonly timestamp?: Date;
}

/** Where a test delivery goes when no `url` is given (only signatures over `@target-uri` depend on it). */
export const DEFAULT_TEST_DELIVERY_URL = 'http://localhost/webhooks';

/** Wraps the parts into a {@link TestDelivery}; `request` builds a new `Request` on each read, so it can be consumed more than once. */
export function toTestDelivery(url: string, body: string, headers: Record<string, string>, meta: { id?: string; timestamp?: Date } = {}): TestDelivery {
  return {
    get request() {
      return new Request(url, { method: 'POST', headers, body });
    },
    method: 'POST',
    url,
    body,
    headers,
    ...(meta.id === undefined ? {} : { id: meta.id }),
    ...(meta.timestamp === undefined ? {} : { timestamp: meta.timestamp }),
  };
}
