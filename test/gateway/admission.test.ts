import { parse, validate } from 'graphql';
import { apiSchemaOf } from '../../gateway/supergraph/apiSchema';
import { exceedsTokenLimit } from '../../gateway/frontDoor';
import { admissionValidationRules, DEFAULT_ADMISSION_LIMITS } from '../../gateway/plugins/admission';
import { readSupergraph } from '../../gateway/supergraph/supergraphFile';
import { readChannelOperations } from '../../gateway/plugins/trustedDocuments/channelOperations';
import { startTestPlatform, TestPlatform } from '../support/platform';

/** Abusive documents are refused at the front door, each with its own code, before any subgraph is called. */
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ centers: ['auth', 'user'] });
});
afterAll(() => platform.stop());

const codeOf = (body: { errors?: { extensions?: { code?: string } }[] }) => body.errors?.[0]?.extensions?.code;

/** Subgraph calls the gateway has made so far, from its own metrics. */
async function subgraphCalls(): Promise<number> {
  const text = await (await fetch(platform.gateway.metricsUrl!)).text();
  return [...text.matchAll(/^bank_gateway_subgraph_request_duration_seconds_count\{[^}]*\} (\d+)/gm)].reduce(
    (sum, match) => sum + Number(match[1]),
    0,
  );
}

async function expectRefusedBeforeSubgraphs(send: () => Promise<{ status: number; body: any }>, status: number, code: string) {
  const statements = platform.statementCount();
  const calls = await subgraphCalls();
  const { status: actual, body } = await send();
  expect({ status: actual, code: codeOf(body) }).toEqual({ status, code });
  expect(platform.statementCount()).toBe(statements);
  expect(await subgraphCalls()).toBe(calls);
}

test('a deep query', async () => {
  await expectRefusedBeforeSubgraphs(() => platform.query(deepDocument(14)), 400, 'QUERY_TOO_DEEP');
});

/** Nested inline fragments add a level each, without needing a cycle in the schema. */
function deepDocument(levels: number): string {
  let inner = 'id';
  for (let level = 0; level < levels; level++) inner = `... on Campaign { ${inner} }`;
  return `{ campaigns { ${inner} } }`;
}

test('an alias flood', async () => {
  const aliases = Array.from({ length: 40 }, (_, index) => `a${index}: campaigns { id }`).join(' ');
  await expectRefusedBeforeSubgraphs(() => platform.query(`{ ${aliases} }`), 400, 'TOO_MANY_ALIASES');
});

test('a token flood', async () => {
  const fields = Array.from({ length: 2_000 }, () => 'id').join(' ');
  await expectRefusedBeforeSubgraphs(() => platform.query(`{ campaigns { ${fields} } }`), 400, 'TOO_MANY_TOKENS');
});

test('a directive flood', async () => {
  const directives = Array.from({ length: 30 }, () => '@include(if: true)').join(' ');
  await expectRefusedBeforeSubgraphs(() => platform.query(`{ campaigns ${directives} { id } }`), 400, 'TOO_MANY_DIRECTIVES');
});

test('a fragment cycle', async () => {
  await expectRefusedBeforeSubgraphs(
    () => platform.query('query Q { me { ...A } } fragment A on User { accounts { id } ...B } fragment B on User { ...A }'),
    400,
    'GRAPHQL_VALIDATION_FAILED',
  );
});

test('a batch', async () => {
  await expectRefusedBeforeSubgraphs(
    async () => {
      const response = await fetch(platform.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-channel': 'WEB' },
        body: JSON.stringify([{ query: '{ campaigns { id } }' }, { query: '{ campaigns { id } }' }]),
      });
      return { status: response.status, body: await response.json() };
    },
    400,
    'BATCHING_NOT_ALLOWED',
  );
});

test('a cross-site form post (CSRF)', async () => {
  await expectRefusedBeforeSubgraphs(
    async () => {
      const response = await fetch(platform.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'x-channel': 'WEB' },
        body: JSON.stringify({ query: '{ campaigns { id } }' }),
      });
      return { status: response.status, body: await response.json() };
    },
    400,
    'CSRF_REFUSED',
  );
});

test('every channel operation passes the limits', async () => {
  const schema = apiSchemaOf(readSupergraph());
  for (const operation of readChannelOperations()) {
    expect([operation.file, exceedsTokenLimit(operation.document, DEFAULT_ADMISSION_LIMITS.maxTokens)]).toEqual([operation.file, false]);
    expect([
      operation.file,
      validate(schema, parse(operation.document), admissionValidationRules(DEFAULT_ADMISSION_LIMITS)).map((error) => error.message),
    ]).toEqual([operation.file, []]);
  }
});

describe('in production', () => {
  let production: TestPlatform;
  beforeAll(async () => {
    // Free documents here, to show the second line of defence behind trusted documents.
    production = await startTestPlatform({ centers: ['auth', 'user'], production: true, gateway: { trustedDocuments: false } });
  });
  afterAll(() => production.stop());

  test('introspection is off', async () => {
    const { body } = await production.query('{ __schema { types { name } } }');
    expect(codeOf(body)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors?.[0]?.message).toMatch(/introspection/i);
  });

  test('no field suggestions', async () => {
    const { body } = await production.query('{ campaigns { titl } }');
    expect(codeOf(body)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(body)).not.toMatch(/Did you mean|"title"/);
  });

  test('development still suggests', async () => {
    const { body } = await platform.query('{ campaigns { titl } }');
    expect(JSON.stringify(body)).toMatch(/Did you mean/);
  });
});
