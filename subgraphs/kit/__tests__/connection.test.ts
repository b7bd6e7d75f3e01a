import { encodeCursor, isNewestFirstPosition, newestFirstPosition, readPageRequest, toConnection } from '../connection';

const isPosition = isNewestFirstPosition(/^\d{1,19}$/);

test('pages are bounded', () => {
  expect(readPageRequest({}, isPosition)).toEqual({ take: 20 });
  expect(readPageRequest({ first: 100 }, isPosition)).toEqual({ take: 100 });
  for (const first of [0, -1, 101, 1.5]) {
    expect(() => readPageRequest({ first }, isPosition)).toThrow('first 必须在 1 到 100 之间');
  }
});

test('a cursor round-trips, and one of the wrong shape is refused naming `after`', () => {
  const position = newestFirstPosition(new Date('2026-11-20T09:15:00.000Z'), 7n);
  expect(readPageRequest({ first: 5, after: encodeCursor(position) }, isPosition)).toEqual({
    take: 5,
    after: { t: '2026-11-20T09:15:00.000Z', id: '7' },
  });
  const forged = [
    '!!!',
    encodeCursor(42),
    encodeCursor(null),
    encodeCursor({ t: 'soon', id: '1' }),
    encodeCursor({ t: '2026-11-20T09:15:00.000Z', id: '1; DROP TABLE posting' }),
    encodeCursor({ t: '2026-11-20T09:15:00.000Z', id: 7 }),
    Buffer.from('{"t":').toString('base64url'),
  ];
  for (const after of forged) {
    try {
      readPageRequest({ after }, isPosition);
      throw new Error(`accepted ${after}`);
    } catch (error) {
      expect((error as { extensions?: unknown }).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  }
});

test('a connection built from take + 1 rows knows whether another page follows', () => {
  const rows = [1, 2, 3];
  const full = toConnection(
    rows,
    2,
    (row) => ({ id: row }),
    (row) => row * 10,
  );
  expect(full.edges.map((edge) => edge.node)).toEqual([10, 20]);
  expect(full.pageInfo.hasNextPage).toBe(true);
  expect(full.pageInfo.endCursor).toBe(encodeCursor({ id: 2 }));
  const last = toConnection(
    rows.slice(0, 2),
    2,
    (row) => ({ id: row }),
    (row) => row,
  );
  expect(last.pageInfo.hasNextPage).toBe(false);
  expect(
    toConnection(
      [],
      2,
      () => ({}),
      (row) => row,
    ).pageInfo,
  ).toEqual({ hasNextPage: false, endCursor: null });
});
