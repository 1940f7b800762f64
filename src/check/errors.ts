/** Stable codes of {@link CheckOptionsError}. */
export type CheckOptionsErrorCode = 'unknown_api' | 'invalid_spec' | 'invalid_url' | 'invalid_credentials' | 'no_cases' | 'invalid_option';

/**
 * Nothing answered at the receiver's URL (connection refused, no such host): `checkReceiver`
 * stops at the first such answer instead of grading every case as refused (the CLI exits 2).
 */
export class ReceiverUnreachableError extends Error {
  override readonly name = 'ReceiverUnreachableError';
  readonly code = 'receiver_unreachable';
  /** The network error (`ECONNREFUSED`, `ENOTFOUND`). */
  readonly network: string;
  readonly url: string;
  constructor(url: string, network: string) {
    super(`nothing answers at ${url} (${network}): start the receiver, or check the URL and port.`);
    this.url = url;
    this.network = network;
  }
}

/** `checkReceiver` was called wrongly (the CLI exits 2 on it); nothing was sent. */
export class CheckOptionsError extends Error {
  override readonly name = 'CheckOptionsError';
  readonly code: CheckOptionsErrorCode;
  constructor(code: CheckOptionsErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
