/** Stable codes of {@link ApiInputError}. */
export type ApiInputErrorCode = 'unknown_api' | 'unknown_event' | 'invalid_credentials' | 'unreadable_file' | 'duplicate_api';

/** An API name, event or credential that the registry cannot use (the CLI exits 2 on it). */
export class ApiInputError extends Error {
  override readonly name = 'ApiInputError';
  readonly code: ApiInputErrorCode;
  constructor(code: ApiInputErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** An optional peer dependency a feature needs is not installed (the CLI exits 1 on it). */
export class MissingDependencyError extends Error {
  override readonly name = 'MissingDependencyError';
  readonly code = 'missing_dependency';
}
