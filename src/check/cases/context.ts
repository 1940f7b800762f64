import type { ApiAdapter, Credentials } from '../../apis/index.ts';
import type { Probe } from '../types.ts';

/** What the case builders of one API work with. */
export interface CaseContext {
  readonly adapter: ApiAdapter;
  /** The receiver under test: where probes are sent. */
  readonly url: string;
  /** The URL signatures cover (`@target-uri`): the receiver's public URL, `url` unless a proxy sits in between. */
  readonly signedUrl: string;
  readonly credentials: Credentials;
  /** The event most cases send. */
  readonly sampleEvent: string;
  /** A fresh genuine payload of `event` (a new delivery id each call where the body has one). */
  payload(event: string): Promise<Record<string, unknown>>;
  /** Signs the exact `body` as the provider does (with other credentials when given). */
  sign(body: string, credentials?: Credentials): Promise<Probe>;
}

/** `body` with one field added after signing: what an attacker who changed a delivery sends. */
export function tamper(body: string): string {
  return JSON.stringify({ ...(JSON.parse(body) as Record<string, unknown>), forged: true });
}

/** `probe` with `name` set to `value`, or removed when `value` is undefined. */
export function withHeader(probe: Probe, name: string, value: string | undefined): Probe {
  const headers: Record<string, string> = { ...probe.headers };
  if (value === undefined) delete headers[name];
  else headers[name] = value;
  return { ...probe, headers };
}
