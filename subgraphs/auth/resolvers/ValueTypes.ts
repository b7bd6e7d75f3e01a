import type { RiskRuleResolvers, SmsMessageResolvers } from '../__generated__/resolvers-types';

export const RiskRule: RiskRuleResolvers = {
  parameters: (rule) => Object.entries(rule.params).map(([name, value]) => ({ name, value })),
};

export const SmsMessage: SmsMessageResolvers = {
  sentAt: (message) => message.createdAt,
};
