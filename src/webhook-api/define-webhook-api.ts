/**
 * The typed binding of an API known from its spec, for code generated next to a user's own
 * client (`hookspec/openapi-ts` writes a call to {@link defineWebhookApi}): the same verifier,
 * signer and payload validators `--spec` uses, read from the embedded document at run time,
 * typed by the `Webhooks` union `@hey-api/typescript` emits for the same spec.
 * @module
 */
import { DEFAULT_TEST_DELIVERY_URL, type TestDelivery } from '../delivery/test-delivery.ts';
import { specApiOf } from '../apis/from-spec.ts';
import type { CapturedRequest } from '../apis/types.ts';
import type { Json } from '../spec/read-spec.ts';
import { createWebhookHandler, type WebhookHandlerOptions } from '../webhooks/create-webhook-handler.ts';
import { readRawMessage, type WebhookInput } from '../webhooks/raw-message.ts';
import { createMemoryReplayStore, type ReplayStore } from '../webhooks/replay-store.ts';
import type { EventMapOf, VerifiedWebhook } from '../webhooks/verified-webhook.ts';

/** What verifying a delivery needs: the receiver's secret (or secrets during a rotation). */
export interface WebhookApiVerifyOptions {
  /** The webhook secret, in the scheme's format (`whsec_…` for Standard Webhooks). */
  secret?: string;
  /** The current secret, then the previous one, while a rotation is under way; any one may match. */
  secrets?: readonly string[];
  /** Where delivery ids are remembered; `false` turns replay protection off. Default: one in-memory store per API. */
  replayStore?: ReplayStore | false;
  /** Allowed distance between the delivery's timestamp and now, both ways (default: the scheme's). */
  toleranceSeconds?: number;
  /** The URL the sender addressed, when the receiver sits behind TLS termination or a proxy. */
  publicUrl?: string;
  /** The largest body accepted, in bytes (default 1 MiB). */
  maxBodyBytes?: number;
}

export interface WebhookApiTestDeliveryOptions<E extends string> {
  readonly event: E;
  /** The event's data (the whole body when the spec has no envelope); default: the spec's example, else fake data (needs @faker-js/faker). */
  readonly data?: unknown;
  readonly secret: string;
  /** Where the delivery goes (default `http://localhost/webhooks`). */
  readonly url?: string;
}

/** The verifier, receiver and test deliveries of one API, typed by its event map `M`. */
export interface WebhookApi<M> {
  /** Verifies a delivery (signature, timestamp, replay, payload against the spec); throws a `WebhookVerificationError`. */
  verify(input: WebhookInput, options: WebhookApiVerifyOptions): Promise<VerifiedWebhook<M>>;
  /** A Fetch handler running typed handlers per event over verified deliveries. */
  handler(
    handlers: WebhookHandlerOptions<M>['on'],
    options: WebhookApiVerifyOptions & Pick<WebhookHandlerOptions<M>, 'onError'>,
  ): (request: Request) => Promise<Response>;
  /** A delivery signed as the provider sends it, for tests of a receiver. */
  createTestDelivery(options: WebhookApiTestDeliveryOptions<keyof M & string>): Promise<TestDelivery>;
}

/**
 * Binds the spec `document` (its delivery scheme, `webhooks` and schemas) to the event types
 * `W` (`@hey-api/typescript`'s `Webhooks`). A document without a delivery scheme throws a
 * `SpecError` naming `name` and the path.
 *
 * @example
 * const acme = defineWebhookApi<Webhooks>({ name: 'acme-notify', document });
 * const event = await acme.verify(request, { secret: process.env.ACME_WEBHOOK_SECRET });
 */
export function defineWebhookApi<W extends { key: string; body: unknown }>({
  name,
  document,
}: {
  name: string;
  document: Readonly<Record<string, unknown>>;
}): WebhookApi<EventMapOf<W>> {
  type M = EventMapOf<W>;
  const { adapter } = specApiOf({ file: name, name, document: document as Json });
  const defaultReplayStore = createMemoryReplayStore();

  async function verify(input: WebhookInput, options: WebhookApiVerifyOptions): Promise<VerifiedWebhook<M>> {
    const message = await readRawMessage(input, options.maxBodyBytes);
    const request: CapturedRequest = {
      method: message.method,
      url: message.url ?? DEFAULT_TEST_DELIVERY_URL,
      // The schemes only read headers by name.
      headers: message.headers as Headers,
      body: typeof message.body === 'string' ? new TextEncoder().encode(message.body) : message.body,
    };
    const verified = await adapter.verify(
      request,
      { ...(options.secret === undefined ? {} : { secret: options.secret }), ...(options.secrets === undefined ? {} : { secrets: options.secrets }) },
      {
        replayStore: options.replayStore === undefined ? defaultReplayStore : options.replayStore,
        ...(options.toleranceSeconds === undefined ? {} : { toleranceSeconds: options.toleranceSeconds }),
        ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
      },
    );
    return verified as VerifiedWebhook<M>;
  }

  return {
    verify,
    handler: (handlers, options) =>
      createWebhookHandler<M>((request) => verify(request, options), { on: handlers, ...(options.onError ? { onError: options.onError } : {}) }),
    async createTestDelivery({ event, data, secret, url = DEFAULT_TEST_DELIVERY_URL }) {
      const body = JSON.stringify(await adapter.payload(event, data));
      return adapter.send({ event, body, credentials: { secret }, url });
    },
  };
}
