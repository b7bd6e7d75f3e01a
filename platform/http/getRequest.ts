/**
 * A GraphQL request sent by GET carries its fields in the query string (`query`, `operationName`,
 * and `variables`/`extensions` as JSON). The front door sees it as the same object a POST body is,
 * so every check on the body (trusted documents, token count) holds for GET too; what the front
 * door admits goes back into the query string, so Apollo still treats it as a GET (and refuses a
 * mutation there).
 */

/** The parameters that make a GET an operation rather than the landing page. */
const OPERATION_PARAMETERS = ['query', 'extensions', 'documentId', 'id'] as const;
const JSON_PARAMETERS = new Set(['variables', 'extensions']);
const STRING_PARAMETERS = ['query', 'operationName', 'documentId', 'id'] as const;

/** The request's fields as a POST body would carry them; undefined for a GET that names no operation. */
export function graphqlRequestFromSearch(search: URLSearchParams): Record<string, unknown> | undefined {
  if (!OPERATION_PARAMETERS.some((name) => search.has(name))) return undefined;
  const request: Record<string, unknown> = {};
  for (const name of STRING_PARAMETERS) {
    const value = search.get(name);
    if (value !== null) request[name] = value;
  }
  for (const name of JSON_PARAMETERS) {
    const value = search.get(name);
    if (value !== null) request[name] = parseJson(value);
  }
  return request;
}

/** The query string Apollo reads a GET from, written from the admitted request. */
export function searchFromGraphqlRequest(request: unknown): string {
  const search = new URLSearchParams();
  if (typeof request !== 'object' || request === null) return '';
  const fields = request as Record<string, unknown>;
  for (const name of STRING_PARAMETERS) {
    if (typeof fields[name] === 'string') search.set(name, fields[name]);
  }
  for (const name of JSON_PARAMETERS) {
    const value = fields[name];
    if (value === undefined || isEmptyObject(value)) continue;
    // A value that was not valid JSON stays the client's text, for Apollo to refuse as it would have.
    search.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}
