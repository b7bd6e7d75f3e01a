import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError, config, developmentFeatures, parseConfig } from '../config';
import { projectRoot } from '../paths';
import { workersEnabledByDefault } from '../../subgraphs/kit/workers/centerWorker';

const NONE = developmentFeatures(false);

describe('NODE_ENV', () => {
  test('development, test and production are the modes; unset means production', () => {
    expect(parseConfig({}).mode).toBe('production');
    expect(parseConfig({ NODE_ENV: '' }).mode).toBe('production');
    expect(parseConfig({ NODE_ENV: 'development' }).mode).toBe('development');
    expect(parseConfig({ NODE_ENV: 'test' }).mode).toBe('test');
  });

  test('any other value is refused, naming the variable and the allowed values', () => {
    expect(() => parseConfig({ NODE_ENV: 'staging' })).toThrow(ConfigError);
    expect(() => parseConfig({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV: must be development, test or production, got "staging"/);
    expect(() => parseConfig({ NODE_ENV: 'Production' })).toThrow(/NODE_ENV/);
  });
});

describe('development features', () => {
  test('all on in development, none in production', () => {
    expect(Object.values(parseConfig({ NODE_ENV: 'development' }).development).every(Boolean)).toBe(true);
    expect(parseConfig({ NODE_ENV: 'production' }).development).toEqual(NONE);
    expect(parseConfig({}).development).toEqual(NONE);
  });

  test('none under test: only whoever starts a server (the test harness) turns one on', () => {
    expect(parseConfig({ NODE_ENV: 'test' }).development).toEqual(NONE);
    expect(config().mode).toBe('test');
    expect(config().development).toEqual(NONE);
  });
});

describe('demo data and workers', () => {
  test('demo data is seeded by default only in development', () => {
    expect(parseConfig({ NODE_ENV: 'development' }).seedDemoData).toBe(true);
    expect(parseConfig({ NODE_ENV: 'development', SEED_DEMO_DATA: 'false' }).seedDemoData).toBe(false);
    expect(parseConfig({ NODE_ENV: 'test' }).seedDemoData).toBe(false);
    expect(parseConfig({}).seedDemoData).toBe(false);
  });

  test('production refuses SEED_DEMO_DATA=true', () => {
    expect(() => parseConfig({ NODE_ENV: 'production', SEED_DEMO_DATA: 'true' })).toThrow(
      /SEED_DEMO_DATA: demo data is refused in production/,
    );
    expect(() => parseConfig({ SEED_DEMO_DATA: 'true' })).toThrow(/SEED_DEMO_DATA/);
    expect(parseConfig({ NODE_ENV: 'production', SEED_DEMO_DATA: 'false' }).seedDemoData).toBe(false);
  });

  test('a center started under Jest runs its workers unless told not to (the harness says runWorkers: false)', () => {
    expect(config().mode).toBe('test');
    expect(workersEnabledByDefault()).toBe(true);
    expect(workersEnabledByDefault({ NODE_ENV: 'test', CENTER_WORKERS: 'off' })).toBe(false);
  });

  test('background workers run in every mode unless turned off', () => {
    for (const NODE_ENV of ['development', 'test', 'production']) {
      expect(parseConfig({ NODE_ENV }).workers).toBe(true);
      expect(parseConfig({ NODE_ENV, CENTER_WORKERS: 'off' }).workers).toBe(false);
    }
  });
});

test('malformed settings are refused, each named', () => {
  const error = (() => {
    try {
      parseConfig({
        NODE_ENV: 'production',
        GATEWAY_PORT: 'eighty',
        CENTER_WORKERS: 'sometimes',
        FIELD_ENCRYPTION_KEY: 'c2hvcnQ=',
        TRUSTED_PROXIES: '10.0.0.10,10.42.0.0/99',
      });
    } catch (thrown) {
      return thrown as ConfigError;
    }
    throw new Error('accepted');
  })();
  expect(error.problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
    'CENTER_WORKERS',
    'FIELD_ENCRYPTION_KEY',
    'GATEWAY_PORT',
    'TRUSTED_PROXIES',
  ]);
  expect(error.problems.find((problem) => problem.startsWith('TRUSTED_PROXIES'))).toContain('"10.42.0.0/99"');
});

/** Runs a start script as its own process and collects how it ended. */
function runScript(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(projectRoot, 'node_modules/.bin/tsx'), [join(projectRoot, 'scripts', script), ...args], {
      cwd: projectRoot,
      // Nothing can be reached: a script that got past its configuration would fail differently.
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: 'postgresql://postgres@127.0.0.1:9/none',
        GATEWAY_PORT: '0',
        LOG_LEVEL: 'silent',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

test('a gateway started with an unknown NODE_ENV stops at once with the reason', async () => {
  const { code, output } = await runScript('start-gateway.ts', [], { NODE_ENV: 'staging' });
  expect(code).toBe(2);
  expect(output).toContain('NODE_ENV: must be development, test or production, got "staging"');
  expect(output).not.toContain('gateway:');
}, 60_000);

test('a center started as production with SEED_DEMO_DATA=true stops before touching its database', async () => {
  const { code, output } = await runScript('start-subgraph.ts', ['user'], { NODE_ENV: 'production', SEED_DEMO_DATA: 'true' });
  expect(code).toBe(2);
  expect(output).toContain('SEED_DEMO_DATA: demo data is refused in production');
  expect(output).not.toMatch(/ECONNREFUSED|migrat/i);
}, 60_000);
