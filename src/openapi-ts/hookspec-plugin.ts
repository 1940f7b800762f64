/**
 * `hookspecPlugin()`: a hey-api plugin for a user's own `openapi-ts.config.ts`. From the spec's
 * delivery scheme (`x-hookspec-delivery`, or Fern's `x-fern-webhook-signature`) it writes
 * `hookspec.gen.ts` next to the client: `verify<Name>Webhook`, `create<Name>WebhookHandler` and
 * `create<Name>TestDelivery`, typed by the `Webhooks` union of `@hey-api/typescript` and backed
 * by `hookspec/webhooks`, which reads the embedded document at run time (nothing else is
 * generated). A spec without a delivery scheme or without webhooks fails generation, naming the
 * spec and the path.
 * @module
 */
import { $, type DefinePlugin } from '@hey-api/openapi-ts';
import { readDeliveryDescription } from '../apis/read-delivery-description.ts';
import { webhookDocumentOf } from './webhook-document.ts';

type UserConfig = {
  readonly name: 'hookspec';
  /** The API's name (lower-case, dashes); default: the spec's `info.title` in kebab-case. */
  readonly apiName?: string;
  /** Where errors say the spec is (default: the configured input). */
  readonly file?: string;
};
type Config = UserConfig & { readonly includeInEntry: boolean };
export type HookspecPlugin = DefinePlugin<UserConfig, Config>;

/** The plugin as `plugins` takes it: its `name` is widened as hey-api's own `definePluginConfig` does, so it fits beside the built-in plugins. */
export type HookspecPluginConfig = Omit<HookspecPlugin['Config'], 'name'> & {
  // biome-ignore lint/suspicious/noExplicitAny: the type the `plugins` array accepts for a third-party plugin's name.
  name: any;
};

/** `Acme Notify` → `acme-notify`. */
export const kebabName = (text: string): string =>
  text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** `acme-notify` → `AcmeNotify`. */
export const pascalName = (name: string): string =>
  name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');

/** The spec's path as configured, for errors (hey-api keeps its inputs under `config.input`). */
function inputFile(config: unknown): string {
  const input = (config as { input?: unknown } | undefined)?.input;
  const first = Array.isArray(input) ? input[0] : input;
  const path = typeof first === 'string' ? first : (first as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? path : 'the spec';
}

const handler: HookspecPlugin['Handler'] = ({ plugin }) => {
  const spec = plugin.context.spec as unknown as Record<string, unknown>;
  const file = plugin.config.file ?? inputFile(plugin.context.config);
  // Throws a DeliveryDescriptionError naming the file and the path when the scheme is missing or invalid.
  readDeliveryDescription(spec, file);
  const document = webhookDocumentOf(spec, file);
  const title = String((spec.info as { title?: unknown } | undefined)?.title ?? '');
  const apiName = plugin.config.apiName ?? kebabName(title);
  const Name = pascalName(apiName);
  if (!/^[a-z][a-z0-9-]*$/.test(apiName) || Name === '') {
    throw new Error(`${file}: /info/title: cannot name the API from ${JSON.stringify(title)}; set one with hookspecPlugin({ name: 'acme-notify' }).`);
  }

  const defineWebhookApi = plugin.symbol('defineWebhookApi', { external: 'hookspec/webhooks' });
  const webhooks = plugin.referenceSymbol({ category: 'type', resource: 'webhook', variant: 'container' });
  const api = plugin.symbol(`${apiName.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())}WebhookApi`);
  plugin.node(
    $.const(api).assign(
      $(defineWebhookApi)
        .call($.fromValue({ name: apiName, document }, { layout: 'pretty' }))
        .generic(webhooks),
    ),
  );
  const exported = [
    [`verify${Name}Webhook`, 'verify'],
    [`create${Name}WebhookHandler`, 'handler'],
    [`create${Name}TestDelivery`, 'createTestDelivery'],
  ] as const;
  for (const [name, member] of exported) {
    plugin.node($.const(plugin.symbol(name)).export().assign($(api).attr(member)));
  }
};

/**
 * The plugin, for the `plugins` of an `openapi-ts.config.ts`, after `@hey-api/typescript`.
 *
 * @example
 * plugins: ['@hey-api/typescript', hookspecPlugin({ name: 'acme-notify' })]
 */
export function hookspecPlugin(options: { name?: string; file?: string } = {}): HookspecPluginConfig {
  return {
    name: 'hookspec',
    config: {
      includeInEntry: false,
      ...(options.name === undefined ? {} : { apiName: options.name }),
      ...(options.file === undefined ? {} : { file: options.file }),
    },
    dependencies: ['@hey-api/typescript'],
    handler,
  } satisfies HookspecPlugin['Config'];
}
