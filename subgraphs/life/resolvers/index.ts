import { Bill } from './Bill';
import { Biller } from './Biller';
import { Query } from './Query';

export const resolvers = { Query, Biller, Bill };
