/** Stable codes of {@link ClientConfigError}. */
export type ClientConfigErrorCode = 'invalid_api_key' | 'invalid_base_url' | 'invalid_signing_key' | 'secret_key_in_browser';

/**
 * Thrown by a `create<Api>Client` factory before any request is made, when its options cannot
 * work (a key of the wrong format, a base URL that is not a URL, an unusable signing key, a
 * secret key in a browser page).
 */
export class ClientConfigError extends Error {
  override readonly name = 'ClientConfigError';
  readonly code: ClientConfigErrorCode;
  constructor(code: ClientConfigErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
