import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { apis } from '../../openapi-ts.config.ts';

export { apis };
export type Api = (typeof apis)[number];

// biome-ignore lint/suspicious/noExplicitAny: a parsed spec or JSON answer, read by arbitrary paths in tests.
export type Json = Record<string, any>;

/** Loads openapi/<api>.yaml (YAML anchors resolved). */
export function loadSpec(api: Api): Json {
  return parse(readFileSync(`openapi/${api}.yaml`, 'utf8'), { maxAliasCount: -1 }) as Json;
}

/** Follows a local `$ref` such as `#/components/schemas/TestEvent`. */
export function resolveRef(spec: Json, node: Json): Json {
  if (typeof node?.$ref !== 'string') return node;
  return node.$ref
    .slice(2)
    .split('/')
    .reduce((value: Json, key: string) => value[key.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
}

export interface WebhookEntry {
  api: Api;
  event: string;
  operationId: string;
  schemaName: string;
  schema: Json;
  examples: Array<{ name: string; value: unknown }>;
}

/** Every event in every spec's `webhooks` section, with its payload schema and examples. */
export function webhookEntries(): WebhookEntry[] {
  return apis.flatMap((api) => {
    const spec = loadSpec(api);
    return Object.entries<Json>(spec.webhooks ?? {}).map(([event, item]) => {
      const media = item.post.requestBody.content['application/json'];
      return {
        api,
        event,
        operationId: item.post.operationId,
        schemaName: String(media.schema.$ref).split('/').pop()!,
        schema: resolveRef(spec, media.schema),
        examples: Object.entries<Json>(media.examples ?? {}).map(([name, ex]) => ({ name, value: ex.value })),
      };
    });
  });
}

const httpMethods = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

/** Every operation in a spec's `paths`. */
export function operations(api: Api): Array<{ method: string; path: string; operation: Json }> {
  const spec = loadSpec(api);
  return Object.entries<Json>(spec.paths ?? {}).flatMap(([path, item]) =>
    Object.entries<Json>(item)
      .filter(([method]) => httpMethods.includes(method))
      .map(([method, operation]) => ({ method, path, operation })),
  );
}
