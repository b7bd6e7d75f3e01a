import { currentCustomerId, requireStaffRole } from '../../kit/authorization';
import { badInput } from '../../../platform/errors';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import {
  activeCustomersPerChannel,
  conversionFunnel,
  dailyActiveCustomers,
  pageFlows,
  preferenceDistribution,
  productViewsByKind,
  sessionStats,
} from '../service/analytics';
import { salesChannelOf } from '../service/channel';
import { parseDayRange, parseMonth } from '../service/days';
import { interpretVoiceCommand } from '../service/voiceCommands';

const MAX_FLOWS = 100;

export const Query: QueryResolvers = {
  // Campaigns are public: no sign-in needed to see what runs on a channel.
  campaigns: (_parent, { channel }, { identity, activeCampaigns }) => activeCampaigns(channel ?? salesChannelOf(identity)),

  // Analytics: staff only, never customers (an OPS session with the OPERATOR role).
  dailyActiveCustomers: (_parent, { from, to }, { identity, prisma }) => {
    requireStaffRole(identity, 'OPERATOR');
    return dailyActiveCustomers(prisma, parseDayRange(from, to));
  },
  monthlyActiveCustomers: (_parent, { month }, { identity, prisma }) => {
    requireStaffRole(identity, 'OPERATOR');
    const { from, until } = parseMonth(month, ['month']);
    return activeCustomersPerChannel(prisma, from, until);
  },
  sessionStats: (_parent, { from, to }, { identity, prisma }) => {
    requireStaffRole(identity, 'OPERATOR');
    return sessionStats(prisma, parseDayRange(from, to));
  },
  pageFlows: (_parent, { from, to, channel, first }, { identity, prisma }) => {
    requireStaffRole(identity, 'OPERATOR');
    const take = first ?? 20;
    if (!Number.isInteger(take) || take < 1 || take > MAX_FLOWS) throw badInput(`first 必须在 1 到 ${MAX_FLOWS} 之间`, ['first']);
    return pageFlows(prisma, parseDayRange(from, to), channel ?? null, take);
  },
  productPreferences: async (_parent, { from, to, customerId }, { identity, prisma }) => {
    requireStaffRole(identity, 'OPERATOR');
    return preferenceDistribution(await productViewsByKind(prisma, parseDayRange(from, to), customerId ?? null));
  },
  conversionFunnel: (_parent, { from, to }, { identity, prisma }) => {
    requireStaffRole(identity, 'OPERATOR');
    return conversionFunnel(prisma, parseDayRange(from, to));
  },

  // A signed-in customer's own voice command: a draft for a confirm screen, never a money movement.
  interpretVoiceCommand: (_parent, { text }, { identity, voice }) =>
    interpretVoiceCommand(voice, currentCustomerId(identity), salesChannelOf(identity), text),
};
