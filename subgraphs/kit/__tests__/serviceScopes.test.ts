import type { Identity } from '../../../platform/identity/identity';
import { assertScopesGranted, defineServiceScopes } from '../serviceScopes';
import { serviceScopes as accountScopes } from '../../account/serviceScopes';

const service = (caller: 'finance' | 'limits', scopes: string[]): Identity => ({ kind: 'service', service: caller, scopes });

test("the callee decides: finance may post to account's ledger, limits may not", () => {
  expect(() => assertScopesGranted(service('finance', ['account:ledger:post']), accountScopes)).not.toThrow();
  expect(() => assertScopesGranted(service('limits', ['account:ledger:post']), accountScopes)).toThrow(
    expect.objectContaining({
      message: '服务 limits 无权使用 account:ledger:post',
      extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
    }),
  );
  // One scope it may use does not carry another it may not.
  expect(() => assertScopesGranted(service('limits', ['account:classes:read', 'account:ledger:post']), accountScopes)).toThrow('无权使用');
  // Another center's scope is nobody's to use here.
  expect(() => assertScopesGranted(service('finance', ['limits:reserve']), accountScopes)).toThrow('无权使用 limits:reserve');
  expect(() => assertScopesGranted({ kind: 'gateway', channel: 'WEB', authLevel: 1 }, accountScopes)).not.toThrow();
});

test('a center can grant only its own scopes', () => {
  expect(() => defineServiceScopes('limits', { 'account:ledger:post': ['limits'] })).toThrow('not one of its own');
});
