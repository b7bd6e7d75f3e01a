/**
 * Checks on the raw HTTP request, before Apollo parses anything: batching, CSRF and the token
 * count. Each refusal has its own code.
 */
import type { IncomingMessage } from 'node:http';
import { ErrorCode } from '../../platform/errors';
import { PlainResponse, headerValue, refusal } from '../../platform/http/server';
import { exceedsTokenLimit } from './tokenLimit';

/** One operation per HTTP request: a batch would multiply every other limit by its length. */
export function refuseBatch(body: unknown): PlainResponse | undefined {
  return Array.isArray(body) ? refusal(400, ErrorCode.BatchingNotAllowed, '不支持批量请求') : undefined;
}

/**
 * A browser sends a cross-site "simple" request (GET, or POST as form/text) without a
 * preflight; only those can be forged. Such requests must carry a header a form cannot set.
 * Same rule as Apollo Server's CSRF prevention, refused here with our own code.
 */
export function refuseCsrf(request: IncomingMessage): PlainResponse | undefined {
  const contentType = (headerValue(request, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  // A GET without an operation is the Sandbox landing page, not an operation.
  const getOperation = request.method === 'GET' && /[?&](query|extensions|documentId|id)=/.test(request.url ?? '');
  if (request.method === 'GET' && !getOperation) return undefined;
  const simple =
    getOperation || contentType === '' || ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'].includes(contentType);
  if (!simple) return undefined;
  if (headerValue(request, 'x-apollo-operation-name') || headerValue(request, 'apollo-require-preflight')) return undefined;
  return refusal(400, ErrorCode.CsrfRefused, '请求缺少防跨站伪造所需的请求头');
}

export function refuseTokenFlood(body: unknown, maxTokens: number): PlainResponse | undefined {
  const query = typeof body === 'object' && body !== null ? (body as { query?: unknown }).query : undefined;
  if (typeof query !== 'string') return undefined;
  return exceedsTokenLimit(query, maxTokens)
    ? refusal(400, ErrorCode.TooManyTokens, `查询长度超过上限（${maxTokens} 个词法单元）`)
    : undefined;
}
