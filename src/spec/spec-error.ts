/** Stable codes of {@link SpecError}. */
export type SpecErrorCode =
  /** The file cannot be read (missing, a directory, unreadable). */
  | 'spec_unreadable'
  /** The text is not YAML or JSON, or not an OpenAPI 3.1 document. */
  | 'spec_invalid'
  /** The document declares no delivery scheme (`x-hookspec-delivery` or `x-fern-webhook-signature`). */
  | 'no_delivery_scheme'
  /** The delivery extension is there but does not validate. */
  | 'extension_invalid'
  /** The document sends no webhooks (`webhooks:` is empty or missing). */
  | 'no_webhooks'
  /** A `$ref` points nowhere, outside the document, or in a loop. */
  | 'unresolved_ref'
  /** The API's name collides with a built-in API or a word the mock server reserves. */
  | 'name_taken';

/**
 * A spec given at run time (`--spec <file>`) that cannot be used. `file` and `path` (a JSON
 * pointer into the document, `''` for the whole) say where; the message says what is allowed.
 */
export class SpecError extends Error {
  override readonly name = 'SpecError';
  readonly code: SpecErrorCode;
  readonly file: string;
  readonly path: string;
  constructor(code: SpecErrorCode, file: string, path: string, message: string, options?: ErrorOptions) {
    super(`${file}${path ? ` at ${path}` : ''}: ${message}`, options);
    this.code = code;
    this.file = file;
    this.path = path;
  }
}
