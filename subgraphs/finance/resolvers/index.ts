import { Order } from './Order';
import { Payee } from './Payee';
import { User } from './User';

export const resolvers = { User, Order, Payee };
