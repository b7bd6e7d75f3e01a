import { Bill } from './Bill';
import { BillAccount } from './BillAccount';
import { BillPayment } from './BillPayment';
import { Biller } from './Biller';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { TopUp } from './TopUp';
import { User } from './User';

export const resolvers = { Query, Mutation, Biller, Bill, BillAccount, BillPayment, TopUp, User };
