import { DEMO_CUSTOMERS } from '../../kit/demo';
import { encodeCursor } from '../../kit/connection';
import { GraphQLResponse, startTestPlatform, TestPlatform } from '../../../test/support/platform';
import { DEMO_PRODUCTS } from '../seed';

const PRODUCTS = `query Products($filter: ProductFilter, $first: Int, $after: String) {
  products(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id code } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface ProductsPage {
  products: {
    edges: { cursor: string; node: { id: string; code: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const codes = (response: GraphQLResponse<ProductsPage>) => response.body.data?.products.edges.map((edge) => edge.node.code);

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Product { id name rate riskLevel } }
}`;

describe('product center', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ centers: ['auth', 'user', 'product'] });
  });
  afterAll(() => platform?.stop());

  it('returns every product on sale on the channel exactly once across pages', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const response: GraphQLResponse<ProductsPage> = await platform.query<ProductsPage>(PRODUCTS, {
        channel: 'WEB',
        variables: { first: 3, after },
      });
      expect(response.body.errors).toBeUndefined();
      const connection: ProductsPage['products'] = response.body.data!.products;
      expect(connection.edges.length).toBeLessThanOrEqual(3);
      seen.push(...connection.edges.map((edge) => edge.node.code));
      expect(connection.pageInfo.endCursor).toBe(connection.edges.at(-1)?.cursor ?? null);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(['CC-GOLD', 'CC-PLAT', 'LN-EDAI', 'TD-3Y', 'WM-QY', 'WM-TL180', 'WM-TTL', 'WM-WX90', 'WM-XX365']);
    // The off-sale certificate of deposit is not in the default listing.
    expect(seen).not.toContain('TD-CD1Y');
  });

  it("lists only what the caller's channel may sell, unless a channel is asked for", async () => {
    expect(codes(await platform.query<ProductsPage>(PRODUCTS, { channel: 'ALIPAY_MINI' }))).toEqual(['WM-TTL', 'WM-WX90']);
    expect(codes(await platform.query<ProductsPage>(PRODUCTS, { channel: 'WECHAT_MINI' }))).toEqual(['LN-EDAI', 'WM-TTL', 'WM-WX90']);
    const token = await platform.login(DEMO_CUSTOMERS[0]!.mobile);
    expect(codes(await platform.query<ProductsPage>(PRODUCTS, { token }))).toEqual([
      'CC-GOLD',
      'CC-PLAT',
      'LN-EDAI',
      'TD-3Y',
      'WM-QY',
      'WM-TL180',
      'WM-TTL',
      'WM-WX90',
      'WM-XX365',
    ]);
    const forWechat = await platform.query<ProductsPage>(PRODUCTS, {
      channel: 'ALIPAY_MINI',
      variables: { filter: { channel: 'WECHAT_BANKING' } },
    });
    expect(codes(forWechat)).toEqual(['CC-GOLD', 'LN-EDAI', 'TD-3Y', 'WM-TL180', 'WM-TTL', 'WM-WX90']);
  });

  it('filters by kind and status', async () => {
    expect(codes(await platform.query<ProductsPage>(PRODUCTS, { variables: { filter: { kind: 'WEALTH' } } }))).toEqual([
      'WM-QY',
      'WM-TL180',
      'WM-TTL',
      'WM-WX90',
      'WM-XX365',
    ]);
    expect(codes(await platform.query<ProductsPage>(PRODUCTS, { variables: { filter: { kind: 'TIME_DEPOSIT' } } }))).toEqual(['TD-3Y']);
    expect(codes(await platform.query<ProductsPage>(PRODUCTS, { channel: 'WEB', variables: { filter: { status: 'OFF_SALE' } } }))).toEqual([
      'TD-CD1Y',
    ]);
  });

  it('shows a product with its rate as a 4-decimal percent and its minimum as Money', async () => {
    const { body } = await platform.query<{ product: Record<string, unknown> }>(
      `query($id: ID!) { product(id: $id) { id code kind name rate riskLevel minAmount { amount currency } termDays channels status } }`,
      { variables: { id: 'd0a80001-0000-4000-8000-000000000103' } },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.product).toEqual({
      id: 'd0a80001-0000-4000-8000-000000000103',
      code: 'WM-TL180',
      kind: 'WEALTH',
      name: '丰收添利180天',
      rate: '3.8500',
      riskLevel: 'R3',
      minAmount: { amount: '10000.00', currency: 'CNY' },
      termDays: 180,
      channels: ['WEB', 'MOBILE_APP', 'WECHAT_BANKING'],
      status: 'ON_SALE',
    });
    const card = await platform.query<{ product: Record<string, unknown> }>(
      `query($id: ID!) { product(id: $id) { rate minAmount { amount } termDays } }`,
      { variables: { id: 'd0a80001-0000-4000-8000-000000000108' } },
    );
    expect(card.body.data!.product).toEqual({ rate: '18.2500', minAmount: { amount: '0.00' }, termDays: null });
    const offSale = await platform.query<{ product: { status: string } }>(`query($id: ID!) { product(id: $id) { status } }`, {
      variables: { id: 'd0a80001-0000-4000-8000-000000000106' },
    });
    expect(offSale.body.data!.product.status).toBe('OFF_SALE');
    const missing = await platform.query<{ product: unknown }>(`query { product(id: "no-such-product") { id } }`);
    expect(missing.body.errors).toBeUndefined();
    expect(missing.body.data!.product).toBeNull();
  });

  it('refuses a page size out of range and a forged cursor', async () => {
    const tooMany = await platform.query(PRODUCTS, { variables: { first: 101 } });
    expect(tooMany.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const zero = await platform.query(PRODUCTS, { variables: { first: 0 } });
    expect(zero.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const garbage = await platform.query(PRODUCTS, { variables: { after: 'not-a-cursor' } });
    expect(garbage.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const forged = await platform.query(PRODUCTS, { variables: { after: encodeCursor({ code: { gt: '' } }) } });
    expect(forged.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('resolves any number of product references with one SQL statement', async () => {
    const representations = DEMO_PRODUCTS.map((product) => ({ __typename: 'Product', id: product.id }));
    const before = platform.centers.product!.statements.count;
    const { body } = await platform.callCenter<{ _entities: { id: string; name: string; rate: string; riskLevel: string }[] }>(
      'product',
      ENTITIES,
      { variables: { representations }, as: 'anonymous' },
    );
    expect(platform.centers.product!.statements.count - before).toBe(1);
    expect(body.errors).toBeUndefined();
    expect(body.data!._entities.map((product) => product.id)).toEqual(DEMO_PRODUCTS.map((product) => product.id));
    expect(body.data!._entities[1]).toEqual({
      id: 'd0a80001-0000-4000-8000-000000000102',
      name: '丰收理财·稳享90天',
      rate: '3.1500',
      riskLevel: 'R2',
    });
  });

  it('answers NOT_FOUND for a reference to an unknown product, and nothing without a credential', async () => {
    const unknown = await platform.callCenter('product', ENTITIES, {
      variables: { representations: [{ __typename: 'Product', id: 'no-such-product' }] },
      as: 'anonymous',
    });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const direct = await platform.callCenter('product', PRODUCTS, { as: 'none' });
    expect(direct.status).toBe(401);
    expect(direct.body.data ?? null).toBeNull();
  });
});
