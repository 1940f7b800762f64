/** Stable codes of {@link CheckOptionsError}. */
export type CheckOptionsErrorCode = 'unknown_api' | 'invalid_spec' | 'invalid_url' | 'invalid_credentials' | 'no_cases' | 'invalid_option';

/** `checkReceiver` was called wrongly (the CLI exits 2 on it); nothing was sent. */
export class CheckOptionsError extends Error {
  override readonly name = 'CheckOptionsError';
  readonly code: CheckOptionsErrorCode;
  constructor(code: CheckOptionsErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
