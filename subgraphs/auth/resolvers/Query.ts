import { serviceCaller } from '../../kit/authorization';
import { ErrorCode, bankError, badInput, unauthenticated } from '../../../platform/errors';
import { parseAmountToFen } from '../../kit/money';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { pinPublicKey } from '../service/pin';
import { assessRisk } from '../service/risk/assess';
import { activeSessions } from '../service/sessions';
import { readOutbox } from '../service/sms/provider';
import { requireAnyStaffRole } from './staffRoles';
import { signedInCustomer } from './mapped';
import { auditEvents, riskDecisions, riskDecisionStats, riskRuleChanges } from './staffViews';

export const Query: QueryResolvers = {
  mySessions: async (_parent, _args, { identity, prisma, clock }) => {
    const customer = signedInCustomer(identity);
    const sessions = await activeSessions(prisma, customer.userId, clock.now());
    return sessions.map((session) => ({ ...session, current: session.id === customer.sessionId }));
  },
  pinEncryptionKey: (_parent, _args, { prisma }) => pinPublicKey(prisma),
  developmentSmsOutbox: async (_parent, { mobile }, { prisma, runtime }) => {
    // The gateway hides this field unless the SMS outbox is on; the center refuses it as well.
    if (!runtime.development.smsOutbox) throw bankError(ErrorCode.NotFound, '仅开发环境可用');
    if (!/^1[3-9]\d{9}$/.test(mobile)) throw badInput('手机号格式不正确', ['mobile']);
    return readOutbox(prisma, mobile);
  },
  riskRules: (_parent, _args, { identity, runtime }) => {
    requireAnyStaffRole(identity, ['RISK_ANALYST', 'ADMIN', 'OPERATOR']);
    return runtime.rules.current();
  },
  riskDecisionStats,
  riskDecisions,
  auditEvents,
  riskRuleChanges,
  assessRisk: async (_parent, { input }, { identity, prisma, runtime, clock }) => {
    const caller = serviceCaller(identity);
    if (!caller.actingFor) throw unauthenticated('风险评估需要指明客户');
    return assessRisk(
      { prisma, counters: runtime.counters, rules: runtime.rules, clock },
      {
        userId: caller.actingFor,
        action: input.action,
        channel: input.channel,
        amountFen: input.amount == null ? undefined : parseAmountToFen(input.amount, ['input', 'amount'], { allowZero: true }),
        sourceAccountId: input.sourceAccountId ?? undefined,
        payeeAccountNumber: input.payeeAccountNumber ?? undefined,
        payeeIsNew: input.payeeIsNew ?? undefined,
        deviceId: input.deviceId ?? undefined,
      },
    );
  },
};
