import { badInput } from '../../../platform/errors';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { recordAudit } from '../service/audit';
import { PARAMETER_PATTERNS } from '../service/risk/rules';
import { requireAnyStaffRole } from './staffRoles';

/** Staff change one rule without a deploy: a new rule-set version, audited with before and after. */
export const updateRiskRule: NonNullable<MutationResolvers['updateRiskRule']> = async (
  _parent,
  { input },
  { identity, runtime, clock, log },
) => {
  const staff = requireAnyStaffRole(identity, ['RISK_ANALYST', 'ADMIN']);
  const current = await runtime.rules.current();
  const existing = current.rules.find((rule) => rule.code === input.code);
  if (!existing) throw badInput('规则不存在', ['input', 'code']);
  const params: Record<string, string> = {};
  for (const [index, parameter] of (input.parameters ?? []).entries()) {
    const pattern = PARAMETER_PATTERNS[parameter.name];
    if (!pattern || !(parameter.name in existing.params)) throw badInput('该规则没有此参数', ['input', 'parameters', index, 'name']);
    if (!pattern.test(parameter.value)) throw badInput('参数值格式不正确', ['input', 'parameters', index, 'value']);
    params[parameter.name] = parameter.value;
  }
  const now = clock.now();
  return runtime.rules.change(
    { code: input.code, outcome: input.outcome ?? undefined, enabled: input.enabled ?? undefined, params },
    staff.userId,
    now,
    (tx, { version, before, after }) =>
      recordAudit(tx, log, now, {
        action: 'risk-rule-changed',
        outcome: 'success',
        userId: staff.userId,
        channel: 'OPS',
        details: { rule: input.code, version, before, after },
      }),
  );
};
