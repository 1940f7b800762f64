/**
 * What every reader of the registry (CLI, `check`, mocks) works with: one adapter per API.
 * @module
 */
import type { TestDelivery } from '../delivery/test-delivery.ts';
import type { DeliveryDescription } from './delivery-description.ts';
import type { ReplayStore } from '../webhooks/replay-store.ts';

/** A request as received or read from a file: the exact bytes a verifier needs. */
export interface CapturedRequest {
  readonly method: string;
  /** Absolute URL (`http://<Host header><target>` when the request line has a path only). */
  readonly url: string;
  readonly headers: Headers;
  /** The body bytes exactly as captured (after de-chunking, cut to `Content-Length`). */
  readonly body: Uint8Array;
}

/** What the command line gave to sign or verify with. */
export interface Credentials {
  /** `--secret`: an HMAC secret, or Proven's shared `X-API-Key`. */
  secret?: string;
  /** `--secret` given twice: the current secret, then the previous one (rotation); any one may match. */
  secrets?: readonly string[];
  /** `--key`: an asymmetric key (PEM or JWK text, or `mock`), for APIs that sign with one. */
  key?: string;
  /** `--key-id`: the `keyid` signatures name, for APIs that sign with a key (default: the mock server's). */
  keyId?: string;
}

/** What a credential option means for one API. */
export interface CredentialSpec {
  /** Which option carries it. */
  readonly option: 'secret' | 'key';
  /** Signing needs it (false: Proven's `X-API-Key` is optional). */
  readonly required: boolean;
  /** For help texts and errors: what the value is and where it comes from. */
  readonly description: string;
}

/** Receiver settings a command may pass on; an adapter uses those its verifier has. */
export interface VerifyContext {
  toleranceSeconds?: number;
  signatureHeader?: string;
  /** The URL the sender addressed, for signatures over `@target-uri` behind TLS or a proxy. */
  publicUrl?: string;
  /** Where delivery ids are remembered; false turns replay detection off (one-off checks). */
  replayStore: ReplayStore | false;
}

/** A delivery that passed the project's verifier. */
export interface Verification {
  readonly type: string;
  readonly payload: unknown;
  readonly deliveryId?: string;
  readonly timestamp?: Date;
}

/** What a sender needs to build one delivery of an exact body. */
export interface SendInput {
  readonly event: string;
  /** The exact body (never re-serialised). */
  readonly body: string;
  readonly credentials: Credentials;
  readonly url: string;
}

/** Where a delivery goes (signatures over the request target need it). */
export interface DeliveryTarget {
  readonly method: string;
  readonly url: string;
}

export interface ApiAdapter {
  /** The short name used on the command line and in paths. */
  readonly name: string;
  /** The provider's name, for people. */
  readonly title: string;
  /** The API's delivery description, from its spec's `x-hookspec-delivery`. */
  readonly description: DeliveryDescription;
  readonly credential: CredentialSpec;
  /** Every event type the spec documents (from the generated validators). */
  readonly events: readonly string[];
  /** The header carrying a delivery id, when the API sends one. */
  readonly deliveryIdHeader?: string;
  /** How long the provider waits for a receiver's answer (documented, or the mock's choice where the document is silent). */
  readonly deliveryTimeoutMs: number;
  /** The body of a delivery of `event`: a fake payload, or `data`, in the API's envelope. */
  payload(event: string, data?: unknown): Promise<Record<string, unknown>>;
  /** The delivery the provider would send with `body`: the API's `create<Api>TestDelivery`. */
  send(input: SendInput): Promise<TestDelivery>;
  /** The headers the provider would send with `body`. */
  sign(body: string, credentials: Credentials, target: DeliveryTarget): Promise<Record<string, string>>;
  /** Runs the project's verifier over a captured request; throws a `WebhookVerificationError`. */
  verify(request: CapturedRequest, credentials: Credentials, context: VerifyContext): Promise<Verification>;
  /** Rejects unusable credentials up front (a usage error), before anything is sent or received. */
  checkCredentials?(credentials: Credentials): void;
}
