import { CENTERS, DEFAULT_PORTS } from '../centers';
import { ConfigError, metricsHost, metricsPort } from '../config';

/** Where each process serves /metrics: its own port + 5000 by default, configurable per process, never the public port. */
test('by default each process serves metrics on its service port + 5000', () => {
  expect(metricsPort('gateway', DEFAULT_PORTS.gateway, {})).toBe(9000);
  for (const center of CENTERS) expect(metricsPort(center, DEFAULT_PORTS[center], {})).toBe(DEFAULT_PORTS[center] + 5000);
  expect(metricsPort('account', 14002, {})).toBe(19002);
});

test('<NAME>_METRICS_PORT sets one process, 0 picks a free port, off turns it off', () => {
  expect(metricsPort('gateway', 4000, { GATEWAY_METRICS_PORT: '9464' })).toBe(9464);
  expect(metricsPort('account', 4002, { ACCOUNT_METRICS_PORT: '9100', GATEWAY_METRICS_PORT: '9464' })).toBe(9100);
  expect(metricsPort('finance', 4003, { ACCOUNT_METRICS_PORT: '9100' })).toBe(9003);
  expect(metricsPort('gateway', 4000, { GATEWAY_METRICS_PORT: '0' })).toBe(0);
  expect(metricsPort('gateway', 4000, { GATEWAY_METRICS_PORT: 'off' })).toBeNull();
  // A service on a free port, or any process under test, gets a free metrics port.
  expect(metricsPort('user', 0, {})).toBe(0);
  expect(metricsPort('life', 61234, { NODE_ENV: 'test' })).toBe(0);
  expect(metricsPort('life', 61234, { NODE_ENV: 'test', LIFE_METRICS_PORT: '9105' })).toBe(9105);
});

test('a malformed metrics port stops the start', () => {
  expect(() => metricsPort('gateway', 4000, { GATEWAY_METRICS_PORT: 'nine' })).toThrow(ConfigError);
  expect(() => metricsPort('gateway', 4000, { GATEWAY_METRICS_PORT: '70000' })).toThrow(/GATEWAY_METRICS_PORT/);
  expect(() => metricsPort('gateway', 61000, {})).toThrow(/GATEWAY_METRICS_PORT/);
});

test('metrics listen on loopback unless METRICS_HOST says otherwise', () => {
  expect(metricsHost({})).toBe('127.0.0.1');
  expect(metricsHost({ METRICS_HOST: '0.0.0.0' })).toBe('0.0.0.0');
});
