/** The event map of an API, from its generated `Webhooks` union: event type → payload type. */
export type EventMapOf<W extends { key: string; body: unknown }> = { [E in W as E['key']]: E['body'] };

/** A delivery that passed every check: its event type, its validated payload, and delivery metadata. */
export type VerifiedWebhook<M> = {
  [K in keyof M & string]: {
    /** The event type, as it travels on the wire. */
    readonly type: K;
    /** The payload as sent (every field kept), after it validated against the spec. */
    readonly payload: M[K];
    /** The delivery id, when the API sends one (SidClaw's `X-Webhook-ID`). */
    readonly deliveryId?: string;
    /** When the provider says it sent the delivery, when the API says so. */
    readonly timestamp?: Date;
  };
}[keyof M & string];

/** Typed handlers per event type, for {@link createWebhookHandler}. */
export type WebhookHandlers<M> = {
  [K in keyof M & string]?: (event: Extract<VerifiedWebhook<M>, { type: K }>) => unknown;
};
