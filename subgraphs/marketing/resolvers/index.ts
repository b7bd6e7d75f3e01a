import { Coupon } from './Coupon';
import { Query } from './Query';
import { User } from './User';

export const resolvers = { Query, User, Coupon };
