import type { OperationSpec } from './operation-table.ts';
import { mediaTypeOf } from './check-request.ts';
import type { Finding } from './types.ts';
import { jsonBodyFindings } from './zod-findings.ts';

/** Everything about a response that breaks its operation's documented responses. */
export function checkResponse(operation: OperationSpec, status: number, headers: Headers, body: Uint8Array): Finding[] {
  const documented = operation.responses[String(status)] ?? operation.responses[`${String(status)[0]}XX`] ?? operation.responses.default;
  if (!documented) {
    return [
      {
        location: 'response.status',
        message: `${status} is not a documented response of ${operation.operationId} (documented: ${Object.keys(operation.responses).join(', ')})`,
      },
    ];
  }
  if (documented.mediaTypes.length === 0) {
    return body.byteLength > 0 ? [{ location: 'response.body', message: `${status} is documented without a body, got ${body.byteLength} bytes` }] : [];
  }
  const mediaType = mediaTypeOf(headers.get('content-type'));
  if (mediaType === undefined || !documented.mediaTypes.includes(mediaType)) {
    return [
      {
        location: 'response.header.content-type',
        message: `${JSON.stringify(mediaType ?? null)} is not a documented media type of ${status} (${documented.mediaTypes.join(', ')})`,
      },
    ];
  }
  if (!documented.schema || !mediaType.includes('json')) return [];
  return jsonBodyFindings(documented.schema, body, 'response.body');
}
