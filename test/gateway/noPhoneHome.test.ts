/**
 * The gateway talks to the centers and to nothing outside the bank: @apollo/gateway's own usage
 * telemetry (an hourly OTLP export to apollographql.com, after probing cloud metadata addresses)
 * stays off, whatever the environment says.
 */
import http from 'node:http';
import https from 'node:https';
import { generatedKeyEnvironment } from '../../platform/identity/internalKeys';
import { startCenterlessGateway } from './support/centerlessGateway';

Object.assign(process.env, generatedKeyEnvironment());

test('starting and stopping the gateway sends nothing to Apollo or to a cloud metadata address', async () => {
  delete process.env.APOLLO_TELEMETRY_DISABLED;
  const hosts: string[] = [];
  const record = (target: unknown, options: unknown) => {
    const url = typeof target === 'string' || target instanceof URL ? new URL(String(target)) : undefined;
    const fields = (url ? options : target) as { hostname?: string; host?: string } | undefined;
    hosts.push(url?.hostname ?? fields?.hostname ?? fields?.host ?? 'unknown');
  };
  const httpRequest = jest.spyOn(http, 'request').mockImplementation(((target: unknown, options: unknown) => {
    record(target, options);
    throw new Error('no outbound HTTP in this test');
  }) as typeof http.request);
  const httpsRequest = jest.spyOn(https, 'request').mockImplementation(((target: unknown, options: unknown) => {
    record(target, options);
    throw new Error('no outbound HTTPS in this test');
  }) as typeof https.request);
  try {
    const gateway = await startCenterlessGateway();
    await gateway.stop();
  } finally {
    httpRequest.mockRestore();
    httpsRequest.mockRestore();
  }
  expect(hosts.filter((host) => host !== '127.0.0.1' && host !== 'localhost')).toEqual([]);
});
