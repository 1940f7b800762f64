import type { HmacSecrets } from '../signatures/hmac-sha256-header-format.ts';

/** Options shared by the `sha256=<hex>` HMAC receivers. */
export interface HmacReceiverOptions {
  /** The endpoint secret, or several during a rotation (current first). */
  secret: HmacSecrets;
  /** Largest body accepted, in bytes (default 1 MiB). */
  maxBodyBytes?: number;
}
