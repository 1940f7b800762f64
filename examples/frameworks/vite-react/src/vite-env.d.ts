/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** "1": start the mock in a production build too (for `vite preview`). */
  readonly VITE_MOCK?: string;
  /** The real API's base URL and key, when the mock is off. */
  readonly VITE_SIDCLAW_URL: string;
  readonly VITE_SIDCLAW_KEY: string;
}
