/**
 * A hey-api plugin of ours: writes each API's delivery description (its spec's
 * `x-hookspec-delivery`, or Fern's `x-fern-webhook-signature`, with every default filled in) to
 * `generated/<api>/delivery.gen.ts`, next to the client, validators and fakes generated from the
 * same spec. A spec whose description does not validate fails generation, naming file and path.
 */
import { $, type DefinePlugin, definePluginConfig } from '@hey-api/openapi-ts';
import { readDeliveryDescription } from '../src/apis/read-delivery-description.ts';

type UserConfig = {
  readonly name: 'delivery';
  /** The spec's path, for errors. */
  readonly file: string;
};
type Config = UserConfig & {
  /** Kept out of generated/<api>/index.ts: the registry imports delivery.gen.ts itself. */
  readonly includeInEntry: boolean;
};
export type DeliveryPlugin = DefinePlugin<UserConfig, Config>;

const handler: DeliveryPlugin['Handler'] = ({ plugin }) => {
  const description = readDeliveryDescription(plugin.context.spec as unknown as Record<string, unknown>, plugin.config.file);
  const symbol = plugin.symbol('delivery');
  plugin.node(
    $.const(symbol)
      .export()
      .assign($($.fromValue(description, { layout: 'pretty' })).as('const')),
  );
};

const defaultConfig: DeliveryPlugin['Config'] = {
  config: { file: '', includeInEntry: false },
  handler,
  name: 'delivery',
};

/** `deliveryPlugin({ file })`: `file` names the spec in errors. */
export const deliveryPlugin = definePluginConfig(defaultConfig);
