/**
 * Behavior analytics only with the customer's consent: a customer who registered online starts
 * without it, their signed-in events are refused (FORBIDDEN, BEHAVIOR_CONSENT_REQUIRED) and nothing
 * is stored; once they turn it on in the privacy settings the same batch is stored, and every change
 * is recorded with its channel. Withdrawing stops storage at the marketing center once its 30-second
 * memory of the yes has passed. Staff cannot consent for a customer.
 */
import { startTestPlatform, TestPlatform } from '../support/platform';
import { registerBasicCustomer, type BasicCustomer } from '../support/realNameVerification';

const TRACK = 'mutation Track($events: [BehaviorEventInput!]!) { trackEvents(events: $events) { accepted duplicates } }';
const CONSENT = 'query Consent { me { behaviorConsent { granted changedAt } } }';
const SET_CONSENT = 'mutation SetConsent($granted: Boolean!) { setBehaviorConsent(granted: $granted) { granted changedAt } }';

interface Consent {
  granted: boolean;
  changedAt: string | null;
}

let platform: TestPlatform;
let customer: BasicCustomer;

beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user', 'marketing'] });
  customer = await registerBasicCustomer(platform, '钱授权');
});
afterAll(() => platform.stop());

function pageView(id: string) {
  return { clientEventId: id, type: 'PAGE_VIEW', occurredAt: platform.clock.now().toISOString(), sessionId: 'consent-s1', page: 'home' };
}

async function storedEvents(): Promise<number> {
  return platform.store('marketing').behaviorEvent.count({ where: { customerId: customer.userId } });
}

async function setConsent(granted: boolean): Promise<Consent> {
  const { body } = await platform.query<{ setBehaviorConsent: Consent }>(SET_CONSENT, { token: customer.token, variables: { granted } });
  expect(body.errors).toBeUndefined();
  return body.data!.setBehaviorConsent;
}

test('a new customer has not consented, and their events are refused with nothing stored', async () => {
  const { body } = await platform.query<{ me: { behaviorConsent: Consent } }>(CONSENT, { token: customer.token });
  expect(body.data!.me.behaviorConsent).toEqual({ granted: false, changedAt: null });

  const refused = await platform.query(TRACK, { token: customer.token, variables: { events: [pageView('c-1'), pageView('c-2')] } });
  expect(refused.body.data).toBeNull();
  expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'BEHAVIOR_CONSENT_REQUIRED' });
  expect(await storedEvents()).toBe(0);
});

test('after consenting the same batch is stored, and a repeat of the choice records no second change', async () => {
  const granted = await setConsent(true);
  expect(granted.granted).toBe(true);
  expect(granted.changedAt).toBe(platform.clock.now().toISOString());
  // Asked again (a double tap): the same answer, no second record.
  expect(await setConsent(true)).toEqual(granted);

  const { body } = await platform.query<{ trackEvents: { accepted: number } }>(TRACK, {
    token: customer.token,
    variables: { events: [pageView('c-1'), pageView('c-2')] },
  });
  expect(body.data!.trackEvents.accepted).toBe(2);
  expect(await storedEvents()).toBe(2);

  const changes = await platform.store('user').behaviorConsentChange.findMany({ where: { customerId: customer.userId } });
  expect(changes.map(({ granted: value, channel }) => ({ value, channel }))).toEqual([{ value: true, channel: 'MOBILE_APP' }]);
});

test('withdrawn consent stops storage once the marketing center has forgotten the yes (30 s)', async () => {
  expect((await setConsent(false)).granted).toBe(false);
  platform.clock.advance(31_000);
  const refused = await platform.query(TRACK, { token: customer.token, variables: { events: [pageView('c-3')] } });
  expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'BEHAVIOR_CONSENT_REQUIRED' });
  expect(await storedEvents()).toBe(2);

  const changes = await platform.store('user').behaviorConsentChange.count({ where: { customerId: customer.userId } });
  expect(changes).toBe(2);
});

test('events before sign-in carry no customer and need no stored consent', async () => {
  const anonymous = await platform.query<{ trackEvents: { accepted: number } }>(TRACK, {
    variables: { events: [{ ...pageView('anon-c-1'), anonymousId: 'consent-device-1' }] },
  });
  expect(anonymous.body.errors).toBeUndefined();
  expect(anonymous.body.data!.trackEvents.accepted).toBe(1);
});

test("staff cannot consent for a customer, and only marketing may read a customer's consent", async () => {
  const staff = await platform.callCenter('user', SET_CONSENT, {
    variables: { granted: true },
    as: { customerId: 'ops-1', channel: 'OPS' },
  });
  expect(staff.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');

  const READ = 'query Read($userId: ID!) { behaviorConsent(userId: $userId) }';
  const variables = { userId: customer.userId };
  const scopes = ['user:behavior-consent:read'];
  const marketing = await platform.callCenter<{ behaviorConsent: boolean }>('user', READ, {
    variables,
    as: { service: 'marketing', scopes },
  });
  expect(marketing.body.data!.behaviorConsent).toBe(false);
  const account = await platform.callCenter('user', READ, { variables, as: { service: 'account', scopes } });
  expect(account.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
});
