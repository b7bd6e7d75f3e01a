import { Account } from './Account';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Transaction } from './Transaction';
import { User } from './User';

export const resolvers = { Query, Mutation, User, Account, Transaction };
