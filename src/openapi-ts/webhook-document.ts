/**
 * The part of a spec the generated verifier embeds: its delivery declaration, `webhooks` and
 * the components they refer to, never `paths` (the client has those already).
 * @module
 */

/** Components a webhook's request body may refer to. */
const WEBHOOK_COMPONENTS = ['schemas', 'requestBodies', 'examples'] as const;

/** The document `defineWebhookApi` needs; throws naming `file` and `/webhooks` when the spec sends none. */
export function webhookDocumentOf(spec: Record<string, unknown>, file: string): Record<string, unknown> {
  const webhooks = spec.webhooks as Record<string, unknown> | undefined;
  if (webhooks === undefined || Object.keys(webhooks).length === 0) {
    throw new Error(`${file}: /webhooks: the spec sends no webhooks: list each event under webhooks:.`);
  }
  const components = (spec.components ?? {}) as Record<string, unknown>;
  const info = (spec.info ?? {}) as Record<string, unknown>;
  const kept = Object.fromEntries(WEBHOOK_COMPONENTS.filter((key) => components[key] !== undefined).map((key) => [key, components[key]]));
  return {
    openapi: spec.openapi,
    info: { title: info.title, version: info.version },
    ...Object.fromEntries(['x-hookspec-delivery', 'x-fern-webhook-signature'].filter((key) => spec[key] !== undefined).map((key) => [key, spec[key]])),
    webhooks,
    ...(Object.keys(kept).length === 0 ? {} : { components: kept }),
  };
}
