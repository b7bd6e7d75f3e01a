import { DEMO_CUSTOMERS, DemoCustomer } from '../../kit/demo';
import { encodeCursor } from '../../kit/connection';
import { GraphQLResponse, startTestPlatform, TestPlatform } from '../../../test/support/platform';
import { isOrderPosition } from '../service/orders';
import { Client } from 'pg';
import { maskName } from '../../kit/fieldCipher';
import { reEncryptTable } from '../../kit/fieldEncryption/reEncryption';
import { PAYEE } from '../encryptedColumns';
import { hasPayee } from '../service/payees';

const [zhang, li] = DEMO_CUSTOMERS as [DemoCustomer, DemoCustomer];

const ORDERS_PAGE = `query Orders($first: Int, $after: String) {
  me { orders(first: $first, after: $after) {
    edges { cursor node { id kind status amount { amount currency } destination channel memo createdAt } }
    pageInfo { hasNextPage endCursor }
  } }
}`;

interface OrdersPage {
  me: {
    orders: {
      edges: {
        cursor: string;
        node: {
          id: string;
          kind: string;
          status: string;
          amount: { amount: string; currency: string };
          destination: string | null;
          channel: string | null;
          memo: string | null;
          createdAt: string;
        };
      }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };
}

const ORDER_ENTITY = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Order { id kind status amount { amount } } }
}`;

describe('finance center', () => {
  let platform: TestPlatform;
  let zhangToken: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ centers: ['auth', 'user', 'account', 'finance', 'limits'] });
    zhangToken = await platform.login(zhang.mobile);
  });
  afterAll(() => platform?.stop());

  it('returns the seeded orders newest first, every one exactly once across pages', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const response: GraphQLResponse<OrdersPage> = await platform.query<OrdersPage>(ORDERS_PAGE, {
        token: zhangToken,
        variables: { first: 1, after },
      });
      expect(response.body.errors).toBeUndefined();
      const orders: OrdersPage['me']['orders'] = response.body.data!.me.orders;
      expect(orders.edges).toHaveLength(1);
      seen.push(orders.edges[0]!.node.id);
      expect(orders.pageInfo.endCursor).toBe(orders.edges[0]!.cursor);
      if (!orders.pageInfo.hasNextPage) break;
      after = orders.pageInfo.endCursor;
    }
    expect(seen).toEqual(['seed-transfer-2026-11', 'seed-electricity-2026-11']);
  });

  it('shows an order with its amount as Money and its other side masked', async () => {
    const { body } = await platform.query<OrdersPage>(ORDERS_PAGE, { token: zhangToken, variables: { first: 20 } });
    expect(body.errors).toBeUndefined();
    expect(body.data!.me.orders.pageInfo.hasNextPage).toBe(false);
    expect(body.data!.me.orders.edges.map((edge) => edge.node)).toEqual([
      {
        id: 'seed-transfer-2026-11',
        kind: 'TRANSFER',
        status: 'COMPLETED',
        amount: { amount: '6850.00', currency: 'CNY' },
        destination: '李*英 6230 **** **** 0021',
        channel: 'MOBILE_APP',
        memo: '房租',
        createdAt: '2026-11-20T09:14:57.000Z',
      },
      {
        id: 'seed-electricity-2026-11',
        kind: 'BILL_PAYMENT',
        status: 'COMPLETED',
        amount: { amount: '150.00', currency: 'CNY' },
        destination: '国网浙江省电力有限公司',
        channel: 'MOBILE_APP',
        memo: '电费缴纳',
        createdAt: '2026-11-15T12:19:58.000Z',
      },
    ]);
  });

  it('gives a customer without orders an empty page', async () => {
    const token = await platform.login(li.mobile);
    const { body } = await platform.query<OrdersPage>(ORDERS_PAGE, { token });
    expect(body.errors).toBeUndefined();
    expect(body.data!.me.orders).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor!'],
    ['JSON of the wrong shape', encodeCursor({ t: 'yesterday', id: 'x' })],
    ['a truncated cursor', encodeCursor({ t: '2026-11-20T09:15:00.000Z', id: 'seed-transfer-2026-11' }).slice(0, 20)],
    ['a JSON array', encodeCursor([1, 2])],
    ['an id with SQL in it', encodeCursor({ t: '2026-11-20T09:15:00.000Z', id: "x' OR '1'='1" })],
  ])('refuses a malformed cursor (%s) with BAD_USER_INPUT on `after`', async (_case, after) => {
    const { body } = await platform.query(ORDERS_PAGE, { token: zhangToken, variables: { after } });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('refuses a page size out of range with BAD_USER_INPUT on `first`', async () => {
    const { body } = await platform.query(ORDERS_PAGE, { token: zhangToken, variables: { first: 101 } });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('returns payees with the account number masked, never in full', async () => {
    const { body } = await platform.query<{ me: { payees: unknown[] } }>(
      '{ me { payees { id name maskedAccountNumber bankName alias } } }',
      { token: zhangToken },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.me.payees).toEqual([
      {
        id: 'b0a80001-0000-4000-8000-000000000101',
        name: '李秀英',
        maskedAccountNumber: '6230 **** **** 0021',
        bankName: '本行',
        alias: '房东',
      },
      {
        id: 'b0a80001-0000-4000-8000-000000000102',
        name: '王建国',
        maskedAccountNumber: '6222 **** **** 2345',
        bankName: '中国工商银行',
        alias: null,
      },
    ]);
    const raw = JSON.stringify(body);
    expect(raw).not.toContain(li.accounts[0]!.number);
    expect(raw).not.toContain('6222021208000012345');
  });

  it('stores payees with name and account number encrypted and bound to their row', async () => {
    const rows = await platform.store('finance').payee.findMany({ where: { ownerId: zhang.id }, orderBy: { id: 'asc' } });
    const dump = JSON.stringify(rows);
    for (const secret of ['李秀英', '王建国', li.accounts[0]!.number, '6222021208000012345']) expect(dump).not.toContain(secret);
    expect(rows.map((row) => [row.name, row.accountNumber])).toEqual([
      [null, null],
      [null, null],
    ]);
    // 李秀英's ciphertexts copied onto 王建国's row do not decrypt there: the list fails rather than mix them up.
    const [first, second] = rows as [(typeof rows)[number], (typeof rows)[number]];
    await platform.store('finance').payee.update({ where: { id: second.id }, data: { nameCipher: first.nameCipher } });
    try {
      const { body } = await platform.query('{ me { payees { name } } }', { token: zhangToken });
      expect(body.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(body.data ?? null).match(/李秀英/g)?.length ?? 0).toBeLessThanOrEqual(1);
    } finally {
      await platform.store('finance').payee.update({ where: { id: second.id }, data: { nameCipher: second.nameCipher } });
    }
  });

  it('reads a payee saved before encryption, and the re-encryption job encrypts it in place', async () => {
    const db = new Client({ connectionString: platform.centers.finance!.databaseUrl });
    await db.connect();
    try {
      await db.query(
        `INSERT INTO payee (id, owner_id, name, account_number, bank_name, created_at)
         VALUES ('payee-legacy-0001', $1, '赵六', '6228480000000000777', '中国农业银行', $2)`,
        [zhang.id, new Date('2026-11-04T03:00:00.000Z')],
      );
      const listed = async () =>
        (
          await platform.query<{ me: { payees: { id: string; name: string; maskedAccountNumber: string }[] } }>(
            '{ me { payees { id name maskedAccountNumber } } }',
            { token: zhangToken },
          )
        ).body.data!.me.payees.find((payee) => payee.id === 'payee-legacy-0001');
      expect(await listed()).toEqual({ id: 'payee-legacy-0001', name: '赵六', maskedAccountNumber: '6228 **** **** 0777' });
      expect(await hasPayee(platform.store('finance'), zhang.id, '6228480000000000777')).toBe(true);

      expect(await reEncryptTable(db, PAYEE)).toMatchObject({ rewritten: 1, failed: [] });
      const row = (await db.query("SELECT * FROM payee WHERE id = 'payee-legacy-0001'")).rows[0];
      expect(row).toMatchObject({ name: null, account_number: null, account_number_cipher: expect.stringMatching(/^v\d+:(gcm|sm4):/) });
      expect(await listed()).toEqual({ id: 'payee-legacy-0001', name: '赵六', maskedAccountNumber: '6228 **** **** 0777' });
      expect(await hasPayee(platform.store('finance'), zhang.id, '6228480000000000777')).toBe(true);
      expect(await hasPayee(platform.store('finance'), zhang.id, '6228480000000000778')).toBe(false);
    } finally {
      await db.query("DELETE FROM payee WHERE id = 'payee-legacy-0001'");
      await db.end();
    }
  });

  it("refuses another customer's order through _entities with FORBIDDEN", async () => {
    const { body } = await platform.callCenter('finance', ORDER_ENTITY, {
      variables: { representations: [{ __typename: 'Order', id: 'seed-transfer-2026-11' }] },
      as: { customerId: li.id },
    });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(body.data?._entities).toEqual([null]);
  });

  it("resolves the owner's orders through _entities, unknown ids as NOT_FOUND", async () => {
    const { body } = await platform.callCenter<{ _entities: unknown[] }>('finance', ORDER_ENTITY, {
      variables: {
        representations: [
          { __typename: 'Order', id: 'seed-electricity-2026-11' },
          { __typename: 'Order', id: 'seed-transfer-2026-11' },
          { __typename: 'Order', id: 'no-such-order' },
        ],
      },
      as: { customerId: zhang.id },
    });
    expect(body.data!._entities).toEqual([
      { id: 'seed-electricity-2026-11', kind: 'BILL_PAYMENT', status: 'COMPLETED', amount: { amount: '150.00' } },
      { id: 'seed-transfer-2026-11', kind: 'TRANSFER', status: 'COMPLETED', amount: { amount: '6850.00' } },
      null,
    ]);
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
  });

  it("refuses another customer's payees and orders through a User representation", async () => {
    const { body } = await platform.callCenter(
      'finance',
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { payees { id } } } }',
      {
        variables: { r: [{ __typename: 'User', id: zhang.id }] },
        as: { customerId: li.id },
      },
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(body.data)).not.toContain('b0a80001');
  });

  it('refuses a caller that is not signed in, and one without a credential', async () => {
    const document = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { orders { edges { node { id } } } } } }';
    const variables = { r: [{ __typename: 'User', id: zhang.id }] };
    const anonymous = await platform.callCenter('finance', document, { variables, as: 'anonymous' });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const none = await platform.callCenter('finance', document, { variables, as: 'none' });
    expect(none.status).toBe(401);
    expect(JSON.stringify(none.body)).not.toContain('seed-transfer');
  });

  it('resolves any number of orders with one statement (per-request DataLoader)', async () => {
    const representations = (count: number) =>
      Array.from({ length: count }, (_, index) => ({ __typename: 'Order', id: index % 2 ? 'seed-transfer-2026-11' : `missing-${index}` }));
    const cost = async (count: number) => {
      const before = platform.centers.finance!.statements.count;
      await platform.callCenter('finance', ORDER_ENTITY, {
        variables: { representations: representations(count) },
        as: { customerId: zhang.id },
      });
      return platform.centers.finance!.statements.count - before;
    };
    expect(await cost(2)).toBe(1);
    expect(await cost(40)).toBe(1);
  });
});

describe('finance order positions', () => {
  it('accepts only a timestamp and a plain id', () => {
    expect(isOrderPosition({ t: '2026-11-20T09:15:00.000Z', id: 'seed-transfer-2026-11' })).toBe(true);
    expect(isOrderPosition({ t: '2026-11-20T09:15:00.000Z' })).toBe(false);
    expect(isOrderPosition({ t: 'soon', id: 'a' })).toBe(false);
    expect(isOrderPosition({ t: '2026-11-20T09:15:00.000Z', id: 7 })).toBe(false);
    expect(isOrderPosition([])).toBe(false);
  });

  it('masks names', () => {
    expect(maskName('李秀英')).toBe('李*英');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
  });
});
