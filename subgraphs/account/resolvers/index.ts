import { Account } from './Account';
import { Query } from './Query';
import { Transaction } from './Transaction';
import { User } from './User';

export const resolvers = { Query, User, Account, Transaction };
