import { Coupon } from './Coupon';
import { Message } from './Message';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { User } from './User';
import { VoiceCommandDraft } from './VoiceCommandDraft';

export const resolvers = { Query, Mutation, User, Coupon, Message, VoiceCommandDraft };
