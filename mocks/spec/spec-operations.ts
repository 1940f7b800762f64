/**
 * Every operation of a spec given at run time, in the shape the spec checker reads
 * (`OperationSpec`, which `generated/<api>/operations.gen.ts` has for the five APIs), with
 * validators built from the document's schemas instead of generated ones.
 * @module
 */
import { z, type ZodType } from 'zod';
import type { Json } from '../../src/spec/read-spec.ts';
import { resolveRef } from '../../src/spec/resolve-ref.ts';
import { schemaValidators } from '../../src/spec/schema-validator.ts';
import type { OperationSpec, SchemeSpec } from '../violations/operation-table.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** The operations of `document` (read from `file`), each with the raw operation object beside it. */
export function specOperations(file: string, document: Json): Array<{ spec: OperationSpec; operation: Json }> {
  const resolve = <T = Json>(node: unknown) => resolveRef<T>(file, document, node);
  const validatorOf = schemaValidators(document);
  const schemes = ((document.components as Json | undefined)?.securitySchemes ?? {}) as Record<string, Json>;

  const securityOf = (requirements: unknown): SchemeSpec[][] =>
    ((requirements ?? []) as Array<Record<string, unknown>>).map((requirement) =>
      Object.keys(requirement).map((name) => {
        const scheme = schemes[name] === undefined ? undefined : resolve(schemes[name]);
        if (!scheme) return { name, type: 'unknown' };
        return {
          name,
          type: String(scheme.type),
          ...(scheme.scheme ? { scheme: String(scheme.scheme).toLowerCase() } : {}),
          ...(scheme.in ? { in: String(scheme.in) } : {}),
          ...(scheme.name ? { parameter: String(scheme.name) } : {}),
        };
      }),
    );

  /** One object schema over the parameters found in `place`. */
  const parametersSchema = (parameters: Json[], place: string): ZodType | undefined => {
    const here = parameters.filter((p) => p.in === place);
    if (here.length === 0) return undefined;
    const shape: Record<string, ZodType> = {};
    for (const parameter of here) {
      const validator = validatorOf(resolve((parameter.schema ?? {}) as Json));
      const key = place === 'header' ? String(parameter.name).toLowerCase() : String(parameter.name);
      shape[key] = parameter.required === true ? validator : validator.optional();
    }
    return z.object(shape);
  };

  const result: Array<{ spec: OperationSpec; operation: Json }> = [];
  for (const [path, item] of Object.entries((document.paths ?? {}) as Json)) {
    const pathItem = resolve(item);
    for (const method of METHODS) {
      const operation = pathItem[method] as Json | undefined;
      if (!operation) continue;
      const parameters = [...((pathItem.parameters ?? []) as unknown[]), ...((operation.parameters ?? []) as unknown[])].map((p) => resolve(p));
      const body = operation.requestBody ? resolve(operation.requestBody) : undefined;
      const bodyContent = (body?.content ?? {}) as Record<string, Json>;
      const bodySchema = Object.values(bodyContent)[0]?.schema as Json | undefined;
      const responses: Record<string, { mediaTypes: string[]; schema?: ZodType }> = {};
      for (const [status, value] of Object.entries((operation.responses ?? {}) as Json)) {
        const content = (resolve(value).content ?? {}) as Record<string, Json>;
        const schema = Object.values(content)[0]?.schema as Json | undefined;
        responses[status] = { mediaTypes: Object.keys(content), ...(schema ? { schema: validatorOf(schema) } : {}) };
      }
      const spec: OperationSpec = {
        operationId: String(operation.operationId ?? `${method}${path}`),
        method: method.toUpperCase(),
        path,
        parameters: parameters.map((p) => ({
          name: String(p.name),
          in: String(p.in),
          required: p.required === true,
          type: String(resolve((p.schema ?? {}) as Json).type ?? 'string'),
        })),
        ...optional('pathSchema', parametersSchema(parameters, 'path')),
        ...optional('querySchema', parametersSchema(parameters, 'query')),
        ...optional('headerSchema', parametersSchema(parameters, 'header')),
        security: securityOf(operation.security ?? document.security),
        ...(body
          ? {
              requestBody: {
                required: body.required === true,
                mediaTypes: Object.keys(bodyContent),
                ...(bodySchema ? { schema: validatorOf(bodySchema) } : {}),
              },
            }
          : {}),
        responses,
      };
      result.push({ spec, operation });
    }
  }
  return result;
}

const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));
