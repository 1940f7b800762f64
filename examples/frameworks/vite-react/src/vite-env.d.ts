/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** "1": start the mock in a production build too (for `vite preview`). */
  readonly VITE_MOCK?: string;
}
