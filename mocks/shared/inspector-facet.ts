/**
 * A mock's inspector facet from what any mock knows: its events, their schemas and sample
 * payloads, the envelope `trigger(event, data)` sends, and its endpoints.
 * @module
 */
import type { ZodType } from 'zod';
import type { MockInspectorFacet } from './api-mock.ts';

export interface InspectorFacetParts {
  /** The body field `trigger(event, data)` fills; undefined when `data` is the whole body. */
  readonly dataKey: string | undefined;
  readonly events: readonly string[];
  /** The payload schema of an event, or undefined for an unknown one. */
  schema(event: string): ZodType | undefined;
  /** A sample body of an event (an example, or fake data). */
  payload(event: string): Promise<unknown>;
  /** The body `trigger(event, data)` would send. */
  envelope(event: string, data: unknown): unknown;
  endpoints: MockInspectorFacet['endpoints'];
  /** For a mock with no built reference page: the operations the overview lists. */
  operations?: MockInspectorFacet['operations'];
}

export function inspectorFacet(parts: InspectorFacetParts): MockInspectorFacet {
  const { dataKey } = parts;
  return {
    dataKey: dataKey ?? 'body',
    events: parts.events,
    endpoints: parts.endpoints,
    async sample(event) {
      const payload = (await parts.payload(event)) as Record<string, unknown> | undefined;
      return dataKey === undefined ? payload : (payload?.[dataKey] ?? {});
    },
    validate(event, data) {
      const schema = parts.schema(event);
      if (!schema) return 'unknown_event';
      const result = schema.safeParse(parts.envelope(event, data));
      if (result.success) return [];
      // Paths inside the data are relative to it (what the send form edits); others name the body field.
      return result.error.issues.map((issue) => {
        const path = issue.path.map(String);
        const inData = dataKey !== undefined && path[0] === dataKey;
        return {
          path: inData ? path.slice(1).join('.') : dataKey === undefined ? path.join('.') : `(${path.join('.') || 'body'})`,
          message: issue.message,
        };
      });
    },
    ...(parts.operations === undefined ? {} : { operations: parts.operations }),
  };
}
