/**
 * Cursor pagination (Relay-style connections). A cursor is an opaque, base64url-encoded
 * position; clients must not build them. Pages are fetched with one extra row to learn
 * whether there is a next page.
 */
import { badInput } from '../../platform/errors';

export const MAX_PAGE_SIZE = 100;

export interface PageRequest {
  first?: number | null;
  after?: string | null;
}

export interface Page<Position> {
  take: number;
  after?: Position;
}

/**
 * Reads `first`/`after`. A cursor is client input like any other: it must decode to the shape
 * the list uses (`isPosition`), or the request is refused with the field path.
 */
export function readPageRequest<Position>(
  request: PageRequest,
  isPosition: (value: unknown) => value is Position,
  defaultSize = 20,
): Page<Position> {
  const take = request.first ?? defaultSize;
  if (!Number.isInteger(take) || take < 1 || take > MAX_PAGE_SIZE) {
    throw badInput(`first 必须在 1 到 ${MAX_PAGE_SIZE} 之间`, ['first']);
  }
  if (request.after === undefined || request.after === null) return { take };
  const position = decodeCursor(request.after);
  // Positions are always objects; the guard only ever sees one.
  if (position === null || typeof position !== 'object' || !isPosition(position)) throw badInput('分页游标无效', ['after']);
  return { take, after: position };
}

/** Position in a list ordered newest first: (timestamp desc, id desc). */
export interface NewestFirstPosition {
  t: string;
  id: string;
}

/** A guard for newest-first cursors whose ids match `idPattern` (anchored by the caller). */
export function isNewestFirstPosition(idPattern: RegExp) {
  return (value: unknown): value is NewestFirstPosition => {
    const position = value as Partial<NewestFirstPosition>;
    return (
      typeof position.t === 'string' &&
      !Number.isNaN(Date.parse(position.t)) &&
      typeof position.id === 'string' &&
      idPattern.test(position.id)
    );
  };
}

export function newestFirstPosition(at: Date, id: string | bigint): NewestFirstPosition {
  return { t: at.toISOString(), id: id.toString() };
}

export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
  } catch {
    throw badInput('分页游标无效', ['after']);
  }
}

export interface Connection<Node> {
  edges: { cursor: string; node: Node }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Builds a connection from `take + 1` rows fetched after the cursor. */
export function toConnection<Row, Node>(
  rows: readonly Row[],
  take: number,
  positionOf: (row: Row) => unknown,
  toNode: (row: Row) => Node,
): Connection<Node> {
  const page = rows.slice(0, take);
  const edges = page.map((row) => ({ cursor: encodeCursor(positionOf(row)), node: toNode(row) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > take, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
