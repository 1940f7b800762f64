/** Stable codes of {@link ClientConfigError}. */
export type ClientConfigErrorCode = 'invalid_api_key' | 'invalid_base_url' | 'invalid_signing_key';

/**
 * Thrown by a `create<Api>Client` factory before any request is made, when its options cannot
 * work (a key of the wrong format, a base URL that is not a URL, an unusable signing key).
 */
export class ClientConfigError extends Error {
  override readonly name = 'ClientConfigError';
  readonly code: ClientConfigErrorCode;
  constructor(code: ClientConfigErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
