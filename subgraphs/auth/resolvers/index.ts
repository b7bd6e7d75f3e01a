import { Device } from './Device';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { RiskRule, SmsMessage } from './ValueTypes';
import { User } from './User';

export const resolvers = { Query, Mutation, User, Device, RiskRule, SmsMessage };
