import { buildSchema } from 'graphql';
import {
  AFTER_PURCHASE_FIELDS,
  CUSTOMER_CHANNELS,
  PURCHASE_FIELDS,
  ProductKind,
  kindsOnSale,
  needsRiskAssessment,
  publicApiSchema,
  readUnreachableRootFields,
  rootFieldsByChannel,
  rootFieldsCalledBy,
  rootFieldsOf,
} from '../../scripts/channelCoverage';

/**
 * Channel coverage: in production a channel calls only what its manifest lists, so a public root
 * field no manifest reaches is a feature nobody can use. Each is either reachable from some
 * channel's manifest or listed, with its reason, in schema/operations/unreachable.json.
 */
const schema = publicApiSchema();
const rootFields = rootFieldsOf(schema);
const reached = rootFieldsByChannel(schema);
const reachedAnywhere = new Set([...reached.values()].flatMap((fields) => [...fields]));
const unreachable = readUnreachableRootFields();

test('every public root field is reachable from a channel manifest or listed as deliberately unreachable', () => {
  const orphans = rootFields.filter((field) => !reachedAnywhere.has(field) && !(field in unreachable));
  // A new root field needs a document in the manifest of the channel whose screen uses it (schema/operations/README.md),
  // or an entry with its reason in schema/operations/unreachable.json.
  expect(orphans).toEqual([]);
});

test('the unreachable list names only public root fields that no manifest reaches', () => {
  const listed = Object.keys(unreachable);
  expect(listed.filter((field) => !rootFields.includes(field))).toEqual([]);
  expect(listed.filter((field) => reachedAnywhere.has(field))).toEqual([]);
});

test('internal fields (@inaccessible, service-scoped) are not public root fields', () => {
  expect(rootFields).toEqual(expect.arrayContaining(['Query.me', 'Mutation.createTransfer', 'Query.developmentSmsOutbox']));
  for (const internal of ['Query.customerRiskProfile', 'Mutation.reserveLimit', 'Mutation.assessRisk', 'Mutation.recordOrderEvent']) {
    expect(rootFields).not.toContain(internal);
  }
});

test('reachability follows fragments and skips introspection', () => {
  const toy = buildSchema('type Query { a: Int, b: Int, c: Int } type Mutation { d: Int }');
  expect(rootFieldsCalledBy('query Q { __typename ...F ... on Query { b } } fragment F on Query { a }', toy).sort()).toEqual([
    'Query.a',
    'Query.b',
  ]);
  expect(rootFieldsCalledBy('mutation M { d }', toy)).toEqual(['Mutation.d']);
  expect(rootFieldsOf(toy)).toEqual(['Query.a', 'Query.b', 'Query.c', 'Mutation.d']);
});

describe('what each channel may sell agrees with its purchase documents', () => {
  const onSale = kindsOnSale();

  test('the catalogue sells something on every customer channel', () => {
    expect(CUSTOMER_CHANNELS.filter((channel) => onSale.get(channel)!.size === 0)).toEqual([]);
    expect([...onSale.get('ALIPAY_MINI')!]).toContain('WEALTH');
    expect([...onSale.get('ALIPAY_MINI')!]).not.toContain('TIME_DEPOSIT');
  });

  test.each(CUSTOMER_CHANNELS)('%s buys exactly the kinds the catalogue sells on it, and can finish what it bought', (channel) => {
    const fields = reached.get(channel)!;
    const buyable = (Object.keys(PURCHASE_FIELDS) as ProductKind[]).filter((kind) => fields.has(PURCHASE_FIELDS[kind])).sort();
    expect(buyable).toEqual([...onSale.get(channel)!].sort());
    const needed = [...onSale.get(channel)!].flatMap((kind) => AFTER_PURCHASE_FIELDS[kind]);
    if (onSale.get(channel)!.size > 0) needed.push('Query.products', 'Query.product');
    if (needsRiskAssessment(channel)) needed.push('Query.riskQuestionnaire', 'Mutation.submitRiskQuestionnaire');
    expect([channel, needed.filter((field) => !fields.has(field))]).toEqual([channel, []]);
  });

  test('staff buy nothing', () => {
    expect(Object.values(PURCHASE_FIELDS).filter((field) => reached.get('OPS')!.has(field))).toEqual([]);
  });
});

test('every customer channel sends behavior events, and the operations console reads the analytics', () => {
  for (const channel of CUSTOMER_CHANNELS) expect([channel, reached.get(channel)!.has('Mutation.trackEvents')]).toEqual([channel, true]);
  const ops = reached.get('OPS')!;
  const analytics = [
    'Query.dailyActiveCustomers',
    'Query.monthlyActiveCustomers',
    'Query.sessionStats',
    'Query.pageFlows',
    'Query.productPreferences',
    'Query.conversionFunnel',
    'Query.reconciliationReport',
    'Query.riskRules',
    'Mutation.updateRiskRule',
    'Query.riskRuleChanges',
    'Query.riskDecisionStats',
    'Query.riskDecisions',
    'Query.auditEvents',
  ];
  expect(analytics.filter((field) => !ops.has(field))).toEqual([]);
});
