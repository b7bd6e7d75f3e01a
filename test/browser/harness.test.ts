/**
 * The harness itself: every build is served by the gateway and renders, pages talk to a gateway that
 * runs trusted documents only (an ad-hoc query from the page is refused), the H5 builds get a phone
 * viewport, axe runs and screenshots are written.
 */
import { existsSync } from 'node:fs';
import { documentIds } from '../../apps/documents/WEB.generated';
import { startBrowserHarness, type AppChannel, type BrowserHarness } from '../support/browser';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness({ platform: { centers: ['auth', 'user', 'product'] } });
}, 300_000);
afterAll(async () => harness?.stop());

const CHANNELS: AppChannel[] = ['WEB', 'OPS', 'MOBILE_APP', 'WECHAT_MINI', 'WECHAT_BANKING', 'ALIPAY_MINI'];

test.each(CHANNELS)('%s: the build is served, renders one h1 and passes axe', async (channel) => {
  const page = await harness.newPage(channel);
  const response = await page.goto(harness.appUrl(channel));
  expect(response?.status()).toBe(200);
  // The first screen comes after a loading one (h1 "正在加载" while the session is restored) and a redirect or two
  // (frames without any h1), each longer on a loaded machine: wait, within the test's budget, for a screen that is
  // neither, rather than for a number of polls.
  await page.waitForFunction(
    `(() => {
      const headings = document.querySelectorAll('h1');
      const loading = [...document.querySelectorAll('[role=status]')].some((element) => element.textContent.includes('正在加载'));
      return headings.length > 0 && !headings[0].textContent.includes('正在加载') && !loading;
    })()`,
    undefined,
    { timeout: 50_000 },
  );
  expect(await page.locator('h1').count()).toBe(1);
  expect(await page.evaluate('window.innerWidth')).toBe(channel === 'WEB' || channel === 'OPS' ? 1280 : 390);
  await harness.checkAccessibility(page, `harness-${channel.toLowerCase()}`);
  expect(existsSync(await harness.screenshot(page, `harness-${channel.toLowerCase()}`))).toBe(true);
  await page.context().close();
});

test('a client-side route falls back to the app, and /h5/ links the four channel builds', async () => {
  const page = await harness.newPage('WEB');
  expect((await page.goto(harness.appUrl('WEB', 'some/route')))?.status()).toBe(200);
  await page.locator('h1').first().waitFor();
  await page.goto(`${harness.origin}/h5/`);
  const links = await page.locator('a').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
  expect(links).toEqual(['/h5/mobile-app/', '/h5/wechat-mini/', '/h5/wechat-banking/', '/h5/alipay-mini/']);
  await page.context().close();
});

test('the gateway the pages talk to runs trusted documents only: by id yes, query text no', async () => {
  const page = await harness.newPage('WEB');
  await page.goto(harness.appUrl('WEB'));
  const post = (body: unknown) =>
    page.evaluate(async (text) => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-channel': 'WEB' },
        body: text,
      });
      return (await response.json()) as { data?: { products?: { edges: unknown[] } }; errors?: { extensions?: { code?: string } }[] };
    }, JSON.stringify(body));
  const adHoc = await post({ query: '{ products { edges { node { id } } } }' });
  expect(adHoc.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_ALLOWED');
  const trusted = await post({
    operationName: 'Products',
    variables: {},
    extensions: { persistedQuery: { version: 1, sha256Hash: documentIds.Products } },
  });
  expect(trusted.errors).toBeUndefined();
  expect(trusted.data?.products?.edges.length).toBeGreaterThan(0);
  await page.context().close();
});
