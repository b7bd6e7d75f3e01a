import { encodeCursor, readPageRequest, toConnection } from '../connection';

test('pages are bounded and cursors opaque but round-trip', () => {
  expect(readPageRequest({})).toEqual({ take: 20 });
  expect(() => readPageRequest({ first: 0 })).toThrow('first 必须在 1 到 100 之间');
  expect(() => readPageRequest({ first: 101 })).toThrow('first 必须在 1 到 100 之间');
  const cursor = encodeCursor({ t: '2026-11-20T09:15:00.000Z', id: '7' });
  expect(readPageRequest({ first: 5, after: cursor })).toEqual({ take: 5, after: { t: '2026-11-20T09:15:00.000Z', id: '7' } });
  for (const bad of ['!!!', encodeCursor(42), Buffer.from('{"t":').toString('base64url')]) {
    expect(() => readPageRequest({ after: bad })).toThrow('分页游标无效');
  }
});

test('a connection built from take + 1 rows knows whether another page follows', () => {
  const rows = [1, 2, 3];
  const full = toConnection(rows, 2, (row) => ({ id: row }), (row) => row * 10);
  expect(full.edges.map((edge) => edge.node)).toEqual([10, 20]);
  expect(full.pageInfo.hasNextPage).toBe(true);
  expect(full.pageInfo.endCursor).toBe(encodeCursor({ id: 2 }));
  const last = toConnection(rows.slice(0, 2), 2, (row) => ({ id: row }), (row) => row);
  expect(last.pageInfo.hasNextPage).toBe(false);
  expect(toConnection([], 2, () => ({}), (row) => row).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
});
