import { createServer, request as httpRequest, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { channelAppsHandler } from '../../gateway/channelApps';

let directory: string;
let outside: string;
let server: Server;
let port: number;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'channel-apps-'));
  outside = mkdtempSync(join(tmpdir(), 'channel-apps-outside-'));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(directory, path)), { recursive: true });
    writeFileSync(join(directory, path), text);
  };
  write('web/index.html', '<html>web</html>');
  write('web/assets/index-AbCdEf12.js', 'console.log("web")');
  write('web/assets/index-Zz99Yy88.css', 'body{}');
  write('web/.secret', 'dot file');
  write('ops/index.html', '<html>ops</html>');
  write('h5/index.html', '<html>h5 index</html>');
  write('h5/wechat-mini/index.html', '<html>wechat mini</html>');
  write('outside.txt', 'not an app file');
  writeFileSync(join(outside, 'target.txt'), 'outside the build');
  symlinkSync(join(outside, 'target.txt'), join(directory, 'web', 'linked.txt'));
  const serve = channelAppsHandler(directory);
  server = createServer((request, response) => {
    if (!serve(request, response)) response.writeHead(418).end('gateway');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(directory, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

/** A raw request, so that paths like /web/../x reach the server unnormalised. */
function get(
  path: string,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, path, method }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

test('serves each app, its assets with their content type, and immutable caching only for hashed assets', async () => {
  const index = await get('/web/');
  expect(index).toMatchObject({ status: 200, body: '<html>web</html>' });
  expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(index.headers['cache-control']).toBe('no-cache');

  const script = await get('/web/assets/index-AbCdEf12.js');
  expect(script.status).toBe(200);
  expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect((await get('/web/assets/index-Zz99Yy88.css')).headers['content-type']).toBe('text/css; charset=utf-8');

  expect((await get('/ops/')).body).toBe('<html>ops</html>');
  expect((await get('/h5/')).body).toBe('<html>h5 index</html>');
  expect((await get('/h5/wechat-mini/')).body).toBe('<html>wechat mini</html>');
  expect((await get('/web')).status).toBe(301);
  expect((await get('/web/', 'HEAD')).body).toBe('');
});

test('client-side routes fall back to their build index.html; missing files and assets are 404', async () => {
  expect((await get('/web/transfer/new')).body).toBe('<html>web</html>');
  expect((await get('/h5/wechat-mini/home')).body).toBe('<html>wechat mini</html>');
  expect((await get('/h5/unknown-channel/home')).status).toBe(404);
  expect((await get('/web/assets/missing-12345678.js')).status).toBe(404);
  expect((await get('/web/missing.png')).status).toBe(404);
});

test('no path leaves the app folder: traversal, encoded traversal, dot files and symbolic links out', async () => {
  for (const path of [
    '/web/../outside.txt',
    '/web/%2e%2e/outside.txt',
    '/web/..%2foutside.txt',
    '/web/.secret',
    '/web/linked.txt',
    '/web/%00',
    '/web/%E0%A4%A',
  ]) {
    const response = await get(path);
    expect({ path, status: response.status }).toEqual({ path, status: 404 });
    expect(response.body).not.toContain('not an app file');
    expect(response.body).not.toContain('outside the build');
  }
  expect((await get('/web/', 'POST')).status).toBe(405);
});

test('other paths are left to the gateway', async () => {
  expect((await get('/graphql')).status).toBe(418);
  expect((await get('/webhooks')).status).toBe(418);
});
