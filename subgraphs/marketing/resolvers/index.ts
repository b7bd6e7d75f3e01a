import { Coupon } from './Coupon';
import { Message } from './Message';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { rewardMutations, rewardQueries } from './rewards';
import { User } from './User';
import { VoiceCommandDraft } from './VoiceCommandDraft';

export const resolvers = {
  Query: { ...Query, ...rewardQueries },
  Mutation: { ...Mutation, ...rewardMutations },
  User,
  Coupon,
  Message,
  VoiceCommandDraft,
};
