import { DEMO_CUSTOMERS } from '../../kit/demo';
import { startTestPlatform, TestPlatform } from '../../../test/support/platform';
import { regionsServing } from '../service/billers';

const BILLERS = `query Billers($category: BillerCategory, $region: String) {
  billers(category: $category, region: $region) { id category name regionCode customerNumberHint status }
}`;

interface BillersResult {
  billers: { id: string; category: string; name: string; regionCode: string; customerNumberHint: string; status: string }[];
}

const ids = (result: BillersResult | null | undefined) => result?.billers.map((biller) => biller.id);

describe('life center', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform?.stop());

  it("lists the active billers serving the demo customers' district, without signing in", async () => {
    const { status, body } = await platform.query<BillersResult>(BILLERS, { variables: { region: DEMO_CUSTOMERS[0]!.region } });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(ids(body.data)).toEqual([
      'biller-electricity-zj',
      'biller-water-jinhua',
      'biller-gas-jinhua',
      'biller-phone-cmcc',
      'biller-phone-telecom',
      'biller-phone-unicom',
      'biller-broadband-cmcc-jinhua',
      'biller-broadband-telecom-jinhua',
    ]);
    expect(body.data!.billers[0]).toEqual({
      id: 'biller-electricity-zj',
      category: 'ELECTRICITY',
      name: '国网浙江省电力有限公司',
      regionCode: '330000',
      customerNumberHint: '10位用电户号，见电费通知单',
      status: 'ACTIVE',
    });
    // The suspended district biller is never offered.
    expect(JSON.stringify(body)).not.toContain('biller-broadband-wucheng-cable');
  });

  it('filters by category and by region', async () => {
    const token = await platform.login(DEMO_CUSTOMERS[0]!.mobile);
    const water = await platform.query<BillersResult>(BILLERS, { token, variables: { category: 'WATER', region: '330702' } });
    expect(ids(water.body.data)).toEqual(['biller-water-jinhua']);
    const hangzhouWater = await platform.query<BillersResult>(BILLERS, { variables: { category: 'WATER', region: '330106' } });
    expect(ids(hangzhouWater.body.data)).toEqual(['biller-water-hangzhou']);
    const otherProvince = await platform.query<BillersResult>(BILLERS, { variables: { region: '110101' } });
    expect(ids(otherProvince.body.data)).toEqual([]);
    const allPhone = await platform.query<BillersResult>(BILLERS, { variables: { category: 'PHONE' } });
    expect(ids(allPhone.body.data)).toEqual(['biller-phone-cmcc', 'biller-phone-telecom', 'biller-phone-unicom']);
  });

  it.each(['3307', '3307021', 'abcdef', '33 702', ''])('refuses region %j with BAD_USER_INPUT on `region`', async (region) => {
    const { body } = await platform.query(BILLERS, { variables: { region } });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'region' });
    expect(body.data?.billers ?? null).toBeNull();
  });

  it('resolves billers by reference with one statement, unknown ids as NOT_FOUND', async () => {
    const before = platform.centers.life!.statements.count;
    const { body } = await platform.callCenter<{ _entities: unknown[] }>(
      'life',
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Biller { id name category } } }',
      {
        variables: {
          r: [
            { __typename: 'Biller', id: 'biller-gas-jinhua' },
            { __typename: 'Biller', id: 'biller-phone-unicom' },
            { __typename: 'Biller', id: 'no-such-biller' },
          ],
        },
        as: 'anonymous',
      },
    );
    expect(platform.centers.life!.statements.count - before).toBe(1);
    expect(body.data!._entities).toEqual([
      { id: 'biller-gas-jinhua', name: '金华市天然气有限公司', category: 'GAS' },
      { id: 'biller-phone-unicom', name: '中国联通浙江分公司', category: 'PHONE' },
      null,
    ]);
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
  });

  it('refuses a direct call without a gateway or service credential', async () => {
    const { status, body } = await platform.callCenter('life', BILLERS, { variables: {}, as: 'none' });
    expect(status).toBe(401);
    expect(body.data ?? null).toBeNull();
  });
});

describe('regions a district belongs to', () => {
  it('walks up to the city and the province', () => {
    expect(regionsServing('330702')).toEqual(['330702', '330700', '330000']);
    expect(regionsServing('330700')).toEqual(['330700', '330000']);
    expect(regionsServing('330000')).toEqual(['330000']);
  });
});
